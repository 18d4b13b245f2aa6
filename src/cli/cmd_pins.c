/*
 * cmd_pins.c: two views of the inventory of model ids in use (inventory.c).
 * `pincheck pins [--rev REV] [--include-prose] [PATH...]`: each id with
 * provider, class, count and locations (SPEC section 3). `pincheck drill
 * [--rev REV]`: the migration-drill report of each pinned id (SPEC section
 * 6): snapshot date and age, deprecation and retirement, the newest
 * passing eval result under eval.dir, and when the next drill is due.
 */
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/inventory.h"
#include "cli.h"

enum { PINS_REV, PINS_PROSE };
enum { DRILL_REV };

static const cli_option pins_options[] = {
	[PINS_REV] = { "--rev", NULL, "REV", "a revision's tree, not the working tree" },
	[PINS_PROSE] = { "--include-prose", NULL, NULL, "ids in comments and documents too" },
	{ NULL, NULL, NULL, NULL }
};

static int inventory(pc_inventory *inv, pc_cli *cli, const char *rev, bool prose, unsigned how,
		     char **paths, int npaths)
{
	pc_check_opts o;
	pc_target t;
	int err;
	memset(inv, 0, sizeof(*inv));
	if ((err = cli_setup(cli, rev != NULL)) < 0)
		return err;
	o = cli_check_opts(cli, prose ? PC_CHECK_PROSE : 0);
	if ((err = cli_target(&t, cli, rev, false, paths, npaths)) >= 0)
		err = pc_inventory_build(inv, cli->repo, &o, &t, how);
	cli_target_free(&t);
	return err;
}

static int run_pins(pc_cli *cli, const cli_args *a)
{
	pc_inventory inv;
	pc_buf b = PC_BUF_INIT;
	pc_format fmt = cli->report.format;
	/* JSON and the BOM carry each id's lifecycle and drill status */
	bool life = fmt == PC_FORMAT_JSON || fmt == PC_FORMAT_CYCLONEDX;
	int err;

	if (fmt == PC_FORMAT_SARIF || fmt == PC_FORMAT_GITHUB)
		fprintf(stderr, "pincheck: pins prints text, json, csv, markdown or cyclonedx; "
			"using text\n");
	err = inventory(&inv, cli, a->opt[PINS_REV], a->opt[PINS_PROSE] != NULL,
			life ? PC_INVENTORY_EVALS : 0, a->pos, a->npos);
	if (err >= 0) {
		if (life)
			pc_inventory_lifecycle(&inv, cli->rs, &cli->cfg, cli->today);
		if (fmt == PC_FORMAT_CYCLONEDX)
			pc_report_pins_bom(&b, &inv, CLI_VERSION);
		else
			pc_report_pins(&b, &inv, fmt, cli->verbose);
		fwrite(b.ptr, 1, b.len, stdout);
	}
	pc_buf_free(&b);
	pc_inventory_free(&inv);
	return err < 0 ? cli_fail(err) : EXIT_CLEAN;
}

const cli_command cmd_pins = {
	"pins", "[--rev REV] [--include-prose] [PATH...]", "inventory of model ids in use",
	pins_options, run_pins, false
};

static int run_drill(pc_cli *cli, const cli_args *a)
{
	pc_inventory inv;
	pc_drill d;
	pc_buf b = PC_BUF_INIT;
	pc_format fmt = cli->report.format;
	int err;

	if (a->npos)
		return cli_usage("drill: unknown argument '%s'", a->pos[0]);
	/* A drill is a table of models, not findings in files: no SARIF result
	 * or workflow annotation has a place for it. */
	if (fmt != PC_FORMAT_TEXT && fmt != PC_FORMAT_JSON && fmt != PC_FORMAT_CSV &&
	    fmt != PC_FORMAT_MARKDOWN)
		return cli_usage("drill: --format %s is not supported; use text, json, csv or markdown",
				 pc_format_name(fmt));
	if ((err = inventory(&inv, cli, a->opt[DRILL_REV], false,
			       PC_INVENTORY_EVALS | PC_INVENTORY_NO_EVAL_REFS, NULL, 0)) >= 0) {
		pc_drill_build(&d, &inv, cli->rs, &cli->cfg, cli->today);
		pc_report_drill(&b, &d, fmt);
		fwrite(b.ptr, 1, b.len, stdout);
		err = d.attention ? EXIT_FINDINGS : EXIT_CLEAN;
		pc_drill_free(&d);
	}
	pc_buf_free(&b);
	pc_inventory_free(&inv);
	return err < 0 ? cli_fail(err) : err;
}

static const cli_option drill_options[] = {
	[DRILL_REV] = { "--rev", NULL, "REV", "a revision's tree, not the working tree" },
	{ NULL, NULL, NULL, NULL }
};

const cli_command cmd_drill = {
	"drill", "[--rev REV]", "migration-drill report for each pinned model", drill_options,
	run_drill, false
};

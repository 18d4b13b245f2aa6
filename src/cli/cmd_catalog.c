/*
 * cmd_catalog.c: `pincheck catalog import FILE... [-o OUT]` (SPEC section
 * 10): providers' saved model lists, recognised by content, become one
 * rule file of lifecycle facts dated today (PINCHECK_TODAY in tests),
 * written to OUT or standard output (match/catalog.c). A config lists it
 * under `catalogs:`. No repository, config or network is needed.
 */
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/catalog.h"
#include "cli.h"

enum { CATALOG_OUTPUT };

static const cli_option catalog_options[] = {
	[CATALOG_OUTPUT] = { "-o", "--output", "OUT", "write the rule file to OUT, not stdout" },
	{ NULL, NULL, NULL, NULL }
};

static int run_catalog(pc_cli *cli, const cli_args *a)
{
	pc_catalog cat = PC_CATALOG_INIT;
	pc_buf out = PC_BUF_INIT;
	const char *path = a->opt[CATALOG_OUTPUT];
	int i, err = 0;

	if (!a->npos || strcmp(a->pos[0], "import"))
		return cli_usage("catalog: use `catalog import FILE... [-o OUT]`");
	if (a->npos < 2)
		return cli_usage("catalog import: name the saved model lists to read");
	if (path && !*path)
		return cli_usage("catalog import: -o needs a file name");
	cli_today(cli->today);
	for (i = 1; i < a->npos && err >= 0; i++) {
		pc_buf in = PC_BUF_INIT;
		if ((err = pc_buf_read_file(&in, a->pos[i], PC_MAX_CATALOG_LIST)) >= 0)
			err = pc_catalog_read(&cat, a->pos[i], in.ptr ? in.ptr : "", in.len,
					      cli->today);
		pc_buf_free(&in);
	}
	if (err >= 0) {
		pc_catalog_write(&out, &cat, cli->today);
		if (path)
			err = pc_buf_write_file(&out, path, "the catalog");
		else
			fwrite(out.ptr, 1, out.len, stdout);
	}
	if (err >= 0 && path)
		fprintf(stderr, "pincheck: wrote %zu lifecycle facts to %s (list it under "
			"`catalogs:` in .pincheck.yml)\n", cat.nmodels, path);
	pc_buf_free(&out);
	pc_catalog_free(&cat);
	return err < 0 ? cli_fail(err) : EXIT_CLEAN;
}

const cli_command cmd_catalog = {
	"catalog", "import FILE... [-o OUT]",
	"providers' saved model lists to a rule file of lifecycle facts", catalog_options,
	run_catalog, false
};

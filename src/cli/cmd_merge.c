/*
 * cmd_merge.c: `pincheck merge FILE...` (SPEC section 9): the `pins
 * --format json` of many repositories as one inventory (merge.c), in every
 * format pins has. It reads nothing but the files: no repository, config
 * or catalog, so a CI job can merge what the jobs of a matrix uploaded.
 */
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/merge.h"
#include "cli.h"

static int run_merge(pc_cli *cli, const cli_args *a)
{
	pc_merge m = PC_MERGE_INIT;
	pc_buf b = PC_BUF_INIT;
	pc_format fmt = cli->report.format;
	int i, err = 0;

	if (!a->npos)
		return cli_usage("merge: no inventory given (the output of `pincheck --format json "
				 "pins`, one a repository)");
	if (fmt == PC_FORMAT_SARIF || fmt == PC_FORMAT_GITHUB)
		return cli_usage("merge: --format %s is not supported; use text, json, csv, markdown "
				 "or cyclonedx", pc_format_name(fmt));
	for (i = 0; i < a->npos && err >= 0; i++) {
		pc_buf_clear(&b);
		if ((err = pc_buf_read_file(&b, a->pos[i], PC_MAX_INVENTORY)) >= 0)
			err = pc_merge_add(&m, a->pos[i], b.ptr ? b.ptr : "", b.len);
	}
	if (err >= 0)
		err = pc_merge_finish(&m);
	if (err >= 0) {
		pc_buf_clear(&b);
		if (fmt == PC_FORMAT_CYCLONEDX)
			pc_report_merge_bom(&b, &m, CLI_VERSION);
		else
			pc_report_merge(&b, &m, fmt);
		fwrite(b.ptr, 1, b.len, stdout);
	}
	pc_buf_free(&b);
	pc_merge_free(&m);
	return err < 0 ? cli_fail(err) : EXIT_CLEAN;
}

const cli_command cmd_merge = {
	"merge", "FILE...", "one inventory of many repositories' `pins` JSON", NULL, run_merge,
	false
};

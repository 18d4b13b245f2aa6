/*
 * cmd_rules.c: `pincheck rules list` (the active rules, by provider, with
 * each rule file's catalog_date), `pincheck rules show ID` (what one rule
 * means) and `pincheck rules test [FILE...]` (the
 * `tests` embedded in rule files, run through the real matcher with every
 * active rule, so a test also proves which rule wins an overlap).
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/limits.h"
#include "pincheck/buf.h"
#include "pincheck/match.h"
#include "pincheck/report.h"
#include "cli.h"

/* Does rule `r` come from the rule file `file`? (`where` is FILE:LINE:COL) */
static bool from_file(const pc_rule *r, const char *file)
{
	size_t n = strlen(file);
	return !strncmp(r->where, file, n) && r->where[n] == ':';
}

static void list(const pc_ruleset *rs)
{
	size_t p, i, n;
	/* By rule file: a file may hold rules of a second provider (Moonshot
	 * in qwen.yml), shown with their own provider name. */
	for (p = 0; p < rs->nproviders; p++) {
		const pc_provider *pv = &rs->providers[p];
		for (i = n = 0; i < rs->nrules; i++)
			n += from_file(&rs->rules[i], pv->where) && !rs->rules[i].disabled;
		printf("%s  catalog_date %s  %zu rules  (%s)\n", pv->name,
		       pv->catalog_date ? pv->catalog_date : "unknown", n, pv->where);
		for (i = 0; i < rs->nrules; i++) {
			const pc_rule *r = &rs->rules[i];
			if (!from_file(r, pv->where))
				continue;
			printf("  %-44s %-11s%s%s%s\n", r->id, pc_class_name(r->cls),
			       strcmp(r->provider, pv->name) ? " provider " : "",
			       strcmp(r->provider, pv->name) ? r->provider : "",
			       r->disabled ? "  (disabled)" : "");
		}
	}
	for (i = n = 0; i < rs->nrules; i++) {
		const pc_rule *r = &rs->rules[i];
		if (r->origin != PC_ORIGIN_CONFIG)
			continue;
		if (!n++)
			printf("repository rules (.pincheck.yml)\n");
		printf("  %-44s %-11s %s%s\n", r->id, pc_class_name(r->cls), r->provider,
		       r->disabled ? "  (disabled)" : "");
	}
}

static bool produces(pc_matcher *m, const pc_rule *r, const char *s, int *err)
{
	const pc_ref *refs;
	int n = r->multiline ? pc_match_file(m, s, strlen(s), &refs)
			     : pc_match_line(m, s, strlen(s), &refs), i;
	if (n >= 0 && r->cls == PC_CLASS_MASK)
		n = (int)pc_match_file_masks(m, &refs);
	pc_match_file_done(m);
	if (n < 0) {
		*err = n;
		return false;
	}
	for (i = 0; i < n; i++)
		if (refs[i].rule == r)
			return true;
	return false;
}

static int test(const pc_ruleset *rs, const char *only_file)
{
	pc_matcher *m;
	size_t i, j, npass = 0, nfail = 0, t = 0;
	int err = 0;

	if ((err = pc_matcher_new(&m, rs)) < 0)
		return cli_fail(err);
	for (i = 0; i < rs->nrules; i++) {
		const pc_rule *r = &rs->rules[i];
		if (r->disabled || (only_file && r->origin != PC_ORIGIN_FILE))
			continue;
		if (!r->ntest_match && r->origin != PC_ORIGIN_CONFIG) {
			printf("not ok %zu - %s: has no match tests (%s)\n", ++t, r->id, r->where);
			nfail++;
		}
		for (j = 0; j < r->ntest_match + r->ntest_no_match; j++) {
			bool want = j < r->ntest_match;
			const char *s = want ? r->test_match[j] : r->test_no_match[j - r->ntest_match];
			bool got = produces(m, r, s, &err);
			if (err < 0) {
				fprintf(stderr, "pincheck: %s\n", pc_error_last());
				got = !want;
				err = 0;
			}
			printf("%s %zu - %s: %s '%s'\n", got == want ? "ok" : "not ok", ++t, r->id,
			       want ? "matches" : "does not match", s);
			if (got == want)
				npass++;
			else
				nfail++;
		}
	}
	pc_matcher_free(m);
	printf("rules test: %zu passed, %zu failed\n", npass, nfail);
	return nfail ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* `rules test FILE...`: the files' rules join the active ones before
 * compiling, and only theirs are tested. */
static int test_files(pc_cli *cli, char **files, int n)
{
	pc_ruleset *rs;
	int err, i;
	pc_ruleset_free(cli->rs);
	cli->rs = NULL;
	if ((err = pc_config_rules(&rs, &cli->cfg, cli->no_default_rules)) < 0)
		return cli_fail(err);
	cli->rs = rs;
	for (i = 0; i < n; i++) {
		pc_buf b = PC_BUF_INIT;
		if ((err = pc_buf_read_file(&b, files[i], PC_MAX_RULE_FILE)) >= 0)
			err = pc_ruleset_add_file(rs, files[i], b.ptr ? b.ptr : "", b.len, PC_ORIGIN_FILE);
		pc_buf_free(&b);
		if (err < 0)
			return cli_fail(err);
	}
	if ((err = pc_ruleset_compile(rs)) < 0)
		return cli_fail(err);
	return test(rs, "files");
}

/* `rules show ID`: what one active rule means (report_rule.c). */
static int show(const pc_cli *cli, const char *id)
{
	const pc_rule *r = pc_ruleset_find(cli->rs, id);
	pc_buf b = PC_BUF_INIT;
	if (!r)
		return cli_usage("rules show: unknown rule id '%s' (`pincheck rules list` shows "
				 "the ids)", id);
	pc_report_rule(&b, cli->rs, r, &cli->cfg);
	fwrite(b.ptr, 1, b.len, stdout);
	pc_buf_free(&b);
	return EXIT_CLEAN;
}

static int run_rules(pc_cli *cli, const cli_args *a)
{
	const char *verb = a->npos ? a->pos[0] : "";
	bool is_list = !strcmp(verb, "list"), is_show = !strcmp(verb, "show");
	int err;
	if (!is_list && !is_show && strcmp(verb, "test"))
		return cli_usage("rules: use `rules list`, `rules show ID` or `rules test [FILE...]`");
	if (is_list && a->npos > 1)
		return cli_usage("rules list takes no arguments");
	if (is_show && a->npos != 2)
		return cli_usage("rules show takes one rule id");
	if ((err = cli_setup(cli, false)) < 0)
		return cli_fail(err);
	if (is_show)
		return show(cli, a->pos[1]);
	if (a->npos > 1)
		return test_files(cli, a->pos + 1, a->npos - 1);
	if (is_list) {
		list(cli->rs);
		return EXIT_CLEAN;
	}
	return test(cli->rs, NULL);
}

const cli_command cmd_rules = {
	"rules", "list | show ID | test [FILE...]",
	"the active rules; what one means; their embedded tests", NULL,
	run_rules, false
};

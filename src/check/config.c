/*
 * config.c: .pincheck.yml (SPEC section 4): parse, validate, and turn into
 * the active rule set and path filters.
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/glob.h"

static const char *const kind_names[PC_KIND__COUNT] = {
	"alias", "unapproved", "missing-eval", "bad-eval", "no-snapshot", "deprecated", "policy",
	"skipped", "retired",
};

const char *pc_kind_name(pc_kind kind)
{
	return kind_names[kind];
}

void pc_config_init(pc_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->default_rules = true;
	cfg->data_defaults = true;
	cfg->eval_for_bump = true;
	cfg->eval_dir = "evals/results";
	cfg->eval_max_age_days = 90;
	cfg->eval_min_pass_rate = 1.0;
	cfg->severity[PC_KIND_ALIAS] = PC_SEV_ERROR;
	cfg->severity[PC_KIND_UNAPPROVED] = PC_SEV_ERROR;
	cfg->severity[PC_KIND_MISSING_EVAL] = PC_SEV_ERROR;
	cfg->severity[PC_KIND_BAD_EVAL] = PC_SEV_ERROR;
	cfg->severity[PC_KIND_NO_SNAPSHOT] = PC_SEV_WARNING;
	cfg->severity[PC_KIND_DEPRECATED] = PC_SEV_WARNING;
	cfg->severity[PC_KIND_POLICY] = PC_SEV_ERROR;
	cfg->severity[PC_KIND_SKIPPED] = PC_SEV_WARNING;
	cfg->severity[PC_KIND_RETIRED] = PC_SEV_ERROR;
	cfg->drill_every_days = 90;
	cfg->drill_warn_days = 60;
}

void pc_config_free(pc_config *cfg)
{
	free(cfg->disable);
	free(cfg->exclude);
	free(cfg->include);
	free(cfg->data);
	free(cfg->approved);
	free(cfg->eval_trailers);
	free(cfg->eval_allow_urls);
	free(cfg->catalogs);
	free(cfg->eval_metrics);
	pc_doc_free(cfg->doc);
	free(cfg->path);
	memset(cfg, 0, sizeof(*cfg));
}

static int get_long(long *out, const pc_doc *doc, const pc_node *n, const char *what, long min)
{
	const char *s;
	char *end;
	long v;
	int err;
	if ((err = pc_doc_scalar(&s, doc, n, what)) < 0)
		return err;
	v = strtol(s, &end, 10);
	if (!n->plain || end == s || *end || v < min || v > 100000)
		return pc_doc_error(doc, n, "%s must be a whole number from %ld to 100000, not '%s'", what, min, s);
	*out = v;
	return 0;
}

/* A number from 0 to `max` (a share, a score): what eval tools report. */
static int get_share(double *out, const pc_doc *doc, const pc_node *n, const char *what, double max)
{
	const char *s;
	char *end;
	double v;
	int err;
	if ((err = pc_doc_scalar(&s, doc, n, what)) < 0)
		return err;
	v = strtod(s, &end);
	if (!n->plain || end == s || *end || strspn(s, "0123456789.eE+-") != strlen(s) ||
	    !(v >= 0 && v <= max))
		return pc_doc_error(doc, n, "%s must be a number %s, not '%s'", what,
				    max == 1 ? "from 0 to 1" : "of 0 or more", s);
	*out = v;
	return 0;
}

/* eval.metrics: {NAME: MINIMUM, ...}, a metric's name as its tool writes it. */
static int parse_metrics(pc_config *cfg, const pc_doc *doc, const pc_node *n)
{
	size_t i;
	int err;
	if (n->type != PC_NODE_MAP)
		return pc_doc_error(doc, n, "eval.metrics must be a mapping of metric names to "
				    "minimums (such as {accuracy: 0.9}), not %s", pc_node_kind(n));
	cfg->eval_metrics = pc_calloc(pc_map_size(n) + 1, sizeof(*cfg->eval_metrics));
	for (i = 0; i < pc_map_size(n); i++) {
		pc_buf what = PC_BUF_INIT;
		const char *name = pc_map_key(n, i)->value;
		if (!*name)
			return pc_doc_error(doc, pc_map_key(n, i), "eval.metrics: a metric name may not be empty");
		pc_buf_printf(&what, "eval.metrics.%s", name);
		err = get_share(&cfg->eval_metrics[i].min, doc, pc_map_value(n, i), what.ptr, 1e9);
		pc_buf_free(&what);
		if (err < 0)
			return err;
		cfg->eval_metrics[i].name = name;
		cfg->neval_metrics = i + 1;
	}
	return 0;
}

static int parse_paths(pc_config *cfg, const pc_doc *doc, const pc_node *n)
{
	static const char *const keys[] = { "exclude", "include", "data", "data_defaults", NULL };
	const pc_node *v;
	int err;
	if ((err = pc_doc_check_keys(doc, n, "paths", keys)) < 0)
		return err;
	if ((v = pc_map_get(n, "exclude")) &&
	    (err = pc_doc_strings(&cfg->exclude, &cfg->nexclude, doc, v, "paths.exclude")) < 0)
		return err;
	if ((v = pc_map_get(n, "include")) &&
	    (err = pc_doc_strings(&cfg->include, &cfg->ninclude, doc, v, "paths.include")) < 0)
		return err;
	if ((v = pc_map_get(n, "data")) &&
	    (err = pc_doc_strings(&cfg->data, &cfg->ndata, doc, v, "paths.data")) < 0)
		return err;
	if ((v = pc_map_get(n, "data_defaults")) &&
	    (err = pc_doc_bool(&cfg->data_defaults, doc, v, "paths.data_defaults")) < 0)
		return err;
	return 0;
}

static int parse_eval(pc_config *cfg, const pc_doc *doc, const pc_node *n)
{
	static const char *const keys[] = { "require_for", "trailer", "dir", "allow_urls",
					    "max_age_days", "min_pass_rate", "metrics",
					    "max_regression", NULL };
	const pc_node *v;
	int err;
	size_t i;
	if ((err = pc_doc_check_keys(doc, n, "eval", keys)) < 0)
		return err;
	if ((v = pc_map_get(n, "require_for"))) {
		const char **req;
		size_t nreq;
		if ((err = pc_doc_strings(&req, &nreq, doc, v, "eval.require_for")) < 0)
			return err;
		cfg->eval_for_bump = cfg->eval_for_new = false;
		for (i = 0; i < nreq; i++) {
			if (!strcmp(req[i], "bump")) {
				cfg->eval_for_bump = true;
			} else if (!strcmp(req[i], "new")) {
				cfg->eval_for_new = true;
			} else {
				err = pc_doc_error(doc, v, "eval.require_for takes bump and new, not '%s'", req[i]);
				free(req);
				return err;
			}
		}
		free(req);
	}
	if ((v = pc_map_get(n, "trailer"))) {
		if ((err = pc_doc_strings(&cfg->eval_trailers, &cfg->neval_trailers, doc, v, "eval.trailer")) < 0)
			return err;
		for (i = 0; i < cfg->neval_trailers; i++) {
			const char *p = cfg->eval_trailers[i];
			if (!*p)
				return pc_doc_error(doc, v, "eval.trailer may not be empty");
			for (; *p; p++)
				if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
				      (*p >= '0' && *p <= '9') || *p == '-'))
					return pc_doc_error(doc, v, "eval.trailer '%s' is not a git trailer key (letters, digits, '-')", cfg->eval_trailers[i]);
		}
	}
	if ((v = pc_map_get(n, "dir"))) {
		if ((err = pc_doc_scalar(&cfg->eval_dir, doc, v, "eval.dir")) < 0)
			return err;
		if (!*cfg->eval_dir || cfg->eval_dir[0] == '/' || strstr(cfg->eval_dir, ".."))
			return pc_doc_error(doc, v, "eval.dir must be a relative repository path without '..'");
	}
	if ((v = pc_map_get(n, "allow_urls"))) {
		if ((err = pc_doc_strings(&cfg->eval_allow_urls, &cfg->neval_allow_urls, doc, v, "eval.allow_urls")) < 0)
			return err;
		for (i = 0; i < cfg->neval_allow_urls; i++) {
			const pc_node *at = v->type == PC_NODE_SEQ ? v->items[i] : v;
			char msg[256];
			if (pc_regex_check(cfg->eval_allow_urls[i], msg, sizeof(msg)) < 0)
				return pc_doc_error(doc, at, "bad pattern in eval.allow_urls: %s", msg);
		}
	}
	if ((v = pc_map_get(n, "max_age_days")) &&
	    (err = get_long(&cfg->eval_max_age_days, doc, v, "eval.max_age_days", 1)) < 0)
		return err;
	if ((v = pc_map_get(n, "min_pass_rate")) &&
	    (err = get_share(&cfg->eval_min_pass_rate, doc, v, "eval.min_pass_rate", 1)) < 0)
		return err;
	if ((v = pc_map_get(n, "metrics")) && (err = parse_metrics(cfg, doc, v)) < 0)
		return err;
	if ((v = pc_map_get(n, "max_regression")) &&
	    (err = get_share(&cfg->eval_max_regression, doc, v, "eval.max_regression", 1e9)) < 0)
		return err;
	return 0;
}

static int parse_severity(pc_config *cfg, const pc_doc *doc, const pc_node *n)
{
	size_t i, k;
	int err;
	if (n->type != PC_NODE_MAP)
		return pc_doc_error(doc, n, "severity must be a mapping, not %s", pc_node_kind(n));
	for (i = 0; i < pc_map_size(n); i++) {
		const pc_node *key = pc_map_key(n, i);
		const char *s;
		for (k = 0; k < PC_KIND__COUNT; k++)
			if (!strcmp(key->value, kind_names[k]))
				break;
		if (k == PC_KIND__COUNT)
			return pc_doc_error(doc, key, "unknown finding kind '%s' in severity", key->value);
		if ((err = pc_doc_scalar(&s, doc, pc_map_value(n, i), "severity")) < 0)
			return err;
		if (pc_severity_parse(&cfg->severity[k], s) < 0)
			return pc_doc_error(doc, pc_map_value(n, i), "unknown severity '%s' (expected error, warning, note or off)", s);
	}
	return 0;
}

static int parse_drill(pc_config *cfg, const pc_doc *doc, const pc_node *n)
{
	static const char *const keys[] = { "every_days", "warn_before_retirement_days", NULL };
	const pc_node *v;
	int err;
	if ((err = pc_doc_check_keys(doc, n, "drill", keys)) < 0)
		return err;
	if ((v = pc_map_get(n, "every_days")) &&
	    (err = get_long(&cfg->drill_every_days, doc, v, "drill.every_days", 1)) < 0)
		return err;
	if ((v = pc_map_get(n, "warn_before_retirement_days")) &&
	    (err = get_long(&cfg->drill_warn_days, doc, v, "drill.warn_before_retirement_days", 0)) < 0)
		return err;
	return 0;
}

static int parse_server(pc_config *cfg, const pc_doc *doc, const pc_node *n)
{
	static const char *const keys[] = { "allow_policy_changes", NULL };
	const pc_node *v;
	int err;
	if ((err = pc_doc_check_keys(doc, n, "server", keys)) < 0)
		return err;
	if ((v = pc_map_get(n, "allow_policy_changes")) &&
	    (err = pc_doc_bool(&cfg->allow_policy_changes, doc, v, "server.allow_policy_changes")) < 0)
		return err;
	return 0;
}

/* catalogs: repository paths of imported lifecycle facts. Read from the
 * work tree, or HEAD's tree where the config is (cli.c), so never a path
 * out of the repository. */
static int parse_catalogs(pc_config *cfg, const pc_doc *doc, const pc_node *n)
{
	size_t i;
	int err;
	if ((err = pc_doc_strings(&cfg->catalogs, &cfg->ncatalogs, doc, n, "catalogs")) < 0)
		return err;
	for (i = 0; i < cfg->ncatalogs; i++) {
		const char *p = cfg->catalogs[i];
		const pc_node *at = n->type == PC_NODE_SEQ ? n->items[i] : n;
		if (!*p || p[0] == '/' || strstr(p, ".."))
			return pc_doc_error(doc, at, "catalogs: '%s' must be a relative repository "
					    "path without '..' (a file `pincheck catalog import` "
					    "wrote)", p);
	}
	return 0;
}

int pc_config_parse(pc_config *cfg, const char *name, const char *buf, size_t len)
{
	static const char *const keys[] = { "version", "default_rules", "rules", "disable", "paths",
					    "approved", "eval", "severity", "drill", "server", "baseline",
					    "catalogs", NULL };
	const pc_node *root, *v;
	const pc_doc *doc;
	int err;

	if ((err = pc_doc_parse(&cfg->doc, name, buf, len)) < 0)
		return err;
	cfg->path = pc_strdup(name);
	doc = cfg->doc;
	root = doc->root;
	if (!root)
		return 0; /* an empty file: all defaults */
	if ((err = pc_doc_check_keys(doc, root, "the configuration", keys)) < 0)
		return err;
	if ((v = pc_map_get(root, "version"))) {
		if (v->type != PC_NODE_SCALAR || strcmp(v->value, "1"))
			return pc_doc_error(doc, v, "unsupported version (this pincheck reads version: 1)");
	}
	if ((v = pc_map_get(root, "default_rules")) &&
	    (err = pc_doc_bool(&cfg->default_rules, doc, v, "default_rules")) < 0)
		return err;
	if ((v = pc_map_get(root, "rules")) && v->type != PC_NODE_SEQ)
		return pc_doc_error(doc, v, "rules must be a list, not %s", pc_node_kind(v));
	if ((v = pc_map_get(root, "disable")) &&
	    (err = pc_doc_strings(&cfg->disable, &cfg->ndisable, doc, v, "disable")) < 0)
		return err;
	if ((v = pc_map_get(root, "paths")) && (err = parse_paths(cfg, doc, v)) < 0)
		return err;
	if ((v = pc_map_get(root, "approved")) &&
	    (err = pc_doc_strings(&cfg->approved, &cfg->napproved, doc, v, "approved")) < 0)
		return err;
	if ((v = pc_map_get(root, "eval")) && (err = parse_eval(cfg, doc, v)) < 0)
		return err;
	if ((v = pc_map_get(root, "severity")) && (err = parse_severity(cfg, doc, v)) < 0)
		return err;
	if ((v = pc_map_get(root, "drill")) && (err = parse_drill(cfg, doc, v)) < 0)
		return err;
	if ((v = pc_map_get(root, "server")) && (err = parse_server(cfg, doc, v)) < 0)
		return err;
	if ((v = pc_map_get(root, "catalogs")) && (err = parse_catalogs(cfg, doc, v)) < 0)
		return err;
	if ((v = pc_map_get(root, "baseline"))) {
		if ((err = pc_doc_scalar(&cfg->baseline, doc, v, "baseline")) < 0)
			return err;
		if (!*cfg->baseline)
			return pc_doc_error(doc, v, "baseline must name a file (`pincheck baseline "
					    "create FILE` writes one)");
	}
	return 0;
}

int pc_config_rules(pc_ruleset **out, const pc_config *cfg, bool no_default_rules)
{
	pc_ruleset *rs = pc_ruleset_new();
	const pc_node *rules = cfg->doc && cfg->doc->root ? pc_map_get(cfg->doc->root, "rules") : NULL;
	size_t i;
	int err = 0;

	*out = NULL;
	rs->no_jit = cfg->no_jit;
	if (cfg->default_rules && !no_default_rules && (err = pc_ruleset_add_builtin(rs)) < 0)
		goto fail;
	for (i = 0; rules && i < rules->n; i++)
		if ((err = pc_ruleset_add_rule(rs, cfg->doc, rules->items[i], NULL, PC_ORIGIN_CONFIG)) < 0)
			goto fail;
	if (cfg->ndisable) {
		const pc_node *d = pc_map_get(cfg->doc->root, "disable");
		for (i = 0; i < cfg->ndisable; i++) {
			const pc_node *at = d->type == PC_NODE_SEQ ? d->items[i] : d;
			pc_buf where = PC_BUF_INIT;
			pc_buf_printf(&where, "%s:%d:%d", cfg->doc->name, at->line, at->col);
			err = pc_ruleset_disable(rs, cfg->disable[i], where.ptr);
			pc_buf_free(&where);
			if (err < 0)
				goto fail;
		}
	}
	if ((err = pc_ruleset_compile(rs)) < 0)
		goto fail;
	*out = rs;
	return 0;
fail:
	pc_ruleset_free(rs);
	return err;
}

bool pc_config_excluded(const pc_config *cfg, const char *path)
{
	size_t i;
	for (i = 0; i < cfg->nexclude; i++)
		if (pc_glob_match(cfg->exclude[i], path))
			return true;
	if (!cfg->ninclude)
		return false;
	for (i = 0; i < cfg->ninclude; i++)
		if (pc_glob_match(cfg->include[i], path))
			return false;
	return true;
}

/* Where recorded and generated data lives, by the conventions of the tools
 * that write it: VCR-style cassettes (vcrpy, pytest-recording, Polly.JS,
 * nock), snapshot tests (Jest, syrupy, insta), fixture data beside tests,
 * HAR recordings, JSON Lines (datasets, logs, batch files), generated JSON
 * schemas, static-site data files (Jekyll's _data), package managers' lock files,
 * tables (CSV, TSV: nobody chooses a model in a spreadsheet), and eval or
 * benchmark results (JSON, JSON Lines and tables under `results/` or
 * `outputs/`, and files named like `*results*.json` or `*_output*.json`).
 * Code in these folders is still code: only data files are data. */
static const char *const data_globs[] = {
	"**/cassettes/**", "**/__cassettes__/**", "**/__recordings__/**", "*.cassette.yaml",
	"*.cassette.yml", "*.cassette.json", "**/__snapshots__/**", "*.snap", "*.ambr",
	"**/__fixtures__/**", "*.har", "*.jsonl", "*.schema.json", "*_schema.json", "**/_data/**",
	"package-lock.json", "yarn.lock",
	"pnpm-lock.yaml", "poetry.lock", "uv.lock", "Pipfile.lock", "Cargo.lock", "Gemfile.lock",
	"composer.lock", "*.lock.yml", "*.lock.yaml", "*.lock.json", "*.csv", "*.tsv",
	"**/results/**/*.json", "**/outputs/**/*.json", "*results*.json", "*_output*.json", NULL
};

/* Is one folder of `path` one of `dirs`? */
static bool under(const char *path, const char *const *dirs)
{
	const char *p;
	size_t i, n;
	for (i = 0; dirs[i]; i++)
		for (n = strlen(dirs[i]), p = path; (p = strstr(p, dirs[i])); p += n)
			if ((p == path || p[-1] == '/') && p[n] == '/')
				return true;
	return false;
}

/* Test data beside tests: a data file (not code) under a folder named for
 * fixtures or test data, as test frameworks and Go name them, and a JSON
 * file under a folder of tests (a recorded call, an expected payload; a
 * test's settings are YAML or code, which stay choices). */
static bool fixture_data(const char *path)
{
	static const char *const dirs[] = { "fixtures", "test-fixtures", "test_fixtures",
					    "testdata", "test-data", "test_data", NULL };
	static const char *const tests[] = { "tests", "test", "__tests__", "spec", NULL };
	static const char *const exts[] = { ".json", ".jsonl", ".yaml", ".yml", ".txt", ".md",
					    ".csv", ".html", NULL };
	const char *dot = strrchr(path, '.');
	size_t i;
	for (i = 0; dot && exts[i] && strcmp(dot, exts[i]); i++)
		;
	if (!dot || !exts[i])
		return false;
	return under(path, dirs) || (!strcmp(dot, ".json") && under(path, tests));
}

bool pc_config_is_data(const pc_config *cfg, const char *path)
{
	size_t i;
	if (cfg->data_defaults && fixture_data(path))
		return true;
	for (i = 0; cfg->data_defaults && data_globs[i]; i++)
		if (pc_glob_match(data_globs[i], path))
			return true;
	for (i = 0; i < cfg->ndata; i++)
		if (pc_glob_match(cfg->data[i], path))
			return true;
	/* a catalog lists ids as facts about them: data, whatever its name */
	for (i = 0; i < cfg->ncatalogs; i++)
		if (!strcmp(cfg->catalogs[i], path))
			return true;
	return false;
}

/*
 * test_gate.c: the eval gate (gate.c) on pin changes built by hand, with
 * eval results in a tree written to a repository in a temporary directory:
 * a bump needs an Eval-Result trailer naming a passing, recent result for
 * the new model; first uses and approvals per eval.require_for; the
 * approved list; the limit on eval trailers.
 */
#define _XOPEN_SOURCE 700 /* nftw, to remove the temporary repository */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>
#include "pincheck/limits.h"
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/gate.h"
#include "pincheck/repo.h"
#include "../tmpdir.h"

#define OLD "acme-fast-2024-01-01"
#define NEW "acme-fast-2025-02-02"
#define COMMIT_DAY "2026-06-01"
#define EVAL_FILE(model, date, status) \
	"model: " model "\nsuite: smoke\ndate: " date "\nstatus: " status "\n"
#define GOOD_EVAL EVAL_FILE(NEW, "2026-05-20", "pass")

typedef struct {
	char dir[64];
	git_repository *repo;
	git_tree *tree;
	pc_config cfg;
	pc_trailers tr;
	bool have_message;
	pc_pin_changes pc;
	pc_findings out;
	const char *message_path;
	/* the `known` callback: does the parent tree mention the model? */
	bool known;
	int known_err;
	size_t known_calls;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	pc_pin_changes pc0 = PC_PIN_CHANGES_INIT;
	pc_findings out0 = PC_FINDINGS_INIT;
	pc_trailers tr0 = PC_TRAILERS_INIT;
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/pc-gate-XXXXXX");
	if (!mkdtemp(f->dir) || git_repository_init(&f->repo, f->dir, 0) < 0) {
		free(f);
		return -1;
	}
	f->pc = pc0;
	f->out = out0;
	f->tr = tr0;
	pc_config_init(&f->cfg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	git_tree_free(f->tree);
	git_repository_free(f->repo);
	tmpdir_remove(f->dir);
	pc_config_free(&f->cfg);
	pc_trailers_free(&f->tr);
	pc_pin_changes_free(&f->pc);
	pc_findings_free(&f->out);
	free(f);
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	return pc_repo_global_init();
}

static int group_teardown(void **state)
{
	(void)state;
	git_libgit2_shutdown();
	return 0;
}

static void config(fixture *f, const char *yaml)
{
	pc_config_free(&f->cfg);
	pc_config_init(&f->cfg);
	if (pc_config_parse(&f->cfg, ".pincheck.yml", yaml, strlen(yaml)) < 0)
		fail_msg("config: %s", pc_error_last());
}

/* The commit's tree: pairs of path and content, NULL-terminated. */
static void tree(fixture *f, ...)
{
	git_index *idx;
	git_oid id;
	const char *path;
	va_list ap;
	assert_int_equal(git_repository_index(&idx, f->repo), 0);
	assert_int_equal(git_index_clear(idx), 0);
	va_start(ap, f);
	while ((path = va_arg(ap, const char *))) {
		const char *data = va_arg(ap, const char *);
		git_index_entry e;
		memset(&e, 0, sizeof(e));
		e.path = path;
		e.mode = GIT_FILEMODE_BLOB;
		assert_int_equal(git_index_add_from_buffer(idx, &e, data, strlen(data)), 0);
	}
	va_end(ap);
	assert_int_equal(git_index_write_tree(&id, idx), 0);
	git_index_free(idx);
	git_tree_free(f->tree);
	assert_int_equal(git_tree_lookup(&f->tree, f->repo, &id), 0);
}

static void message(fixture *f, const char *msg)
{
	const pc_trailer_opts o = PC_TRAILER_OPTS_STORED;
	pc_trailers_free(&f->tr);
	pc_trailers_parse(&f->tr, msg, strlen(msg), &o);
	f->have_message = true;
}

static pc_pin_change *change(fixture *f, pc_pin_how how, const char *model, const char *replaces)
{
	pc_pin_change *x;
	f->pc.items = realloc(f->pc.items, (f->pc.n + 1) * sizeof(*f->pc.items));
	assert_non_null(f->pc.items);
	x = &f->pc.items[f->pc.n++];
	memset(x, 0, sizeof(*x));
	x->how = how;
	x->model = pc_strdup(model);
	x->replaces = pc_strdup(replaces);
	x->provider = pc_strdup("acme");
	x->rule = pc_strdup("acme-pinned");
	x->path = pc_strdup(how == PC_PIN_APPROVED ? ".pincheck.yml" : "app.py");
	x->line = 3;
	x->col = 5;
	x->span = strlen(model);
	x->source = pc_strdup("m = 'model'");
	x->source_col = 5;
	return x;
}

static int known_cb(bool *out, const char *model, void *payload)
{
	fixture *f = payload;
	(void)model;
	f->known_calls++;
	if (f->known_err)
		return pc_error_set(f->known_err, "cannot read the parent tree");
	*out = f->known;
	return 0;
}

/* Run the gate afresh: earlier findings are dropped. */
static int run(fixture *f, bool unapproved, bool eval)
{
	pc_findings out0 = PC_FINDINGS_INIT;
	pc_eval_ctx ectx;
	pc_gate g;
	pc_findings_free(&f->out);
	f->out = out0;
	memset(&ectx, 0, sizeof(ectx));
	ectx.repo = f->repo;
	ectx.tree = f->tree;
	ectx.cfg = &f->cfg;
	ectx.commit_day = pc_days_from_date(COMMIT_DAY);
	memset(&g, 0, sizeof(g));
	g.cfg = &f->cfg;
	g.out = &f->out;
	g.commit = "0123456789abcdef0123456789abcdef01234567";
	g.subject = "Bump the model";
	g.ref = "refs/heads/main";
	g.report_unapproved = unapproved;
	g.report_eval = eval;
	g.trailers = f->have_message ? &f->tr : NULL;
	g.message_path = f->message_path;
	g.ectx = &ectx;
	g.known = known_cb;
	g.payload = f;
	return pc_gate_run(&g, &f->pc);
}

static size_t count(const fixture *f, pc_kind kind)
{
	size_t i, n = 0;
	for (i = 0; i < f->out.n; i++)
		n += f->out.items[i].kind == kind;
	return n;
}

static const pc_finding *first(const fixture *f, pc_kind kind)
{
	size_t i;
	for (i = 0; i < f->out.n; i++)
		if (f->out.items[i].kind == kind)
			return &f->out.items[i];
	fail_msg("no %s finding among %zu", pc_kind_name(kind), f->out.n);
	return NULL;
}

static void assert_contains(const char *s, const char *needle)
{
	if (!s || !strstr(s, needle))
		fail_msg("'%s' does not contain '%s'", s ? s : "(null)", needle);
}

static void test_bump_without_trailer_is_refused(void **state)
{
	fixture *f = *state;
	const pc_finding *x;
	tree(f, "app.py", "m = 1\n", NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	message(f, "Bump the model\n\nNo trailer here.\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	x = first(f, PC_KIND_MISSING_EVAL);
	assert_int_equal(x->severity, PC_SEV_ERROR);
	assert_string_equal(x->model, NEW);
	assert_string_equal(x->path, "app.py");
	assert_int_equal(x->line, 3);
	assert_int_equal(x->col, 5);
	assert_string_equal(x->rule, "acme-pinned");
	assert_string_equal(x->commit, "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(x->subject, "Bump the model");
	assert_string_equal(x->ref, "refs/heads/main");
	assert_contains(x->message, NEW " replaces " OLD ": a pin bump needs a linked eval result");
	assert_contains(x->message, "`Eval-Result: evals/results/<result>.yaml`");
	/* a bump is not a first use: the parent tree was not asked */
	assert_int_equal(f->known_calls, 0);
}

static void test_passing_eval_lets_the_bump_through(void **state)
{
	fixture *f = *state;
	tree(f, "app.py", "m = 1\n", "evals/results/bump.yml", GOOD_EVAL, NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	message(f, "Bump the model\n\nEval-Result: evals/results/bump.yml\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);
}

static void test_provider_prefixed_model_in_eval_counts(void **state)
{
	fixture *f = *state;
	tree(f, "evals/results/bump.json",
	     "{\"models\": [\"other-1\", \"acme/" NEW "\"], \"suite\": \"s\", "
	     "\"date\": \"2026-06-01\", \"status\": \"pass\"}", NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	message(f, "Bump\n\nSigned-off-by: A <a@b>\neval-result: ./evals/results//bump.json\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);
}

static void test_no_message_no_eval_findings(void **state)
{
	fixture *f = *state;
	/* the pre-commit stage has no message yet and does not ask for the
	 * eval gate: only the approved list */
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	assert_int_equal(run(f, true, false), 0);
	assert_int_equal(f->out.n, 0);
	/* asked for the gate with no message at all, it fails closed: no
	 * trailers, so the bump has no eval */
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	assert_non_null(first(f, PC_KIND_MISSING_EVAL));
	/* and report_eval off ignores a message without trailer */
	message(f, "Bump\n");
	assert_int_equal(run(f, true, false), 0);
	assert_int_equal(f->out.n, 0);
}

static void test_failing_eval_is_a_bad_eval(void **state)
{
	fixture *f = *state;
	const pc_finding *x;
	tree(f, "evals/results/bump.yml", EVAL_FILE(NEW, "2026-05-20", "fail"), NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	message(f, "Bump\n\nEval-Result: evals/results/bump.yml\n");
	assert_int_equal(run(f, true, true), 0);
	/* the broken link says what is wrong; no missing-eval on top */
	assert_int_equal(f->out.n, 1);
	x = first(f, PC_KIND_BAD_EVAL);
	assert_contains(x->message, "Eval-Result: evals/results/bump.yml records a failing eval");
	/* without a message file, the finding points at the eval file */
	assert_string_equal(x->path, "evals/results/bump.yml");
	assert_int_equal(x->line, 0);
	assert_null(x->model);
}

static void test_bad_eval_points_at_the_message_file(void **state)
{
	fixture *f = *state;
	const pc_finding *x;
	tree(f, "evals/results/bump.yml", EVAL_FILE(NEW, "2026-05-20", "unknown"), NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	f->message_path = ".git/COMMIT_EDITMSG";
	message(f, "Bump\n\nBody.\n\nReviewed-by: B <b@c>\nEval-Result: evals/results/bump.yml\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	x = first(f, PC_KIND_BAD_EVAL);
	assert_contains(x->message, "status 'unknown'");
	assert_string_equal(x->path, ".git/COMMIT_EDITMSG");
	assert_int_equal(x->line, 6);
	assert_int_equal(x->col, 1);
}

static void test_eval_of_another_model(void **state)
{
	fixture *f = *state;
	const pc_finding *x;
	tree(f, "evals/results/old.yml", EVAL_FILE(OLD, "2026-05-20", "pass"), NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	message(f, "Bump\n\nEval-Result: evals/results/old.yml\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	x = first(f, PC_KIND_BAD_EVAL);
	/* about the pin change, not the file */
	assert_string_equal(x->model, NEW);
	assert_string_equal(x->path, "app.py");
	assert_int_equal(x->line, 3);
	assert_contains(x->message, "evals/results/old.yml evaluates " OLD ", not " NEW
				    ", which this change introduces (a pin bump).");
}

static void test_stale_and_future_evals(void **state)
{
	fixture *f = *state;
	config(f, "eval:\n  max_age_days: 10\n");
	/* 11 days before the commit: too old; exactly 10 days: fine */
	tree(f, "evals/results/stale.yml", EVAL_FILE(NEW, "2026-05-21", "pass"),
	     "evals/results/edge.yml", EVAL_FILE(NEW, "2026-05-22", "pass"),
	     "evals/results/future.yml", EVAL_FILE(NEW, "2026-06-02", "pass"), NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	message(f, "Bump\n\nEval-Result: evals/results/stale.yml\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	assert_contains(first(f, PC_KIND_BAD_EVAL)->message,
			"dated 2026-05-21, 11 days before the commit; eval.max_age_days is 10");

	message(f, "Bump\n\nEval-Result: evals/results/edge.yml\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);

	message(f, "Bump\n\nEval-Result: evals/results/future.yml\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	assert_contains(first(f, PC_KIND_BAD_EVAL)->message, "after the commit's date");
}

static void test_one_good_eval_among_broken_ones(void **state)
{
	fixture *f = *state;
	tree(f, "evals/results/good.yml", GOOD_EVAL, NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	message(f, "Bump\n\nEval-Result: evals/results/missing.yml\nEval-Result: evals/results/good.yml\n");
	assert_int_equal(run(f, true, true), 0);
	/* the bump is covered, but a broken link is still refused */
	assert_int_equal(f->out.n, 1);
	assert_contains(first(f, PC_KIND_BAD_EVAL)->message,
			"evals/results/missing.yml does not exist in the commit's tree");
}

static void test_broken_link_is_refused_without_pin_changes(void **state)
{
	fixture *f = *state;
	tree(f, "app.py", "x\n", NULL);
	message(f, "Docs\n\nEval-Result: ../secrets.yml\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	assert_contains(first(f, PC_KIND_BAD_EVAL)->message, "uses '..'");
}

static void test_unapproved_pins(void **state)
{
	fixture *f = *state;
	const pc_finding *x;
	config(f, "approved:\n  - acme/" OLD "\n  - zeta-1-v1\n");
	change(f, PC_PIN_INTRODUCED, NEW, NULL);
	change(f, PC_PIN_INTRODUCED, OLD, NULL);     /* approved with a provider prefix */
	change(f, PC_PIN_INTRODUCED, "acme/zeta-1-v1", NULL);
	change(f, PC_PIN_APPROVED, "acme-slow-2025-01-01", NULL); /* approving is no use */
	assert_int_equal(run(f, true, false), 0);
	assert_int_equal(f->out.n, 1);
	x = first(f, PC_KIND_UNAPPROVED);
	assert_string_equal(x->model, NEW);
	assert_string_equal(x->path, "app.py");
	assert_contains(x->message, NEW " is not on the approved list");
	/* the commit-msg stage does not report it */
	assert_int_equal(run(f, false, false), 0);
	assert_int_equal(f->out.n, 0);
}

/* A bump that approves NEW in the same change: NEW is approved for it (a
 * server's trusted config does not list it yet), and the approval itself
 * still needs its eval. */
static void test_approved_in_the_same_change(void **state)
{
	fixture *f = *state;
	config(f, "approved: [" OLD "]\n");
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	change(f, PC_PIN_APPROVED, "acme/" NEW, NULL);
	assert_int_equal(run(f, true, false), 0);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(count(f, PC_KIND_UNAPPROVED), 0);
	assert_int_equal(count(f, PC_KIND_MISSING_EVAL), 2);
	assert_string_equal(first(f, PC_KIND_MISSING_EVAL)->model, NEW);
}

static void test_no_approved_list_approves_everything(void **state)
{
	fixture *f = *state;
	change(f, PC_PIN_INTRODUCED, NEW, NULL);
	assert_int_equal(run(f, true, false), 0);
	assert_int_equal(f->out.n, 0);
}

static void test_first_use_needs_eval_only_with_require_for_new(void **state)
{
	fixture *f = *state;
	tree(f, "app.py", "x\n", NULL);
	change(f, PC_PIN_INTRODUCED, NEW, NULL);
	message(f, "Use a model\n");
	/* default require_for: [bump] */
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(f->known_calls, 0);

	config(f, "eval:\n  require_for: [new]\n");
	f->known = true; /* the parent tree uses it already */
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(f->known_calls, 1);

	f->known = false;
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	assert_contains(first(f, PC_KIND_MISSING_EVAL)->message,
			NEW " is introduced here: the repository's first use of this model needs");
}

static void test_require_for_without_bump(void **state)
{
	fixture *f = *state;
	tree(f, "app.py", "x\n", NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	message(f, "Bump\n");
	f->known = true;
	config(f, "eval:\n  require_for: [new]\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);
	config(f, "eval:\n  require_for: []\n");
	f->known = false;
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);
	assert_int_equal(f->known_calls, 1); /* only while `new` was required */
}

static void test_approving_needs_an_eval(void **state)
{
	fixture *f = *state;
	const pc_finding *x;
	tree(f, "app.py", "x\n", NULL);
	change(f, PC_PIN_APPROVED, NEW, NULL);
	message(f, "Approve\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	x = first(f, PC_KIND_MISSING_EVAL);
	assert_string_equal(x->path, ".pincheck.yml");
	assert_contains(x->message, "approving it needs a linked eval result");
	/* an existing config: `known` is not consulted */
	assert_int_equal(f->known_calls, 0);
}

static void test_new_config_approving_pins_in_use(void **state)
{
	fixture *f = *state;
	tree(f, "app.py", "x\n", NULL);
	change(f, PC_PIN_APPROVED, NEW, NULL)->new_config = true;
	message(f, "Adopt pincheck\n");
	f->known = true;
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);
	f->known = false;
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(count(f, PC_KIND_MISSING_EVAL), 1);
}

static void test_known_error_propagates(void **state)
{
	fixture *f = *state;
	config(f, "eval:\n  require_for: [bump, new]\n");
	tree(f, "app.py", "x\n", NULL);
	change(f, PC_PIN_INTRODUCED, NEW, NULL);
	message(f, "Use\n");
	f->known_err = PC_ERUNTIME;
	assert_int_equal(run(f, true, true), PC_ERUNTIME);
	assert_contains(pc_error_last(), "cannot read the parent tree");
	assert_int_equal(count(f, PC_KIND_MISSING_EVAL), 0);
}

static void test_custom_trailer_keys(void **state)
{
	fixture *f = *state;
	config(f, "eval:\n  trailer: [Eval, Model-Eval]\n");
	tree(f, "evals/results/good.yml", GOOD_EVAL, NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	/* the default key means nothing once others are configured */
	message(f, "Bump\n\nEval-Result: evals/results/good.yml\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	assert_contains(first(f, PC_KIND_MISSING_EVAL)->message, "`Eval: evals/results/<result>.yaml`");
	message(f, "Bump\n\nmodel-eval: evals/results/good.yml\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);
}

static void test_url_evals(void **state)
{
	fixture *f = *state;
	config(f, "eval:\n  allow_urls: ['https://evals\\.example\\.com/']\n");
	tree(f, "app.py", "x\n", NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	message(f, "Bump\n\nEval-Result: https://evals.example.com/run/42\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);
	message(f, "Bump\n\nEval-Result: https://evil.example.net/run/42\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	assert_contains(first(f, PC_KIND_BAD_EVAL)->message, "is not allowed by eval.allow_urls");
	/* a URL has no file to point at */
	assert_string_equal(first(f, PC_KIND_BAD_EVAL)->path, "");
}

static void test_severity_off_drops_the_finding(void **state)
{
	fixture *f = *state;
	config(f, "severity:\n  missing-eval: off\n  unapproved: warning\napproved: [zeta-1-v1]\n");
	tree(f, "app.py", "x\n", NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	message(f, "Bump\n");
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 1);
	assert_int_equal(first(f, PC_KIND_UNAPPROVED)->severity, PC_SEV_WARNING);
}

/* A message with `n` eval trailers, all naming the same good file. */
static void many_trailers(fixture *f, size_t n)
{
	pc_buf b = PC_BUF_INIT;
	size_t i;
	pc_buf_puts(&b, "Bump\n\n");
	for (i = 0; i < n; i++)
		pc_buf_puts(&b, "Eval-Result: evals/results/good.yml\n");
	message(f, b.ptr);
	pc_buf_free(&b);
}

static void test_eval_trailer_limit(void **state)
{
	fixture *f = *state;
	const pc_finding *x;
	tree(f, "evals/results/good.yml", GOOD_EVAL, NULL);
	change(f, PC_PIN_INTRODUCED, NEW, OLD);
	many_trailers(f, PC_MAX_EVAL_TRAILERS);
	assert_int_equal(run(f, true, true), 0);
	assert_int_equal(f->out.n, 0);

	f->message_path = "MSG";
	many_trailers(f, PC_MAX_EVAL_TRAILERS + 5);
	assert_int_equal(run(f, true, true), 0);
	/* refused once, at the first trailer over the limit */
	assert_int_equal(f->out.n, 1);
	x = first(f, PC_KIND_BAD_EVAL);
	assert_contains(x->message, "more than 64 eval trailers");
	assert_string_equal(x->path, "MSG");
	assert_int_equal(x->line, 3 + PC_MAX_EVAL_TRAILERS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_bump_without_trailer_is_refused),
		T(test_passing_eval_lets_the_bump_through),
		T(test_provider_prefixed_model_in_eval_counts),
		T(test_no_message_no_eval_findings),
		T(test_failing_eval_is_a_bad_eval),
		T(test_bad_eval_points_at_the_message_file),
		T(test_eval_of_another_model),
		T(test_stale_and_future_evals),
		T(test_one_good_eval_among_broken_ones),
		T(test_broken_link_is_refused_without_pin_changes),
		T(test_unapproved_pins),
		T(test_approved_in_the_same_change),
		T(test_no_approved_list_approves_everything),
		T(test_first_use_needs_eval_only_with_require_for_new),
		T(test_require_for_without_bump),
		T(test_approving_needs_an_eval),
		T(test_new_config_approving_pins_in_use),
		T(test_known_error_propagates),
		T(test_custom_trailer_keys),
		T(test_url_evals),
		T(test_severity_off_drops_the_finding),
		T(test_eval_trailer_limit),
#undef T
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

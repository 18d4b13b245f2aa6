/*
 * cmd_check.c: change checks. `pincheck check --staged` and the hooks that
 * git runs at commit time look at the staged change (the index being
 * committed against HEAD); `pincheck check REV | A..B` looks at commits,
 * each against its first parent (`--squash`: the range's overall diff once).
 * Reference findings come from added lines (prose decided from whole
 * files); pin changes and the commit message's eval trailers go through the
 * eval gate (gate.c).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pincheck/limits.h"
#include "pincheck/buf.h"
#include "pincheck/gate.h"
#include "pincheck/policy.h"
#include "pincheck/trailer.h"
#include "pincheck/watchdog.h"
#include "cli.h"

/* What one check run needs besides pc_check. */
typedef struct {
	pc_cli *cli;
	pc_check *c;
	bool refs;          /* report reference findings (not commit-msg) */
	bool unapproved;    /* report unapproved pins (not commit-msg) */
	bool eval;          /* run the eval gate (a message is known) */
	git_tree *parent;   /* for require_for: new */
	pc_eval_cache *evals; /* eval files and URL patterns, once per run */
} run;

/* Does any file of the parent tree mention the model? */
typedef struct {
	const char *model;
	bool found;
} mention;

static int mention_cb(const pc_file *f, void *payload)
{
	mention *m = payload;
	size_t n = strlen(m->model);
	const char *p = f->data, *end = f->data ? f->data + f->len : NULL;
	while (p && (size_t)(end - p) >= n && (p = memchr(p, m->model[0], (size_t)(end - p)))) {
		if ((size_t)(end - p) >= n && !memcmp(p, m->model, n)) {
			m->found = true;
			return -1000; /* stop the walk: found */
		}
		p++;
	}
	return 0;
}

static int known_in_parent(bool *out, const char *model, void *payload)
{
	run *r = payload;
	mention m = { model, false };
	pc_visitor v = { NULL, mention_cb, &m, 0, false };
	int err;
	*out = false;
	if (!r->parent)
		return 0; /* a root commit: everything is a first use */
	err = pc_source_tree(r->cli->repo->repo, r->parent, &v);
	if (err < 0 && !m.found)
		return err;
	*out = m.found;
	return 0;
}

/* The gate for one change, after its files were walked. */
static int gate(run *r, pc_pin_changes *pins, const pc_trailers *trailers, const char *msg_path,
		const pc_eval_ctx *ectx)
{
	pc_gate g;
	memset(&g, 0, sizeof(g));
	pc_pin_changes_finish(pins);
	g.cfg = r->c->cfg;
	g.out = r->c->out;
	g.commit = r->c->commit;
	g.subject = r->c->subject;
	g.ref = r->c->ref;
	g.report_unapproved = r->unapproved;
	g.report_eval = r->eval;
	g.trailers = trailers;
	g.message_path = msg_path;
	g.ectx = ectx;
	g.known = known_in_parent;
	g.payload = r;
	return pc_gate_run(&g, pins);
}

/* How git cleans a commit-msg file before it becomes the message
 * (git-commit(1) --cleanup, core.commentChar). */
static void commit_msg_options(pc_trailer_opts *o, pc_repo *repo)
{
	git_config *cfg = NULL;
	const char *editor = getenv("GIT_EDITOR");
	git_buf v = GIT_BUF_INIT;
	bool editing = !(editor && !strcmp(editor, ":"));

	o->comment_char = '#';
	o->cut_at_scissors = true; /* git commit -v: the diff is never message */
	/* git commit stores a "---" line as part of the message, and
	 * %(trailers) reads past it; so must this stage, or it would disagree
	 * with the check of the same commit on the server. */
	o->divider = false;
	o->strip_comments = editing;
	if (git_repository_config_snapshot(&cfg, repo->repo) < 0)
		return;
	if (git_config_get_string_buf(&v, cfg, "core.commentChar") == 0 && v.size == 1)
		o->comment_char = v.ptr[0]; /* "auto": git picks per message; keep '#' */
	git_buf_dispose(&v);
	if (git_config_get_string_buf(&v, cfg, "commit.cleanup") == 0) {
		if (!strcmp(v.ptr, "strip"))
			o->strip_comments = true;
		else if (!strcmp(v.ptr, "whitespace") || !strcmp(v.ptr, "verbatim") ||
			 !strcmp(v.ptr, "scissors"))
			o->strip_comments = false;
	}
	git_buf_dispose(&v);
	git_config_free(cfg);
}

static long commit_days(const git_commit *commit)
{
	long long t = (long long)git_commit_time(commit) + 60LL * git_commit_time_offset(commit);
	return (long)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
}

static int check_staged(run *r, const char *message)
{
	pc_cli *cli = r->cli;
	git_index *index;
	git_tree *head = NULL;
	pc_pin_changes pins = PC_PIN_CHANGES_INIT;
	pc_trailers trailers = PC_TRAILERS_INIT;
	pc_visitor v;
	int err;

	if (!cli->repo->workdir)
		return pc_error_set(PC_ERUNTIME, "a bare repository has no staged change");
	if ((err = pc_repo_index(&index, cli->repo)) < 0)
		return err;
	if ((err = pc_repo_head_tree(&head, cli->repo)) < 0)
		return err;
	if (message) {
		pc_buf b = PC_BUF_INIT;
		pc_trailer_opts o;
		if ((err = pc_buf_read_file(&b, message, PC_MAX_MESSAGE)) < 0) {
			pc_buf_free(&b);
			git_tree_free(head);
			return err;
		}
		commit_msg_options(&o, cli->repo);
		pc_trailers_parse(&trailers, b.ptr ? b.ptr : "", b.len, &o);
		pc_buf_free(&b);
	}
	r->c->pins = &pins;
	r->parent = head;
	v = pc_check_visitor(r->c);
	err = pc_source_staged(cli->repo->repo, head, index, &v);
	if (err >= 0) {
		pc_eval_ctx ectx = { .repo = cli->repo->repo, .index = index, .cfg = r->c->cfg,
				     .commit_day = cli_today_days(), .cache = r->evals };
		err = gate(r, &pins, message ? &trailers : NULL, message, &ectx);
	}
	r->c->pins = NULL;
	r->parent = NULL;
	pc_pin_changes_free(&pins);
	pc_trailers_free(&trailers);
	git_tree_free(head);
	return err;
}

static void stored_trailers(pc_trailers *t, const git_commit *commit)
{
	static const pc_trailer_opts stored = PC_TRAILER_OPTS_STORED;
	const char *msg = git_commit_message_raw(commit);
	pc_trailers_parse(t, msg ? msg : "", msg ? strlen(msg) : 0, &stored);
}

/*
 * libgit2's error for an object that is not there, and in a shallow clone
 * (CI checkouts often are) what is missing is history: say how to get it.
 */
static int history_error(pc_cli *cli, const char *what)
{
	char why[1024];
	int err = pc_git_error(what);
	if (git_repository_is_shallow(cli->repo->repo) != 1)
		return err;
	snprintf(why, sizeof(why), "%s", pc_error_last());
	return pc_error_set(PC_ERUNTIME,
			    "%s\n(this is a shallow clone, and the check needs history it does "
			    "not have: fetch more, e.g. `git fetch --deepen=1`, or check out "
			    "with actions/checkout's fetch-depth: 0)", why);
}


/* A policy finding in the commit's config file. */
typedef struct {
	pc_check *c;
	const char *path;
} policy_out;

static int policy_cb(int line, int col, const char *what, void *payload)
{
	policy_out *o = payload;
	pc_check *c = o->c;
	pc_finding *x;
	pc_buf msg = PC_BUF_INIT;
	if (c->cfg->severity[PC_KIND_POLICY] == PC_SEV_OFF)
		return 0;
	pc_buf_printf(&msg, "this push relaxes the server's policy: %s. A config on the branch is "
			    "trusted by later pushes, so it may only tighten; an administrator can "
			    "allow it with server: {allow_policy_changes: true} in the server's "
			    "config (--config or git config pincheck.config).", what);
	x = pc_findings_add(c->out);
	x->kind = PC_KIND_POLICY;
	x->severity = c->cfg->severity[PC_KIND_POLICY];
	x->path = pc_strdup(o->path);
	x->line = line > 0 ? (size_t)line : 0;
	x->col = col > 0 ? (size_t)col : 0;
	x->commit = pc_strdup(c->commit);
	x->subject = pc_strdup(c->subject);
	x->ref = pc_strdup(c->ref);
	x->message = pc_buf_detach(&msg);
	return 0;
}

static const git_oid *config_id(git_tree *tree)
{
	const git_tree_entry *te = NULL;
	if (tree && !(te = git_tree_entry_byname(tree, ".pincheck.yml")))
		te = git_tree_entry_byname(tree, ".pincheck.yaml");
	return te ? git_tree_entry_id(te) : NULL;
}

/*
 * Server side (SPEC section 4): the config a commit carries, against its
 * first parent's. A config that no longer loads relaxes it too: every
 * client hook would stop at it.
 */
static int check_policy(run *r, git_tree *parent, git_tree *tree)
{
	git_repository *repo = r->cli->repo->repo;
	const git_oid *a = config_id(parent), *b = config_id(tree);
	pc_config before, now;
	policy_out o = { r->c, NULL };
	const char *old_path;
	int err, e1, e2;

	if ((!a && !b) || (a && b && git_oid_equal(a, b)))
		return 0;
	e1 = pc_config_read_tree(&before, &old_path, repo, parent, NULL);
	e2 = pc_config_read_tree(&now, &o.path, repo, tree, NULL);
	if (!o.path)
		o.path = old_path;
	if (e1 == PC_ERUNTIME || e2 == PC_ERUNTIME) {
		err = PC_ERUNTIME;
	} else if (e2 < 0) {
		char why[1024];
		snprintf(why, sizeof(why), "the pushed config does not load (%s)", pc_error_last());
		err = policy_cb(0, 0, why, &o);
	} else {
		pc_ruleset *rs = NULL;
		if (pc_config_rules(&rs, &now, false) < 0) {
			char why[1024];
			snprintf(why, sizeof(why), "the pushed config does not load (%s)", pc_error_last());
			err = policy_cb(0, 0, why, &o);
		} else if (e1 < 0) {
			err = 0; /* a broken config made loadable: nothing to relax */
		} else {
			err = pc_policy_compare(&before, &now, policy_cb, &o);
		}
		pc_ruleset_free(rs);
	}
	pc_config_free(&before);
	pc_config_free(&now);
	return err;
}
int cli_walk_next(git_oid *id, git_revwalk *walk, pc_cli *cli)
{
	int e = git_revwalk_next(id, walk);
	if (e == 0 || e == GIT_ITEROVER)
		return e;
	/* never "0 commits, all clear" over history that cannot be read */
	return history_error(cli, "cannot walk the history");
}

static int check_one_commit(run *r, const git_oid *id)
{
	pc_check *c = r->c;
	git_commit *commit, *parent = NULL;
	git_tree *tree = NULL;
	pc_pin_changes pins = PC_PIN_CHANGES_INIT;
	pc_trailers trailers = PC_TRAILERS_INIT;
	pc_visitor v = pc_check_visitor(c);
	char hex[GIT_OID_HEXSZ + 1];
	const char *summary;
	int err;

	if (git_commit_lookup(&commit, r->cli->repo->repo, id) < 0) {
		char what[64];
		snprintf(what, sizeof(what), "cannot read commit %s", git_oid_tostr_s(id));
		return pc_git_error(what);
	}
	git_oid_tostr(hex, sizeof(hex), id);
	pc_watchdog_doing("checking commit %.12s%s%s", hex, c->ref ? " of " : "", c->ref ? c->ref : "");
	summary = git_commit_summary(commit);
	c->commit = hex;
	c->subject = summary ? summary : "";
	c->pins = &pins;
	if (git_commit_parentcount(commit) > 0 &&
	    (git_commit_parent(&parent, commit, 0) < 0 || git_commit_tree(&r->parent, parent) < 0)) {
		err = history_error(r->cli, "cannot read the commit's first parent");
		goto out;
	}
	if ((err = pc_source_commit(r->cli->repo->repo, commit, &v)) < 0)
		goto out;
	if (git_commit_tree(&tree, commit) < 0) {
		err = pc_git_error("cannot read the commit's tree");
		goto out;
	}
	if (r->cli->policy && (err = check_policy(r, r->parent, tree)) < 0)
		goto out;
	stored_trailers(&trailers, commit);
	{
		long days = r->cli->eval_days ? r->cli->eval_days : commit_days(commit);
		pc_eval_ctx ectx = { .repo = r->cli->repo->repo, .tree = tree, .cfg = c->cfg,
				     .commit_day = days, .cache = r->evals };
		err = gate(r, &pins, &trailers, NULL, &ectx);
	}
out:
	c->commit = c->subject = NULL;
	c->pins = NULL;
	c->out->commits++;
	pc_pin_changes_free(&pins);
	pc_trailers_free(&trailers);
	git_tree_free(tree);
	git_tree_free(r->parent);
	r->parent = NULL;
	git_commit_free(parent);
	git_commit_free(commit);
	return err;
}

int cli_check_commit(pc_cli *cli, pc_check *c, const git_oid *id)
{
	run r;
	int err;
	memset(&r, 0, sizeof(r));
	r.cli = cli;
	r.c = c;
	r.refs = r.unapproved = r.eval = true;
	c->no_refs = false;
	r.evals = pc_eval_cache_new(c->cfg);
	err = check_one_commit(&r, id);
	pc_eval_cache_free(r.evals);
	return err;
}

/* `--squash`: the range's overall diff once, trailers from any commit. */
static int check_squashed(run *r, git_revwalk *walk, const git_oid *from, const git_oid *to)
{
	pc_check *c = r->c;
	git_repository *repo = r->cli->repo->repo;
	git_commit *tip = NULL, *base = NULL;
	git_tree *tree = NULL;
	pc_pin_changes pins = PC_PIN_CHANGES_INIT;
	pc_trailers trailers = PC_TRAILERS_INIT;
	pc_visitor v = pc_check_visitor(c);
	git_oid id;
	int err = 0;

	if (git_commit_lookup(&tip, repo, to) < 0 || git_commit_tree(&tree, tip) < 0 ||
	    (from && (git_commit_lookup(&base, repo, from) < 0 ||
		      git_commit_tree(&r->parent, base) < 0))) {
		err = pc_git_error("cannot read the range's ends");
		goto out;
	}
	while ((err = git_revwalk_next(&id, walk)) == 0) {
		git_commit *one;
		pc_trailers t = PC_TRAILERS_INIT;
		size_t i;
		if (git_commit_lookup(&one, repo, &id) < 0) {
			err = pc_git_error("cannot read commit");
			goto out;
		}
		stored_trailers(&t, one);
		for (i = 0; i < t.n; i++) {
			PC_GROW(trailers.items, trailers.alloc, trailers.n + 1);
			trailers.items[trailers.n++] = t.items[i];
		}
		free(t.items);
		git_commit_free(one);
		c->out->commits++;
	}
	if (err != GIT_ITEROVER) {
		err = history_error(r->cli, "cannot walk the range");
		goto out;
	}
	c->pins = &pins;
	if ((err = pc_source_trees(repo, r->parent, tree, &v)) < 0)
		goto out;
	{
		pc_eval_ctx ectx = { .repo = repo, .tree = tree, .cfg = c->cfg,
				     .commit_day = commit_days(tip), .cache = r->evals };
		err = gate(r, &pins, &trailers, NULL, &ectx);
	}
out:
	c->pins = NULL;
	pc_pin_changes_free(&pins);
	pc_trailers_free(&trailers);
	git_tree_free(tree);
	git_tree_free(r->parent);
	r->parent = NULL;
	git_commit_free(base);
	git_commit_free(tip);
	return err;
}

static int resolve_commit(git_oid *out, pc_cli *cli, const char *rev)
{
	git_object *obj = NULL, *commit = NULL;
	pc_buf what = PC_BUF_INIT;
	int err = 0;
	if (git_revparse_single(&obj, cli->repo->repo, rev) < 0 ||
	    git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		pc_buf_printf(&what, "cannot resolve '%s' to a commit", rev);
		err = history_error(cli, what.ptr);
	} else {
		*out = *git_object_id(commit);
	}
	git_object_free(commit);
	git_object_free(obj);
	pc_buf_free(&what);
	return err;
}

/* REV (that commit alone) or A..B (reachable from B, not from A), oldest
 * first so the report reads like history. */
static int check_range(run *r, const char *range, bool squash)
{
	pc_cli *cli = r->cli;
	git_revwalk *walk = NULL;
	git_oid id, from, to;
	const char *dots = strstr(range, "..");
	int err = 0;

	if (!dots || dots[2] == '.') {
		if (dots)
			return pc_error_set(PC_EUSAGE, "'%s': use A..B (A...B is not supported)", range);
		if ((err = resolve_commit(&id, cli, range)) < 0)
			return err;
		if (!squash)
			return check_one_commit(r, &id);
	}
	if (git_revwalk_new(&walk, cli->repo->repo) < 0)
		return pc_git_error("cannot walk history");
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (dots) {
		char *a = pc_strndup(range, (size_t)(dots - range));
		err = resolve_commit(&from, cli, *a ? a : "HEAD");
		if (err >= 0)
			err = resolve_commit(&to, cli, dots[2] ? dots + 2 : "HEAD");
		free(a);
		if (err >= 0 && (git_revwalk_push(walk, &to) < 0 || git_revwalk_hide(walk, &from) < 0))
			err = pc_git_error("cannot walk the range");
	} else {
		/* REV with --squash: just that commit against its first parent */
		to = id;
		if (git_revwalk_push(walk, &id) < 0)
			err = pc_git_error("cannot walk the range");
		git_revwalk_simplify_first_parent(walk);
	}
	if (err >= 0 && squash) {
		git_commit *c = NULL;
		git_oid parent;
		bool has_from = dots != NULL;
		if (!dots && git_commit_lookup(&c, cli->repo->repo, &id) == 0 && git_commit_parentcount(c)) {
			parent = *git_commit_parent_id(c, 0);
			has_from = true;
			git_revwalk_hide(walk, &parent);
		}
		git_commit_free(c);
		err = check_squashed(r, walk, has_from ? (dots ? &from : &parent) : NULL, &to);
	} else {
		while (err >= 0 && (err = cli_walk_next(&id, walk, cli)) == 0)
			err = check_one_commit(r, &id);
		if (err == GIT_ITEROVER)
			err = 0;
	}
	git_revwalk_free(walk);
	return err;
}

/* Shared by `check` and the hooks. */
static int run_check(pc_cli *cli, const char *range, bool squash, const char *message,
		     FILE *out, bool commit_msg_stage)
{
	pc_findings f = PC_FINDINGS_INIT;
	pc_check c;
	run r;
	char today[11];
	int err, rc;

	if ((err = cli_setup(cli, true)) < 0)
		return cli_fail(err);
	if ((err = cli_check_init(cli, &c, &f, today)) < 0)
		return cli_fail(err);
	memset(&r, 0, sizeof(r));
	r.cli = cli;
	r.c = &c;
	f.of_commits = range != NULL;
	/* pre-commit: references and unapproved pins (no message yet);
	 * commit-msg: only the eval gate; check: everything it can see. */
	r.refs = !commit_msg_stage;
	r.unapproved = !commit_msg_stage;
	r.eval = range != NULL || message != NULL;
	c.no_refs = !r.refs;
	r.evals = pc_eval_cache_new(c.cfg);
	err = range ? check_range(&r, range, squash) : check_staged(&r, message);
	pc_eval_cache_free(r.evals);
	if (err < 0)
		rc = cli_fail(err);
	else if (out == stderr && f.n == 0 && !cli->verbose)
		rc = EXIT_CLEAN; /* a hook with nothing to say stays quiet */
	else
		rc = cli_report(cli, out, &f);
	pc_matcher_free(c.m);
	pc_findings_free(&f);
	return rc;
}

int cmd_check(pc_cli *cli, int argc, char **argv)
{
	const char *range = NULL, *message = NULL;
	bool staged = false, squash = false;
	int i;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--staged") || !strcmp(argv[i], "--cached")) {
			staged = true;
		} else if (!strcmp(argv[i], "--squash")) {
			squash = true;
		} else if (!strcmp(argv[i], "--message")) {
			if (++i >= argc)
				return cli_usage("check: --message needs a file");
			message = argv[i];
		} else if (argv[i][0] == '-') {
			return cli_usage("check: unknown option '%s'", argv[i]);
		} else if (!range) {
			range = argv[i];
		} else {
			return cli_usage("check: more than one range given");
		}
	}
	if (staged == (range != NULL))
		return cli_usage("check: give either --staged or a range (REV or A..B)");
	if (message && !staged)
		return cli_usage("check: --message goes with --staged");
	if (squash && !range)
		return cli_usage("check: --squash goes with a range");
	return run_check(cli, range, squash, message, stdout, false);
}

int cmd_hook(pc_cli *cli, int argc, char **argv)
{
	/* Hooks talk to the committer through stderr (git shows it). */
	if (argc < 2)
		return cli_usage("hook: which hook? (pre-commit, pre-merge-commit, commit-msg, "
				 "pre-push, pre-receive)");
	if (!strcmp(argv[1], "pre-commit") || !strcmp(argv[1], "pre-merge-commit")) {
		if (argc != 2)
			return cli_usage("hook %s takes no arguments", argv[1]);
		if (cli_hook_watchdog(cli, "the commit is stopped (git commit --no-verify skips "
					   "the hook)") < 0)
			return cli_fail(PC_ERUNTIME);
		return run_check(cli, NULL, false, NULL, stderr, false);
	}
	if (!strcmp(argv[1], "commit-msg")) {
		if (argc != 3)
			return cli_usage("hook commit-msg needs the message file");
		if (cli_hook_watchdog(cli, "the commit is stopped (git commit --no-verify skips "
					   "the hook)") < 0)
			return cli_fail(PC_ERUNTIME);
		return run_check(cli, NULL, false, argv[2], stderr, true);
	}
	if (!strcmp(argv[1], "pre-receive"))
		return cmd_pre_receive(cli, argc, argv);
	if (!strcmp(argv[1], "pre-push"))
		return cmd_pre_push(cli, argc, argv);
	return cli_usage("hook: unknown hook '%s'", argv[1]);
}

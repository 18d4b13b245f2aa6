/*
 * change.c: the change-check engine (see change.h) for the staged change,
 * one commit and ranges; push.c adds what a push brings. Reference
 * findings come from added lines (pc_check_visitor); pin changes and the
 * message's eval trailers go through the eval gate (gate.c); on the server
 * a commit's config is held against its parent's (policy.c).
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/baseline.h"
#include "pincheck/buf.h"
#include "pincheck/date.h"
#include "pincheck/gate.h"
#include "pincheck/limits.h"
#include "pincheck/policy.h"
#include "pincheck/watchdog.h"
#include "change_internal.h"

int pc_change_run_init(pc_change_run *r, pc_findings *out, pc_repo *repo,
		       const pc_change_opts *o)
{
	memset(r, 0, sizeof(*r));
	r->repo = repo;
	r->o = o;
	r->evals = pc_eval_cache_new(o->check.cfg);
	return pc_check_init(&r->c, &o->check, out);
}

void pc_change_run_free(pc_change_run *r)
{
	pc_check_free(&r->c);
	pc_eval_cache_free(r->evals);
	git_tree_free(r->parent);
	r->parent = NULL;
}

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
	pc_change_run *r = payload;
	mention m = { model, false };
	pc_visitor v = { NULL, mention_cb, &m, 0, false };
	int err;
	*out = false;
	if (!r->parent)
		return 0; /* a root commit: everything is a first use */
	err = pc_source_tree(r->repo->repo, r->parent, &v);
	if (err < 0 && !m.found)
		return err;
	*out = m.found;
	return 0;
}

/* The gate for one change, after its files were walked. */
static int gate(pc_change_run *r, const pc_change_at *at, const pc_trailers *trailers,
		const char *msg_path, const pc_eval_ctx *ectx)
{
	pc_gate g;
	memset(&g, 0, sizeof(g));
	pc_pin_changes_finish(at->pins);
	g.cfg = r->o->check.cfg;
	g.out = r->c.out;
	g.commit = at->commit;
	g.subject = at->subject;
	g.ref = at->ref;
	g.report_unapproved = r->o->unapproved;
	g.report_eval = r->o->eval;
	g.trailers = trailers;
	g.message_path = msg_path;
	g.ectx = ectx;
	g.known = known_in_parent;
	g.payload = r;
	return pc_gate_run(&g, at->pins);
}

void pc_change_message_opts(pc_trailer_opts *o, pc_repo *repo, bool editing)
{
	git_config *cfg = NULL;
	git_buf v = GIT_BUF_INIT;

	memset(o, 0, sizeof(*o));
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

/* The calendar day of a commit, in its author's own time zone. */
static long commit_days(const git_commit *commit)
{
	return pc_days_from_time((long long)git_commit_time(commit), git_commit_time_offset(commit));
}

int pc_change_staged(pc_findings *out, pc_repo *repo, const pc_change_opts *o,
		     const pc_message *msg)
{
	pc_change_run r;
	git_index *index = NULL;
	pc_pin_changes pins = PC_PIN_CHANGES_INIT;
	pc_trailers trailers = PC_TRAILERS_INIT;
	pc_change_at at = { NULL, NULL, NULL, &pins };
	pc_visitor v;
	int err;

	if (!repo->workdir)
		return pc_error_set(PC_ERUNTIME, "a bare repository has no staged change");
	if ((err = pc_change_run_init(&r, out, repo, o)) < 0 ||
	    (err = pc_repo_head_tree(&r.parent, repo)) < 0)
		goto out;
	if (msg) {
		pc_buf b = PC_BUF_INIT;
		if ((err = pc_buf_read_file(&b, msg->path, PC_MAX_MESSAGE)) < 0) {
			pc_buf_free(&b);
			goto out;
		}
		pc_trailers_parse(&trailers, b.ptr ? b.ptr : "", b.len, &msg->opts);
		pc_buf_free(&b);
	}
	v = pc_check_visitor(&r.c, &at);
	err = pc_source_staged_repo(repo, r.parent, &v);
	/* the eval files a message links are looked up in the whole index */
	if (err >= 0 && trailers.n)
		err = pc_repo_index(&index, repo);
	if (err >= 0) {
		pc_eval_ctx ectx = { .repo = repo->repo, .index = index, .cfg = o->check.cfg,
				     .commit_day = pc_days_from_date(o->check.today),
				     .cache = r.evals };
		err = gate(&r, &at, msg ? &trailers : NULL, msg ? msg->path : NULL, &ectx);
	}
out:
	pc_change_run_free(&r);
	pc_pin_changes_free(&pins);
	pc_trailers_free(&trailers);
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
static int history_error(pc_repo *repo, const char *what)
{
	char why[1024];
	int err = pc_git_error(what);
	if (git_repository_is_shallow(repo->repo) != 1)
		return err;
	snprintf(why, sizeof(why), "%s", pc_error_last());
	return pc_error_set(PC_ERUNTIME,
			    "%s (this is a shallow clone, and the check needs history it does "
			    "not have: fetch more, e.g. `git fetch --deepen=1`, or check out "
			    "with actions/checkout's fetch-depth: 0)", why);
}

int pc_change_walk_next(git_oid *id, git_revwalk *walk, pc_repo *repo)
{
	int e = git_revwalk_next(id, walk);
	if (e == 0 || e == GIT_ITEROVER)
		return e;
	/* never "0 commits, all clear" over history that cannot be read */
	return history_error(repo, "cannot walk the history");
}

/* A policy finding in the commit's config file. */
typedef struct {
	pc_findings *out;
	const pc_config *cfg;
	const pc_change_at *at;
	const char *path;
} policy_out;

static int policy_cb(int line, int col, const char *what, void *payload)
{
	policy_out *o = payload;
	pc_finding *x;
	pc_buf msg = PC_BUF_INIT;
	if (o->cfg->severity[PC_KIND_POLICY] == PC_SEV_OFF)
		return 0;
	pc_buf_printf(&msg, "this push relaxes the server's policy: %s. A config on the branch is "
			    "trusted by later pushes, so it may only tighten; an administrator can "
			    "allow it with server: {allow_policy_changes: true} in the server's "
			    "config (--config or git config pincheck.config).", what);
	x = pc_findings_add(o->out);
	x->kind = PC_KIND_POLICY;
	x->severity = o->cfg->severity[PC_KIND_POLICY];
	x->path = pc_strdup(o->path);
	x->line = line > 0 ? (size_t)line : 0;
	x->col = col > 0 ? (size_t)col : 0;
	x->commit = pc_strdup(o->at->commit);
	x->subject = pc_strdup(o->at->subject);
	x->ref = pc_strdup(o->at->ref);
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

static int cmp_fp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The baseline file `path` of `tree` into *b (none: empty). */
static int tree_baseline(pc_baseline *b, git_repository *repo, git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	int err = 0;
	if (!tree || git_tree_entry_bypath(&e, tree, path) < 0)
		return 0;
	if (git_blob_lookup(&blob, repo, git_tree_entry_id(e)) < 0)
		err = pc_git_error("cannot read the baseline file");
	else if (git_blob_rawsize(blob) > PC_MAX_BASELINE)
		err = pc_error_set(PC_ERUNTIME, "%s: larger than %d bytes", path, PC_MAX_BASELINE);
	else
		err = pc_baseline_parse(b, path, git_blob_rawcontent(blob),
					(size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	git_tree_entry_free(e);
	return err;
}

/*
 * The trusted config's baseline file is read from HEAD's tree, so a push
 * that adds an entry to it would exempt findings from every later push:
 * that relaxes the policy as a pushed config would. Removing entries (the
 * findings were fixed) tightens it and passes. A file that no longer
 * loads is refused too: every later push would fail on it.
 */
static int check_baseline_policy(pc_change_run *r, policy_out *o, git_tree *tree)
{
	const char *path = r->o->policy_baseline;
	git_repository *repo = r->repo->repo;
	pc_baseline before = PC_BASELINE_INIT, now = PC_BASELINE_INIT;
	git_tree_entry *a = NULL, *b = NULL;
	size_t i, j, added = 0;
	int err = 0;
	char why[1024];

	if (!path || path[0] == '/' || strstr(path, ".."))
		return 0; /* not a repository path: a push cannot change it */
	(void)git_tree_entry_bypath(&a, r->parent, path);
	(void)git_tree_entry_bypath(&b, tree, path);
	if ((!a && !b) || (a && b && git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b))))
		goto out;
	o->path = path;
	if ((err = tree_baseline(&now, repo, tree, path)) < 0) {
		if (err == PC_ERUNTIME)
			goto out;
		snprintf(why, sizeof(why), "the baseline file does not load (%s)", pc_error_last());
		err = policy_cb(0, 0, why, o);
		goto out;
	}
	if (tree_baseline(&before, repo, r->parent, path) < 0)
		pc_baseline_free(&before); /* a broken one: every entry is new */
	/* entries are a multiset: sorted, count those without a partner before */
	if (now.n)
		qsort(now.fp, now.n, sizeof(*now.fp), cmp_fp);
	if (before.n)
		qsort(before.fp, before.n, sizeof(*before.fp), cmp_fp);
	for (i = j = 0; i < now.n; i++) {
		while (j < before.n && strcmp(before.fp[j], now.fp[i]) < 0)
			j++;
		if (j < before.n && !strcmp(before.fp[j], now.fp[i]))
			j++;
		else
			added++;
	}
	if (added) {
		snprintf(why, sizeof(why), "the baseline file %s gains %zu entr%s: the findings they "
			 "hold would no longer be reported by later pushes", path, added,
			 added == 1 ? "y" : "ies");
		err = policy_cb(0, 0, why, o);
	}
out:
	pc_baseline_free(&before);
	pc_baseline_free(&now);
	git_tree_entry_free(a);
	git_tree_entry_free(b);
	return err;
}

/* The built-in lifecycle facts with the catalogs `paths` of `tree` layered
 * on them, as the server would load them once the tree is HEAD's. */
static int tree_facts(pc_ruleset **out, git_repository *repo, git_tree *tree,
		      const char *const *paths, size_t n)
{
	pc_ruleset *rs = pc_ruleset_new();
	size_t i;
	int err = pc_ruleset_add_builtin(rs);
	for (i = 0; i < n && err >= 0; i++) {
		git_tree_entry *e = NULL;
		git_blob *blob = NULL;
		if (!tree || git_tree_entry_bypath(&e, tree, paths[i]) < 0)
			continue; /* none: the built-in facts hold */
		if (git_blob_lookup(&blob, repo, git_tree_entry_id(e)) < 0)
			err = pc_git_error("cannot read a catalog file");
		else if (git_blob_rawsize(blob) > PC_MAX_CATALOG)
			err = pc_error_set(PC_EUSAGE, "%s: larger than %d bytes", paths[i],
					   PC_MAX_CATALOG);
		else
			err = pc_ruleset_add_file(rs, paths[i], git_blob_rawcontent(blob),
						  (size_t)git_blob_rawsize(blob), PC_ORIGIN_CATALOG);
		git_blob_free(blob);
		git_tree_entry_free(e);
	}
	*out = rs;
	return err;
}

/*
 * The trusted config's catalogs are read from HEAD's tree, so a push that
 * changes one changes the lifecycle facts of every later push: a date
 * dropped or moved later relaxes the policy as a pushed config would
 * (policy.c). A refresh that only adds facts or brings dates forward
 * passes; a file that no longer loads is refused.
 */
static int check_catalog_policy(pc_change_run *r, policy_out *o, git_tree *tree)
{
	const pc_change_opts *po = r->o;
	git_repository *repo = r->repo->repo;
	pc_ruleset *before = NULL, *now = NULL;
	size_t i;
	int err = 0;
	char why[1024];

	for (i = 0; i < po->npolicy_catalogs; i++) {
		git_tree_entry *a = NULL, *b = NULL;
		bool same;
		(void)git_tree_entry_bypath(&a, r->parent, po->policy_catalogs[i]);
		(void)git_tree_entry_bypath(&b, tree, po->policy_catalogs[i]);
		same = (!a && !b) || (a && b && git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)));
		git_tree_entry_free(a);
		git_tree_entry_free(b);
		if (!same)
			break;
	}
	if (i == po->npolicy_catalogs)
		return 0;
	o->path = po->policy_catalogs[i];
	if ((err = tree_facts(&now, repo, tree, po->policy_catalogs, po->npolicy_catalogs)) < 0) {
		if (err != PC_ERUNTIME) {
			snprintf(why, sizeof(why), "a catalog file does not load (%s)", pc_error_last());
			err = policy_cb(0, 0, why, o);
		}
	} else if (tree_facts(&before, repo, r->parent, po->policy_catalogs,
			      po->npolicy_catalogs) >= 0) {
		err = pc_policy_compare_facts(before, now, policy_cb, o);
	}
	/* else: a broken catalog made loadable: nothing to relax */
	pc_ruleset_free(before);
	pc_ruleset_free(now);
	return err;
}

/*
 * Server side (SPEC section 4): the config a commit carries, against its
 * first parent's. A config that no longer loads relaxes it too: every
 * client hook would stop at it.
 */
static int check_policy(pc_change_run *r, const pc_change_at *at, git_tree *tree)
{
	git_repository *repo = r->repo->repo;
	const git_oid *a = config_id(r->parent), *b = config_id(tree);
	pc_config before, now;
	policy_out o = { r->c.out, r->o->check.cfg, at, NULL };
	pc_ruleset *rs = NULL;
	const char *old_path;
	int err, e1, e2;

	if ((err = check_baseline_policy(r, &o, tree)) < 0 ||
	    (err = check_catalog_policy(r, &o, tree)) < 0)
		return err;
	o.path = NULL;
	if ((!a && !b) || (a && b && git_oid_equal(a, b)))
		return 0;
	e1 = pc_config_read_tree(&before, &old_path, repo, r->parent, NULL);
	e2 = pc_config_read_tree(&now, &o.path, repo, tree, NULL);
	if (!o.path)
		o.path = old_path;
	if (e2 >= 0) {
		now.no_jit = r->o->check.cfg->no_jit; /* the caller's choice, not the pusher's */
		e2 = pc_config_rules(&rs, &now, false);
	}
	if (e1 == PC_ERUNTIME || e2 == PC_ERUNTIME) {
		err = PC_ERUNTIME;
	} else if (e2 < 0) {
		char why[1024];
		snprintf(why, sizeof(why), "the pushed config does not load (%s)", pc_error_last());
		err = policy_cb(0, 0, why, &o);
	} else if (e1 < 0) {
		err = 0; /* a broken config made loadable: nothing to relax */
	} else {
		err = pc_policy_compare(&before, &now, policy_cb, &o);
	}
	pc_ruleset_free(rs);
	pc_config_free(&before);
	pc_config_free(&now);
	return err;
}

int pc_change_commit(pc_change_run *r, const git_oid *id, const char *ref)
{
	git_commit *commit, *parent = NULL;
	git_tree *tree = NULL;
	pc_pin_changes pins = PC_PIN_CHANGES_INIT;
	pc_trailers trailers = PC_TRAILERS_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	pc_change_at at = { hex, NULL, ref, &pins };
	pc_visitor v;
	int err;

	if (git_commit_lookup(&commit, r->repo->repo, id) < 0) {
		char what[64];
		snprintf(what, sizeof(what), "cannot read commit %s", git_oid_tostr_s(id));
		return pc_git_error(what);
	}
	git_oid_tostr(hex, sizeof(hex), id);
	pc_watchdog_doing("checking commit %.12s%s%s", hex, ref ? " of " : "", ref ? ref : "");
	at.subject = git_commit_summary(commit) ? git_commit_summary(commit) : "";
	v = pc_check_visitor(&r->c, &at);
	git_tree_free(r->parent);
	r->parent = NULL;
	if (git_commit_parentcount(commit) > 0 &&
	    (git_commit_parent(&parent, commit, 0) < 0 || git_commit_tree(&r->parent, parent) < 0)) {
		err = history_error(r->repo, "cannot read the commit's first parent");
		goto out;
	}
	if ((err = pc_source_commit(r->repo->repo, commit, &v)) < 0)
		goto out;
	if (git_commit_tree(&tree, commit) < 0) {
		err = pc_git_error("cannot read the commit's tree");
		goto out;
	}
	if (r->o->policy && (err = check_policy(r, &at, tree)) < 0)
		goto out;
	stored_trailers(&trailers, commit);
	{
		pc_eval_ctx ectx = { .repo = r->repo->repo, .tree = tree, .cfg = r->o->check.cfg,
				     .commit_day = r->o->eval_day ? r->o->eval_day : commit_days(commit),
				     .cache = r->evals };
		err = gate(r, &at, &trailers, NULL, &ectx);
	}
out:
	r->c.out->commits++;
	pc_pin_changes_free(&pins);
	pc_trailers_free(&trailers);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(commit);
	return err;
}

/* `--squash`: the range's overall diff once, trailers from any commit. */
static int check_squashed(pc_change_run *r, git_revwalk *walk, const git_oid *from,
			  const git_oid *to)
{
	git_repository *repo = r->repo->repo;
	git_commit *tip = NULL, *base = NULL;
	git_tree *tree = NULL;
	pc_pin_changes pins = PC_PIN_CHANGES_INIT;
	pc_trailers trailers = PC_TRAILERS_INIT;
	pc_change_at at = { NULL, NULL, NULL, &pins };
	pc_visitor v = pc_check_visitor(&r->c, &at);
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
		r->c.out->commits++;
	}
	if (err != GIT_ITEROVER) {
		err = history_error(r->repo, "cannot walk the range");
		goto out;
	}
	if ((err = pc_source_trees(repo, r->parent, tree, &v)) < 0)
		goto out;
	{
		pc_eval_ctx ectx = { .repo = repo, .tree = tree, .cfg = r->o->check.cfg,
				     .commit_day = commit_days(tip), .cache = r->evals };
		err = gate(r, &at, &trailers, NULL, &ectx);
	}
out:
	pc_pin_changes_free(&pins);
	pc_trailers_free(&trailers);
	git_tree_free(tree);
	git_commit_free(base);
	git_commit_free(tip);
	return err;
}

static int resolve_commit(git_oid *out, pc_repo *repo, const char *rev)
{
	git_object *obj = NULL, *commit = NULL;
	pc_buf what = PC_BUF_INIT;
	int err = 0;
	if (git_revparse_single(&obj, repo->repo, rev) < 0 ||
	    git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		pc_buf_printf(&what, "cannot resolve '%s' to a commit", rev);
		err = history_error(repo, what.ptr);
	} else {
		*out = *git_object_id(commit);
	}
	git_object_free(commit);
	git_object_free(obj);
	pc_buf_free(&what);
	return err;
}

/* The walk of a range A..B (reachable from B, not from A) or, with
 * squash, of REV alone: oldest first, so the report reads like history.
 * *from is the base the squashed diff starts from, if any. */
static int range_walk(git_revwalk **out, git_oid *to, git_oid *from, bool *has_from,
		      pc_repo *repo, const char *range, const char *dots)
{
	git_revwalk *walk = NULL;
	int err = 0;

	*has_from = false;
	if (git_revwalk_new(&walk, repo->repo) < 0)
		return pc_git_error("cannot walk history");
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (dots) {
		char *a = pc_strndup(range, (size_t)(dots - range));
		err = resolve_commit(from, repo, *a ? a : "HEAD");
		if (err >= 0)
			err = resolve_commit(to, repo, dots[2] ? dots + 2 : "HEAD");
		free(a);
		if (err >= 0 && (git_revwalk_push(walk, to) < 0 || git_revwalk_hide(walk, from) < 0))
			err = pc_git_error("cannot walk the range");
		*has_from = true;
	} else {
		/* REV with --squash: just that commit against its first parent */
		git_commit *c = NULL;
		if (git_revwalk_push(walk, to) < 0)
			err = pc_git_error("cannot walk the range");
		git_revwalk_simplify_first_parent(walk);
		if (err >= 0 && git_commit_lookup(&c, repo->repo, to) == 0 && git_commit_parentcount(c)) {
			*from = *git_commit_parent_id(c, 0);
			*has_from = true;
			git_revwalk_hide(walk, from);
		}
		git_commit_free(c);
	}
	if (err < 0) {
		git_revwalk_free(walk);
		walk = NULL;
	}
	*out = walk;
	return err;
}

int pc_change_range(pc_findings *out, pc_repo *repo, const pc_change_opts *o, const char *range,
		    bool squash)
{
	pc_change_run r;
	git_revwalk *walk = NULL;
	git_oid id, from, to;
	const char *dots = strstr(range, "..");
	bool has_from;
	int err;

	out->of_commits = true;
	if (dots && dots[2] == '.')
		return pc_error_set(PC_EUSAGE, "'%s': use A..B (A...B is not supported)", range);
	if (!dots && (err = resolve_commit(&to, repo, range)) < 0)
		return err;
	if ((err = pc_change_run_init(&r, out, repo, o)) < 0)
		goto out;
	if (!dots && !squash) {
		err = pc_change_commit(&r, &to, NULL);
		goto out;
	}
	if ((err = range_walk(&walk, &to, &from, &has_from, repo, range, dots)) < 0)
		goto out;
	if (squash) {
		err = check_squashed(&r, walk, has_from ? &from : NULL, &to);
	} else {
		while (err >= 0 && (err = pc_change_walk_next(&id, walk, repo)) == 0)
			err = pc_change_commit(&r, &id, NULL);
		if (err == GIT_ITEROVER)
			err = 0;
	}
out:
	git_revwalk_free(walk);
	pc_change_run_free(&r);
	return err;
}

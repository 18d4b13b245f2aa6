/*
 * cmd_push.c: the push hooks. `pincheck hook pre-receive` runs on the
 * server: every commit a push brings that no existing ref already reaches
 * is checked once, under the trusted configuration, and any error rejects
 * the whole push (fail closed). `pincheck hook pre-push` is the client's
 * twin: the commits the remote lacks. Pushed objects wait in git's
 * quarantine directory; repo.c adds it as an alternate object store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/limits.h"
#include "pincheck/buf.h"
#include "pincheck/watchdog.h"
#include "cli.h"

typedef struct {
	char *ref;
	git_oid tip;
} update;

typedef struct {
	update *u;
	size_t n, alloc;
} updates;

static bool is_zero(const char *hex)
{
	return strspn(hex, "0") == strlen(hex);
}

/* Read the hook's stdin: "OLD NEW REF" (pre-receive) or
 * "LOCAL-REF LOCAL-SHA REMOTE-REF REMOTE-SHA" (pre-push). */
static int read_updates(updates *out, updates *remote_tips, bool pre_push)
{
	char line[8192];
	size_t lineno = 0;
	while (fgets(line, sizeof(line), stdin)) {
		char a[256], b[256], c[4096], d[256];
		int n;
		update *u;
		git_oid id;
		if (++lineno > PC_MAX_PUSH_LINES)
			return pc_error_set(PC_ERUNTIME, "stdin: more than %d ref updates", PC_MAX_PUSH_LINES);
		if (!strchr(line, '\n') && !feof(stdin))
			return pc_error_set(PC_ERUNTIME, "stdin:%zu: line too long", lineno);
		n = sscanf(line, "%255s %255s %4095s %255s", a, b, c, d);
		if (n == 0 || n == EOF)
			continue;
		if (pre_push ? n != 4 : n != 3)
			return pc_error_set(PC_ERUNTIME, "stdin:%zu: expected %s, got '%.80s'", lineno,
					    pre_push ? "LOCAL-REF LOCAL-SHA REMOTE-REF REMOTE-SHA"
						     : "OLD NEW REF", line);
		{
			const char *tip = b, *name = pre_push ? a : c;
			const char *remote = pre_push ? d : NULL;
			if (remote && !is_zero(remote) && git_oid_fromstr(&id, remote) == 0) {
				PC_GROW(remote_tips->u, remote_tips->alloc, remote_tips->n + 1);
				remote_tips->u[remote_tips->n].ref = pc_strdup(name);
				remote_tips->u[remote_tips->n++].tip = id;
			}
			if (is_zero(tip))
				continue; /* a deletion brings no commits */
			if (git_oid_fromstr(&id, tip) < 0)
				return pc_error_set(PC_ERUNTIME, "stdin:%zu: '%s' is not an object id", lineno, tip);
			PC_GROW(out->u, out->alloc, out->n + 1);
			u = &out->u[out->n++];
			u->ref = pc_strdup(name);
			u->tip = id;
		}
	}
	if (ferror(stdin))
		return pc_error_set(PC_ERUNTIME, "stdin: read error");
	return 0;
}

static void updates_free(updates *u)
{
	size_t i;
	for (i = 0; i < u->n; i++)
		free(u->u[i].ref);
	free(u->u);
}

/* Hide what the other side already has, once for the whole push: every
 * existing ref (pre-receive: refs still hold their old values), or the
 * remote's refs and tips. A ref that does not peel to a commit hides
 * nothing: hiding less only checks more. */
static void hide_known(git_revwalk *walk, git_repository *repo, const char *glob,
		       const updates *remote_tips)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_odb *odb = NULL;
	size_t i;
	if ((glob ? git_reference_iterator_glob_new(&it, repo, glob)
		  : git_reference_iterator_new(&it, repo)) == 0) {
		while (git_reference_next(&ref, it) == 0) {
			git_object *obj = NULL;
			if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0)
				git_revwalk_hide(walk, git_object_id(obj));
			git_error_clear();
			git_object_free(obj);
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	if (!remote_tips || !remote_tips->n || git_repository_odb(&odb, repo) < 0)
		return;
	/* a remote tip we do not have cannot be hidden: not fatal */
	for (i = 0; i < remote_tips->n; i++)
		if (git_odb_exists(odb, &remote_tips->u[i].tip))
			git_revwalk_hide(walk, &remote_tips->u[i].tip);
	git_error_clear();
	git_odb_free(odb);
}

static int unreadable(const update *u, const git_oid *id, const char *what)
{
	char hex[GIT_OID_HEXSZ + 1];
	const git_error *e = git_error_last();
	git_oid_tostr(hex, sizeof(hex), id);
	return pc_error_set(PC_ERUNTIME, "%s: %s %s: %s; pincheck checks nothing it cannot read, "
			    "so the push is rejected", u->ref, what, hex,
			    e && e->message ? e->message : "unknown error");
}

/*
 * What a pushed tip is. Commits go to the walk; a tag is peeled (a tag of
 * a tag, ...); a tree or blob that a tag names is checked as it is, every
 * line of it new. Anything unreadable is an error naming the ref.
 */
static int push_tip(pc_cli *cli, pc_check *c, git_revwalk *walk, const update *u)
{
	git_repository *repo = cli->repo->repo;
	git_odb *odb = NULL;
	git_oid id = u->tip;
	int depth, err = 0;

	if (git_repository_odb(&odb, repo) < 0)
		return pc_git_error("cannot open the object database");
	for (depth = 0;; depth++) {
		git_object_t type;
		size_t size;
		git_object *obj = NULL;
		pc_visitor v = pc_check_visitor(c);
		if (depth == PC_MAX_TAG_DEPTH) {
			err = unreadable(u, &id, "tags nested too deep at");
			break;
		}
		if (git_odb_read_header(&size, &type, odb, &id) < 0) {
			err = unreadable(u, &id, "cannot read object");
			break;
		}
		if (type == GIT_OBJECT_COMMIT) {
			if (git_revwalk_push(walk, &id) < 0)
				err = unreadable(u, &id, "cannot read commit");
			break;
		}
		if (type == GIT_OBJECT_BLOB) {
			c->ref = u->ref;
			pc_watchdog_doing("checking the blob that %s names", u->ref);
			err = pc_source_blob(odb, u->ref, &id, &v);
			c->ref = NULL;
			break;
		}
		if (git_object_lookup(&obj, repo, &id, type) < 0) {
			err = unreadable(u, &id, "cannot read object");
			break;
		}
		if (type == GIT_OBJECT_TAG) {
			id = *git_tag_target_id((git_tag *)obj);
			git_object_free(obj);
			continue;
		}
		if (type == GIT_OBJECT_TREE) {
			c->ref = u->ref;
			pc_watchdog_doing("checking the tree that %s names", u->ref);
			err = pc_source_trees(repo, NULL, (git_tree *)obj, &v);
			c->ref = NULL;
		} else {
			err = unreadable(u, &id, "unexpected object");
		}
		git_object_free(obj);
		break;
	}
	git_odb_free(odb);
	return err;
}

/* The new commits of a push, each with the first ref (in git's order)
 * that brings it, oldest first per ref. */
typedef struct {
	git_oid id;
	size_t order; /* position in the walk: topological, oldest first */
	size_t ref;   /* index into the updates */
} new_commit;

static int by_ref_then_order(const void *a, const void *b)
{
	const new_commit *x = a, *y = b;
	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Index of `id` in the new commits, or n (open addressing over oidset). */
typedef struct {
	size_t *slot; /* index + 1; 0: empty */
	size_t cap;
} oidmap;

static size_t oidmap_find(const oidmap *m, const new_commit *all, const git_oid *id, size_t n)
{
	size_t h, i;
	memcpy(&h, id->id, sizeof(h));
	for (i = h % m->cap; m->slot[i]; i = (i + 1) % m->cap)
		if (git_oid_equal(&all[m->slot[i] - 1].id, id))
			return m->slot[i] - 1;
	return n;
}

/*
 * Attribute each new commit to the first ref whose tip reaches it, walking
 * parents only inside the new set: one pass over the new commits, however
 * many refs the push updates.
 */
static int attribute(pc_cli *cli, new_commit *all, size_t n, const updates *ups)
{
	oidmap m;
	size_t i, *stack = NULL, nstack = 0, astack = 0;
	int err = 0;
	m.cap = 2 * n + 1;
	m.slot = pc_calloc(m.cap, sizeof(*m.slot));
	for (i = 0; i < n; i++) {
		size_t h, k;
		memcpy(&h, all[i].id.id, sizeof(h));
		for (k = h % m.cap; m.slot[k]; k = (k + 1) % m.cap)
			;
		m.slot[k] = i + 1;
		all[i].ref = SIZE_MAX;
	}
	for (i = 0; i < ups->n && err >= 0; i++) {
		size_t at = oidmap_find(&m, all, &ups->u[i].tip, n);
		if (at == n || all[at].ref != SIZE_MAX)
			continue;
		all[at].ref = i;
		nstack = 0;
		PC_GROW(stack, astack, nstack + 1);
		stack[nstack++] = at;
		while (nstack && err >= 0) {
			git_commit *commit = NULL;
			size_t p, k = stack[--nstack];
			if (git_commit_lookup(&commit, cli->repo->repo, &all[k].id) < 0) {
				err = unreadable(&ups->u[i], &all[k].id, "cannot read commit");
				break;
			}
			for (p = 0; p < git_commit_parentcount(commit); p++) {
				size_t q = oidmap_find(&m, all, git_commit_parent_id(commit, (unsigned)p), n);
				if (q < n && all[q].ref == SIZE_MAX) {
					all[q].ref = i;
					PC_GROW(stack, astack, nstack + 1);
					stack[nstack++] = q;
				}
			}
			git_commit_free(commit);
		}
	}
	free(stack);
	free(m.slot);
	return err;
}

static int check_push(pc_cli *cli, bool pre_push, const char *remote)
{
	updates ups = { NULL, 0, 0 }, remote_tips = { NULL, 0, 0 };
	pc_findings f = PC_FINDINGS_INIT;
	pc_check c;
	git_revwalk *walk = NULL;
	new_commit *all = NULL;
	size_t i, n = 0, alloc = 0;
	char today[11], *glob = NULL;
	git_oid id;
	int err, rc;

	memset(&c, 0, sizeof(c));
	f.of_commits = true;
	/* Read all of stdin first: git waits for it, whatever we decide. */
	if ((err = read_updates(&ups, &remote_tips, pre_push)) < 0)
		goto out;
	if ((err = cli_setup(cli, true)) < 0 || (err = cli_check_init(cli, &c, &f, today)) < 0)
		goto out;
	c.warn_skipped = !pre_push;
	if (pre_push && remote) {
		pc_buf g = PC_BUF_INIT;
		pc_buf_printf(&g, "refs/remotes/%s/*", remote);
		glob = pc_buf_detach(&g);
	}
	if (git_revwalk_new(&walk, cli->repo->repo) < 0) {
		err = pc_git_error("cannot walk history");
		goto out;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	pc_watchdog_doing("reading the pushed refs");
	for (i = 0; i < ups.n && err >= 0; i++)
		err = push_tip(cli, &c, walk, &ups.u[i]);
	if (err < 0)
		goto out;
	pc_watchdog_doing("finding the commits the push brings");
	hide_known(walk, cli->repo->repo, pre_push ? glob : NULL, pre_push ? &remote_tips : NULL);
	while ((err = cli_walk_next(&id, walk, cli)) == 0) {
		PC_GROW(all, alloc, n + 1);
		all[n].id = id;
		all[n].order = n;
		n++;
	}
	if (err != GIT_ITEROVER || (err = attribute(cli, all, n, &ups)) < 0)
		goto out;
	if (n)
		qsort(all, n, sizeof(*all), by_ref_then_order);
	for (i = 0; i < n && err >= 0; i++) {
		/* a commit no pushed tip reaches cannot occur; be safe */
		c.ref = all[i].ref < ups.n ? ups.u[all[i].ref].ref : NULL;
		err = cli_check_commit(cli, &c, &all[i].id);
	}
	c.ref = NULL;
out:
	if (err < 0) {
		/* fail closed: any internal error rejects the push */
		rc = cli_fail(err);
		fprintf(stderr, "pincheck: push rejected: pincheck could not complete its checks\n");
	} else {
		rc = cli_report(cli, stderr, &f);
		if (rc != EXIT_CLEAN)
			fprintf(stderr, "pincheck: push rejected. Fix the commits above (for example "
					"with git rebase -i) and push again.\n");
	}
	git_revwalk_free(walk);
	free(all);
	free(glob);
	updates_free(&ups);
	updates_free(&remote_tips);
	pc_matcher_free(c.m);
	pc_findings_free(&f);
	return rc;
}

int cmd_pre_receive(pc_cli *cli, int argc, char **argv)
{
	/* --max-seconds is a global option (main.c), also after the command */
	if (argc > 2)
		return cli_usage("hook pre-receive: unknown argument '%s'", argv[2]);
	cli->trusted = true;
	cli->policy = true;
	/* Eval ages from the time of the push, not a date the pusher wrote. */
	cli->eval_days = cli_today_days();
	if (pc_watchdog_start(cli->max_seconds > 0 ? cli->max_seconds : PC_SERVER_SECONDS,
			      "the push is rejected rather than let through unchecked. Push fewer "
			      "commits at a time, or raise --max-seconds.") < 0)
		return cli_fail(PC_ERUNTIME);
	return check_push(cli, false, NULL);
}

int cmd_pre_push(pc_cli *cli, int argc, char **argv)
{
	if (argc != 4)
		return cli_usage("hook pre-push needs REMOTE and URL (git passes them)");
	if (cli_hook_watchdog(cli, "the push is stopped; git push --no-verify skips this hook") < 0)
		return cli_fail(PC_ERUNTIME);
	return check_push(cli, true, argv[2]);
}

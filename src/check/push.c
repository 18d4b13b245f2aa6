/*
 * push.c: what a push brings (see change.h). Pushed objects wait in git's
 * quarantine directory; repo.c adds it as an alternate object store. Every
 * commit that the other side does not already reach is checked once, in
 * one history walk however many refs the push updates, and attributed to
 * the first ref (in git's order) that brings it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/limits.h"
#include "pincheck/watchdog.h"
#include "change_internal.h"

static bool is_zero(const char *hex)
{
	return strspn(hex, "0") == strlen(hex);
}

static void add_update(pc_push_update **u, size_t *n, size_t *alloc, const char *ref,
		       const git_oid *id)
{
	PC_GROW(*u, *alloc, *n + 1);
	(*u)[*n].ref = pc_strdup(ref);
	(*u)[(*n)++].tip = *id;
}

int pc_push_read(pc_push *p, FILE *in, bool pre_push)
{
	char line[8192];
	size_t lineno = 0;
	memset(p, 0, sizeof(*p));
	p->pre_push = pre_push;
	while (fgets(line, sizeof(line), in)) {
		char a[256], b[256], c[4096], d[256];
		const char *tip = b, *name = pre_push ? a : c, *remote = pre_push ? d : NULL;
		git_oid id;
		int n;
		if (++lineno > PC_MAX_PUSH_LINES)
			return pc_error_set(PC_ERUNTIME, "stdin: more than %d ref updates",
					    PC_MAX_PUSH_LINES);
		if (!strchr(line, '\n') && !feof(in))
			return pc_error_set(PC_ERUNTIME, "stdin:%zu: line too long", lineno);
		n = sscanf(line, "%255s %255s %4095s %255s", a, b, c, d);
		if (n == 0 || n == EOF)
			continue;
		if (pre_push ? n != 4 : n != 3)
			return pc_error_set(PC_ERUNTIME, "stdin:%zu: expected %s, got '%.80s'", lineno,
					    pre_push ? "LOCAL-REF LOCAL-SHA REMOTE-REF REMOTE-SHA"
						     : "OLD NEW REF", line);
		if (remote && !is_zero(remote) && git_oid_fromstr(&id, remote) == 0)
			add_update(&p->remote, &p->nremote, &p->aremote, name, &id);
		if (is_zero(tip))
			continue; /* a deletion brings no commits */
		if (git_oid_fromstr(&id, tip) < 0)
			return pc_error_set(PC_ERUNTIME, "stdin:%zu: '%s' is not an object id", lineno, tip);
		add_update(&p->u, &p->n, &p->alloc, name, &id);
	}
	if (ferror(in))
		return pc_error_set(PC_ERUNTIME, "stdin: read error");
	return 0;
}

void pc_push_free(pc_push *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		free(p->u[i].ref);
	for (i = 0; i < p->nremote; i++)
		free(p->remote[i].ref);
	free(p->u);
	free(p->remote);
	memset(p, 0, sizeof(*p));
}

/* Hide what the other side already has, once for the whole push: every
 * existing ref (pre-receive: refs still hold their old values), or the
 * remote's refs and tips. A ref that does not peel to a commit hides
 * nothing: hiding less only checks more. */
static void hide_known(git_revwalk *walk, git_repository *repo, const char *glob,
		       const pc_push *p)
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
	if (!p->nremote || git_repository_odb(&odb, repo) < 0)
		return;
	/* a remote tip we do not have cannot be hidden: not fatal */
	for (i = 0; i < p->nremote; i++)
		if (git_odb_exists(odb, &p->remote[i].tip))
			git_revwalk_hide(walk, &p->remote[i].tip);
	git_error_clear();
	git_odb_free(odb);
}

static int unreadable(const pc_push_update *u, const git_oid *id, const char *what)
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
static int push_tip(pc_change_run *r, git_revwalk *walk, const pc_push_update *u)
{
	git_repository *repo = r->repo->repo;
	git_odb *odb = NULL;
	git_oid id = u->tip;
	pc_change_at at = { NULL, NULL, u->ref, NULL };
	int depth, err = 0;

	if (git_repository_odb(&odb, repo) < 0)
		return pc_git_error("cannot open the object database");
	for (depth = 0;; depth++) {
		git_object_t type;
		size_t size;
		git_object *obj = NULL;
		pc_visitor v = pc_check_visitor(&r->c, &at);
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
			pc_watchdog_doing("checking the blob that %s names", u->ref);
			err = pc_source_blob(odb, u->ref, &id, &v);
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
			pc_watchdog_doing("checking the tree that %s names", u->ref);
			err = pc_source_trees(repo, NULL, (git_tree *)obj, &v);
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
static int attribute(git_repository *repo, new_commit *all, size_t n, const pc_push *p)
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
	for (i = 0; i < p->n && err >= 0; i++) {
		size_t at = oidmap_find(&m, all, &p->u[i].tip, n);
		if (at == n || all[at].ref != SIZE_MAX)
			continue;
		all[at].ref = i;
		nstack = 0;
		PC_GROW(stack, astack, nstack + 1);
		stack[nstack++] = at;
		while (nstack && err >= 0) {
			git_commit *commit = NULL;
			size_t q, k = stack[--nstack];
			unsigned j;
			if (git_commit_lookup(&commit, repo, &all[k].id) < 0) {
				err = unreadable(&p->u[i], &all[k].id, "cannot read commit");
				break;
			}
			for (j = 0; j < git_commit_parentcount(commit); j++) {
				q = oidmap_find(&m, all, git_commit_parent_id(commit, j), n);
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

int pc_change_push(pc_findings *out, pc_repo *repo, const pc_change_opts *o, const pc_push *p,
		   const char *remote)
{
	pc_change_run r;
	git_revwalk *walk = NULL;
	new_commit *all = NULL;
	size_t i, n = 0, alloc = 0;
	char *glob = NULL;
	git_oid id;
	int err;

	out->of_commits = true;
	if ((err = pc_change_run_init(&r, out, repo, o)) < 0)
		goto out;
	if (p->pre_push && remote) {
		pc_buf g = PC_BUF_INIT;
		pc_buf_printf(&g, "refs/remotes/%s/*", remote);
		glob = pc_buf_detach(&g);
	}
	if (git_revwalk_new(&walk, repo->repo) < 0) {
		err = pc_git_error("cannot walk history");
		goto out;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	pc_watchdog_doing("reading the pushed refs");
	for (i = 0; i < p->n && err >= 0; i++)
		err = push_tip(&r, walk, &p->u[i]);
	if (err < 0)
		goto out;
	pc_watchdog_doing("finding the commits the push brings");
	hide_known(walk, repo->repo, p->pre_push ? glob : NULL, p);
	while ((err = pc_change_walk_next(&id, walk, repo)) == 0) {
		PC_GROW(all, alloc, n + 1);
		all[n].id = id;
		all[n].order = n;
		n++;
	}
	if (err != GIT_ITEROVER || (err = attribute(repo->repo, all, n, p)) < 0)
		goto out;
	if (n)
		qsort(all, n, sizeof(*all), by_ref_then_order);
	for (i = 0; i < n && err >= 0; i++) /* every new commit is reached by some tip */
		err = pc_change_commit(&r, &all[i].id, all[i].ref < p->n ? p->u[all[i].ref].ref : NULL);
out:
	git_revwalk_free(walk);
	free(all);
	free(glob);
	pc_change_run_free(&r);
	return err;
}

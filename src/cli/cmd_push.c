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
#include <time.h>
#include "pincheck/buf.h"
#include "cli.h"

/* stdin of a push hook can name many refs; a bound keeps it finite. */
#define MAX_PUSH_LINES 100000

typedef struct {
	char *ref;
	git_oid tip;
} update;

typedef struct {
	update *u;
	size_t n, alloc;
} updates;

/* A set of commit ids (open addressing), for "checked once". */
typedef struct {
	git_oid *slot;
	unsigned char *used;
	size_t cap, n;
} oidset;

static bool oidset_add(oidset *s, const git_oid *id)
{
	size_t i, h;
	if (2 * (s->n + 1) > s->cap) {
		oidset big = { NULL, NULL, s->cap ? s->cap * 2 : 1024, 0 };
		big.slot = pc_calloc(big.cap, sizeof(git_oid));
		big.used = pc_calloc(big.cap, 1);
		for (i = 0; i < s->cap; i++)
			if (s->used[i])
				oidset_add(&big, &s->slot[i]);
		free(s->slot);
		free(s->used);
		*s = big;
	}
	memcpy(&h, id->id, sizeof(h)); /* ids are hashes already */
	for (i = h % s->cap; s->used[i]; i = (i + 1) % s->cap)
		if (!git_oid_cmp(&s->slot[i], id))
			return false;
	s->used[i] = 1;
	s->slot[i] = *id;
	s->n++;
	return true;
}

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
		if (++lineno > MAX_PUSH_LINES)
			return pc_error_set(PC_ERUNTIME, "stdin: more than %d ref updates", MAX_PUSH_LINES);
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

/* Hide what the other side already has: every existing ref (pre-receive:
 * refs still hold their old values), or the remote's refs and tips. A ref
 * that does not resolve to a commit is skipped, not fatal. */
static void hide_known(git_revwalk *walk, git_repository *repo, const char *glob,
		       const updates *remote_tips)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	size_t i;
	if ((glob ? git_reference_iterator_glob_new(&it, repo, glob)
		  : git_reference_iterator_new(&it, repo)) == 0) {
		while (git_reference_next(&ref, it) == 0) {
			git_object *obj = NULL;
			if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0)
				git_revwalk_hide(walk, git_object_id(obj));
			git_object_free(obj);
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	for (i = 0; remote_tips && i < remote_tips->n; i++) {
		git_object *obj = NULL;
		/* a remote tip we do not have cannot be hidden: not fatal */
		if (git_object_lookup(&obj, repo, &remote_tips->u[i].tip, GIT_OBJECT_ANY) == 0)
			git_revwalk_hide(walk, &remote_tips->u[i].tip);
		git_object_free(obj);
	}
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int check_push(pc_cli *cli, bool pre_push, const char *remote, double max_seconds)
{
	updates ups = { NULL, 0, 0 }, remote_tips = { NULL, 0, 0 };
	oidset seen = { NULL, NULL, 0, 0 };
	pc_findings f = PC_FINDINGS_INIT;
	pc_check c;
	char today[11], *glob = NULL;
	double start = now_seconds();
	size_t i, total = 0;
	int err, rc;

	memset(&c, 0, sizeof(c));
	f.of_commits = true;
	/* Read all of stdin first: git waits for it, whatever we decide. */
	if ((err = read_updates(&ups, &remote_tips, pre_push)) < 0)
		goto out;
	if ((err = cli_setup(cli, true)) < 0 || (err = cli_check_init(cli, &c, &f, today)) < 0)
		goto out;
	if (pre_push && remote) {
		pc_buf g = PC_BUF_INIT;
		pc_buf_printf(&g, "refs/remotes/%s/*", remote);
		glob = pc_buf_detach(&g);
	}
	for (i = 0; i < ups.n && err >= 0; i++) {
		git_revwalk *walk = NULL;
		git_oid id;
		if (git_revwalk_new(&walk, cli->repo->repo) < 0) {
			err = pc_git_error("cannot walk history");
			break;
		}
		git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
		if (git_revwalk_push(walk, &ups.u[i].tip) < 0) {
			/* a tag of a tree or blob: no commits, nothing to check */
			git_error_clear();
			git_revwalk_free(walk);
			continue;
		}
		if (pre_push)
			hide_known(walk, cli->repo->repo, glob, &remote_tips);
		else
			hide_known(walk, cli->repo->repo, NULL, NULL);
		c.ref = ups.u[i].ref;
		while (err >= 0 && git_revwalk_next(&id, walk) == 0) {
			if (!oidset_add(&seen, &id))
				continue; /* brought by an earlier ref of this push */
			if (max_seconds > 0 && now_seconds() - start > max_seconds) {
				err = pc_error_set(PC_ERUNTIME,
						   "gave up after %g s (--max-seconds) with %zu commits "
						   "checked; the push is rejected rather than let through "
						   "unchecked. Push fewer commits at a time, or raise "
						   "--max-seconds.", max_seconds, total);
				break;
			}
			err = cli_check_commit(cli, &c, &id);
			total++;
		}
		c.ref = NULL;
		git_revwalk_free(walk);
	}
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
	free(glob);
	free(seen.slot);
	free(seen.used);
	updates_free(&ups);
	updates_free(&remote_tips);
	pc_matcher_free(c.m);
	pc_findings_free(&f);
	return rc;
}

int cmd_pre_receive(pc_cli *cli, int argc, char **argv)
{
	double max_seconds = 0;
	int i;
	for (i = 2; i < argc; i++) {
		char *end;
		if (!strcmp(argv[i], "--max-seconds") && i + 1 < argc) {
			max_seconds = strtod(argv[++i], &end);
			if (*end || max_seconds <= 0)
				return cli_usage("--max-seconds takes a positive number, not '%s'", argv[i]);
		} else {
			return cli_usage("hook pre-receive: unknown argument '%s'", argv[i]);
		}
	}
	cli->trusted = true;
	return check_push(cli, false, NULL, max_seconds);
}

int cmd_pre_push(pc_cli *cli, int argc, char **argv)
{
	if (argc != 4)
		return cli_usage("hook pre-push needs REMOTE and URL (git passes them)");
	return check_push(cli, true, argv[2], 0);
}

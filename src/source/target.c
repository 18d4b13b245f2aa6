/*
 * target.c: what a command names, walked (see target.h).
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/target.h"

char *pc_target_path(const pc_repo *repo, const char *path)
{
	pc_buf in = PC_BUF_INIT, out = PC_BUF_INIT;
	const char *p;
	bool outside = false;

	if (path[0] == '/') {
		/* An absolute path must lie inside the work tree. */
		char *top = repo->workdir ? realpath(repo->workdir, NULL) : NULL;
		char *abs = realpath(path, NULL);
		size_t n = top ? strlen(top) : 0;
		if (top && abs && !strncmp(abs, top, n) && (abs[n] == '/' || abs[n] == '\0'))
			pc_buf_puts(&in, abs[n] ? abs + n + 1 : "");
		else
			outside = true;
		free(top);
		free(abs);
	} else {
		pc_buf_printf(&in, "%s%s", repo->prefix, path);
	}
	/* Normalise "." and ".." segments so prefixes compare. */
	for (p = in.ptr ? in.ptr : ""; *p && !outside;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* skip */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (!out.len)
				outside = true;
			while (out.len && out.ptr[out.len - 1] != '/')
				out.len--;
			if (out.len)
				out.len--;
			if (out.alloc)
				out.ptr[out.len] = '\0';
		} else {
			if (out.len)
				pc_buf_putc(&out, '/');
			pc_buf_put(&out, p, n);
		}
		p += n + (slash ? 1 : 0);
	}
	pc_buf_free(&in);
	if (outside) {
		pc_buf_free(&out);
		return NULL;
	}
	return pc_buf_detach(&out);
}

/* REV as a tree (a commit's tree, or a tree). */
static int rev_tree(git_tree **out, pc_repo *repo, const char *rev)
{
	git_object *obj = NULL, *peeled = NULL;
	pc_buf what = PC_BUF_INIT;
	int err = 0;
	if (git_revparse_single(&obj, repo->repo, rev) < 0 ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_TREE) < 0) {
		pc_buf_printf(&what, "cannot resolve '%s' to a tree", rev);
		err = pc_git_error(what.ptr);
	}
	git_object_free(obj);
	pc_buf_free(&what);
	*out = (git_tree *)peeled;
	return err;
}

/* The visitor, counting files for the progress callback. */
typedef struct {
	const pc_visitor *inner;
	const pc_target *t;
	size_t files;
} counted;

static bool counted_want(const char *path, void *payload)
{
	counted *c = payload;
	return !c->inner->want || c->inner->want(path, c->inner->payload);
}

static int counted_file(const pc_file *f, void *payload)
{
	counted *c = payload;
	c->t->progress(++c->files, c->t->payload);
	return c->inner->file(f, c->inner->payload);
}

int pc_target_walk(pc_repo *repo, const pc_target *t, const pc_visitor *inner)
{
	counted c = { inner, t, 0 };
	pc_visitor wrapped = { counted_want, counted_file, &c, inner->max_size, inner->defer_blobs };
	const pc_visitor *v = t->progress ? &wrapped : inner;
	git_tree *tree = NULL;
	git_index *index;
	size_t i;
	int err = 0;

	if (!repo) {
		/* Outside git: plain files, paths as given. */
		if (!t->npaths)
			return pc_source_dir(".", v);
		for (i = 0; i < t->npaths && err >= 0; i++)
			err = pc_source_dir(t->paths[i], v);
		return err;
	}
	if (t->rev) {
		if ((err = rev_tree(&tree, repo, t->rev)) >= 0)
			err = pc_source_tree(repo->repo, tree, v);
		git_tree_free(tree);
	} else if (t->staged) {
		if ((err = pc_repo_index(&index, repo)) >= 0)
			err = pc_source_index(repo->repo, index, v);
	} else {
		err = pc_source_workdir(repo, v);
	}
	return err;
}

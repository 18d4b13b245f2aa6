/*
 * source.c: the sources of text (see source.h). Only what a visitor wants
 * is read; blobs are read through libgit2, working-tree files with stdio.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <git2/sys/repository.h>
#include "pincheck/limits.h"
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/index.h"
#include "pincheck/source.h"

static bool wanted(const pc_visitor *v, const char *path)
{
	return !v->want || v->want(path, v->payload);
}

static size_t max_size(const pc_visitor *v)
{
	return v->max_size ? v->max_size : PC_MAX_FILE_SIZE;
}

/* A submodule has no text of ours; say it was skipped, never hide it. */
static int visit_submodule(const char *path, const pc_visitor *v)
{
	pc_file f;
	memset(&f, 0, sizeof(f));
	f.path = path;
	f.submodule = true;
	return v->file(&f, v->payload);
}

int pc_source_blob(git_odb *odb, const char *path, const git_oid *id, const pc_visitor *v)
{
	git_odb_object *obj = NULL;
	git_object_t type;
	size_t hsize;
	pc_file f;
	int err;

	memset(&f, 0, sizeof(f));
	f.path = path;
	/* The size without inflating: a huge file is counted, not read. */
	if (git_odb_read_header(&hsize, &type, odb, id) == 0 && hsize > max_size(v)) {
		f.len = hsize;
		f.too_large = true;
		return v->file(&f, v->payload);
	}
	if (git_odb_read(&obj, odb, id) < 0 || git_odb_object_type(obj) != GIT_OBJECT_BLOB) {
		pc_buf what = PC_BUF_INIT;
		pc_buf_printf(&what, "%s: cannot read blob %.12s", path, git_oid_tostr_s(id));
		if (obj)
			err = pc_error_set(PC_ERUNTIME, "%s: not a blob", what.ptr);
		else
			err = pc_git_error(what.ptr);
		pc_buf_free(&what);
		git_odb_object_free(obj);
		return err;
	}
	f.len = git_odb_object_size(obj);
	if (f.len > max_size(v))
		f.too_large = true;
	else
		f.data = git_odb_object_data(obj);
	err = v->file(&f, v->payload);
	git_odb_object_free(obj);
	return err;
}

static int visit_blob(git_repository *repo, const char *path, const git_oid *id,
		      const pc_visitor *v)
{
	git_odb *odb;
	int err;
	/* the repository keeps its odb alive after this reference goes */
	if (git_repository_odb(&odb, repo) < 0)
		return pc_git_error("cannot open the object database");
	if (v->defer_blobs) {
		pc_file f;
		memset(&f, 0, sizeof(f));
		f.path = path;
		f.odb = odb;
		f.blob = id;
		err = v->file(&f, v->payload);
	} else {
		err = pc_source_blob(odb, path, id, v);
	}
	git_odb_free(odb);
	return err;
}

/* Read a working-tree file; 1 when it vanished (deleted, not staged). */
static int visit_disk(const char *fullpath, const char *path, const pc_visitor *v)
{
	struct stat st;
	pc_buf b = PC_BUF_INIT;
	pc_file f;
	int err;

	if (lstat(fullpath, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return pc_error_set(PC_ERUNTIME, "%s: cannot stat: %s", path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return 0; /* symlinks, sockets, submodule dirs: no text of ours */
	memset(&f, 0, sizeof(f));
	f.path = path;
	if ((size_t)st.st_size > max_size(v)) {
		f.too_large = true;
		f.len = (size_t)st.st_size;
		return v->file(&f, v->payload);
	}
	if ((err = pc_buf_read_file(&b, fullpath, max_size(v))) < 0) {
		pc_buf_free(&b);
		return pc_error_set(PC_ERUNTIME, "%s: cannot read: %s", path, pc_error_last());
	}
	f.data = b.ptr ? b.ptr : "";
	f.len = b.len;
	err = v->file(&f, v->payload);
	pc_buf_free(&b);
	return err;
}

int pc_source_workdir(pc_repo *r, const pc_visitor *v)
{
	git_index *index;
	git_status_list *status = NULL;
	git_status_options so;
	pc_buf full = PC_BUF_INIT;
	size_t i, n;
	int err;

	if (!r->workdir)
		return pc_error_set(PC_ERUNTIME, "this is a bare repository: use --rev REV or --staged");
	if ((err = pc_repo_index(&index, r)) < 0)
		return err;
	n = git_index_entrycount(index);
	for (i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		if (GIT_INDEX_ENTRY_STAGE(e) > 1 || e->mode == GIT_FILEMODE_LINK || !wanted(v, e->path))
			continue;
		if (i > 0 && !strcmp(git_index_get_byindex(index, i - 1)->path, e->path))
			continue; /* a conflicted path appears once per stage */
		if (e->mode == GIT_FILEMODE_COMMIT) {
			if ((err = visit_submodule(e->path, v)) < 0)
				goto out;
			continue;
		}
		pc_buf_clear(&full);
		pc_buf_printf(&full, "%s%s", r->workdir, e->path);
		if ((err = visit_disk(full.ptr, e->path, v)) < 0)
			goto out;
	}
	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_WORKDIR_ONLY;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		   GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (git_status_list_new(&status, r->repo, &so) < 0) {
		err = pc_git_error("cannot list untracked files");
		goto out;
	}
	n = git_status_list_entrycount(status);
	for (i = 0; i < n; i++) {
		const git_status_entry *s = git_status_byindex(status, i);
		const char *path;
		if (!(s->status & GIT_STATUS_WT_NEW) || !s->index_to_workdir)
			continue;
		path = s->index_to_workdir->new_file.path;
		if (!wanted(v, path))
			continue;
		pc_buf_clear(&full);
		pc_buf_printf(&full, "%s%s", r->workdir, path);
		if ((err = visit_disk(full.ptr, path, v)) < 0)
			goto out;
	}
	err = 0;
out:
	git_status_list_free(status);
	pc_buf_free(&full);
	return err;
}

/* `skip`: bytes of the root not shown in names ("./" of "."). */
static int walk_dir(pc_buf *path, size_t skip, const pc_visitor *v, int depth)
{
	DIR *d;
	struct dirent *de;
	size_t base = path->len;
	int err = 0;

	if (depth > 256)
		return pc_error_set(PC_ERUNTIME, "%s: directories nested too deeply", path->ptr);
	if (!(d = opendir(path->ptr)))
		return pc_error_set(PC_ERUNTIME, "%s: cannot open directory: %s", path->ptr, strerror(errno));
	while ((de = readdir(d))) {
		struct stat st;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") || !strcmp(de->d_name, ".git"))
			continue;
		path->len = base;
		if (base && path->ptr[base - 1] != '/')
			pc_buf_putc(path, '/');
		pc_buf_puts(path, de->d_name);
		if (lstat(path->ptr, &st) < 0) {
			err = pc_error_set(PC_ERUNTIME, "%s: cannot stat: %s", path->ptr, strerror(errno));
			break;
		}
		if (S_ISDIR(st.st_mode)) {
			if ((err = walk_dir(path, skip, v, depth + 1)) < 0)
				break;
		} else if (S_ISREG(st.st_mode) && wanted(v, path->ptr + skip)) {
			char *p = pc_strdup(path->ptr);
			err = visit_disk(p, p + skip, v);
			free(p);
			if (err < 0)
				break;
		}
	}
	closedir(d);
	path->len = base;
	path->ptr[base] = '\0';
	return err < 0 ? err : 0;
}

int pc_source_dir(const char *root, const pc_visitor *v)
{
	pc_buf path = PC_BUF_INIT;
	struct stat st;
	int err;
	if (stat(root, &st) < 0)
		return pc_error_set(PC_ERUNTIME, "%s: %s", root, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return wanted(v, root) ? visit_disk(root, root, v) : 0;
	pc_buf_puts(&path, root);
	err = walk_dir(&path, strcmp(root, ".") ? 0 : 2, v, 0);
	pc_buf_free(&path);
	return err;
}

typedef struct {
	git_repository *repo;
	const pc_visitor *v;
	int err;
} tree_walk;

static int tree_cb(const char *root, const git_tree_entry *e, void *payload)
{
	tree_walk *w = payload;
	git_filemode_t mode = git_tree_entry_filemode(e);
	pc_buf path = PC_BUF_INIT;
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE &&
	    mode != GIT_FILEMODE_COMMIT)
		return 0;
	pc_buf_printf(&path, "%s%s", root, git_tree_entry_name(e));
	if (wanted(w->v, path.ptr))
		w->err = mode == GIT_FILEMODE_COMMIT ? visit_submodule(path.ptr, w->v)
						     : visit_blob(w->repo, path.ptr, git_tree_entry_id(e), w->v);
	pc_buf_free(&path);
	return w->err < 0 ? -1 : 0;
}

int pc_source_tree(git_repository *repo, git_tree *tree, const pc_visitor *v)
{
	tree_walk w = { repo, v, 0 };
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, tree_cb, &w) < 0 && w.err == 0)
		return pc_git_error("cannot walk the tree");
	return w.err;
}

int pc_source_index(git_repository *repo, git_index *index, const pc_visitor *v)
{
	size_t i, n = git_index_entrycount(index);
	int err;
	for (i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		if (GIT_INDEX_ENTRY_STAGE(e) > 1 || e->mode == GIT_FILEMODE_LINK || !wanted(v, e->path))
			continue;
		err = e->mode == GIT_FILEMODE_COMMIT ? visit_submodule(e->path, v)
						     : visit_blob(repo, e->path, &e->id, v);
		if (err < 0)
			return err;
	}
	return 0;
}

/* The new-side line numbers of the added lines of one delta. */
static int added_lines(size_t **out, size_t *n, git_diff *diff, size_t idx)
{
	git_patch *p = NULL;
	size_t h, l, alloc = 0;
	*out = NULL;
	*n = 0;
	if (git_patch_from_diff(&p, diff, idx) < 0)
		return pc_git_error("cannot compute the diff");
	if (!p)
		return 0;
	for (h = 0; h < git_patch_num_hunks(p); h++) {
		const git_diff_hunk *hunk;
		size_t nl;
		if (git_patch_get_hunk(&hunk, &nl, p, h) < 0)
			continue;
		for (l = 0; l < nl; l++) {
			const git_diff_line *line;
			if (git_patch_get_line_in_hunk(&line, p, h, l) < 0)
				continue;
			if (line->origin != GIT_DIFF_LINE_ADDITION || line->new_lineno <= 0)
				continue;
			PC_GROW(*out, alloc, *n + 1);
			(*out)[(*n)++] = (size_t)line->new_lineno;
		}
	}
	git_patch_free(p);
	return 0;
}

/* Rename detection, explicitly: the default follows diff.renames, which
 * may be off. A renamed file's added lines are then only the new ones. */
static int find_renames(git_diff *diff)
{
	git_diff_find_options fo;
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	fo.flags = GIT_DIFF_FIND_RENAMES;
	fo.rename_limit = 400;
	if (git_diff_find_similar(diff, &fo) < 0)
		return pc_git_error("cannot detect renames");
	return 0;
}

static void diff_options(git_diff_options *o)
{
	git_diff_options_init(o, GIT_DIFF_OPTIONS_VERSION);
	o->context_lines = 0;
	o->interhunk_lines = 0;
	/* Text always: a `-diff` attribute must not hide a file's content
	 * (binary files are recognised by the NUL test instead). */
	o->flags = GIT_DIFF_INCLUDE_TYPECHANGE | GIT_DIFF_FORCE_TEXT;
	o->max_size = -1;
}

/*
 * Keep only the lines also added relative to each other parent of a merge
 * (`others`): what the merge itself brings, not what a merged branch
 * brought (its own commits are checked on their own). A file unchanged
 * from some parent brings nothing new.
 */
static int merge_filter(size_t *lines, size_t *nlines, const char *path, git_diff **others,
			size_t nothers)
{
	size_t k, i, j, n, keep;
	int err;
	for (k = 0; k < nothers && *nlines; k++) {
		size_t *ol = NULL, nol = 0;
		n = git_diff_num_deltas(others[k]);
		for (i = 0; i < n; i++) {
			const git_diff_delta *d = git_diff_get_delta(others[k], i);
			if (d->status != GIT_DELTA_DELETED && !strcmp(d->new_file.path, path))
				break;
		}
		if (i == n) {
			*nlines = 0;
			break;
		}
		if ((err = added_lines(&ol, &nol, others[k], i)) < 0)
			return err;
		for (i = j = keep = 0; i < *nlines; i++) {
			while (j < nol && ol[j] < lines[i])
				j++;
			if (j < nol && ol[j] == lines[i])
				lines[keep++] = lines[i];
		}
		*nlines = keep;
		free(ol);
	}
	return 0;
}

/* Visit every added or modified text file of a diff with its added lines. */
/* A blob's size from its header (packed or loose), without inflating it. */
static int blob_size(size_t *out, git_repository *repo, const git_oid *id, const char *path)
{
	git_odb *odb = NULL;
	git_object_t type;
	int e = git_repository_odb(&odb, repo);
	if (e == 0)
		e = git_odb_read_header(out, &type, odb, id);
	git_odb_free(odb);
	return e < 0 ? pc_git_error(path) : 0;
}

static int visit_diff(git_repository *repo, git_diff *diff, git_diff **others, size_t nothers,
		      const pc_visitor *v)
{
	size_t i, n;
	int err = 0;

	if ((err = find_renames(diff)) < 0)
		return err;
	for (i = 0; i < nothers; i++)
		if ((err = find_renames(others[i])) < 0)
			return err;
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n && err >= 0; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		git_blob *blob = NULL, *old = NULL;
		size_t *lines = NULL, nlines = 0, size;
		pc_file f;

		if (d->status == GIT_DELTA_DELETED || d->status == GIT_DELTA_UNMODIFIED)
			continue;
		if (d->new_file.mode != GIT_FILEMODE_BLOB &&
		    d->new_file.mode != GIT_FILEMODE_BLOB_EXECUTABLE)
			continue; /* gitlinks and symlinks carry no code */
		if (!wanted(v, d->new_file.path))
			continue;
		/* Sizes from the object headers, before anything is inflated:
		 * a tree diff leaves new_file.size 0, and a pushed 2 GiB blob of
		 * zeros is a few MiB on the wire. */
		if ((err = blob_size(&size, repo, &d->new_file.id, d->new_file.path)) < 0)
			break;
		if (size > max_size(v)) {
			memset(&f, 0, sizeof(f));
			f.path = d->new_file.path;
			f.len = size;
			f.too_large = true;
			err = v->file(&f, v->payload);
			continue;
		}
		if (git_blob_lookup(&blob, repo, &d->new_file.id) < 0) {
			err = pc_git_error(d->new_file.path);
			break;
		}
		memset(&f, 0, sizeof(f));
		f.path = d->new_file.path;
		f.len = (size_t)git_blob_rawsize(blob);
		if (git_blob_rawsize(blob) > max_size(v)) {
			f.too_large = true;
		} else {
			f.data = git_blob_rawcontent(blob);
			if (!pc_is_binary(f.data, f.len)) {
				if ((err = added_lines(&lines, &nlines, diff, i)) < 0 ||
				    (err = merge_filter(lines, &nlines, d->new_file.path, others, nothers)) < 0) {
					free(lines);
					git_blob_free(blob);
					break;
				}
				if (!nlines) { /* pure rename, mode change, or nothing new in a merge */
					free(lines);
					git_blob_free(blob);
					continue;
				}
			}
			f.lines = lines;
			f.nlines = nlines;
			/* An old version over the limit is not read: with no old
			 * version every reference counts as new (the safe side). */
			if (d->status != GIT_DELTA_ADDED && !git_oid_is_zero(&d->old_file.id) &&
			    (d->old_file.mode == GIT_FILEMODE_BLOB ||
			     d->old_file.mode == GIT_FILEMODE_BLOB_EXECUTABLE) &&
			    blob_size(&size, repo, &d->old_file.id, d->old_file.path) == 0 &&
			    size <= max_size(v) &&
			    git_blob_lookup(&old, repo, &d->old_file.id) == 0) {
				f.old_data = git_blob_rawcontent(old);
				f.old_len = (size_t)git_blob_rawsize(old);
				/* only a rename has another path (source.h) */
				if (strcmp(d->old_file.path, d->new_file.path))
					f.old_path = d->old_file.path;
			}
		}
		/* A binary file has no lines: f.lines stays NULL and the
		 * visitor sees its content to recognise it. */
		err = v->file(&f, v->payload);
		free(lines);
		git_blob_free(old);
		git_blob_free(blob);
	}
	return err < 0 ? err : 0;
}

int pc_source_staged(git_repository *repo, git_tree *head, git_index *index,
		     const pc_visitor *v)
{
	git_diff_options o;
	git_diff *diff = NULL;
	int err;
	diff_options(&o);
	if (git_diff_tree_to_index(&diff, repo, head, index, &o) < 0)
		return pc_git_error("cannot diff the index against HEAD");
	err = visit_diff(repo, diff, NULL, 0, v);
	git_diff_free(diff);
	return err;
}

/*
 * The paths that differ between two trees, found by walking only subtrees
 * whose ids differ. libgit2 1.5's tree-to-tree diff reads every subtree of
 * both sides even when they are identical, which made a commit's diff cost
 * the size of the repository, not of the change; restricting the diff to
 * these paths makes it cost the change.
 */
typedef struct {
	char **p;
	size_t n, alloc;
} path_list;

static void list_add(path_list *l, const char *dir, const char *name)
{
	pc_buf b = PC_BUF_INIT;
	pc_buf_printf(&b, "%s%s", dir, name);
	PC_GROW(l->p, l->alloc, l->n + 1);
	l->p[l->n++] = pc_buf_detach(&b);
}

static int list_all(path_list *l, git_repository *repo, const git_oid *id, const char *dir);

/* Tree order, as git sorts entries: a tree's name compares as "name/". */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const unsigned char *x = (const unsigned char *)git_tree_entry_name(a);
	const unsigned char *y = (const unsigned char *)git_tree_entry_name(b);
	unsigned cx, cy;
	while (*x && *x == *y)
		x++, y++;
	cx = *x ? *x : git_tree_entry_type(a) == GIT_OBJECT_TREE ? '/' : 0;
	cy = *y ? *y : git_tree_entry_type(b) == GIT_OBJECT_TREE ? '/' : 0;
	if (cx == cy && !*x && !*y)
		return 0; /* same name (a file and a tree of one name, or same kind) */
	return cx < cy ? -1 : cx > cy;
}

static int changed_paths(path_list *l, git_repository *repo, git_tree *a, git_tree *b,
			 const char *dir)
{
	size_t i = 0, j = 0, na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0;
	int err = 0;
	while ((i < na || j < nb) && err >= 0 && l->n <= PC_MAX_CHANGED_PATHS) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int c = !ea ? 1 : !eb ? -1 : entry_cmp(ea, eb);
		const git_tree_entry *one = c < 0 ? ea : eb;
		if (c == 0) {
			i++, j++;
			if (!git_oid_cmp(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
			    git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb))
				continue; /* identical: never read */
			if (git_tree_entry_type(ea) == GIT_OBJECT_TREE &&
			    git_tree_entry_type(eb) == GIT_OBJECT_TREE) {
				git_tree *ta = NULL, *tb = NULL;
				pc_buf sub = PC_BUF_INIT;
				pc_buf_printf(&sub, "%s%s/", dir, git_tree_entry_name(ea));
				if (git_tree_lookup(&ta, repo, git_tree_entry_id(ea)) < 0 ||
				    git_tree_lookup(&tb, repo, git_tree_entry_id(eb)) < 0)
					err = pc_git_error("cannot read a tree");
				else
					err = changed_paths(l, repo, ta, tb, sub.ptr);
				git_tree_free(ta);
				git_tree_free(tb);
				pc_buf_free(&sub);
				continue;
			}
			/* a file became a tree or the other way round: both */
			if (git_tree_entry_type(ea) == GIT_OBJECT_TREE ||
			    git_tree_entry_type(eb) == GIT_OBJECT_TREE) {
				const git_tree_entry *t = git_tree_entry_type(ea) == GIT_OBJECT_TREE ? ea : eb;
				pc_buf sub = PC_BUF_INIT;
				pc_buf_printf(&sub, "%s%s/", dir, git_tree_entry_name(t));
				err = list_all(l, repo, git_tree_entry_id(t), sub.ptr);
				pc_buf_free(&sub);
			}
			list_add(l, dir, git_tree_entry_name(ea));
			continue;
		}
		if (c < 0)
			i++;
		else
			j++;
		if (git_tree_entry_type(one) == GIT_OBJECT_TREE) {
			pc_buf sub = PC_BUF_INIT;
			pc_buf_printf(&sub, "%s%s/", dir, git_tree_entry_name(one));
			err = list_all(l, repo, git_tree_entry_id(one), sub.ptr);
			pc_buf_free(&sub);
		} else {
			list_add(l, dir, git_tree_entry_name(one));
		}
	}
	return err;
}

/* Every path under a subtree that exists on one side only. */
static int list_all(path_list *l, git_repository *repo, const git_oid *id, const char *dir)
{
	git_tree *t = NULL;
	pc_buf d = PC_BUF_INIT;
	int err;
	if (git_tree_lookup(&t, repo, id) < 0)
		return pc_git_error("cannot read a tree");
	pc_buf_puts(&d, dir);
	err = changed_paths(l, repo, NULL, t, d.ptr);
	pc_buf_free(&d);
	git_tree_free(t);
	return err;
}

static void list_free(path_list *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->p[i]);
	free(l->p);
}

/*
 * The staged change read the way git reads it (index.h): the paths whose
 * index entry may differ from HEAD, found by walking HEAD's trees in step
 * with the index, except where the index's cache-tree says a directory's
 * entries make HEAD's very tree. Those entries go into an index in memory,
 * and libgit2 diffs HEAD against it restricted to those paths: the diff
 * (renames, added lines) is the one of the whole index, computed from a
 * few entries and the trees on their paths.
 */
typedef struct {
	git_repository *repo;
	const pc_index *ix;
	git_index *mem;
	path_list l;
} staged_walk;

/* An index entry that may differ from HEAD; 1 when libgit2 refuses it
 * (its own reader of the index then has the last word). */
static int staged_add(staged_walk *w, size_t i)
{
	if (git_index_add(w->mem, &w->ix->entries[i]) < 0)
		return 1;
	list_add(&w->l, "", w->ix->entries[i].path);
	return w->l.n > PC_MAX_CHANGED_PATHS;
}

/* An index name (a directory's when dir) against a tree entry, in tree
 * order: a directory compares as its name and '/'. */
static int key_cmp(const char *name, size_t n, bool dir, const git_tree_entry *te)
{
	const char *tn = git_tree_entry_name(te);
	size_t tl = strlen(tn), m = n < tl ? n : tl;
	int c = memcmp(name, tn, m);
	unsigned a, b;
	if (c)
		return c;
	a = n > m ? (unsigned char)name[m] : dir ? '/' : 0;
	b = tl > m ? (unsigned char)tn[m] : git_tree_entry_type(te) == GIT_OBJECT_TREE ? '/' : 0;
	return a < b ? -1 : a > b;
}

/* Index entries [lo, hi), all below dir (dirlen bytes), against HEAD's
 * tree `head` of that directory (NULL: none), `ct` its cache-tree node. */
static int staged_dir(staged_walk *w, size_t lo, size_t hi, const char *dir, size_t dirlen,
		      const git_oid *head, const pc_cache_tree *ct)
{
	const git_index_entry *e = w->ix->entries;
	git_tree *tree = NULL;
	size_t i = lo, j = 0, nt;
	int err = 0;

	if (head && ct && ct->entries >= 0 && (size_t)ct->entries == hi - lo &&
	    git_oid_equal(&ct->id, head))
		return 0; /* git's own cache: these entries make HEAD's tree */
	if (head && git_tree_lookup(&tree, w->repo, head) < 0)
		return pc_git_error("cannot read a tree of HEAD");
	nt = tree ? git_tree_entrycount(tree) : 0;
	while ((i < hi || j < nt) && err == 0) {
		const git_tree_entry *te = j < nt ? git_tree_entry_byindex(tree, j) : NULL;
		const char *name = i < hi ? e[i].path + dirlen : "";
		size_t n = strcspn(name, "/"), end = i + 1;
		bool isdir = name[n] == '/';
		int c = i >= hi ? 1 : !te ? -1 : key_cmp(name, n, isdir, te);
		while (isdir && end < hi && !strncmp(e[end].path + dirlen, name, n + 1))
			end++;
		if (c < 0) { /* in the index only: added */
			for (; i < end && err == 0; i++)
				err = staged_add(w, i);
		} else if (c > 0) { /* in HEAD only: deleted */
			if (git_tree_entry_type(te) == GIT_OBJECT_TREE) {
				pc_buf sub = PC_BUF_INIT;
				pc_buf_printf(&sub, "%s%s/", dir, git_tree_entry_name(te));
				err = list_all(&w->l, w->repo, git_tree_entry_id(te), sub.ptr);
				pc_buf_free(&sub);
			} else {
				list_add(&w->l, dir, git_tree_entry_name(te));
			}
			j++;
		} else if (isdir) {
			pc_buf sub = PC_BUF_INIT;
			pc_buf_printf(&sub, "%s%.*s/", dir, (int)n, name);
			err = staged_dir(w, i, end, sub.ptr, dirlen + n + 1, git_tree_entry_id(te),
					 pc_cache_tree_sub(ct, name, n));
			pc_buf_free(&sub);
			i = end, j++;
		} else {
			if (!git_oid_equal(&e[i].id, git_tree_entry_id(te)) ||
			    e[i].mode != (unsigned)git_tree_entry_filemode(te))
				err = staged_add(w, i);
			i = end, j++;
		}
		if (err == 0 && w->l.n > PC_MAX_CHANGED_PATHS)
			err = 1;
	}
	git_tree_free(tree);
	return err;
}

/* core.ignorecase makes libgit2 compare paths without case: its reader. */
static bool ignore_case(git_repository *repo)
{
	git_config *cfg = NULL;
	int icase = 0;
	if (git_repository_config_snapshot(&cfg, repo) < 0)
		return true;
	if (git_config_get_bool(&icase, cfg, "core.ignorecase") < 0)
		icase = 0;
	git_config_free(cfg);
	return icase != 0;
}

/* The diff of HEAD against the staged entries that may differ (in *mem);
 * 1: not for this reader (see index.h), nothing done. */
static int staged_diff(git_diff **out, git_index **mem, pc_repo *r, git_tree *head)
{
	const char *env = r->env.index_file;
	pc_buf path = PC_BUF_INIT;
	pc_index ix;
	staged_walk w;
	git_diff_options o;
	int err;

	*out = NULL;
	*mem = NULL;
	if (!head) /* an unborn branch: everything is new anyway */
		return 1;
	if (env && *env)
		pc_buf_puts(&path, env); /* relative to the hook's directory, like git */
	else
		pc_buf_printf(&path, "%sindex", git_repository_path(r->repo));
	err = pc_index_read(&ix, path.ptr);
	pc_buf_free(&path);
	if (err != 0)
		return err;
	if (ix.conflicts || ignore_case(r->repo)) {
		pc_index_free(&ix);
		return 1;
	}
	memset(&w, 0, sizeof(w));
	w.repo = r->repo;
	w.ix = &ix;
	if (git_index_new(&w.mem) < 0) {
		pc_index_free(&ix);
		return pc_git_error("cannot make an index in memory");
	}
	err = staged_dir(&w, 0, ix.n, "", 0, git_tree_id(head), ix.tree);
	if (err == 0) {
		/* an empty list would mean "everything": use one that matches nothing */
		static char *none[] = { ".pincheck-no-path" };
		diff_options(&o);
		o.pathspec.strings = w.l.n ? w.l.p : none;
		o.pathspec.count = w.l.n ? w.l.n : 1;
		o.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
		if (git_diff_tree_to_index(out, r->repo, head, w.mem, &o) < 0)
			err = pc_git_error("cannot diff the index against HEAD");
	}
	list_free(&w.l);
	if (err == 0)
		*mem = w.mem;
	else
		git_index_free(w.mem);
	pc_index_free(&ix);
	return err;
}

int pc_source_staged_repo(pc_repo *r, git_tree *head, const pc_visitor *v)
{
	git_diff *diff = NULL;
	git_index *index, *mem;
	int err = staged_diff(&diff, &mem, r, head);
	if (err == 1) {
		if ((err = pc_repo_index(&index, r)) < 0)
			return err;
		return pc_source_staged(r->repo, head, index, v);
	}
	if (err < 0)
		return err;
	/* Each patch looks up the file's `diff` attribute, and libgit2 reads
	 * .gitattributes from the repository's index: without this, the
	 * whole index file. Under GIT_DIFF_FORCE_TEXT that attribute changes
	 * no line (diff_options), so the entries in memory serve, and the
	 * repository reads its own index again when next asked for it. */
	git_repository_set_index(r->repo, mem);
	err = visit_diff(r->repo, diff, NULL, 0, v);
	git_repository_set_index(r->repo, NULL);
	git_diff_free(diff);
	git_index_free(mem);
	return err;
}

/* Diff two trees, reading only what differs (see changed_paths). */
static int diff_trees(git_diff **out, git_repository *repo, git_tree *old, git_tree *now)
{
	git_diff_options o;
	path_list l = { NULL, 0, 0 };
	int err;
	diff_options(&o);
	if ((err = changed_paths(&l, repo, old, now, "")) < 0) {
		list_free(&l);
		return err;
	}
	if (l.n <= PC_MAX_CHANGED_PATHS) {
		/* an empty list would mean "everything": use one that matches nothing */
		static char *none[] = { ".pincheck-no-path" };
		o.pathspec.strings = l.n ? l.p : none;
		o.pathspec.count = l.n ? l.n : 1;
		o.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	}
	err = git_diff_tree_to_tree(out, repo, old, now, &o) < 0 ? pc_git_error("cannot diff the trees") : 0;
	list_free(&l);
	return err;
}

int pc_source_trees(git_repository *repo, git_tree *old, git_tree *now, const pc_visitor *v)
{
	git_diff *diff = NULL;
	int err;
	if ((err = diff_trees(&diff, repo, old, now)) < 0)
		return err;
	err = visit_diff(repo, diff, NULL, 0, v);
	git_diff_free(diff);
	return err;
}

int pc_source_commit(git_repository *repo, git_commit *commit, const pc_visitor *v)
{
	git_diff *diff = NULL, **others = NULL;
	git_tree *tree = NULL, *parent_tree = NULL;
	git_commit *parent = NULL;
	size_t nparents = git_commit_parentcount(commit), nothers = 0, k;
	int err = 0;

	if (git_commit_tree(&tree, commit) < 0)
		return pc_git_error("cannot read the commit's tree");
	if (nparents > 1)
		others = pc_calloc(nparents - 1, sizeof(*others));
	for (k = 0; k < nparents; k++) {
		git_diff **out = k == 0 ? &diff : &others[nothers];
		if (git_commit_parent(&parent, commit, (unsigned)k) < 0 ||
		    git_commit_tree(&parent_tree, parent) < 0) {
			err = pc_git_error("cannot read a parent of the commit");
			goto out;
		}
		if ((err = diff_trees(out, repo, parent_tree, tree)) < 0)
			goto out;
		if (k > 0)
			nothers++;
		git_tree_free(parent_tree);
		git_commit_free(parent);
		parent_tree = NULL;
		parent = NULL;
	}
	if (!nparents && (err = diff_trees(&diff, repo, NULL, tree)) < 0)
		goto out;
	err = visit_diff(repo, diff, others, nothers, v);
out:
	for (k = 0; k < nothers; k++)
		git_diff_free(others[k]);
	free(others);
	git_diff_free(diff);
	git_tree_free(parent_tree);
	git_commit_free(parent);
	git_tree_free(tree);
	return err;
}

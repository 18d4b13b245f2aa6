/*
 * fix.c: `pincheck fix`: each alias a scan found, rewritten to its live
 * pin (fix.h). Findings are taken file by file, in line and column order;
 * a file is read once, through a descriptor that does not follow a
 * symlink, the new bytes are the old ones with exactly the findings' spans
 * replaced, and they go to a temporary file beside it that is synced and
 * renamed over it. Nothing is guessed: a span whose bytes are not the
 * alias is left. In a notebook or JSON file the scan reads ids with their
 * needless escapes decoded (scan.c), so there the span may spell the id
 * with them; the pin replaces it whole, unescaped, and the JSON around it
 * is kept as it is.
 */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pincheck/buf.h"
#include "pincheck/common.h"
#include "pincheck/fix.h"
#include "pincheck/scan.h"

const char *pc_fix_reason(pc_fix_outcome outcome)
{
	switch (outcome) {
	case PC_FIX_FIXED: return "fixed";
	case PC_FIX_NO_PIN: return "no live pin known";
	case PC_FIX_NOT_ALIAS: return "not an alias: no pin keeps its behaviour";
	case PC_FIX_DIRTY: return "the file has unstaged changes (--force to fix it anyway)";
	case PC_FIX_UNTRACKED: return "the file is not tracked (--force to fix it anyway)";
	case PC_FIX_SYMLINK: return "a symlink, not followed";
	case PC_FIX_MOVED: return "the file does not hold the alias there as written";
	case PC_FIX_OVERLAP: return "overlaps another fix";
	case PC_FIX_ESCAPE: return "the pin would need escaping in its JSON string";
	}
	return "left";
}

/* The pin to write for a reference: the pin behind the provider prefix the
 * match carried (`openai/gpt-4o` -> `openai/gpt-4o-...`) when the pin has
 * none of its own. */
char *pc_fix_pin_for(const char *model, const char *pin)
{
	const char *slash = strrchr(model, '/');
	pc_buf b = PC_BUF_INIT;
	if (!slash || strchr(pin, '/'))
		return pc_strdup(pin);
	pc_buf_put(&b, model, (size_t)(slash + 1 - model));
	pc_buf_puts(&b, pin);
	return pc_buf_detach(&b);
}

pc_fix_item *pc_fix_add(pc_fix_result *res, const char *path, size_t line, size_t col,
			const char *old, size_t span, const char *pin)
{
	pc_fix_item *it;
	PC_GROW(res->items, res->alloc, res->n + 1);
	it = &res->items[res->n++];
	memset(it, 0, sizeof(*it));
	it->path = path;
	it->line = line;
	it->col = col;
	it->old = old;
	it->span = span;
	it->pin = pin ? pc_strdup(pin) : NULL;
	return it;
}

static int by_place(const void *a, const void *b)
{
	const pc_fix_item *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

/* One item for each unsuppressed finding about a line of a file: those
 * with a pin to write pending as FIXED, the others left. */
static void collect(pc_fix_result *res, const pc_findings *f)
{
	size_t i;
	for (i = 0; i < f->n; i++) {
		const pc_finding *x = &f->items[i];
		pc_fix_item *it;
		if (x->suppressed || !x->path || !x->line)
			continue;
		it = pc_fix_add(res, x->path, x->line, x->col, x->model ? x->model : "", x->span,
				NULL);
		it->finding = x;
		if (x->kind != PC_KIND_ALIAS)
			it->outcome = PC_FIX_NOT_ALIAS;
		else if (!x->suggest || !x->model || x->span != strlen(x->model))
			it->outcome = PC_FIX_NO_PIN;
		else
			it->pin = pc_fix_pin_for(x->model, x->suggest);
	}
}

static void leave(pc_fix_item *items, size_t n, pc_fix_outcome why)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (items[i].pin) {
			free(items[i].pin);
			items[i].pin = NULL;
			items[i].outcome = why;
		}
	}
}

/* Unstaged changes in `path`, or not tracked at all: 0 (none), the
 * outcome that leaves it, or PC_ERUNTIME. */
static int status_of(pc_repo *repo, const char *path)
{
	unsigned int flags = 0;
	if (git_status_file(&flags, repo->repo, path) < 0)
		return pc_git_error(path);
	if (flags & GIT_STATUS_WT_NEW)
		return PC_FIX_UNTRACKED;
	if (flags & (GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_WT_DELETED |
		     GIT_STATUS_WT_RENAMED))
		return PC_FIX_DIRTY;
	return 0;
}

/* The whole regular file at `full` into *b, its mode into *mode; 1 when it
 * is a symlink or not a regular file. */
static int read_regular(pc_buf *b, const char *full, mode_t *mode)
{
	struct stat st;
	ssize_t got;
	size_t want;
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && (errno == ELOOP || errno == EMLINK))
		return 1;
	if (fd < 0)
		return pc_error_set(PC_ERUNTIME, "%s: %s", full, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 1;
	}
	*mode = st.st_mode & 07777;
	want = (size_t)st.st_size;
	pc_buf_grow(b, want + 1);
	while (b->len < want) {
		got = read(fd, b->ptr + b->len, want - b->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		b->len += (size_t)got;
	}
	close(fd);
	if (b->len != want)
		return pc_error_set(PC_ERUNTIME, "%s: short read (changed while read?)", full);
	return 0;
}

/* Would `pin` need escaping in a JSON string? A quote, a backslash or a
 * control character would; a model id never has one. */
static bool json_unsafe(const char *pin)
{
	for (; *pin; pin++)
		if (*pin == '"' || *pin == '\\' || (unsigned char)*pin < 0x20)
			return true;
	return false;
}

/* How many bytes of `old` from `at` (up to `eol`) spell the item's id:
 * its own bytes, or in a file the scan reads decoded (`json`), the id with
 * needless escapes (`gpt-4\u006f`, which the pin replaces whole); 0 when
 * they do not spell it. */
static size_t raw_span(const char *old, size_t at, size_t eol, const pc_fix_item *x, bool json)
{
	if (eol - at >= x->span && !memcmp(old + at, x->old, x->span))
		return x->span;
	return json ? pc_scan_raw_span(old + at, eol - at, x->old, x->span) : 0;
}

/* `old` with each pending item's span replaced by its pin, into *out; an
 * item whose place does not hold its alias is left, and so is one whose
 * pin a JSON string (`json`) could only hold escaped. The items are in
 * line and column order; each line is found by one walk over the file. */
static size_t rewrite(pc_buf *out, const char *old, size_t len, pc_fix_item *items, size_t n,
		      bool json)
{
	size_t i, line = 1, pos = 0, eol = SIZE_MAX, done = 0, applied = 0;
	for (i = 0; i < n; i++) {
		const pc_fix_item *x = &items[i];
		const char *nl;
		size_t at, span;
		if (!items[i].pin)
			continue;
		while (line < x->line && (nl = memchr(old + pos, '\n', len - pos))) {
			pos = (size_t)(nl + 1 - old);
			line++;
			eol = SIZE_MAX;
		}
		if (eol == SIZE_MAX)
			eol = (nl = memchr(old + pos, '\n', len - pos)) ? (size_t)(nl - old) : len;
		at = pos + x->col - 1;
		if (line != x->line || at < pos || at > eol ||
		    (!(span = raw_span(old, at, eol, x, json)) && x->span)) {
			leave(&items[i], 1, PC_FIX_MOVED);
			continue;
		}
		if (at < done) {
			leave(&items[i], 1, PC_FIX_OVERLAP);
			continue;
		}
		if (json && x->span && json_unsafe(items[i].pin)) {
			leave(&items[i], 1, PC_FIX_ESCAPE);
			continue;
		}
		pc_buf_put(out, old + done, at - done);
		pc_buf_puts(out, items[i].pin);
		done = at + span;
		applied++;
	}
	pc_buf_put(out, old + done, len - done);
	return applied;
}

/* A unified diff of `path` from `old` to `new`, as git prints it. */
static int print_diff(FILE *out, const char *path, const pc_buf *old, const pc_buf *new)
{
	git_patch *patch = NULL;
	git_buf text = { 0 };
	int err = 0;
	if (git_patch_from_buffers(&patch, old->ptr, old->len, path, new->ptr, new->len, path,
				   NULL) < 0 ||
	    git_patch_to_buf(&text, patch) < 0)
		err = pc_git_error(path);
	else if (fwrite(text.ptr, 1, text.size, out) != text.size)
		err = pc_error_set(PC_ERUNTIME, "cannot write the diff: %s", strerror(errno));
	git_buf_dispose(&text);
	git_patch_free(patch);
	return err;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Sync the directory of `full`, so that a rename in it is durable. */
static void sync_dir(const char *full)
{
	const char *slash = strrchr(full, '/');
	char *dir = slash ? pc_strndup(full, (size_t)(slash - full) + 1) : pc_strdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* `data` as the file `full`, atomically: written to a temporary file beside
 * it with `mode`, synced, and renamed over it. */
static int write_atomic(const char *full, const pc_buf *data, mode_t mode)
{
	pc_buf tmp = PC_BUF_INIT;
	int fd, err = 0;
	pc_buf_printf(&tmp, "%s.pincheck-XXXXXX", full);
	if ((fd = mkstemp(tmp.ptr)) < 0) {
		err = pc_error_set(PC_ERUNTIME, "%s: %s", tmp.ptr, strerror(errno));
		pc_buf_free(&tmp);
		return err;
	}
	if (fchmod(fd, mode) < 0 || write_all(fd, data->ptr, data->len) < 0 || fsync(fd) < 0)
		err = pc_error_set(PC_ERUNTIME, "%s: %s", tmp.ptr, strerror(errno));
	if (close(fd) < 0 && !err)
		err = pc_error_set(PC_ERUNTIME, "%s: %s", tmp.ptr, strerror(errno));
	if (!err && rename(tmp.ptr, full) < 0)
		err = pc_error_set(PC_ERUNTIME, "%s: %s", full, strerror(errno));
	if (err)
		unlink(tmp.ptr);
	else
		sync_dir(full);
	pc_buf_free(&tmp);
	return err;
}

/* Fix the `n` items of one file (all of the same path). */
static int fix_file(pc_fix_result *res, pc_repo *repo, pc_fix_item *items, size_t n,
		    const pc_fix_opts *o)
{
	const char *path = items[0].path;
	pc_buf full = PC_BUF_INIT, old = PC_BUF_INIT, new = PC_BUF_INIT;
	mode_t mode = 0;
	int err = o->force ? 0 : status_of(repo, path);
	if (err > 0)
		leave(items, n, (pc_fix_outcome)err);
	if (err)
		return err < 0 ? err : 0;
	pc_buf_printf(&full, "%s%s", repo->workdir, path);
	err = read_regular(&old, full.ptr, &mode);
	if (err > 0)
		leave(items, n, PC_FIX_SYMLINK);
	if (!err && rewrite(&new, old.ptr, old.len, items, n,
			    pc_scan_decodes(path, old.ptr, old.len))) {
		res->files++;
		err = o->diff ? print_diff(o->diff, path, &old, &new)
			      : write_atomic(full.ptr, &new, mode);
	}
	pc_buf_free(&full);
	pc_buf_free(&old);
	pc_buf_free(&new);
	return err < 0 ? err : 0;
}

static bool pending(const pc_fix_item *items, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (items[i].pin)
			return true;
	return false;
}

int pc_fix_apply(pc_fix_result *res, pc_repo *repo, const pc_fix_opts *o)
{
	size_t i = 0, j;
	int err = 0;
	if (!repo || !repo->workdir)
		return pc_error_set(PC_EUSAGE, "editing files needs a repository with a working tree");
	if (res->n > 1)
		qsort(res->items, res->n, sizeof(*res->items), by_place);
	while (i < res->n && err >= 0) {
		for (j = i + 1; j < res->n; j++)
			if (strcmp(res->items[j].path, res->items[i].path))
				break;
		if (pending(&res->items[i], j - i))
			err = fix_file(res, repo, &res->items[i], j - i, o);
		i = j;
	}
	return err;
}

int pc_fix_files(pc_fix_result *res, pc_repo *repo, const pc_findings *f, const pc_fix_opts *o)
{
	memset(res, 0, sizeof(*res));
	if (!repo || !repo->workdir)
		return pc_error_set(PC_EUSAGE, "fix needs a repository with a working tree");
	collect(res, f);
	return pc_fix_apply(res, repo, o);
}

size_t pc_fix_left(const pc_fix_result *res)
{
	size_t i, n = 0;
	for (i = 0; i < res->n; i++)
		if (res->items[i].outcome != PC_FIX_FIXED)
			n++;
	return n;
}

void pc_fix_result_free(pc_fix_result *res)
{
	size_t i;
	for (i = 0; i < res->n; i++)
		free(res->items[i].pin);
	free(res->items);
	memset(res, 0, sizeof(*res));
}

/*
 * loose.c: pincheck's own reader of loose objects, put in front of
 * libgit2's (see repo.h). libgit2 1.5 has two bugs on hostile or damaged
 * loose objects: a truncated one makes it spin forever inside zlib
 * (libgit2 #7342, fixed upstream by #7346), and one whose header claims
 * fewer bytes than its body holds makes it write past its buffer (#7177).
 * Here the whole compressed file is handed to zlib at once with exactly
 * the room the header announces (plus one byte to catch a longer body),
 * so one inflate call either ends the stream or says why it could not.
 *
 * Objects that are not loose files of this directory are left to libgit2
 * (GIT_ENOTFOUND), as are short-id look-ups.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <git2/sys/odb_backend.h>
#include "pincheck/common.h"
#include "pincheck/repo.h"

typedef struct {
	git_odb_backend parent;
	char *dir; /* the objects directory, ending in '/' */
} loose;

static int corrupt(const git_oid *id, const char *why)
{
	git_error_set(GIT_ERROR_ODB, "loose object %s is corrupt: %s", git_oid_tostr_s(id), why);
	return -1;
}

/* The compressed file; GIT_ENOTFOUND when there is none. */
static int read_whole(unsigned char **out, size_t *len, loose *b, const git_oid *id)
{
	char path[4096], hex[GIT_OID_HEXSZ + 1];
	struct stat st;
	unsigned char *buf;
	size_t got = 0;
	int fd;

	git_oid_tostr(hex, sizeof(hex), id);
	if ((size_t)snprintf(path, sizeof(path), "%s%.2s/%s", b->dir, hex, hex + 2) >= sizeof(path))
		return GIT_ENOTFOUND;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return GIT_ENOTFOUND;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 2) {
		close(fd);
		return corrupt(id, "not a readable file");
	}
	buf = pc_malloc((size_t)st.st_size);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	*out = buf;
	*len = got;
	return 0;
}

/* "TYPE SIZE\0" at the start of the inflated object. */
static int parse_header(git_object_t *type, size_t *size, size_t *hlen, const unsigned char *h,
			size_t n)
{
	static const struct { const char *name; git_object_t type; } types[] = {
		{ "commit ", GIT_OBJECT_COMMIT }, { "tree ", GIT_OBJECT_TREE },
		{ "blob ", GIT_OBJECT_BLOB },     { "tag ", GIT_OBJECT_TAG },
	};
	size_t i, at = 0, v = 0;
	for (i = 0; i < 4; i++) {
		size_t k = strlen(types[i].name);
		if (n >= k && !memcmp(h, types[i].name, k)) {
			*type = types[i].type;
			at = k;
			break;
		}
	}
	if (i == 4 || at >= n || h[at] < '0' || h[at] > '9')
		return -1;
	for (; at < n && h[at] >= '0' && h[at] <= '9'; at++) {
		if (v > (SIZE_MAX / 2 - 9) / 10)
			return -1;
		v = v * 10 + (size_t)(h[at] - '0');
	}
	if (at >= n || h[at] != '\0')
		return -1;
	*size = v;
	*hlen = at + 1;
	return 0;
}

/*
 * Inflate the object: its type and size always, its body when `body` is
 * not NULL (allocated for libgit2 to free).
 */
static int inflate_object(void **body, size_t *size, git_object_t *type, loose *b,
			  const git_oid *id)
{
	unsigned char *in = NULL, head[64], *data = NULL;
	size_t inlen = 0, hlen, tail;
	z_stream z;
	int e, ret = 0;

	if ((e = read_whole(&in, &inlen, b, id)) != 0)
		return e;
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK) {
		free(in);
		return corrupt(id, "zlib cannot start");
	}
	z.next_in = in;
	z.avail_in = (uInt)(inlen > UINT32_MAX ? UINT32_MAX : inlen);
	z.next_out = head;
	z.avail_out = sizeof(head);
	e = inflate(&z, Z_SYNC_FLUSH);
	if ((e != Z_OK && e != Z_STREAM_END) ||
	    parse_header(type, size, &hlen, head, sizeof(head) - z.avail_out) < 0) {
		ret = corrupt(id, "bad header");
		goto out;
	}
	tail = sizeof(head) - z.avail_out - hlen;
	if (tail > *size) {
		ret = corrupt(id, "longer than its header says");
		goto out;
	}
	if (!body)
		goto out;
	if (inlen > UINT32_MAX || *size >= UINT32_MAX) {
		ret = corrupt(id, "too large for this reader");
		goto out;
	}
	if (!(data = git_odb_backend_data_alloc(&b->parent, *size + 1))) {
		ret = -1;
		goto out;
	}
	memcpy(data, head + hlen, tail);
	if (e != Z_STREAM_END) {
		z.next_out = data + tail;
		z.avail_out = (uInt)(*size + 1 - tail);
		e = inflate(&z, Z_FINISH);
	}
	if (e != Z_STREAM_END) {
		ret = corrupt(id, e != Z_OK && e != Z_BUF_ERROR ? "bad compressed data"
				  : z.avail_in == 0 ? "truncated"
						    : "longer than its header says");
	} else if (z.total_out != hlen + *size) {
		ret = corrupt(id, "its size differs from its header");
	}
	if (ret < 0) {
		git_odb_backend_data_free(&b->parent, data);
		goto out;
	}
	data[*size] = '\0'; /* as libgit2's reader: text objects end in a NUL */
	*body = data;
out:
	inflateEnd(&z);
	free(in);
	return ret;
}

static int loose_read(void **out, size_t *len, git_object_t *type, git_odb_backend *be,
		      const git_oid *id)
{
	return inflate_object(out, len, type, (loose *)be, id);
}

static int loose_read_header(size_t *len, git_object_t *type, git_odb_backend *be,
			     const git_oid *id)
{
	return inflate_object(NULL, len, type, (loose *)be, id);
}

static int loose_exists(git_odb_backend *be, const git_oid *id)
{
	loose *b = (loose *)be;
	char path[4096], hex[GIT_OID_HEXSZ + 1];
	struct stat st;
	git_oid_tostr(hex, sizeof(hex), id);
	if ((size_t)snprintf(path, sizeof(path), "%s%.2s/%s", b->dir, hex, hex + 2) >= sizeof(path))
		return 0;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void loose_free(git_odb_backend *be)
{
	loose *b = (loose *)be;
	free(b->dir);
	free(b);
}

int pc_odb_add_loose(git_odb *odb, const char *objects_dir)
{
	loose *b = pc_calloc(1, sizeof(*b));
	size_t n = strlen(objects_dir);
	if (git_odb_init_backend(&b->parent, GIT_ODB_BACKEND_VERSION) < 0) {
		free(b);
		return pc_git_error("cannot add the loose-object reader");
	}
	b->dir = pc_malloc(n + 2);
	memcpy(b->dir, objects_dir, n);
	if (n && objects_dir[n - 1] != '/')
		b->dir[n++] = '/';
	b->dir[n] = '\0';
	b->parent.read = loose_read;
	b->parent.read_header = loose_read_header;
	b->parent.exists = loose_exists;
	b->parent.free = loose_free;
	/* Above libgit2's own loose reader (priority 1), level with packs. */
	if (git_odb_add_backend(odb, &b->parent, 2) < 0) {
		loose_free(&b->parent);
		return pc_git_error("cannot add the loose-object reader");
	}
	return 0;
}

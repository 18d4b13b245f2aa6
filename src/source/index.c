/*
 * index.c: git's index file, mapped and walked in place (see index.h and
 * git's Documentation/gitformat-index.txt). Every read is bounded by the
 * map; whatever does not parse is left to libgit2 (return 1), never
 * guessed at.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pincheck/common.h"
#include "pincheck/index.h"

#define HEADER 12
#define FOOTER 20 /* the SHA-1 of everything before it */
#define ENTRY_FIXED 62 /* times, dev, ino, mode, uid, gid, size, id, flags */
#define FLAG_EXTENDED 0x4000
#define FLAG_NAMEMASK 0x0fff
#define MAX_TREE_DEPTH 1024

typedef struct {
	const unsigned char *p, *end;
} cursor;

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* git's varint of version 4 (varint.c): 7 bits a byte, each continuation
 * adding one before the shift. 0 when it runs out or overflows. */
static int varint(size_t *out, cursor *c)
{
	size_t v;
	if (c->p >= c->end)
		return 0;
	v = *c->p & 127;
	while (*c->p++ & 128) {
		if (c->p >= c->end || v + 1 > (SIZE_MAX >> 7))
			return 0;
		v = ((v + 1) << 7) | (*c->p & 127);
	}
	*out = v;
	return 1;
}

/* A non-negative decimal (or "-1" when allow_minus) up to `stop`. */
static int decimal(long *out, cursor *c, char stop, int allow_minus)
{
	long v = 0;
	int neg = 0, digits = 0;
	if (allow_minus && c->p < c->end && *c->p == '-')
		neg = 1, c->p++;
	for (; c->p < c->end && *c->p >= '0' && *c->p <= '9'; c->p++, digits++) {
		if (v > (1L << 40))
			return 0;
		v = v * 10 + (*c->p - '0');
	}
	if (!digits || c->p >= c->end || *c->p != (unsigned char)stop)
		return 0;
	c->p++;
	if (neg && v != 1)
		return 0;
	*out = neg ? -1 : v;
	return 1;
}

static void tree_free(pc_cache_tree *t)
{
	size_t i;
	for (i = 0; i < t->nsub; i++)
		tree_free(&t->sub[i]);
	free(t->sub);
}

/* One directory of the TREE extension and, after it, its subtrees. */
static int tree_parse(pc_cache_tree *t, cursor *c, int depth)
{
	const unsigned char *nul;
	long nsub;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (depth > MAX_TREE_DEPTH || !(nul = memchr(c->p, 0, (size_t)(c->end - c->p))))
		return 0;
	t->name = (const char *)c->p;
	t->namelen = (size_t)(nul - c->p);
	c->p = nul + 1;
	if (!decimal(&t->entries, c, ' ', 1) || !decimal(&nsub, c, '\n', 0))
		return 0;
	if (t->entries >= 0) {
		if (c->end - c->p < GIT_OID_RAWSZ)
			return 0;
		git_oid_fromraw(&t->id, c->p);
		c->p += GIT_OID_RAWSZ;
	}
	/* each subtree takes at least 5 bytes ("\0-1 0\n" less one) */
	if (nsub > (c->end - c->p) / 5)
		return 0;
	t->sub = pc_calloc((size_t)nsub + 1, sizeof(*t->sub));
	for (i = 0; i < (size_t)nsub; i++) {
		t->nsub = i + 1;
		if (!tree_parse(&t->sub[i], c, depth + 1))
			return 0;
	}
	return 1;
}

const pc_cache_tree *pc_cache_tree_sub(const pc_cache_tree *t, const char *name, size_t len)
{
	size_t i;
	for (i = 0; t && i < t->nsub; i++)
		if (t->sub[i].namelen == len && !memcmp(t->sub[i].name, name, len))
			return &t->sub[i];
	return NULL;
}

/* The entries; 0 when they do not parse. `c` ends after the last one. */
static int entries_parse(pc_index *ix, cursor *c, uint32_t version, size_t n)
{
	size_t i, prev_len = 0, arena_len = 0, arena_alloc = 0;
	size_t *offs = NULL;
	int ok = 1;

	/* each entry takes at least ENTRY_FIXED + 1 bytes */
	if (n > (size_t)(c->end - c->p) / (ENTRY_FIXED + 1))
		return 0;
	ix->entries = pc_calloc(n + 1, sizeof(*ix->entries));
	if (version == 4)
		offs = pc_calloc(n + 1, sizeof(*offs));
	for (i = 0; i < n && ok; i++) {
		git_index_entry *e = &ix->entries[i];
		const unsigned char *start = c->p, *name, *nul;
		size_t fixed = ENTRY_FIXED, len;
		if (c->end - c->p < ENTRY_FIXED + 2)
			break;
		e->ctime.seconds = (int32_t)be32(start);
		e->ctime.nanoseconds = be32(start + 4);
		e->mtime.seconds = (int32_t)be32(start + 8);
		e->mtime.nanoseconds = be32(start + 12);
		e->dev = be32(start + 16);
		e->ino = be32(start + 20);
		e->mode = be32(start + 24);
		e->uid = be32(start + 28);
		e->gid = be32(start + 32);
		e->file_size = be32(start + 36);
		git_oid_fromraw(&e->id, start + 40);
		e->flags = be16(start + 60);
		if (e->flags & FLAG_EXTENDED) {
			if (version < 3)
				break;
			fixed += 2;
			/* libgit2 keeps skip-worktree and intent-to-add only */
			e->flags_extended = be16(start + 62) & GIT_INDEX_ENTRY_EXTENDED_FLAGS;
		}
		name = start + fixed;
		if (GIT_INDEX_ENTRY_STAGE(e) > 0)
			ix->conflicts++;
		if (version == 4) {
			size_t strip;
			c->p = name;
			if (!varint(&strip, c) || strip > prev_len)
				break;
			if (!(nul = memchr(c->p, 0, (size_t)(c->end - c->p))))
				break;
			len = prev_len - strip + (size_t)(nul - c->p);
			/* the previous path, less `strip` bytes, then the new tail */
			PC_GROW(ix->arena, arena_alloc, arena_len + len + 1);
			if (i)
				memmove(ix->arena + arena_len, ix->arena + offs[i - 1], prev_len - strip);
			memcpy(ix->arena + arena_len + prev_len - strip, c->p, (size_t)(nul - c->p));
			ix->arena[arena_len + len] = '\0';
			offs[i] = arena_len;
			arena_len += len + 1;
			prev_len = len;
			c->p = nul + 1;
		} else {
			if (!(nul = memchr(name, 0, (size_t)(c->end - name))))
				break;
			len = (size_t)(nul - name);
			e->path = (const char *)name;
			/* padded with 1 to 8 NULs to a multiple of 8 bytes */
			if ((size_t)(c->end - start) < ((fixed + len + 8) & ~(size_t)7))
				break;
			c->p = start + ((fixed + len + 8) & ~(size_t)7);
		}
		if ((e->flags & FLAG_NAMEMASK) != FLAG_NAMEMASK && (e->flags & FLAG_NAMEMASK) != len)
			break;
		if (!len)
			break;
	}
	if (i < n)
		ok = 0;
	/* the arena moved as it grew: the paths are set once it is whole */
	for (i = 0; ok && offs && i < n; i++)
		ix->entries[i].path = ix->arena + offs[i];
	free(offs);
	/* in git's order (path, then stage), which the walk of source.c
	 * relies on; git never writes another, libgit2 would sort it */
	for (i = 1; ok && i < n; i++) {
		int d = strcmp(ix->entries[i - 1].path, ix->entries[i].path);
		if (d > 0 || (d == 0 && GIT_INDEX_ENTRY_STAGE(&ix->entries[i - 1]) >=
					 GIT_INDEX_ENTRY_STAGE(&ix->entries[i])))
			ok = 0;
	}
	ix->n = ok ? n : 0;
	return ok;
}

/* The extensions after the entries: TREE is kept, an optional one
 * (upper-case signature) is skipped, a required one is not ours. */
static int extensions_parse(pc_index *ix, cursor *c)
{
	while (c->end - c->p >= 8) {
		const unsigned char *sig = c->p;
		uint32_t size = be32(c->p + 4);
		cursor ext;
		c->p += 8;
		if (size > (size_t)(c->end - c->p))
			return 0;
		ext.p = c->p;
		ext.end = c->p + size;
		c->p += size;
		if (!memcmp(sig, "TREE", 4) && !ix->tree && size) {
			pc_cache_tree *t = pc_calloc(1, sizeof(*t));
			if (tree_parse(t, &ext, 0) && ext.p == ext.end) {
				ix->tree = t;
			} else {
				tree_free(t); /* a cache is only a help: go without */
				free(t);
			}
		} else if (sig[0] < 'A' || sig[0] > 'Z') {
			return 0; /* link (split index), sdir (sparse index), ... */
		}
	}
	return c->p == c->end;
}

int pc_index_parse(pc_index *ix, const void *data, size_t len)
{
	static const unsigned char zero[FOOTER];
	cursor c;
	uint32_t version;

	memset(ix, 0, sizeof(*ix));
	if (len < HEADER + FOOTER)
		return 1;
	c.p = data;
	c.end = c.p + len - FOOTER;
	version = be32(c.p + 4);
	if (memcmp(c.p, "DIRC", 4) || version < 2 || version > 4 ||
	    !memcmp(c.end, zero, FOOTER)) /* index.skipHash: libgit2 1.5 refuses it */
		return 1;
	c.p += HEADER;
	if (!entries_parse(ix, &c, version, be32((const unsigned char *)data + 8)) ||
	    !extensions_parse(ix, &c)) {
		pc_index_free(ix);
		return 1;
	}
	return 0;
}

int pc_index_read(pc_index *ix, const char *path)
{
	struct stat st;
	void *map;
	size_t len;
	int fd, rc;

	memset(ix, 0, sizeof(*ix));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 1; /* missing (an empty index) or unreadable: libgit2 says which */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < HEADER + FOOTER) {
		close(fd);
		return 1;
	}
	len = (size_t)st.st_size;
	map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return 1;
	if ((rc = pc_index_parse(ix, map, len)) != 0) {
		munmap(map, len);
		return rc;
	}
	ix->map = map; /* the entries' paths point into it */
	ix->map_len = len;
	return 0;
}

void pc_index_free(pc_index *ix)
{
	if (ix->tree) {
		tree_free(ix->tree);
		free(ix->tree);
	}
	free(ix->entries);
	free(ix->arena);
	if (ix->map)
		munmap(ix->map, ix->map_len);
	memset(ix, 0, sizeof(*ix));
}

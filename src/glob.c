/*
 * glob.c: git-style globs for the config's path filters (see glob.h).
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/common.h"
#include "pincheck/glob.h"

/* Match a [...] class at *pp against c; advance *pp past it. */
static bool class_match(const char **pp, char c)
{
	const char *p = *pp + 1;
	bool neg = false, hit = false;
	if (*p == '!' || *p == '^') {
		neg = true;
		p++;
	}
	if (*p == ']') { /* a leading ']' is literal */
		hit = c == ']';
		p++;
	}
	for (; *p && *p != ']'; p++) {
		if (p[1] == '-' && p[2] && p[2] != ']') {
			if (*p <= c && c <= p[2])
				hit = true;
			p += 2;
		} else if (*p == c) {
			hit = true;
		}
	}
	if (*p != ']')
		return false; /* unterminated: matches nothing */
	*pp = p + 1;
	return hit != neg;
}

static bool match(const char *p, const char *s)
{
	for (; *p; ) {
		if (p[0] == '*' && p[1] == '*') {
			/* "**" or "**" "/": zero or more whole segments. */
			p += 2;
			if (*p == '/')
				p++;
			if (!*p)
				return true;
			for (;;) {
				if (match(p, s))
					return true;
				s = strchr(s, '/');
				if (!s)
					return false;
				s++;
			}
		}
		if (*p == '*') {
			p++;
			for (;;) {
				if (match(p, s))
					return true;
				if (!*s || *s == '/')
					return false;
				s++;
			}
		}
		if (!*s)
			return false;
		if (*p == '?') {
			if (*s == '/')
				return false;
			p++, s++;
		} else if (*p == '[') {
			if (*s == '/' || !class_match(&p, *s))
				return false;
			s++;
		} else {
			if (*p == '\\' && p[1])
				p++;
			if (*p != *s)
				return false;
			p++, s++;
		}
	}
	return !*s;
}

/*
 * As .gitignore: the pattern is tried against the file and each directory
 * above it, so a directory pattern covers everything below. With a '/'
 * inside, it matches from the top; without, against the last segment.
 * A trailing '/' matches directories only.
 */
bool pc_glob_match(const char *pattern, const char *path)
{
	char *pat, *cand;
	bool hit = false;
	size_t n = strlen(pattern), len = strlen(path), end;
	bool dir_only = false, anchored;
	const char *p = pattern;

	if (n && pattern[n - 1] == '/') {
		dir_only = true;
		n--;
	}
	if (n && p[0] == '/') {
		p++;
		n--;
		anchored = true;
	} else {
		anchored = memchr(p, '/', n) != NULL;
	}
	if (!n)
		return false;
	pat = pc_malloc(n + 1);
	cand = pc_malloc(len + 1);
	memcpy(pat, p, n);
	pat[n] = '\0';
	for (end = 1; end <= len; end++) {
		const char *seg;
		if (end < len ? path[end] != '/' : dir_only)
			continue;
		memcpy(cand, path, end);
		cand[end] = '\0';
		seg = anchored ? cand : (strrchr(cand, '/') ? strrchr(cand, '/') + 1 : cand);
		if ((hit = match(pat, seg)))
			break;
	}
	free(pat);
	free(cand);
	return hit;
}

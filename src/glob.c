/*
 * glob.c: git-style globs for the config's path filters (see glob.h).
 */
#include <string.h>
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

bool pc_glob_match(const char *pattern, const char *path)
{
	size_t n = strlen(pattern);
	const char *slash, *base;

	if (n && pattern[n - 1] == '/') {
		/* "dir/" matches the directory and everything under it. */
		char buf[4096];
		if (n + 3 > sizeof(buf))
			return false;
		memcpy(buf, pattern, n);
		memcpy(buf + n, "**", 3);
		return pc_glob_match(buf, path) ||
		       (buf[n - 1] = '\0', pc_glob_match(buf, path));
	}
	if (pattern[0] == '/')
		return match(pattern + 1, path);
	slash = strchr(pattern, '/');
	if (!slash) {
		base = strrchr(path, '/');
		if (match(pattern, base ? base + 1 : path))
			return true;
		/* a bare directory name excludes what is under it */
		for (base = path; (slash = strchr(base, '/')); base = slash + 1) {
			char seg[1024];
			size_t len = (size_t)(slash - base);
			if (len >= sizeof(seg))
				continue;
			memcpy(seg, base, len);
			seg[len] = '\0';
			if (match(pattern, seg))
				return true;
		}
		return false;
	}
	if (match(pattern, path))
		return true;
	/* "vendor/lib" also covers "vendor/lib/x.c" */
	{
		const char *p = path;
		while ((p = strchr(p, '/'))) {
			char pre[4096];
			size_t len = (size_t)(p - path);
			if (len < sizeof(pre)) {
				memcpy(pre, path, len);
				pre[len] = '\0';
				if (match(pattern, pre))
					return true;
			}
			p++;
		}
	}
	return false;
}

/*
 * model.c: model ids (see model.h).
 */
#include <stdio.h>
#include <string.h>
#include "pincheck/date.h"
#include "pincheck/model.h"

const char *pc_model_base(const char *model)
{
	const char *slash = strrchr(model, '/');
	return slash ? slash + 1 : model;
}

bool pc_model_same(const char *a, const char *b)
{
	/* openai/gpt-4o-2024-08-06 and gpt-4o-2024-08-06 are the same pin */
	return !strcmp(a, b) || !strcmp(pc_model_base(a), b) || !strcmp(a, pc_model_base(b));
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool pc_model_snapshot_date(const char *model, const char *provider, char out[11])
{
	size_t n = strlen(model), i;
	char d[11];
	out[0] = '\0';
	for (i = 0; i + 10 <= n; i++) { /* YYYY-MM-DD */
		const char *p = model + i;
		if (p[4] == '-' && p[7] == '-' && (p[0] == '1' || p[0] == '2') &&
		    pc_days_from_date(p) >= 0) {
			memcpy(out, p, 10);
			out[10] = '\0';
			return true;
		}
	}
	for (i = 0; i + 8 <= n; i++) { /* Anthropic: YYYYMMDD */
		const char *p = model + i;
		if (strspn(p, "0123456789") < 8 || (i && is_digit(model[i - 1])) || p[0] != '2')
			continue;
		snprintf(d, sizeof(d), "%.4s-%.2s-%.2s", p, p + 4, p + 6);
		if (pc_days_from_date(d) >= 0) {
			memcpy(out, d, 11);
			return true;
		}
	}
	if (provider && !strcmp(provider, "mistral") && n > 5 && model[n - 5] == '-' &&
	    strspn(model + n - 4, "0123456789") == 4) { /* Mistral: -YYMM */
		snprintf(d, sizeof(d), "20%.2s-%.2s-01", model + n - 4, model + n - 2);
		if (pc_days_from_date(d) >= 0) {
			memcpy(out, d, 11);
			return true;
		}
	}
	return false;
}

/* Are the n bytes at p all digits? */
static bool digits(const char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!is_digit(p[i]))
			return false;
	return true;
}

/* The length of a Bedrock version tail `-vN` or `-vN:M` that ends `s`
 * (of length n), or 0. */
static size_t bedrock_tail(const char *s, size_t n)
{
	size_t i = n;
	while (i && is_digit(s[i - 1]))
		i--;
	if (i < n && i && s[i - 1] == ':') {
		i--;
		while (i && is_digit(s[i - 1]))
			i--;
	}
	if (i >= 2 && i < n && is_digit(s[i]) && s[i - 1] == 'v' && s[i - 2] == '-')
		return n - (i - 2);
	return 0;
}

static bool valid_date(const char *y, const char *m, const char *d, pc_model_version *v)
{
	char iso[11];
	snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2s", y, m, d);
	if (pc_days_from_date(iso) < 0)
		return false;
	v->kind = 'd';
	memcpy(v->key, iso, sizeof(iso));
	return true;
}

size_t pc_model_family(const char *model, const char *provider, pc_model_version *v)
{
	const char *s = pc_model_base(model);
	size_t n = strlen(s), t;
	memset(v, 0, sizeof(*v));
	if (n > 11 && s[n - 11] == '-' && s[n - 6] == '-' && s[n - 3] == '-' &&
	    digits(s + n - 10, 4) && digits(s + n - 5, 2) && digits(s + n - 2, 2) &&
	    valid_date(s + n - 10, s + n - 5, s + n - 2, v))
		return n - 11; /* -YYYY-MM-DD */
	t = n - bedrock_tail(s, n);
	if (t > 9 && (s[t - 9] == '-' || s[t - 9] == '@') && digits(s + t - 8, 8) &&
	    valid_date(s + t - 8, s + t - 4, s + t - 2, v))
		return t - 9; /* -YYYYMMDD or @YYYYMMDD, maybe -vN:M */
	if (n > 4 && (s[n - 4] == '-' || s[n - 4] == '@') && digits(s + n - 3, 3) &&
	    !is_digit(s[n - 5])) {
		v->kind = 'v';
		memcpy(v->key, s + n - 3, 3);
		return n - 4; /* -NNN or @NNN */
	}
	if (provider && !strcmp(provider, "mistral") && n > 5 && s[n - 5] == '-' &&
	    digits(s + n - 4, 4)) {
		char year[5];
		snprintf(year, sizeof(year), "20%.2s", s + n - 4);
		if (valid_date(year, s + n - 2, "01", v))
			return n - 5; /* -YYMM */
	}
	if (provider && !strcmp(provider, "cohere") && n > 8 && s[n - 8] == '-' &&
	    s[n - 5] == '-' && digits(s + n - 7, 2) && digits(s + n - 4, 4) &&
	    valid_date(s + n - 4, s + n - 7, "01", v))
		return n - 8; /* -MM-YYYY */
	return 0;
}

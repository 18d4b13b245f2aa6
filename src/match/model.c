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

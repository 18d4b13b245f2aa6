/*
 * ready.c: bench-ready [RUNS]: how long pincheck takes to have its rule set
 * ready to match, in-process and without process start-up: the built-in
 * rules loaded and compiled as a command does it (pc_config_rules with no
 * .pincheck.yml). Prints the median and the minimum of RUNS (default 101)
 * in milliseconds: "MEDIAN MIN". Built by `make bench` (Makefile), run by
 * bench/run.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "pincheck/common.h"
#include "pincheck/config.h"
#include "pincheck/rules.h"

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 101, i;
	double *ms;
	pc_config cfg;
	if (runs < 1)
		runs = 1;
	ms = calloc((size_t)runs, sizeof(*ms));
	pc_config_init(&cfg);
	for (i = 0; i < runs; i++) {
		struct timespec a, b;
		pc_ruleset *rs = NULL;
		clock_gettime(CLOCK_MONOTONIC, &a);
		if (pc_config_rules(&rs, &cfg, false) < 0) {
			fprintf(stderr, "bench-ready: %s\n", pc_error_last());
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		ms[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
		pc_ruleset_free(rs);
	}
	qsort(ms, (size_t)runs, sizeof(*ms), cmp);
	printf("%.3f %.3f\n", ms[runs / 2], ms[0]);
	pc_config_free(&cfg);
	free(ms);
	return 0;
}

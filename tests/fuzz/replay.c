/*
 * replay.c: runs a fuzz target's LLVMFuzzerTestOneInput once over each
 * file given (or each file of each directory given), without libFuzzer,
 * so that `make test` replays every corpus with the normal compiler and
 * sanitizers: a crash the fuzzer found, once its reproducer is in the
 * corpus, stays a regression test. Exits non-zero if a file can't be read;
 * a crash aborts through the sanitizer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "pincheck/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int run_file(const char *path)
{
	pc_buf b = PC_BUF_INIT;
	uint8_t *copy;
	if (pc_buf_read_file(&b, path, 64u * 1024 * 1024) < 0) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		return -1;
	}
	/* An exact-size copy, as libFuzzer passes it: a read past the end is
	 * an ASan report, not a read of the buffer's spare room. */
	copy = malloc(b.len ? b.len : 1);
	memcpy(copy, b.ptr, b.len);
	LLVMFuzzerTestOneInput(copy, b.len);
	free(copy);
	pc_buf_free(&b);
	return 0;
}

int main(int argc, char **argv)
{
	int i, failed = 0, n = 0;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;
		if (stat(argv[i], &st) < 0 || !S_ISDIR(st.st_mode)) {
			failed |= run_file(argv[i]) < 0;
			n++;
			continue;
		}
		if (!(d = opendir(argv[i]))) {
			fprintf(stderr, "replay: %s: cannot open\n", argv[i]);
			failed = 1;
			continue;
		}
		while ((e = readdir(d))) {
			pc_buf p = PC_BUF_INIT;
			if (e->d_name[0] == '.')
				continue;
			pc_buf_printf(&p, "%s/%s", argv[i], e->d_name);
			failed |= run_file(p.ptr) < 0;
			n++;
			pc_buf_free(&p);
		}
		closedir(d);
	}
	printf("replay: %d inputs\n", n);
	return failed || !n;
}

/*
 * tmpdir.h: the removal of a unit test's temporary directory with
 * everything in it. Each test is a program of its own, so this header
 * holds static functions; a test that includes it defines _XOPEN_SOURCE
 * 700 first (nftw).
 */
#ifndef PC_TEST_TMPDIR_H
#define PC_TEST_TMPDIR_H

#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>

static int tmpdir_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Remove dir and everything below it; symbolic links are not followed. */
static void tmpdir_remove(const char *dir)
{
	nftw(dir, tmpdir_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif

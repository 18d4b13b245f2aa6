/*
 * test_uuid.c: SHA-1 against FIPS 180 and padding-edge vectors, and
 * version 5 UUIDs against RFC 9562's example and other implementations'
 * results (Python's uuid.uuid5).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "pincheck/uuid.h"

static void hex(char out[41], const unsigned char d[20])
{
	int i;
	for (i = 0; i < 20; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void check_sha1(const char *data, size_t len, const char *want)
{
	unsigned char d[20];
	char got[41];
	pc_sha1(d, data, len);
	hex(got, d);
	assert_string_equal(got, want);
}

static void test_sha1_vectors(void **state)
{
	char a[200];
	(void)state;
	memset(a, 'a', sizeof(a));
	check_sha1("", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	check_sha1("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d");
	check_sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		   "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	/* the padding's edges: 55 bytes fit one block, 56 need two, 64 is one whole */
	check_sha1(a, 55, "c1c8bbdc22796e28c0e15163d20899b65621d65a");
	check_sha1(a, 56, "c2db330f6083854c99d4b5bfb6e8f29f201be699");
	check_sha1(a, 64, "0098ba824b5c16427bd7a1122a5a442a25ec644d");
}

static void test_uuid_v5(void **state)
{
	static const unsigned char ns_dns[16] = {
		0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
		0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
	};
	char u[37];
	(void)state;
	/* RFC 9562 appendix A.4 */
	pc_uuid_v5(u, ns_dns, "www.example.com", 15);
	assert_string_equal(u, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
	pc_uuid_v5(u, pc_uuid_ns_url, "https://example.com/r@abc", 25);
	assert_string_equal(u, "4ced5ad8-22ee-5abf-a31c-adef3d32cf3d");
	pc_uuid_v5(u, pc_uuid_ns_url, "", 0);
	assert_string_equal(u, "1b4db7eb-4057-5ddf-91e0-36dec72071f5");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha1_vectors),
		cmocka_unit_test(test_uuid_v5),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * uuid.h: name-based UUIDs (RFC 9562 version 5, SHA-1), so that a report
 * that needs a serial number (a CycloneDX BOM) gets the same one each time
 * it describes the same thing, never a random one.
 */
#ifndef PINCHECK_UUID_H
#define PINCHECK_UUID_H

#include <stddef.h>

/** The SHA-1 digest of `len` bytes at `data`. */
void pc_sha1(unsigned char out[20], const void *data, size_t len);

/** RFC 9562's namespace for names that are URLs
 * (6ba7b811-9dad-11d1-80b4-00c04fd430c8). */
extern const unsigned char pc_uuid_ns_url[16];

/** The version 5 UUID of `name` (`len` bytes) in namespace `ns`, written
 * in lower-case hex with hyphens (36 characters and a NUL). */
void pc_uuid_v5(char out[37], const unsigned char ns[16], const char *name, size_t len);

#endif

/*
 * cpio_build.h - writes small cpio newc archives for the tests of the
 * parser and of the tree (cpio_test.c, path_test.c), and for the fuzzer's
 * seeds: the same bytes tools/mkcpio.py writes.
 */
#ifndef FS_TEST_CPIO_BUILD_H
#define FS_TEST_CPIO_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CPIOT_SIZE 8192

struct cpiot {
	uint8_t buf[CPIOT_SIZE];
	size_t len;
};

/* Empties a. */
void cpiot_begin(struct cpiot *a);

/* Appends an entry name with mode and the bytes data[0, size). */
void cpiot_add(struct cpiot *a, const char *name, uint32_t mode, const void *data, size_t size);

/* Appends the trailer. */
void cpiot_end(struct cpiot *a);

#endif

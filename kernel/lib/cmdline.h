/*
 * cmdline.h - reading the kernel command line.
 *
 * The command line is a list of words separated by spaces; a word is either
 * a flag ("selftest") or a key=value pair ("selftest=pmm,vmm").
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true if the command line holds `key` alone or as `key=value`. */
bool cmdline_has(const char *cmdline, const char *key);

/*
 * Copies the value of `key=value` into buf (NUL-terminated, cut to fit) and
 * returns true; returns false, leaving buf empty, if there is no such word.
 */
bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);

/* Returns true if item is one of the entries of a comma-separated list. */
bool cmdline_list_contains(const char *list, const char *item);

#endif

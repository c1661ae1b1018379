/* fnmatch.h - shell wildcard patterns: fnmatch (libc/fnmatch/fnmatch.c); glibc's flag values. */
#ifndef _FNMATCH_H
#define _FNMATCH_H

#define FNM_PATHNAME 1	  /* '/' is matched only by a '/' */
#define FNM_NOESCAPE 2	  /* a backslash is an ordinary character */
#define FNM_PERIOD 4	  /* a leading '.' is matched only by a '.' */
#define FNM_LEADING_DIR 8 /* GNU: the pattern may match a leading directory ("a" matches "a/b") */
#define FNM_CASEFOLD 16	  /* GNU: letters match either case */
#define FNM_FILE_NAME FNM_PATHNAME
#define FNM_NOMATCH 1

/* 0 if string matches pattern (* ? [...] with [!...], ranges and
 * [:class:]), FNM_NOMATCH if not. */
int fnmatch(const char *pattern, const char *string, int flags);

#endif

/*
 * pwd.h - the users of /etc/passwd: getpwnam, getpwuid (and their _r
 * forms into the caller's buffer), getpwent, setpwent, endpwent
 * (libc/pwd/passwd.c, which reads the file itself: no NSS).
 */
#ifndef _PWD_H
#define _PWD_H

#include <stddef.h>
#include <sys/types.h>

struct passwd {
	char *pw_name, *pw_passwd;
	uid_t pw_uid;
	gid_t pw_gid;
	char *pw_gecos, *pw_dir, *pw_shell;
};

/* The user named name, or with uid; NULL if there is none (errno kept). */
struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);
/* The same into pw and buf[0, size): 0 with *result set (NULL if none),
 * or an error number (ERANGE: buf too small). */
int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t size, struct passwd **result);
int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size, struct passwd **result);
/* Each user in turn, from the first after setpwent; NULL at the end. */
struct passwd *getpwent(void);
void setpwent(void);
void endpwent(void);

#endif

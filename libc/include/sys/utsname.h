/*
 * sys/utsname.h - uname: the system's names (libc/unistd/uname.c), in
 * Linux's and glibc's layout: six strings of 65 bytes.
 */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

struct utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

int uname(struct utsname *buf);

#endif

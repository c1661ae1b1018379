#!/bin/sh
# run.sh - the libc's pure parts (string, printf formatting, strtol, qsort,
# ctype) compiled for the host with AddressSanitizer and UBSan, each test
# of tests/libc/ linked against them and run. Every libc name is renamed
# to ilc_NAME (rename.h, force-included), and the code is compiled
# against the libc's own headers (-nostdinc), so it never mixes with
# glibc's; only the tests' write() and strdup's malloc() are glibc's.
#
#   tests/libc/host/run.sh          (from anywhere; gcc: libc/include/stdint.h uses its stdint-gcc.h)
cd "$(dirname "$0")/../../.." || exit 1
cc=${CC:-gcc}
out=build/libc-host
mkdir -p "$out"
flags="-std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
	-fno-builtin -nostdinc -isystem libc/include -isystem abi -isystem $($cc -print-file-name=include) -Ilibc
	-include tests/libc/host/rename.h -Wall -Wextra -Werror"
srcs="libc/string/memcpy.c libc/string/memmove.c libc/string/memset.c libc/string/memcmp.c
	libc/string/memchr.c libc/string/strlen.c libc/string/strcmp.c libc/string/strcpy.c
	libc/string/strcat.c libc/string/strchr.c libc/string/strstr.c libc/string/strspn.c
	libc/string/strtok.c libc/string/strdup.c libc/string/strerror.c
	libc/stdio/format.c libc/stdio/vsnprintf.c
	libc/stdlib/strtol.c libc/stdlib/atoi.c libc/stdlib/qsort.c libc/stdlib/bsearch.c
	libc/stdlib/rand.c libc/stdlib/abs.c libc/ctype/ctype.c libc/errno/errno.c"
objs=
for s in $srcs; do
	o=$out/$(echo "$s" | tr / _).o
	$cc $flags -c "$s" -o "$o" || exit 1
	objs="$objs $o"
done
bad=$(nm -g --defined-only $objs | awk 'NF == 3 && $3 !~ /^ilc_/ && $3 !~ /^__odr_asan/ { print $3 }')
if [ -n "$bad" ]; then
	echo "libc names not renamed in tests/libc/host/rename.h:" $bad >&2
	exit 1
fi
fail=0
for t in string_test printf_test strtol_test qsort_test ctype_test; do
	$cc $flags "tests/libc/$t.c" $objs -o "$out/$t" || { fail=1; continue; }
	"$out/$t" > "$out/$t.out" 2>&1
	st=$?
	echo "host-asan $t: exit $st, $(grep -c '^ok' "$out/$t.out") ok, $(grep -c '^not ok' "$out/$t.out") not ok"
	[ $st = 0 ] || { fail=1; grep -v '^ok' "$out/$t.out" | head -40; }
done
exit $fail

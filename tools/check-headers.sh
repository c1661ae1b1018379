#!/bin/sh
# check-headers.sh - the libc's headers in old and new C: every header of
# libc/include and the compiler's stddef.h, stdarg.h, stdbool.h, float.h
# and iso646.h, included together (a generated all_headers.h) into the K&R
# program tests/libc/kr_program.c, must compile without one diagnostic,
# even inside the headers (-Wsystem-headers), as C89, GNU89, C99 and C11,
# each with -pedantic; each build is then run natively and must print
# "kr_program: ok". Prints KTAP, one result per standard.
#
#   tools/check-headers.sh BUILD_DIR LIBC_DIR
build=${1:-build}
libc=${2:-$build/libc}
here=$(cd "$(dirname "$0")/.." && pwd) || exit 1
out=$build/check-headers
mkdir -p "$out" || exit 1

# every header, in a stable order (a new header is checked without an edit
# here), then the compiler's own that the libc relies on
{
	(cd "$here/libc/include" && find . -name '*.h' | sed 's|^\./||' | sort) | sed 's|.*|#include <&>|'
	for h in stddef.h stdarg.h stdbool.h float.h iso646.h; do echo "#include <$h>"; done
} >"$out/all_headers.h"

set -- c89 gnu89 c99 c11
echo "KTAP version 1"
echo "1..$#"
n=0 failed=0
for std in "$@"; do
	n=$((n + 1))
	log=$out/$std.log
	if INTERLUDE_LIBC=$libc "$here/tools/interlude-cc" -std=$std -pedantic -Wall -Wextra -Wsystem-headers \
		-Werror -O2 -I"$out" -o "$out/kr_$std" "$here/tests/libc/kr_program.c" >"$log" 2>&1 &&
		[ "$("$out/kr_$std")" = "kr_program: ok" ]; then
		echo "ok $n every header in a K&R program, -std=$std -pedantic, no warning, runs"
	else
		sed 's/^/# /' "$log" | head -n 30
		echo "not ok $n every header in a K&R program, -std=$std -pedantic, no warning, runs"
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ]

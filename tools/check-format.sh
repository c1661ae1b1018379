#!/bin/sh
# check-format.sh - every C file of the tree is as clang-format leaves it,
# with the project's .clang-format (the house style). Prints
# KTAP, one result; a file that is not formatted is named, with the
# command that formats it. `make format` formats the whole tree.
#
#   tools/check-format.sh [FILE...]     (default: every tracked .c and .h)
here=$(cd "$(dirname "$0")/.." && pwd) || exit 1
cd "$here" || exit 1
fmt=${CLANG_FORMAT:-clang-format}

echo "KTAP version 1"
echo "1..1"
if ! command -v "$fmt" >/dev/null 2>&1; then
	echo "# $fmt is missing: tools/install-deps.sh installs it (Debian's clang-format)"
	echo "not ok 1 every C file is clang-formatted"
	exit 1
fi
if [ $# -eq 0 ]; then
	# the tracked files in a clone; a tree without git (an unpacked lab)
	# has no build output under its sources but build/
	if git rev-parse --git-dir >/dev/null 2>&1; then
		set -- $(git ls-files '*.c' '*.h')
	else
		set -- $(find . -path ./build -prune -o -type f \( -name '*.c' -o -name '*.h' \) -print | sed 's|^\./||' | sort)
	fi
fi
# one clang-format for all of them (a process per file took 27 s); each
# of its complaints begins with the file's name
bad=$("$fmt" --dry-run -Werror "$@" 2>&1 >/dev/null | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' | sort -u)
if [ -z "$bad" ] && "$fmt" --dry-run -Werror "$@" >/dev/null 2>&1; then
	echo "ok 1 every C file is clang-formatted ($# files)"
	exit 0
fi
n=0
for f in $bad; do
	n=$((n + 1))
	[ $n -le 20 ] && echo "# not formatted: $f (clang-format -i $f)"
done
echo "# $n of $# files; make format formats them all"
echo "not ok 1 every C file is clang-formatted"
exit 1

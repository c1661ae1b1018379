#!/bin/sh
# install-deps.sh - make sure the tools the build and the tests need are
# here; install the missing ones from Debian's packages.
#
# As root it runs apt-get itself; otherwise it prints the command to run.
set -eu

missing=""
need() { # need COMMAND PACKAGE...
	cmd=$1
	shift
	command -v "$cmd" >/dev/null 2>&1 || missing="$missing $*"
}

need qemu-system-x86_64 qemu-system-x86
need grub-mkrescue grub-common
need xorriso xorriso
need mformat mtools
need python3 python3
need gcc gcc
need ld binutils
need make make
need clang clang
need musl-gcc musl-tools
need addr2line binutils
# The boot file system's busybox (mk/iso.mk): Debian's static build.
dpkg -s busybox-static >/dev/null 2>&1 || missing="$missing busybox-static"
need gdb gdb # make gdb and its test (tools/gdb/interlude.py)
need clang-format clang-format # the house style (tools/check-format.sh, make format)
# Lua 5.4's static library: tests/shell/lua_clock.c, a real interpreter's clock.
[ -f /usr/lib/x86_64-linux-gnu/liblua5.4.a ] || missing="$missing liblua5.4-dev"
# grub-mkrescue needs the BIOS (i386-pc) modules.
[ -d /usr/lib/grub/i386-pc ] || missing="$missing grub-pc-bin"
# libFuzzer's runtime comes with clang's runtime libraries.
if command -v clang >/dev/null 2>&1; then
	fuzzer=$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a)
	[ -f "$fuzzer" ] || missing="$missing libclang-rt-14-dev"
else
	missing="$missing libclang-rt-14-dev"
fi

[ -z "$missing" ] && exit 0

echo "install-deps: missing packages:$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: run as root:  apt-get update && apt-get install -y$missing"
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing

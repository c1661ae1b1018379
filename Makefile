# Interlude - a teaching x86-64 kernel about memory.
#
#   make            build the kernel image and the boot ISO into build/
#   make run        boot it in QEMU, serial console on this terminal
#   make test       build everything, run every test, print "N passed, N failed"
#   make check SUITE=vmm   one kernel self-test suite, in QEMU (and on the host if
#                          it builds there); make check HOST=qsort_test: one test program
#   make test-repeat N=20  the whole suite N times; names any run that differed
#   make gdb        boot halted with a gdb stub and attach gdb
#   make trace PROG=prog.c TRACE_OUT=t.jsonl   run it with the memory trace on (docs/TRACE.md)
#   make clean      remove build/
#   make format     clang-format every C file of the tree (make test checks it)
#
#   make check-errors    the common memory errors (examples/) in every MALLOC_CHECK
#                        mode, on Linux and on Interlude (docs/COMMON-ERRORS.md)
#   make fuzz       run each allocator fuzzer for FUZZ_TIME seconds
#   make fuzz-kernel SEED=1 PROCESSES=50 CALLS=20000  the differential syscall fuzzer,
#                   Linux against Interlude (docs/TESTING.md: replaying a failure)
#   make bench      measure the allocators (results: docs/BENCHMARKS.md)
#   make bench-syscalls  system calls and page faults, beside Linux in QEMU
#   make bench-malloc    the user allocator beside glibc, musl, jemalloc, mimalloc, tcmalloc
#   make bench-malloc-debug  what MALLOC_CHECK=1 and =2 cost (time and memory factors)
#   make grade LAB=frames    grade a lab (docs/labs/); make lab-tree, make lab-check
#   make viz PROG=... (or TRACE=file.jsonl)  pictures of memory: the address space and
#                   the heap over time, SVG and HTML in build/viz/ (docs/VIZ.md)
#
# Variables: CROSS=x86_64-elf- (cross toolchain), CMDLINE="..." (kernel
# command line), QEMUFLAGS="..." (extra QEMU options), KVM=1 (opt in to KVM),
# KHEAP_DEBUG=1 (kernel heap debug checks), V=1 (show commands).
#
# The rules live in mk/, one file per part of the system:
#   mk/kernel.mk   the kernel image, and the groups of kernel sources that
#                  also build on the host (the one place each file is listed)
#   mk/libc.mk     the C library and its tests
#   mk/programs.mk exercise programs (tests/programs/), glibc and Interlude builds
#   mk/iso.mk      the boot ISO, a user program as a boot module
#   mk/user.mk     freestanding user test programs, musl programs, examples/
#   mk/host.mk     kernel and allocator code under ASan/UBSan on the host
#   mk/fuzz.mk     libFuzzer targets
#   mk/qemu.mk     running QEMU: run, gdb, check
#   mk/test.mk     make test
#   mk/bench.mk    benchmarks
#   mk/labs.mk     the labs: make grade LAB=name, make lab-tree, make lab-check
#   mk/viz.mk      make viz: pictures of memory from a trace
# tests/README.md says how to add a source file or a test.

BUILD     ?= build
CROSS     ?=
CC        := $(CROSS)gcc
LD        := $(CROSS)ld
NM        := $(CROSS)nm
HOST_CC   ?= gcc
PYTHON    ?= python3

# When python3 on the PATH is a wrapper (pyenv's shims are shell scripts
# that cost 0.4 CPU-seconds before Python starts), the interpreter it
# chooses goes first on the PATH for every script make starts: make test
# starts Python a few hundred times (tools/run-prog for each run).
# (Asked once: the answer goes to sub-makes in the environment.)
ifndef PYTHON_REAL
PYTHON_REAL := $(shell python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
PYTHON_ON_PATH := $(shell command -v python3 2>/dev/null)
ifneq ($(PYTHON_REAL),)
ifneq ($(dir $(PYTHON_REAL)),$(dir $(PYTHON_ON_PATH)))
export PATH := $(patsubst %/,%,$(dir $(PYTHON_REAL))):$(PATH)
endif
endif
export PYTHON_REAL
endif

ifneq ($(V),1)
Q := @
endif

# $(call write-if-changed,TEXT): the recipe of a file that holds TEXT (a
# command line's flags, a list), rewritten only when TEXT changes, so that
# what depends on it is rebuilt only then. Its scratch file has the shell's
# pid in its name and the rename is atomic, so several makes may check it
# at once (make test runs programs side by side: tools/interlude).
write-if-changed = echo '$(1)' > $@.$$$$.tmp && \
	if cmp -s $@.$$$$.tmp $@; then rm $@.$$$$.tmp; else mv -f $@.$$$$.tmp $@; fi

.SECONDEXPANSION:
# Links and one-step builds are redone when a build file changes (a list may
# have changed); compiled objects follow their flags (*.flags) instead.
MK_FILES := Makefile $(wildcard mk/*.mk)
.DEFAULT_GOAL := all

include mk/kernel.mk
include mk/libc.mk
include mk/programs.mk
include mk/iso.mk
include mk/user.mk
include mk/host.mk
include mk/fuzz.mk
include mk/qemu.mk
include mk/test.mk
include mk/bench.mk
include mk/labs.mk
include mk/viz.mk

all: $(KERNEL_ELF) $(ISO)

deps:
	$(Q)tools/install-deps.sh

clean:
	rm -rf $(BUILD)

# The house style: every tracked C file as clang-format leaves it with the
# project's .clang-format (tools/check-format.sh, in make test, checks it).
format:
	$(Q)git ls-files '*.c' '*.h' | xargs clang-format -i

FORCE:
.PHONY: all iso run gdb profile test check test-repeat deps clean format host-tests fuzz bench bench-syscalls bench-malloc bench-malloc-quick \
	bench-malloc-qemu bench-malloc-debug libc examples check-errors FORCE

# (not the lab trees' builds that make lab-check and make grade keep under $(BUILD))
-include $(shell find $(BUILD) \( -path '$(BUILD)/lab-check' -o -path '$(BUILD)/grade' \) -prune -o -name '*.d' -print 2>/dev/null)

# make print-VAR prints a variable's value (tools/interlude uses print-QEMU).
print-%:
	@echo '$($*)'

# Interlude - a teaching x86-64 kernel about memory.
#
#   make            build the kernel image and the boot ISO into build/
#   make run        boot it in QEMU, serial console on this terminal
#   make test       build everything, run every test, print "N passed, N failed"
#   make gdb        boot halted with a gdb stub and attach gdb
#   make clean      remove build/
#
#   make check-errors    the common memory errors (examples/) in every MALLOC_CHECK
#                        mode, on Linux and on Interlude (docs/COMMON-ERRORS.md)
#   make fuzz       run each allocator fuzzer for FUZZ_TIME seconds
#   make bench      measure the allocators (results: docs/BENCHMARKS.md)
#   make bench-syscalls  system calls and page faults, beside Linux in QEMU
#   make bench-malloc    the user allocator beside glibc, musl, jemalloc, mimalloc, tcmalloc
#   make bench-malloc-debug  what MALLOC_CHECK=1 and =2 cost (time and memory factors)
#
# Variables: CROSS=x86_64-elf- (cross toolchain), CMDLINE="..." (kernel
# command line), QEMUFLAGS="..." (extra QEMU options), KVM=1 (opt in to KVM),
# KHEAP_DEBUG=1 (kernel heap debug checks), V=1 (show commands).

BUILD     ?= build
CROSS     ?=
CC        := $(CROSS)gcc
LD        := $(CROSS)ld
NM        := $(CROSS)nm
HOST_CC   ?= gcc
PYTHON    ?= python3

ifneq ($(V),1)
Q := @
endif

.SECONDEXPANSION:

# --- kernel ------------------------------------------------------------------

# The kernel heap's debug checks (red zones, poisoning, leak report) are on
# by default; benchmarks build with KHEAP_DEBUG=0 in a separate directory.
KHEAP_DEBUG ?= 1

KERNEL_CFLAGS := -std=gnu11 -O2 -g -DKHEAP_DEBUG=$(KHEAP_DEBUG) \
	-ffreestanding -nostdlib -fno-builtin -mno-red-zone -mcmodel=kernel \
	-fno-pic -fno-pie -mgeneral-regs-only -fno-stack-protector \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	-Ikernel -Iabi -Icommon -MMD -MP
KERNEL_ASFLAGS := -g -Ikernel -Iabi -MMD -MP -D__ASSEMBLER__
KERNEL_LDFLAGS := -n -nostdlib -z max-page-size=0x1000 -z noexecstack -T linker.ld

KERNEL_SRCS := $(sort $(shell find boot kernel common -name '*.c' -o -name '*.S'))
KERNEL_OBJS := $(patsubst %,$(BUILD)/%.o,$(KERNEL_SRCS))
KERNEL_ELF  := $(BUILD)/interlude.elf

all: $(KERNEL_ELF) $(ISO)

# Objects are rebuilt when the flags change (e.g. KHEAP_DEBUG=0 vs 1).
$(BUILD)/kernel.flags: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(KERNEL_CFLAGS)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(BUILD)/%.c.o: %.c Makefile $(BUILD)/kernel.flags
	@mkdir -p $(@D)
	@echo "  CC      $<" >&2
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/%.S.o: %.S Makefile $(BUILD)/kernel.flags
	@mkdir -p $(@D)
	@echo "  AS      $<" >&2
	$(Q)$(CC) $(KERNEL_ASFLAGS) -c $< -o $@

# The kernel is linked twice: the first link has an empty symbol table; its
# text symbols become the table of the second link. The table lives after
# all code (linker.ld), so no function moves; the build checks that.
$(BUILD)/gen/ksyms-empty.S: tools/gen-ksyms.py
	@mkdir -p $(@D)
	$(Q)$(PYTHON) tools/gen-ksyms.py --empty > $@

$(BUILD)/gen/ksyms.S: $(BUILD)/interlude.pass1.elf tools/gen-ksyms.py
	$(Q)$(NM) -n $< | $(PYTHON) tools/gen-ksyms.py > $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.S
	$(Q)$(CC) $(KERNEL_ASFLAGS) -c $< -o $@

$(BUILD)/interlude.pass1.elf: $(KERNEL_OBJS) $(BUILD)/gen/ksyms-empty.o linker.ld
	@echo "  LD      $@" >&2
	$(Q)$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/gen/ksyms-empty.o

$(KERNEL_ELF): $(KERNEL_OBJS) $(BUILD)/gen/ksyms.o linker.ld
	@echo "  LD      $@" >&2
	$(Q)$(LD) $(KERNEL_LDFLAGS) -o $@.tmp $(KERNEL_OBJS) $(BUILD)/gen/ksyms.o
	$(Q)$(NM) -n $@.tmp | grep -i ' t ' > $@.syms2; \
	    $(NM) -n $(BUILD)/interlude.pass1.elf | grep -i ' t ' > $@.syms1; \
	    cmp -s $@.syms1 $@.syms2 || { echo "error: code moved between the two links"; exit 1; }
	$(Q)if command -v grub-file >/dev/null; then \
	    grub-file --is-x86-multiboot2 $@.tmp || { echo "error: $@ is not multiboot2"; exit 1; }; fi
	$(Q)mv $@.tmp $@

# --- boot ISO ----------------------------------------------------------------


# A user program to run: PROG=path/to/static.elf (or a tests/user program's
# name), with ARGS="..." and ENV="A=1 B=2". It becomes a boot module whose
# string is "ENV... name ARGS...".
PROG ?=
ifneq ($(PROG),)
ifeq ($(suffix $(PROG)),.c)
# A C file: built against Interlude's libc with tools/interlude-cc, as the
# examples are (PROG_CFLAGS, below; a " * cflags: ..." line adds flags).
PROG_ELF := $(BUILD)/progs/$(notdir $(basename $(PROG)))
$(PROG_ELF): $(PROG) $(BUILD)/libc/libc.a $(BUILD)/libc/crt0.o tools/interlude-cc
	@mkdir -p $(@D)
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(BUILD)/libc tools/interlude-cc $(PROG_CFLAGS) \
	    $$(sed -n 's/^ \* cflags: //p' $<) -o $@ $<
else
PROG_ELF := $(if $(wildcard $(PROG)),$(PROG),$(BUILD)/user/$(PROG))
endif
PROG_NAME := $(notdir $(basename $(PROG)))
MODULE_LINE := module2 /boot/prog.elf $(ENV) $(PROG_NAME) $(ARGS)
endif

# A run with a program gets its own ISO, so that it does not disturb the
# self-test ISO (make test runs programs while the other is built).
ISO_NAME := $(if $(PROG),prog,interlude)
ISO := $(BUILD)/$(ISO_NAME).iso
ISO_DIR := $(BUILD)/iso-$(ISO_NAME)

# The default command line runs the self-tests (or nothing special when a
# program is given); override with CMDLINE=...
CMDLINE ?= $(if $(PROG),,selftest)

# grub.cfg is rewritten only when the command line or the module changes.
$(ISO_DIR)/boot/grub/grub.cfg: iso/grub.cfg.in FORCE
	@mkdir -p $(@D)
	$(Q)sed -e 's|@CMDLINE@|$(CMDLINE)|' -e 's|@MODULES@|$(MODULE_LINE)|' iso/grub.cfg.in > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(ISO): $(KERNEL_ELF) $(ISO_DIR)/boot/grub/grub.cfg $(PROG_ELF) | deps
	@echo "  ISO     $@" >&2
	$(Q)cp $(KERNEL_ELF) $(ISO_DIR)/boot/interlude.elf
	$(Q)rm -f $(ISO_DIR)/boot/prog.elf
	$(Q)$(if $(PROG_ELF),cp $(PROG_ELF) $(ISO_DIR)/boot/prog.elf)
	$(Q)grub-mkrescue -d /usr/lib/grub/i386-pc -o $@ $(ISO_DIR) 2> $(BUILD)/grub-mkrescue.log \
	    || { cat $(BUILD)/grub-mkrescue.log; exit 1; }

iso: $(ISO)

# --- the user-mode C library (libc/) -----------------------------------------

# Every .c and .S under libc/ goes into build/libc/libc.a, except the start-up
# code (libc/crt/), which becomes build/libc/crt*.o. Headers: libc/include,
# plus the compiler's own freestanding ones (stddef.h, stdint.h, stdarg.h).
GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
LIBC_CFLAGS := -std=gnu11 -O2 -g -static -fno-pie -fno-stack-protector -ffreestanding \
	-nostdinc -isystem libc/include -isystem abi -isystem $(GCC_INCLUDE) -Ilibc -Icommon \
	-Wall -Wextra -Werror -MMD -MP
LIBC_SRCS := $(sort $(shell find libc -path libc/crt -prune -o \( -name '*.c' -o -name '*.S' \) -print 2>/dev/null))
# common/: code the kernel and the libc share (the memory-error reports)
LIBC_COMMON_SRCS := $(sort $(shell find common -name '*.c'))
LIBC_OBJS := $(patsubst libc/%,$(BUILD)/libc-obj/%.o,$(LIBC_SRCS)) \
	$(patsubst common/%,$(BUILD)/libc-obj/common/%.o,$(LIBC_COMMON_SRCS))
LIBC_CRT := $(patsubst libc/crt/%.S,$(BUILD)/libc/%.o,$(wildcard libc/crt/*.S))

$(BUILD)/libc-obj/%.c.o: libc/%.c Makefile
	@mkdir -p $(@D)
	@echo "  LIBCC   $<" >&2
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(BUILD)/libc-obj/common/%.c.o: common/%.c Makefile
	@mkdir -p $(@D)
	@echo "  LIBCC   $<" >&2
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(BUILD)/libc-obj/%.S.o: libc/%.S Makefile
	@mkdir -p $(@D)
	@echo "  LIBAS   $<" >&2
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(BUILD)/libc/%.o: libc/crt/%.S Makefile
	@mkdir -p $(@D)
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(BUILD)/libc/libc.a: $(LIBC_OBJS)
	@mkdir -p $(@D)
	@echo "  AR      $@" >&2
	$(Q)rm -f $@ && ar rcs $@ $^

libc: $(BUILD)/libc/libc.a $(LIBC_CRT)

# The libc's tests (tests/libc/*.c print KTAP): built with tools/interlude-cc,
# run natively and in Interlude (same output, same status); the pure ones
# also built for the host under ASan/UBSan with every libc name renamed
# (tests/libc/host/rename.h) so that nothing clashes with glibc.
LIBC_TESTS := ctype_test printf_test qsort_test stdio_test stdlib_test string_test \
	strtol_test syscall_test ostep_malloc ostep_strcpy ostep_sbrk \
	malloc_stress malloc_exhaust malloc_giveback signal_test sigaction_test
# Faults that kill although a handler is installed: each case of
# tests/libc/signal_death.c must die the same way (139) on both kernels.
SIGNAL_DEATH_CASES := reset nested ignored blocked badstack norestorer
LIBC_HOST_TESTS := string_test printf_test strtol_test qsort_test ctype_test
$(BUILD)/libc-tests/%: tests/libc/%.c tests/libc/ktap.h $(BUILD)/libc/libc.a $(LIBC_CRT) tools/interlude-cc
	@mkdir -p $(@D)
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(BUILD)/libc tools/interlude-cc -std=gnu11 -O2 -g -fno-builtin -Wall -Wextra -Werror -o $@ $<
# signal_test.c's assembly probes are in a header (the rule has no -MMD).
$(BUILD)/libc-tests/signal_test: tests/libc/signal_probes.h
LIBC_HOST_SRCS := $(addprefix libc/string/,memcpy.c memmove.c memset.c memcmp.c memchr.c strlen.c \
	strcmp.c strcpy.c strcat.c strchr.c strstr.c strspn.c strtok.c strdup.c strerror.c) \
	libc/stdio/format.c libc/stdio/vsnprintf.c $(addprefix libc/stdlib/,strtol.c atoi.c qsort.c \
	bsearch.c rand.c abs.c) libc/ctype/ctype.c libc/errno/errno.c
$(BUILD)/libc-host/%: tests/libc/%.c tests/libc/ktap.h tests/libc/host/rename.h $(LIBC_HOST_SRCS)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer -fno-builtin -nostdinc -isystem libc/include -isystem abi \
	    -isystem $(GCC_INCLUDE) \
	    -Ilibc -include tests/libc/host/rename.h -Wall -Wextra -Werror -o $@ $< $(LIBC_HOST_SRCS)

# --- user test programs (freestanding until the libc exists) ----------------

USER_CFLAGS := -std=gnu11 -O2 -g -static -nostdlib -ffreestanding -fno-pie -no-pie \
	-fno-stack-protector -fno-builtin -Wall -Wextra -Werror -Itests/user -Iabi
USER_RT := tests/user/rt/start.S tests/user/rt/start_c.c

$(BUILD)/user/%: tests/user/%.c $(USER_RT) tests/user/rt/rt.h
	@mkdir -p $(@D)
	@echo "  USERCC  $@" >&2
	$(Q)$(CC) $(USER_CFLAGS) -o $@ $< $(USER_RT)

# User test programs that print KTAP: make test also runs them natively on
# this Linux machine, where they must pass the same checks.
USER_NATIVE_TESTS := mm_brk mm_mmap mm_munmap mm_mprotect mm_uaccess mm_fresh

# Ordinary C programs built with musl's static libc: make test runs each on
# Linux and on Interlude and compares output and exit status.
MUSL_PROGS := musl_hello
$(BUILD)/musl/%: tests/user/musl/%.c | deps
	@mkdir -p $(@D)
	@echo "  MUSLCC  $@" >&2
	$(Q)musl-gcc -static -O2 -Wall -Wextra -Werror -o $@ $<

# The self-tests run some of them as processes: they are built into the
# kernel image (kernel/proc/test/user_images.S).
KERNEL_USER_IMAGES := hello abi_check oom_touch \
	mm_brk mm_mmap mm_munmap mm_mprotect mm_uaccess mm_dirty mm_fresh \
	fault_null fault_write_text fault_exec_data fault_write_rdonly fault_read_none \
	fault_read_unmapped fault_noncanonical fault_poison fault_freed_pointer fault_kernel_read \
	fault_stack_overflow fault_div_zero fault_ud2 fault_int3
$(BUILD)/kernel/proc/test/user_images.S.o: $(patsubst %,$(BUILD)/user/%,$(KERNEL_USER_IMAGES))
$(BUILD)/kernel/proc/test/user_images.S.o: KERNEL_ASFLAGS += -Wa,-I$(BUILD)/user

# --- the common memory errors (examples/, docs/COMMON-ERRORS.md) ------------

# One program per error of OSTEP's "Common Errors", and clean controls, built
# against Interlude's libc; tools/check-errors.py runs each in every
# MALLOC_CHECK mode on Linux and on Interlude and checks the reports against
# the expectations written at the top of each program. -fno-builtin keeps
# GCC from deleting or folding the mistakes (a malloc/free pair, a store
# after free); -fno-optimize-sibling-calls keeps a call to malloc or free
# in tail position a call, so that "allocated by" names the function that
# wrote it. A " * cflags: ..." line in a program adds flags of its own.
PROG_CFLAGS = -std=gnu11 -O2 -g -fno-builtin -fno-optimize-sibling-calls -Wall
EXAMPLES := $(sort $(basename $(notdir $(wildcard examples/*.c))))
$(BUILD)/examples/%: examples/%.c $(BUILD)/libc/libc.a $(LIBC_CRT) tools/interlude-cc
	@mkdir -p $(@D)
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(BUILD)/libc tools/interlude-cc $(PROG_CFLAGS) \
	    $$(sed -n 's/^ \* cflags: //p' $<) -o $@ $<

examples: $(patsubst %,$(BUILD)/examples/%,$(EXAMPLES))

check-errors: deps examples $(KERNEL_ELF)
	$(Q)$(PYTHON) tools/check-errors.py --build-dir $(BUILD) $(CHECK_ERRORS_ARGS)

test: examples

# --- QEMU --------------------------------------------------------------------

ifeq ($(KVM),1)
ACCEL := -accel kvm -cpu host
else
ACCEL := -accel tcg -cpu max
endif
QEMU := qemu-system-x86_64 $(ACCEL) -m 128M -no-reboot -display none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-cdrom $(ISO) $(QEMUFLAGS)
TEST_TIMEOUT ?= 120

# With PROG=, the program's output is this terminal's and make's exit
# status is the program's; the kernel's log goes to $(BUILD)/kernel.log.
run: $(ISO)
ifneq ($(PROG),)
	$(Q)tools/run-prog $(BUILD)/kernel.log $(QEMU)
else
	$(Q)tools/run-qemu $(QEMU) -serial stdio
endif

gdb: $(ISO)
	$(Q)$(QEMU) -serial file:$(BUILD)/gdb-serial.log -s -S & \
	    gdb -q $(KERNEL_ELF) -ex 'target remote localhost:1234' \
	        -ex 'break kernel_main' -ex 'continue'; \
	    kill %1 2>/dev/null || true

# --- benchmarks (not tests: they print costs, they do not judge) -------------

# The kernel is built without heap debugging into its own directory and
# booted with -icount shift=0, so that rdtsc counts guest instructions.
BENCH_HOST_SRCS := tests/bench/alloc_bench.c tests/fuzz/kernel_stubs.c kernel/mm/buddy.c kernel/mm/slab.c \
	kernel/mm/kmalloc.c kernel/mm/kheap_debug.c kernel/mm/kheap.c kernel/lib/kprintf.c \
	common/memerr/memerr.c

$(BUILD)/bench/alloc_bench: $(BENCH_HOST_SRCS) Makefile
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) -std=gnu11 -O2 -DHOST_TEST -DKHEAP_DEBUG=0 -Ikernel -Iabi -Icommon -o $@ $(BENCH_HOST_SRCS)

bench: deps $(BUILD)/bench/alloc_bench
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/bench KHEAP_DEBUG=0 CMDLINE=bench \
	    QEMUFLAGS="-icount shift=0,sleep=off $(QEMUFLAGS)" run | tee $(BUILD)/bench-kernel.txt
	@echo "host-native, same run (KHEAP_DEBUG=0, -O2):"
	$(Q)$(BUILD)/bench/alloc_bench | tee $(BUILD)/bench-host.txt

# --- system calls and page faults beside Linux (tests/bench/probe.c) ----------

# The probe runs under -icount on Interlude (built without heap debugging)
# and on Debian's Linux kernel booted in the same QEMU configuration, with
# the probe as its /init (tools/linux-bench-kernel.py fetches the kernel
# once with apt-get download). tools/bench-syscalls.py prints both columns.
$(BUILD)/bench/probe: tests/bench/probe.c $(USER_RT) tests/user/rt/rt.h
	@mkdir -p $(@D)
	@echo "  USERCC  $@" >&2
	$(Q)$(CC) $(USER_CFLAGS) -o $@ $< $(USER_RT)

bench-syscalls: deps $(BUILD)/bench/probe
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/bench KHEAP_DEBUG=0 PROG=$(BUILD)/bench/probe \
	    QEMUFLAGS="-icount shift=0,sleep=off $(QEMUFLAGS)" run > $(BUILD)/bench-syscalls-interlude.txt
	$(Q)$(PYTHON) tools/bench-syscalls.py --probe $(BUILD)/bench/probe --linux-dir $(BUILD)/linux \
	    --interlude-output $(BUILD)/bench-syscalls-interlude.txt | tee $(BUILD)/bench-syscalls.txt

# --- malloc beside glibc, musl, jemalloc, mimalloc, tcmalloc ------------------

# tests/bench/malloc_bench.c (+ malloc_bench_workloads.c), six workloads, built against each allocator
# (installed from Debian's packages by the script when missing) and run
# natively in one run; bench-malloc-qemu also runs it inside Interlude and
# beside Linux in QEMU under -icount. Results: docs/BENCHMARKS.md.
bench-malloc: libc
	$(Q)$(PYTHON) tools/bench-malloc.py --build-dir $(BUILD)/bench-malloc $(BENCH_MALLOC_ARGS) \
	    | tee $(BUILD)/bench-malloc.txt
# What MALLOC_CHECK=1 and =2 cost, as factors of the normal mode (native runs).
bench-malloc-debug: libc
	$(Q)$(PYTHON) tools/bench-malloc-debug.py --build-dir $(BUILD)/bench-malloc $(BENCH_MALLOC_DEBUG_ARGS) \
	    | tee $(BUILD)/bench-malloc-debug.txt
bench-malloc-qemu: deps libc
	$(Q)$(PYTHON) tools/bench-malloc.py --qemu --build-dir $(BUILD)/bench-malloc $(BENCH_MALLOC_ARGS) \
	    | tee $(BUILD)/bench-malloc.txt

# --- host-side tests (pure kernel code under ASan/UBSan) --------------------

HOST_CFLAGS := -std=gnu11 -O1 -g -DKHEAP_DEBUG=$(KHEAP_DEBUG) -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -DHOST_TEST -Ikernel -Iabi -Icommon -Itests/host -MMD -MP

# Kernel sources that are pure logic and so also build on the host.
HOST_KERNEL_SRCS := kernel/lib/kprintf.c kernel/lib/cmdline.c \
	kernel/test/ktest.c kernel/boot/multiboot2.c kernel/mm/buddy.c kernel/mm/buddy_check.c \
	kernel/mm/slab.c kernel/mm/kmalloc.c kernel/mm/kheap_debug.c kernel/mm/kheap.c \
	kernel/proc/elf.c kernel/mm/vma.c kernel/mm/uvm.c kernel/mm/uvm_brk.c \
	kernel/mm/uvm_mmap.c kernel/mm/uvm_mprotect.c kernel/mm/test/uvm_fake.c common/memerr/memerr.c \
	kernel/proc/sigstate.c
# Self-test suites that run both in the kernel and on the host.
HOST_TEST_SRCS := kernel/lib/test/kprintf_test.c kernel/lib/test/kprintf_format_test.c \
	kernel/lib/test/cmdline_test.c \
	kernel/test/test/ktest_test.c kernel/boot/test/multiboot2_test.c \
	kernel/boot/test/multiboot2_validation_test.c kernel/boot/test/multiboot2_write_test.c \
	kernel/boot/test/multiboot2_build.c \
	kernel/mm/test/buddy_test.c kernel/mm/test/buddy_unmerged_test.c kernel/mm/test/slab_test.c \
	kernel/mm/test/kheap_errors_test.c \
	kernel/proc/test/elf_test.c \
	kernel/mm/test/vma_test.c kernel/mm/test/uvm_test.c kernel/mm/test/uvm_brk_test.c \
	kernel/mm/test/uvm_mprotect_test.c kernel/proc/test/sigstate_test.c
HOST_SRCS := $(HOST_KERNEL_SRCS) $(HOST_TEST_SRCS) $(wildcard tests/host/*.c)
HOST_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(HOST_SRCS))

$(BUILD)/host/%.c.o: %.c Makefile
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<" >&2
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/host/ktest-host: $(HOST_OBJS)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $^

host-tests: $(BUILD)/host/ktest-host

# The user-mode allocator, built for the host with an im_ prefix (so it does
# not clash with glibc's malloc or ASan's) and tested under ASan/UBSan.
MALLOC_SRCS := $(addprefix libc/malloc/,malloc.c aligned.c small.c pages.c large.c check.c os.c \
	debug.c debug_redzone.c debug_guard.c debug_fault.c) common/memerr/memerr.c
MALLOC_HDRS := $(addprefix libc/malloc/,internal.h malloc_api.h os.h debug.h) common/memerr/memerr.h \
	tests/malloc/host_ktap.h
MALLOC_TEST_SRCS := tests/malloc/malloc_test.c $(MALLOC_SRCS)
$(BUILD)/host/malloc-test: $(MALLOC_TEST_SRCS) $(MALLOC_HDRS) Makefile
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer -Wall -Wextra -Werror -DMALLOC_HOST_TEST -Ilibc -Icommon -o $@ $(MALLOC_TEST_SRCS)

# The checking modes (MALLOC_CHECK=1/2): UBSan only, as mode 2's SIGSEGV
# handler and ASan's would fight.
$(BUILD)/host/malloc-debug-test: tests/malloc/malloc_debug_test.c $(MALLOC_SRCS) $(MALLOC_HDRS) Makefile
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) -std=gnu11 -O1 -g -fsanitize=undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer -Wall -Wextra -Werror -DMALLOC_HOST_TEST -Ilibc -Icommon -o $@ \
	    tests/malloc/malloc_debug_test.c $(MALLOC_SRCS)

# --- fuzzers (libFuzzer, clang) -----------------------------------------------

# One target per allocator or parser; FUZZ_<name>_SRCS lists the kernel
# code it drives, and FUZZ_STUBS what the kernel would supply (console, panic).
FUZZ_CC := clang
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -DHOST_TEST -Ikernel -Iabi
FUZZ_STUBS := tests/fuzz/kernel_stubs.c
FUZZERS := buddy slab elf uvm malloc
FUZZ_malloc_SRCS = $(MALLOC_SRCS)
$(BUILD)/fuzz/malloc_fuzz: FUZZ_CFLAGS += -DMALLOC_HOST_TEST -Ilibc -Icommon
$(BUILD)/fuzz/malloc_fuzz: $(MALLOC_HDRS)
FUZZ_buddy_SRCS := kernel/mm/buddy.c kernel/mm/buddy_check.c kernel/lib/kprintf.c $(FUZZ_STUBS)
FUZZ_slab_SRCS := kernel/mm/slab.c kernel/mm/kmalloc.c kernel/mm/kheap_debug.c \
	kernel/mm/kheap.c kernel/lib/kprintf.c common/memerr/memerr.c $(FUZZ_STUBS)
$(BUILD)/fuzz/slab_fuzz: FUZZ_CFLAGS += -Icommon
FUZZ_elf_SRCS := kernel/proc/elf.c kernel/lib/kprintf.c $(FUZZ_STUBS)
FUZZ_uvm_SRCS := kernel/mm/vma.c kernel/mm/uvm.c kernel/mm/uvm_brk.c kernel/mm/uvm_mmap.c \
	kernel/mm/uvm_mprotect.c kernel/lib/kprintf.c $(FUZZ_STUBS)
# Seconds per fuzzer: FUZZ_TIME for make fuzz, FUZZ_TEST_TIME inside make test.
FUZZ_TIME ?= 60
FUZZ_TEST_TIME ?= 5

$(BUILD)/fuzz/%_fuzz: tests/fuzz/%_fuzz.c $$(FUZZ_$$*_SRCS) Makefile | deps
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@" >&2
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_$*_SRCS)

FUZZ_BINS := $(patsubst %,$(BUILD)/fuzz/%_fuzz,$(FUZZERS))

# New inputs go to build/fuzz/corpus-NAME; the saved corpus stays read-only.
fuzz: $(FUZZ_BINS)
	$(Q)for f in $(FUZZERS); do \
	    mkdir -p $(BUILD)/fuzz/corpus-$$f $(BUILD)/fuzz/crashes; \
	    echo "fuzzing $$f for $(FUZZ_TIME)s"; \
	    $(BUILD)/fuzz/$${f}_fuzz -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	        -artifact_prefix=$(BUILD)/fuzz/crashes/$$f- \
	        $(BUILD)/fuzz/corpus-$$f tests/fuzz/corpus/$$f || exit 1; \
	done

# --- the test command ---------------------------------------------------------

# The frame allocator and paging are also tested at the smallest and a
# large memory size; the command line comes through QEMU's fw_cfg (the
# kernel prefers it to GRUB's), in which a comma is written twice.
, := ,,
FWCMD = -fw_cfg name=opt/interlude/cmdline,string=$(1)

test: deps $(BUILD)/interlude.iso $(BUILD)/host/ktest-host $(BUILD)/host/malloc-test \
	$(BUILD)/host/malloc-debug-test $(FUZZ_BINS) \
	$(patsubst %,$(BUILD)/user/%,$(USER_NATIVE_TESTS)) \
	$(patsubst %,$(BUILD)/libc-tests/%,$(LIBC_TESTS) hello signal_death) \
	$(patsubst %,$(BUILD)/libc-host/%,$(LIBC_HOST_TESTS)) \
	$(patsubst %,$(BUILD)/musl/%,$(MUSL_PROGS))
	$(Q)$(PYTHON) tools/ktest.py --timeout $(TEST_TIMEOUT) --log-dir $(BUILD)/test-logs \
	    --build-dir $(BUILD) \
	    --unittest tools/test_ktap.py \
	    --host $(BUILD)/host/ktest-host \
	    --host $(BUILD)/host/malloc-test \
	    --host $(BUILD)/host/malloc-debug-test \
	    $(foreach p,$(USER_NATIVE_TESTS),--host $(BUILD)/user/$(p)) \
	    $(foreach p,$(LIBC_TESTS),--host $(BUILD)/libc-tests/$(p)) \
	    $(foreach p,$(LIBC_HOST_TESTS),--host $(BUILD)/libc-host/$(p)) \
	    --host "tools/check-errors.py --build-dir $(BUILD)" \
	    $(foreach f,$(FUZZERS),--fuzz "$(f):$(BUILD)/fuzz/$(f)_fuzz:$(FUZZ_TEST_TIME):tests/fuzz/corpus/$(f)") \
	    --kernel-elf $(KERNEL_ELF) \
	    --boot "selftest: $(QEMU) -serial stdio" \
	    --boot "mem16M: $(QEMU) -serial stdio -m 16M $(call FWCMD,selftest=pmm$(,)vmm$(,)kheap$(,)buddy$(,)uaccess$(,)proc)" \
	    --boot "mem8G: $(QEMU) -serial stdio -m 8G $(call FWCMD,selftest=pmm$(,)vmm$(,)buddy$(,)uaccess)" \
	    $(foreach p,$(MUSL_PROGS),--same "$(p)|$(BUILD)/musl/$(p)|one two|GREETING=hello") \
	    --same "libc-hello|$(BUILD)/libc-tests/hello|one two|GREETING=hello" \
	    $(foreach p,$(LIBC_TESTS),--same "libc-$(p)|$(BUILD)/libc-tests/$(p)||GREETING=hello") \
	    $(foreach c,$(SIGNAL_DEATH_CASES),--same "signal_death-$(c)|$(BUILD)/libc-tests/signal_death|$(c)|")

deps:
	$(Q)tools/install-deps.sh

clean:
	rm -rf $(BUILD)

FORCE:
.PHONY: all iso run gdb test deps clean host-tests fuzz bench bench-syscalls bench-malloc \
	bench-malloc-qemu bench-malloc-debug libc examples check-errors FORCE

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# mk/libc.mk - the user-mode C library (libc/) and its tests (tests/libc/).
#
# Every .c and .S under libc/ goes into $(LIBC_A), except the start-up
# code (libc/crt/), which becomes $(LIBC_DIR)/crt*.o: a new libc file
# needs no edit here. Headers: libc/include and abi/, plus the compiler's
# own freestanding ones (stddef.h, stdint.h, stdarg.h).

# The allocator: MALLOC=production (libc/malloc/, the default),
# MALLOC=simple (libc/malloc-simple/, the one to read first), or any
# MALLOC=NAME whose files are in libc/malloc-NAME/ (a student's: no other
# edit); the other allocators' folders are left out. Each keeps the
# contract of libc/internal/malloc_contract.h, whose weak defaults
# (libc/internal/malloc_defaults.c) go last in the archive so that the
# allocator's own definitions are found first. A build with another
# allocator gets its own libc, test programs and examples (build/libc-simple/,
# build/libc-tests-simple/, ...), so all live side by side in one tree.
MALLOC ?= production
MALLOC_DIR := $(if $(filter production,$(MALLOC)),libc/malloc,libc/malloc-$(MALLOC))
ifeq ($(wildcard $(MALLOC_DIR)/*.c $(MALLOC_DIR)/*.S),)
$(error MALLOC=$(MALLOC): no allocator in $(MALLOC_DIR)/ (MALLOC=production is libc/malloc, \
	MALLOC=simple libc/malloc-simple; MALLOC=NAME takes libc/malloc-NAME/*.c))
endif
LIBC_VARIANT := $(if $(filter production,$(MALLOC)),,-$(MALLOC))

LIBC_DIR := $(BUILD)/libc$(LIBC_VARIANT)
LIBC_A   := $(LIBC_DIR)/libc.a
GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
# -MD, not -MMD: the libc's own headers are -isystem, and a change to one
# must rebuild what includes it (-MMD leaves system headers out).
LIBC_CFLAGS := -std=gnu11 -O2 -g -static -fno-pie -fno-stack-protector -ffreestanding \
	-nostdinc -isystem libc/include -isystem abi -isystem $(GCC_INCLUDE) -Ilibc -Icommon \
	-Wall -Wextra -Werror -MD -MP
LIBC_DEFAULTS := libc/internal/malloc_defaults.c
LIBC_SRCS := $(filter-out $(LIBC_DEFAULTS),$(sort $(shell find libc -path libc/crt -prune -o \
	-path libc/malloc -prune -o -path 'libc/malloc-*' -prune -o \( -name '*.c' -o -name '*.S' \) -print))) \
	$(sort $(wildcard $(MALLOC_DIR)/*.c $(MALLOC_DIR)/*.S))
# common/: code the kernel and the libc share (the memory-error reports, the printf engine)
LIBC_COMMON_SRCS := $(sort $(shell find common -name '*.c'))
LIBC_OBJS := $(patsubst libc/%,$(BUILD)/libc-obj/%.o,$(LIBC_SRCS)) \
	$(patsubst common/%,$(BUILD)/libc-obj/common/%.o,$(LIBC_COMMON_SRCS)) \
	$(patsubst libc/%,$(BUILD)/libc-obj/%.o,$(LIBC_DEFAULTS))
LIBC_CRT := $(patsubst libc/crt/%.S,$(LIBC_DIR)/%.o,$(wildcard libc/crt/*.S))

$(BUILD)/libc.flags: FORCE
	@mkdir -p $(@D)
	@$(call write-if-changed,$(CC) $(LIBC_CFLAGS))

$(BUILD)/libc-obj/%.c.o: libc/%.c $(BUILD)/libc.flags
	@mkdir -p $(@D)
	@echo "  LIBCC   $<" >&2
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(BUILD)/libc-obj/common/%.c.o: common/%.c $(BUILD)/libc.flags
	@mkdir -p $(@D)
	@echo "  LIBCC   $<" >&2
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(BUILD)/libc-obj/%.S.o: libc/%.S $(BUILD)/libc.flags
	@mkdir -p $(@D)
	@echo "  LIBAS   $<" >&2
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(LIBC_DIR)/%.o: libc/crt/%.S $(BUILD)/libc.flags
	@mkdir -p $(@D)
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(LIBC_A): $(LIBC_OBJS) $(MK_FILES)
	@mkdir -p $(@D)
	@echo "  AR      $@" >&2
	$(Q)rm -f $@ && ar rcs $@ $(LIBC_OBJS)

# libm.a: empty, for the programs and makefiles that link with -lm. The
# math functions are in libc.a (libc/math/); tools/interlude-cc puts this
# directory first in the library path, so -lm finds this archive rather
# than glibc's libm.a (which would not link against this libc).
LIBC_LIBM := $(LIBC_DIR)/libm.a
$(LIBC_LIBM): $(MK_FILES)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@

libc: $(LIBC_A) $(LIBC_CRT) $(LIBC_LIBM)

# --- the libc's tests --------------------------------------------------------

# A program in tests/libc/ declares how make test runs it in a line of its
# first comment, " * test-run: WORD...":
#   ktap   it prints KTAP: run natively on Linux, and on Linux and Interlude
#          with the same output and status compared
#   host   also built for the host under ASan/UBSan from the libc's pure
#          sources, with every libc name renamed (tests/libc/host/rename.h)
#   glibc  also built with the host's compiler against glibc, and run
#          natively beside the Interlude build: stdout, stderr and status
#          must be the same (tools/same-as-glibc.py)
#   native it prints KTAP and runs natively on Linux only (it needs what
#          Interlude lacks, e.g. files)
# Programs without the line (hello.c, signal_death.c, stdin_sum.c, stdio_probe.c)
# are run by mk/test.mk and tests/runner/runner_test.py
# with arguments of their own. Adding a test program is adding the file.
test-run-with = $(sort $(basename $(notdir $(shell grep -l '^ \* test-run:.*\<$(1)\>' $(2) 2>/dev/null))))
LIBC_TESTS := $(call test-run-with,ktap,tests/libc/*.c)
# A program that needs the production allocator (its extras, its test
# controls, its policies) says why in a line of its first comment,
#   " * needs: libc/malloc: REASON"
# (no double quote in REASON). With another allocator it is not built,
# and make test reports it skipped, with the reason.
LIBC_TESTS_NEED_PRODUCTION := $(sort $(basename $(notdir $(shell grep -l '^ \* needs: libc/malloc:' tests/libc/*.c))))
ifneq ($(MALLOC),production)
LIBC_TESTS_SKIPPED := $(filter $(LIBC_TESTS_NEED_PRODUCTION),$(LIBC_TESTS))
LIBC_TESTS := $(filter-out $(LIBC_TESTS_SKIPPED),$(LIBC_TESTS))
endif
libc-test-needs = $(shell sed -n 's/^ \* needs: libc\/malloc: //p' tests/libc/$(1).c)
LIBC_HOST_TESTS := $(call test-run-with,host,tests/libc/*.c)
LIBC_GLIBC_TESTS := $(call test-run-with,glibc,tests/libc/*.c)
LIBC_NATIVE_TESTS := $(call test-run-with,native,tests/libc/*.c)

LIBC_TESTS_DIR := $(BUILD)/libc-tests$(LIBC_VARIANT)
$(LIBC_TESTS_DIR)/%: tests/libc/%.c tests/include/ktap.h $(LIBC_A) $(LIBC_CRT) tools/interlude-cc
	@mkdir -p $(@D)
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(LIBC_DIR) tools/interlude-cc -std=gnu11 -O2 -g -fno-builtin -Wall -Wextra -Werror \
	    -Itests/include -o $@ $< $(LIBC_TEST_LIBS)
# The math test links with -lm as a C program would: the wrapper must find the libc's libm.a.
$(LIBC_TESTS_DIR)/math_test: LIBC_TEST_LIBS := -lm
$(LIBC_TESTS_DIR)/math_test: $(LIBC_LIBM)
# signal_test.c's assembly probes are in a header (the rule has no -MMD).
$(LIBC_TESTS_DIR)/signal_test: tests/libc/signal_probes.h
$(LIBC_TESTS_DIR)/syscall_fuzz $(LIBC_TESTS_DIR)/mm_probes: tests/libc/mem_probe.h
$(LIBC_TESTS_DIR)/syscall_fuzz: tests/libc/syscall_fuzz_model.h

# The glibc builds of the programs marked glibc: the same source, the host's
# own headers and libraries (-lm for the math tests).
$(BUILD)/libc-glibc/%: tests/libc/%.c tests/include/ktap.h
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -Itests/include -o $@ $< -lm

# The libc's pure parts, for the host builds: every public name gets the
# prefix ilc_ (tests/libc/host/rename.h, force-included) and the code is
# compiled against the libc's own headers, so the code under test is ours,
# never glibc's; the archive's rule checks that no defined name escaped the
# renaming. Only the tests' write(), strdup's malloc() and the libm that
# tests/libc/math_glibc_test.c compares with (-lm) are glibc's.
LIBC_HOST_SRCS := $(addprefix libc/string/,memcpy.c memmove.c memset.c memcmp.c memchr.c strlen.c \
	strcmp.c strcpy.c strcat.c strchr.c strstr.c strspn.c strtok.c strdup.c strerror.c strcasecmp.c \
	bzero.c ffs.c) \
	libc/stdio/printf_dialect.c libc/stdio/vsnprintf.c common/format/format.c \
	libc/stdio/printf_float.c libc/stdio/fp_decimal.c libc/stdio/scan_format.c libc/stdio/scan_number.c \
	libc/stdio/sscanf.c \
	$(addprefix libc/stdlib/,strtol.c atoi.c qsort.c bsearch.c rand.c abs.c div.c inttypes.c \
	strtod.c strtod_round.c fp_big.c) libc/ctype/ctype.c \
	libc/errno/errno.c $(sort $(wildcard libc/math/*.c))
LIBC_HOST_CFLAGS := -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -fno-builtin -nostdinc -isystem libc/include -isystem abi \
	-isystem $(GCC_INCLUDE) -Ilibc -Icommon -Itests/include -include tests/libc/host/rename.h -Wall -Wextra -Werror -MD -MP
LIBC_HOST_OBJS := $(patsubst %,$(BUILD)/libc-host/obj/%.o,$(LIBC_HOST_SRCS))
$(BUILD)/libc-host/obj/%.c.o: %.c tests/libc/host/rename.h $(MK_FILES)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<" >&2
	$(Q)$(HOST_CC) $(LIBC_HOST_CFLAGS) -c $< -o $@
$(BUILD)/libc-host/pure.a: $(LIBC_HOST_OBJS)
	$(Q)bad=$$(nm -g --defined-only $^ | awk 'NF == 3 && $$3 !~ /^ilc_/ && $$3 !~ /^__odr_asan/ { print $$3 }'); \
	    if [ -n "$$bad" ]; then echo "libc names not renamed in tests/libc/host/rename.h:" $$bad >&2; exit 1; fi
	$(Q)rm -f $@ && ar rcs $@ $^
$(BUILD)/libc-host/%: tests/libc/%.c tests/include/ktap.h $(wildcard tests/libc/*.h) $(BUILD)/libc-host/pure.a
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) $(LIBC_HOST_CFLAGS) -o $@ $< $(BUILD)/libc-host/pure.a -lm

# The floating-point conversions against glibc's (tests/libc/host/fp_compare.c):
# the libc's pure parts as above, and one file built against glibc
# (fp_glibc.c) that reaches glibc's printf and strtod. make test compares
# 200,000 random values; make test-fp-long ten million (FP_N=...).
FP_COMPARE := $(BUILD)/libc-host/fp_compare
FP_N ?= 10000000
$(BUILD)/libc-host/fp_glibc.o: tests/libc/host/fp_glibc.c tests/libc/host/fp_glibc.h $(MK_FILES)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<" >&2
	$(Q)$(HOST_CC) -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -Wall -Wextra -Werror -c $< -o $@
FP_COMPARE_SRCS := $(addprefix tests/libc/host/,fp_compare.c fp_compare_strtod.c fp_compare_scanf.c)
$(FP_COMPARE): $(FP_COMPARE_SRCS) tests/libc/host/fp_compare.h tests/libc/host/fp_glibc.h \
		tests/include/ktap.h $(BUILD)/libc-host/fp_glibc.o $(BUILD)/libc-host/pure.a
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) $(filter-out -MD -MP,$(LIBC_HOST_CFLAGS)) -o $@ $(FP_COMPARE_SRCS) \
	    $(BUILD)/libc-host/fp_glibc.o $(BUILD)/libc-host/pure.a -lm
test-fp-long: $(FP_COMPARE)
	$(FP_COMPARE) $(FP_N)
.PHONY: test-fp-long

# mk/host.mk - kernel and allocator code built for this machine, under
# AddressSanitizer and UndefinedBehaviorSanitizer.

# What all the kernel's pure code needs (the console, panic) and what the
# machine would supply to them (tests/host/kernel_stubs.c), on the host.
HOST_STUBS := $(KSRC_CONSOLE) $(KSRC_PANIC) tests/host/kernel_stubs.c

HOST_CFLAGS := -std=gnu11 -O1 -g -DKHEAP_DEBUG=$(KHEAP_DEBUG) -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -DHOST_TEST -Ikernel -Iabi -Icommon -Itests/host -MMD -MP

# The kernel's pure code (groups from mk/kernel.mk) and the self-test suites
# that run both in the kernel and on the host (build/host/ktest-host).
HOST_KERNEL_SRCS := $(KSRC_KPRINTF) $(KSRC_CMDLINE) $(KSRC_KTEST) $(KSRC_MULTIBOOT) $(KSRC_RUNFILE) $(KSRC_FWPROG) $(KSRC_PVH) \
	$(KSRC_BUDDY) $(KSRC_BUDDY_CHECK) $(KSRC_FRAME_OWNER) $(KSRC_KHEAP) $(KSRC_ELF) $(KSRC_MM) $(KSRC_SIGSTATE) $(KSRC_RTC) \
	$(KSRC_CPIO) kernel/mm/test/mm_fake.c
HOST_TEST_SRCS := kernel/lib/test/kprintf_test.c kernel/lib/test/kprintf_format_test.c \
	kernel/lib/test/kprintf_engine_test.c kernel/lib/test/cmdline_test.c \
	kernel/test/test/ktest_test.c kernel/boot/test/multiboot2_test.c \
	kernel/boot/test/multiboot2_validation_test.c kernel/boot/test/multiboot2_write_test.c \
	kernel/boot/test/multiboot2_build.c kernel/boot/test/runfile_test.c \
	kernel/boot/test/fwprog_place_test.c kernel/boot/test/pvh_test.c \
	kernel/mm/test/buddy_test.c kernel/mm/test/buddy_unmerged_test.c kernel/mm/test/frame_ref_test.c kernel/mm/test/slab_test.c \
	kernel/mm/test/frame_owner_test.c \
	kernel/mm/test/slab_reuse_test.c \
	kernel/mm/test/kheap_errors_test.c \
	kernel/proc/test/elf_test.c \
	kernel/mm/test/vma_test.c kernel/mm/test/mm_test.c kernel/mm/test/mmap_test.c kernel/mm/test/mmap_file_test.c \
	kernel/mm/test/brk_test.c kernel/mm/test/mprotect_test.c kernel/mm/test/madvise_test.c kernel/mm/test/mremap_test.c \
	kernel/mm/test/mlock_test.c \
	kernel/mm/test/fault_test.c kernel/proc/test/sigstate_test.c \
	kernel/time/test/rtc_test.c kernel/fs/test/cpio_test.c kernel/fs/test/cpio_build.c
HOST_SRCS := $(HOST_KERNEL_SRCS) $(HOST_TEST_SRCS) $(sort $(HOST_STUBS) $(wildcard tests/host/*.c))
HOST_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(HOST_SRCS))

$(BUILD)/host.flags: FORCE
	@mkdir -p $(@D)
	@$(call write-if-changed,$(HOST_CC) $(HOST_CFLAGS))

$(BUILD)/host/%.c.o: %.c $(BUILD)/host.flags
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<" >&2
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/host/ktest-host: $(HOST_OBJS) $(MK_FILES)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $(HOST_OBJS)

host-tests: $(BUILD)/host/ktest-host

# The user-mode allocator, built for the host with an im_ prefix (so it does
# not clash with glibc's malloc or ASan's) and tested under ASan/UBSan.
MALLOC_SRCS := $(addprefix libc/malloc/,malloc.c core.c aligned.c small.c mid.c mid_index.c mid_check.c pages.c grow.c large.c check.c report.c os.c trace.c \
	debug.c debug_redzone.c debug_guard.c debug_fault.c) $(KSRC_MEMERR)
MALLOC_HDRS := $(wildcard libc/malloc/*.h) common/memerr/memerr.h tests/include/ktap.h tests/include/child_run.h
MALLOC_HOST_CFLAGS := -std=gnu11 -O1 -g -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -DMALLOC_HOST_TEST -Ilibc -Icommon -Iabi -Itests/include
$(BUILD)/host/malloc-test: tests/malloc/malloc_test.c $(MALLOC_SRCS) $(MALLOC_HDRS) $(MK_FILES)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) $(MALLOC_HOST_CFLAGS) -fsanitize=address,undefined -o $@ $< $(MALLOC_SRCS)

# Each a process of its own, under ASan/UBSan: giveback, how it gives
# memory back (trimming, the raised trim threshold, idle pages); realloc,
# contents, in place, and the growth headroom policy; span, how a class's
# spans are sized and placed; mid, the mid tier (coalescing, best fit, its
# free-run records, placement in a hole); trace, the allocator's trace lines
# (libc/malloc/trace.c), recorded by the host os layer; grow, the heap where
# the break does not give it the pages above its top (libc/malloc/grow.c).
MALLOC_UNIT_TESTS := giveback realloc span mid trace grow
$(MALLOC_UNIT_TESTS:%=$(BUILD)/host/malloc-%-test): $(BUILD)/host/malloc-%-test: \
	tests/malloc/malloc_%_test.c $(MALLOC_SRCS) $(MALLOC_HDRS) $(MK_FILES)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) $(MALLOC_HOST_CFLAGS) -fsanitize=address,undefined -o $@ $< $(MALLOC_SRCS)

# The recorder of real programs' malloc-lab traces (make bench-malloc's).
$(BUILD)/host/malloc-record-test: tests/bench/malloc_record_test.c tests/bench/malloc_record.c \
	tests/bench/malloc_record.h tests/include/ktap.h $(MK_FILES)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) -std=gnu11 -O1 -g -Wall -Wextra -Werror -Itests/include -Itests/bench \
	    -fsanitize=address,undefined -o $@ $< tests/bench/malloc_record.c

# The checking modes (MALLOC_CHECK=1/2): UBSan only, as mode 2's SIGSEGV
# handler and ASan's would fight.
$(BUILD)/host/malloc-debug-test: tests/malloc/malloc_debug_test.c $(MALLOC_SRCS) $(MALLOC_HDRS) $(MK_FILES)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) $(MALLOC_HOST_CFLAGS) -fsanitize=undefined -o $@ $< $(MALLOC_SRCS)

# The simple allocator (libc/malloc-simple/) with the contract's defaults,
# its names prefixed sm_ and its sbrk the test's (tests/malloc/simple_rename.h),
# under ASan/UBSan.
MALLOC_SIMPLE_SRCS := $(wildcard libc/malloc-simple/*.c) libc/internal/malloc_defaults.c
$(BUILD)/host/malloc-simple-test: tests/malloc/malloc_simple_test.c $(MALLOC_SIMPLE_SRCS) \
	$(wildcard libc/malloc-simple/*.h) libc/internal/malloc_contract.h tests/malloc/simple_rename.h \
	tests/include/ktap.h $(MK_FILES)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) -std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer -fno-builtin -Wall -Wextra -Werror -Ilibc -Itests/include \
	    -include tests/malloc/simple_rename.h -o $@ $< $(MALLOC_SIMPLE_SRCS)

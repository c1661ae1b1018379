# mk/kernel.mk - the kernel image (build/interlude.elf).
#
# Every .c and .S under boot/, kernel/ and common/ is part of the kernel:
# a new kernel file needs no edit here. If it is pure logic that should
# also be tested on the host or fuzzed, add it to one of the groups below,
# which mk/host.mk, mk/fuzz.mk and mk/bench.mk combine.

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
KERNEL_ASFLAGS := -g -Ikernel -Iabi -Icommon -MMD -MP -D__ASSEMBLER__
KERNEL_LDFLAGS := -n -nostdlib -z max-page-size=0x1000 -z noexecstack -T linker.ld

KERNEL_SRCS := $(sort $(shell find boot kernel common -name '*.c' -o -name '*.S'))
KERNEL_OBJS := $(patsubst %,$(BUILD)/%.o,$(KERNEL_SRCS)) $(BUILD)/gen/user_images.o
KERNEL_ELF  := $(BUILD)/interlude.elf

# --- groups of kernel sources that also build on the host --------------------
KSRC_KPRINTF     := kernel/lib/kprintf.c kernel/lib/klog.c common/format/format.c
KSRC_CONSOLE     := kernel/lib/console.c
KSRC_PANIC       := kernel/lib/panic.c
KSRC_CMDLINE     := kernel/lib/cmdline.c
KSRC_KTEST       := kernel/test/ktest.c
KSRC_MULTIBOOT   := kernel/boot/multiboot2.c
KSRC_RUNFILE     := kernel/boot/runfile.c
KSRC_FWPROG      := kernel/boot/fwprog_place.c
KSRC_PVH         := kernel/boot/pvh.c
KSRC_BUDDY       := kernel/mm/buddy.c kernel/mm/frame_ref.c
KSRC_FRAME_OWNER := kernel/mm/frame_owner.c
KSRC_BUDDY_CHECK := kernel/mm/buddy_check.c
KSRC_MEMERR      := common/memerr/memerr.c
KSRC_KHEAP       := kernel/mm/slab.c kernel/mm/slab_check.c kernel/mm/kmalloc.c kernel/mm/kheap_debug.c kernel/mm/kheap.c \
	$(KSRC_MEMERR)
KSRC_ELF         := kernel/proc/elf.c
KSRC_MM          := kernel/mm/vma.c kernel/mm/mm.c kernel/mm/brk.c kernel/mm/mmap.c kernel/mm/filemap_rules.c \
	kernel/mm/mprotect.c kernel/mm/madvise.c kernel/mm/mremap.c kernel/mm/mlock.c kernel/mm/msync.c
KSRC_SIGSTATE    := kernel/proc/sigstate.c
KSRC_RTC         := kernel/time/rtc_decode.c
KSRC_CPIO        := kernel/fs/cpio.c kernel/fs/bootfs.c

# --- rules -----------------------------------------------------------------------

# Objects are rebuilt when the flags change (e.g. KHEAP_DEBUG=0 vs 1).
$(BUILD)/kernel.flags: FORCE
	@mkdir -p $(@D)
	@$(call write-if-changed,$(CC) $(KERNEL_CFLAGS))

$(BUILD)/%.c.o: %.c $(BUILD)/kernel.flags
	@mkdir -p $(@D)
	@echo "  CC      $<" >&2
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/%.S.o: %.S $(BUILD)/kernel.flags
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

$(BUILD)/interlude.pass1.elf: $(KERNEL_OBJS) $(BUILD)/gen/ksyms-empty.o linker.ld $(MK_FILES)
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

kernel: $(KERNEL_ELF)
.PHONY: kernel

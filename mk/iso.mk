# mk/iso.mk - the boot ISO: GRUB, the kernel, and optionally one user program
# with the boot file system.

# A user program to run: PROG=path/to/static.elf (or a tests/user program's
# name). It becomes a boot module whose string is its name; its arguments
# and environment (ARGS="...", ENV="A=1 B=2", mk/qemu.mk) go to the kernel
# exactly through the run file tools/run-prog writes, never through GRUB.
PROG ?=
ifneq ($(PROG),)
ifeq ($(suffix $(PROG)),.c)
# A C file: built against Interlude's libc with tools/interlude-cc, as the
# examples are (PROG_CFLAGS, mk/user.mk; a " * cflags: ..." line adds flags).
PROG_ELF := $(BUILD)/progs$(LIBC_VARIANT)/$(notdir $(basename $(PROG)))
$(PROG_ELF): $(PROG) $(LIBC_A) $(LIBC_CRT) tools/interlude-cc
	@mkdir -p $(@D)
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(LIBC_DIR) tools/interlude-cc $(PROG_CFLAGS) \
	    $$(sed -n 's/^ \* cflags: //p' $<) -o $@ $<
else
PROG_ELF := $(if $(wildcard $(PROG)),$(PROG),$(BUILD)/user/$(PROG))
endif
PROG_NAME := $(notdir $(basename $(PROG)))
# The program first (it gets the run file's arguments), then the boot file
# system, which the kernel knows by its string "rootfs" (kernel/main.c).
MODULE_LINE := module2 /boot/prog.elf $(PROG_NAME)\n\tmodule2 /boot/rootfs.cpio rootfs
endif

# The boot file system (kernel/fs/, docs/ARCHITECTURE.md): a cpio "newc"
# archive of rootfs/ (at /), busybox (Debian's busybox-static, at
# /bin/busybox with a link per applet in /bin) and the programs of
# ROOTFS_PROGS (in /usr/bin), made by tools/mkcpio.py. A run with a program
# loads it as a second boot module. Its inputs: the files of rootfs/, and
# its listing with each link's target (a link may point nowhere, or at
# itself: make cannot depend on it directly).
BUSYBOX ?= /bin/busybox
ROOTFS := $(BUILD)/rootfs.cpio
ROOTFS_FILES := $(shell find rootfs -type f)
ROOTFS_PROGS ?= $(patsubst %,$(LIBC_TESTS_DIR)/%,fs_test hello)
$(BUILD)/rootfs.list: FORCE
	@mkdir -p $(@D)
	@find rootfs -printf '%p %l\n' | LC_ALL=C sort > $@.$$$$.tmp && \
	    if cmp -s $@.$$$$.tmp $@; then rm $@.$$$$.tmp; else mv -f $@.$$$$.tmp $@; fi
$(ROOTFS): tools/mkcpio.py $(BUILD)/rootfs.list $(ROOTFS_FILES) $(ROOTFS_PROGS) $(MK_FILES) | deps
	@mkdir -p $(@D)
	@echo "  CPIO    $@" >&2
	$(Q)$(PYTHON) tools/mkcpio.py -o $@ --tree rootfs --busybox $(BUSYBOX) \
	    $(foreach p,$(ROOTFS_PROGS),--file /usr/bin/$(notdir $(p))=$(p))
rootfs: $(ROOTFS)
.PHONY: rootfs

# A run with a program gets its own ISO, so that it does not disturb the
# self-test ISO (make test runs programs while the other is built). It and
# the run's kernel log (mk/qemu.mk) go to RUN_DIR: $(BUILD) unless the
# environment's INTERLUDE_RUN_DIR names a folder of the run's own, which
# is how tools/interlude's callers in make test (tools/ktest.py,
# tools/check-errors.py, tests/runner/runner_test.py) run several
# programs at once from one build.
ISO_NAME := $(if $(PROG),prog,interlude)
RUN_DIR ?= $(if $(and $(PROG),$(INTERLUDE_RUN_DIR)),$(INTERLUDE_RUN_DIR),$(BUILD))
ISO := $(if $(PROG),$(RUN_DIR),$(BUILD))/$(ISO_NAME).iso
ISO_DIR := $(if $(PROG),$(RUN_DIR),$(BUILD))/iso-$(ISO_NAME)

# The default command line runs the self-tests (or nothing special when a
# program is given); override with CMDLINE=...
CMDLINE ?= $(if $(PROG),,selftest)

# grub.cfg is rewritten only when the command line or the module changes.
$(ISO_DIR)/boot/grub/grub.cfg: iso/grub.cfg.in FORCE
	@mkdir -p $(@D)
	$(Q)sed -e 's|@CMDLINE@|$(CMDLINE)|' -e 's|@MODULES@|$(MODULE_LINE)|' iso/grub.cfg.in \
	    > $@.$$$$.tmp && if cmp -s $@.$$$$.tmp $@; then rm $@.$$$$.tmp; else mv -f $@.$$$$.tmp $@; fi

$(ISO): $(KERNEL_ELF) $(ISO_DIR)/boot/grub/grub.cfg $(PROG_ELF) $(if $(PROG),$(ROOTFS)) | deps
	@echo "  ISO     $@" >&2
	$(Q)cp $(KERNEL_ELF) $(ISO_DIR)/boot/interlude.elf
	$(Q)rm -f $(ISO_DIR)/boot/prog.elf $(ISO_DIR)/boot/rootfs.cpio
	$(Q)$(if $(PROG_ELF),cp $(PROG_ELF) $(ISO_DIR)/boot/prog.elf)
	$(Q)$(if $(PROG),cp $(ROOTFS) $(ISO_DIR)/boot/rootfs.cpio)
	$(Q)grub-mkrescue -d /usr/lib/grub/i386-pc -o $@ $(ISO_DIR) 2> $(ISO_DIR).log \
	    || { cat $(ISO_DIR).log; exit 1; }

iso: $(ISO)

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
# ROOTFS_EXTRA: more files, each as DEST=SRC (an absolute path in the
# archive, a host file), e.g. the programs and traces a benchmark runs
# (tools/bench_malloc_qemu.py); $(BUILD)/rootfs.extra records the list,
# so that a run with another list makes the archive again.
ROOTFS_EXTRA ?=
ROOTFS_EXTRA_SRCS := $(foreach f,$(ROOTFS_EXTRA),$(lastword $(subst =, ,$(f))))
$(BUILD)/rootfs.extra: FORCE
	@mkdir -p $(@D)
	@echo '$(ROOTFS_EXTRA)' > $@.$$$$.tmp && \
	    if cmp -s $@.$$$$.tmp $@; then rm $@.$$$$.tmp; else mv -f $@.$$$$.tmp $@; fi
$(ROOTFS): tools/mkcpio.py $(BUILD)/rootfs.list $(BUILD)/rootfs.extra $(ROOTFS_FILES) $(ROOTFS_PROGS) \
	    $(ROOTFS_EXTRA_SRCS) $(MK_FILES) | deps
	@mkdir -p $(@D)
	@echo "  CPIO    $@" >&2
	$(Q)$(PYTHON) tools/mkcpio.py -o $@ --tree rootfs --busybox $(BUSYBOX) \
	    $(foreach p,$(ROOTFS_PROGS),--file /usr/bin/$(notdir $(p))=$(p)) \
	    $(foreach f,$(ROOTFS_EXTRA),--file $(f))
rootfs: $(ROOTFS)
.PHONY: rootfs

# The ISOs. Without PROG=, $(BUILD)/interlude.iso: the kernel, with the
# self-tests on its command line. With PROG=, no ISO of its own: building
# one costs more than most runs, and make test runs hundreds; and GRUB
# reads modules through the BIOS, slowly under emulation. Every run boots
# $(RUN_ISO), the kernel alone, and QEMU hands the kernel the program,
# its name, the boot file system and the command line as fw_cfg files
# (kernel/boot/fwprog.h); the kernel lists the program and the archive as
# boot modules before it counts the frames, so the run is the same as if
# GRUB had loaded them. The small files and the run's kernel log
# (mk/qemu.mk) go to RUN_DIR: $(BUILD) unless the environment's
# INTERLUDE_RUN_DIR names a folder of the run's own, which is how
# tools/interlude's callers in make test (tools/ktest.py,
# tools/check-errors.py, tests/runner/runner_test.py) run several
# programs at once from one build.
RUN_DIR ?= $(if $(and $(PROG),$(INTERLUDE_RUN_DIR)),$(INTERLUDE_RUN_DIR),$(BUILD))
RUN_ISO := $(BUILD)/run.iso
ISO := $(if $(PROG),$(RUN_ISO),$(BUILD)/interlude.iso)
ISO_DIR := $(BUILD)/iso-interlude

# The kernel as the ISOs carry it: without its debug information (half its
# size, which GRUB would read at every boot). gdb and addr2line use
# $(KERNEL_ELF).
BOOT_KERNEL := $(BUILD)/interlude-boot.elf
$(BOOT_KERNEL): $(KERNEL_ELF)
	$(Q)$(CROSS)objcopy --strip-debug $< $@

# The default command line runs the self-tests (or nothing special when a
# program is given); override with CMDLINE=...
CMDLINE ?= $(if $(PROG),,selftest)

# grub.cfg is rewritten only when the command line changes.
$(ISO_DIR)/boot/grub/grub.cfg: iso/grub.cfg.in FORCE
	@mkdir -p $(@D)
	$(Q)sed -e 's|@CMDLINE@|$(CMDLINE)|' -e 's|@MODULES@||' iso/grub.cfg.in \
	    > $@.$$$$.tmp && if cmp -s $@.$$$$.tmp $@; then rm $@.$$$$.tmp; else mv -f $@.$$$$.tmp $@; fi

$(BUILD)/interlude.iso: $(BOOT_KERNEL) $(ISO_DIR)/boot/grub/grub.cfg | deps
	@echo "  ISO     $@" >&2
	$(Q)cp $(BOOT_KERNEL) $(ISO_DIR)/boot/interlude.elf
	$(Q)grub-mkrescue -d /usr/lib/grub/i386-pc -o $@.$$$$.tmp $(ISO_DIR) 2> $(ISO_DIR).log \
	    && mv -f $@.$$$$.tmp $@ || { cat $(ISO_DIR).log; rm -f $@.$$$$.tmp; exit 1; }

# The kernel alone with an empty command line: every run with PROG=, and the console.
$(RUN_ISO): $(BOOT_KERNEL) iso/grub.cfg.in | deps
	$(call SMALL_ISO,$@,$(BUILD)/iso-run,,,)

# The boot file system through fw_cfg (module string "rootfs").
ROOTFS_FWCFG = -fw_cfg name=opt/interlude/rootfs,file=$(subst $(comma),$(,),$(ROOTFS))

# A run's fw_cfg files: the program's name and the kernel's command line
# (files, not QEMU strings, so that no comma or space of theirs needs quoting).
ifneq ($(PROG),)
$(RUN_DIR)/fwcfg-progname $(RUN_DIR)/fwcfg-cmdline: FORCE
	@mkdir -p $(@D)
	@printf '%s' '$(if $(findstring progname,$@),$(PROG_NAME),$(CMDLINE))' > $@
PROG_FWCFG = -fw_cfg name=opt/interlude/prog,file=$(subst $(comma),$(,),$(PROG_ELF)) \
	-fw_cfg name=opt/interlude/progname,file=$(RUN_DIR)/fwcfg-progname \
	-fw_cfg name=opt/interlude/cmdline,file=$(RUN_DIR)/fwcfg-cmdline $(ROOTFS_FWCFG)
PROG_FILES := $(PROG_ELF) $(ROOTFS) $(RUN_DIR)/fwcfg-progname $(RUN_DIR)/fwcfg-cmdline
endif

iso: $(ISO) $(PROG_FILES)

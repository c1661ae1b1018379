# mk/qemu.mk - running Interlude in QEMU: make run, make gdb, make check.

ifeq ($(KVM),1)
ACCEL := -accel kvm -cpu host
else
ACCEL := -accel tcg -cpu max
endif
# No network card: Interlude has no driver for one, and the firmware's
# network boot ROM would cost every boot a third of a second.
QEMU_MACHINE := qemu-system-x86_64 $(ACCEL) -m 128M -no-reboot -display none -nic none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
QEMU := $(QEMU_MACHINE) -cdrom $(ISO) $(PROG_FWCFG) $(QEMUFLAGS)
# QEMU's direct boot of the kernel (-kernel: no BIOS disk, no GRUB; the
# PVH entry of boot/pvh_note.S): 0.2-0.4 CPU-seconds a boot instead of
# 1.4-2.5 through the ISO. make test boots this way except where the GRUB
# path itself is tested (the "selftest" boot, the console, gdb).
DIRECT_QEMU = $(QEMU_MACHINE) -kernel $(BOOT_KERNEL) $(QEMUFLAGS)
# The same with the boot file system, to which a run adds its program
# (tools/interlude's INTERLUDE_QEMU: make test gives it to every run).
RUN_QEMU = $(DIRECT_QEMU) $(ROOTFS_FWCFG)

# With PROG=, the program's standard input, output and error are make's,
# and the kernel's log goes to $(RUN_DIR)/kernel.log (tools/run-prog;
# RUN_DIR is $(BUILD) unless INTERLUDE_RUN_DIR is set: mk/iso.mk). ARGS
# and ENV are split into words as a shell would (ARGS="'a b' it\'s"); they
# reach run-prog through the environment, so that no quote or & of theirs
# is read by the shell of the recipe. CWD=DIR starts the program in DIR
# of Interlude's tree (make run PROG=x CWD=/tmp: where it may write). make
# reports a failed program as make's own status 2; tools/interlude run PROG
# exits with the program's status.
RUN_CWD_OPT = $(if $(CWD),--cwd='$(CWD)')
run: export INTERLUDE_RUN_ARGS = $(ARGS)
run: export INTERLUDE_RUN_ENV = $(ENV)
run: $(ISO) $(PROG_FILES) $(if $(PROG),,$(CONSOLE_ISO) $(ROOTFS))
ifneq ($(PROG),)
	$(Q)mkdir -p $(RUN_DIR) && tools/run-prog --log $(RUN_DIR)/kernel.log --arg='$(PROG_NAME)' \
	    --args-line="$$INTERLUDE_RUN_ARGS" --env-line="$$INTERLUDE_RUN_ENV" $(RUN_CWD_OPT) -- $(QEMU)
else
	$(Q)if $(CONSOLE_TEST); then \
	    tools/run-qemu $(QEMU_MACHINE) -cdrom $(CONSOLE_ISO) $(ROOTFS_FWCFG) $(QEMUFLAGS) -serial stdio \
	        $(call FWCMD,'console $(CMDLINE)'); \
	else tools/run-qemu $(QEMU) -serial stdio; fi
endif

# Without PROG=, make run from a terminal (standard input and output both
# one) gets the kernel console (kernel/shell/) instead of the default demo;
# a script or a pipe keeps the demo, unless CONSOLE=1 forces the console
# (so a test can drive it through a pipe) or CONSOLE=0 forbids it.
CONSOLE ?=
CONSOLE_TEST = $(if $(filter 1,$(CONSOLE)),true,$(if $(filter 0,$(CONSOLE)),false,[ -t 0 ] && [ -t 1 ]))

# make trace PROG=... [ARGS=...] [ENV=...] [TRACE_OUT=file]: runs the program
# as make run does, with the memory trace on ("trace" added to the kernel's
# command line, which reaches it through fw_cfg: mk/iso.mk), and writes the
# trace, JSON lines (docs/TRACE.md), to TRACE_OUT through QEMU's
# isa-debugcon (port 0xe9), a channel of its own: the program's output and
# status are make run's. Under -icount, so "t" counts guest instructions
# and the same run gives the same trace. Then tools/trace.py checks the
# file and prints a summary of it (on standard error).
TRACE_OUT ?= $(RUN_DIR)/trace.jsonl
TRACE_QEMUFLAGS = -icount shift=0,sleep=off -debugcon file:$(TRACE_OUT)
ifneq ($(filter trace,$(MAKECMDGOALS)),)
ifeq ($(PROG),)
$(error make trace needs PROG= (the program to run), e.g. PROG=examples/leak.c)
endif
override CMDLINE += trace
endif
.PHONY: trace
trace: export INTERLUDE_RUN_ARGS = $(ARGS)
trace: export INTERLUDE_RUN_ENV = $(ENV)
trace: $(ISO) $(PROG_FILES)
	$(Q)mkdir -p $(RUN_DIR) $(dir $(TRACE_OUT)) && rm -f $(TRACE_OUT) && st=0 && \
	    tools/run-prog --log $(RUN_DIR)/kernel.log --arg='$(PROG_NAME)' \
	    --args-line="$$INTERLUDE_RUN_ARGS" --env-line="$$INTERLUDE_RUN_ENV" $(RUN_CWD_OPT) \
	    -- $(QEMU) $(TRACE_QEMUFLAGS) || st=$$?; \
	$(PYTHON) tools/trace.py --check --summary $(TRACE_OUT) >&2 && exit $$st

# make gdb [PROG=...] [GDB_PORT=1234]: QEMU halted before the first
# instruction with a gdb stub, and gdb with the kernel's symbols, Interlude's
# commands (tools/gdb/interlude.py: il-maps, il-pgwalk, il-frames,
# il-slabinfo, il-heap) and the program's symbols (a static program runs
# where it was linked, so they need no offset); it stops at kernel_main.
# The kernel's log goes to build/gdb-serial.log (docs/DEBUGGING.md).
GDB_PORT ?= 1234
gdb: $(ISO) $(PROG_FILES)
	$(Q)$(QEMU) -serial file:$(BUILD)/gdb-serial.log -gdb tcp:127.0.0.1:$(GDB_PORT) -S & \
	    gdb -q $(KERNEL_ELF) -ex 'source tools/gdb/interlude.py' \
	        $(if $(PROG_ELF),-ex 'il-load-program $(PROG_ELF)') \
	        -ex 'target remote 127.0.0.1:$(GDB_PORT)' \
	        -ex 'break kernel_main' -ex 'continue'; \
	    kill %1 2>/dev/null || true

# make profile PROG=... [FUNC=sys_fork] [SKIP=1] [STEPS=200000]: where the
# guest's instructions go. QEMU runs under -icount with a gdb stub, gdb
# (tools/gdb/profile.py) single-steps from the SKIP-th call of kernel
# function FUNC to its next call and counts the instructions by function
# and by kernel/user stretch (docs/BENCHMARKS.md, docs/DEBUGGING.md). For
# the figures of make bench-syscalls: BUILD=build/bench KHEAP_DEBUG=0.
# About 2000 instructions a second: keep STEPS to a few hundred thousand.
FUNC ?= sys_fork
SKIP ?= 1
STEPS ?= 200000
PROFILE_PORT ?= 1238
ifneq ($(filter profile,$(MAKECMDGOALS)),)
ifeq ($(PROG),)
$(error make profile needs PROG= (the program to run), e.g. PROG=build/bench/probe)
endif
endif
profile: export INTERLUDE_RUN_ARGS = $(ARGS)
profile: $(ISO) $(PROG_FILES)
	$(Q)mkdir -p $(RUN_DIR) && (tools/run-prog --log $(RUN_DIR)/profile-kernel.log \
	    --arg='$(PROG_NAME)' --args-line="$$INTERLUDE_RUN_ARGS" -- $(QEMU) \
	    -icount shift=0,sleep=off -gdb tcp:127.0.0.1:$(PROFILE_PORT) -S \
	    > $(RUN_DIR)/profile-output.txt 2>&1 </dev/null &) && sleep 1 && \
	PROFILE_PORT=$(PROFILE_PORT) PROFILE_FUNC='$(FUNC)' PROFILE_SKIP='$(SKIP)' \
	PROFILE_STEPS='$(STEPS)' PROFILE_ELFS='$(KERNEL_ELF) $(PROG_ELF)' \
	    gdb -q -batch -nx $(KERNEL_ELF) -x tools/gdb/profile.py

# The ISO gdb's test boots (tests/gdb/gdb_test.py): the kernel and
# tests/gdb/heap_demo.c as its boot module.
GDB_DEMO := $(BUILD)/gdb/heap_demo
GDB_ISO_DIR := $(BUILD)/iso-gdb
$(GDB_DEMO): tests/gdb/heap_demo.c $(LIBC_A) $(LIBC_CRT) tools/interlude-cc
	@mkdir -p $(@D)
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(LIBC_DIR) tools/interlude-cc $(PROG_CFLAGS) -o $@ $<
# A small ISO of the kernel and some boot modules, for a test or the console:
# $(1) the ISO, $(2) its folder, $(3) the command line, $(4) GRUB's module
# lines, $(5) "FILE=NAME" pairs copied into its /boot. The folder and the
# ISO are made under names of this process's own and the ISO renamed at
# the end, so that two makes that both find it out of date (two runs
# started at once after a change) cannot mix their files.
define SMALL_ISO
	@echo "  ISO     $(1)" >&2
	$(Q)d=$(2).$$$$ && rm -rf $$d && mkdir -p $$d/boot/grub && \
	sed -e 's|@CMDLINE@|$(3)|' -e 's|@MODULES@|$(4)|' iso/grub.cfg.in > $$d/boot/grub/grub.cfg && \
	cp $(BOOT_KERNEL) $$d/boot/interlude.elf && \
	$(foreach f,$(5),cp $(firstword $(subst =, ,$(f))) $$d/boot/$(lastword $(subst =, ,$(f))) &&) \
	if grub-mkrescue -d /usr/lib/grub/i386-pc -o $(1).$$$$.tmp $$d 2> $$d.log; then \
	    mv -f $(1).$$$$.tmp $(1); rm -rf $$d $$d.log; \
	else cat $$d.log; rm -rf $$d $$d.log $(1).$$$$.tmp; exit 1; fi
endef
$(BUILD)/gdb-test.iso: $(BOOT_KERNEL) $(GDB_DEMO) iso/grub.cfg.in | deps
	$(call SMALL_ISO,$@,$(GDB_ISO_DIR),mmcheck,module2 /boot/prog.elf heap_demo,$(GDB_DEMO)=prog.elf)

# The console's ISO (make run from a terminal, CONSOLE=1): the runs' one
# (mk/iso.mk), with the boot file system through fw_cfg, so that
# `run /bin/ls` and `sh` find busybox.
CONSOLE_ISO := $(RUN_ISO)

# The kernel's command line can also come through QEMU's fw_cfg (the kernel
# prefers it to GRUB's), in which a comma is written twice.
, := ,,
FWCMD = -fw_cfg name=opt/interlude/cmdline,string=$(1)

# make check SUITE=a[,b...]: those kernel self-test suites in QEMU, and on
# the host too for the suites built there (mk/host.mk);
# make check HOST=name: one test program natively (a tests/libc or
# tests/user program, malloc-test or malloc-debug-test, or any path).
# Both go through the harness, which prints the one summary line.
comma := ,
space := $() $()
CHECK_HOST_SUITES = $(sort $(foreach s,$(subst $(comma), ,$(SUITE)),\
	$(if $(shell grep -l '^KTEST.$(s)$(comma)' $(HOST_TEST_SRCS) 2>/dev/null),$(s))))
# (a host test program make test builds is named by its file name, built or not)
CHECK_HOST_PROG = $(if $(filter $(HOST),$(notdir $(filter $(BUILD)/host/%,$(TEST_PREREQS)))),\
	$(BUILD)/host/$(HOST),$(firstword $(wildcard $(HOST) $(LIBC_TESTS_DIR)/$(HOST) \
	$(BUILD)/user/$(HOST) $(BUILD)/host/$(HOST)) $(LIBC_TESTS_DIR)/$(HOST)))
check: deps
ifneq ($(SUITE),)
	$(Q)$(MAKE) --no-print-directory $(ISO) $(if $(CHECK_HOST_SUITES),$(BUILD)/host/ktest-host)
	$(Q)$(PYTHON) tools/ktest.py --timeout $(TEST_TIMEOUT) --log-dir $(BUILD)/test-logs \
	    --build-dir $(BUILD) --kernel-elf $(KERNEL_ELF) \
	    $(if $(CHECK_HOST_SUITES),--host "$(BUILD)/host/ktest-host $(subst $(space),$(comma),$(CHECK_HOST_SUITES))") \
	    --boot "$(SUITE): $(QEMU) -serial stdio $(call FWCMD,'selftest=$(subst $(comma),$(,),$(SUITE)) mmcheck')"
else ifneq ($(HOST),)
	$(Q)$(MAKE) --no-print-directory $(CHECK_HOST_PROG)
	$(Q)$(PYTHON) tools/ktest.py --timeout $(TEST_TIMEOUT) --log-dir $(BUILD)/test-logs \
	    --build-dir $(BUILD) --host $(CHECK_HOST_PROG)
else
	@echo "make check SUITE=name[,name...] (kernel suites) or HOST=program (one test program)" >&2
	@exit 2
endif

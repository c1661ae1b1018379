# mk/labs.mk - the labs a course can assign (docs/labs/, tests/labs/).
#
#   make grade LAB=frames              build, run the lab's tests, print each with its
#                                      points, write $(BUILD)/grade/LAB/results.json
#   make grade LAB=frames SUBMISSION=dir   grade a student's files (the lab's
#                                      student_files) on a copy of this tree
#   make lab-tree LAB=frames OUT=dir   the student's starting tree: the lab's marked
#                                      code replaced by stubs that fail loudly
#   make lab-check [LAB=frames]        prove every grader fails: full tree full marks,
#                                      student tree 0, each wrong solution rejected
# Teachers: docs/labs/TEACHING.md.

grade:
ifeq ($(LAB),)
	@echo "make grade LAB=name (the labs: $(notdir $(patsubst %/lab.json,%,$(wildcard tests/labs/*/lab.json))))" >&2
	@exit 2
endif
	$(Q)$(PYTHON) tools/grade.py $(LAB) --build-dir $(BUILD) $(if $(SUBMISSION),--submission $(SUBMISSION))

lab-tree:
ifeq ($(and $(LAB),$(OUT)),)
	@echo "make lab-tree LAB=name OUT=directory" >&2
	@exit 2
endif
	$(Q)$(PYTHON) tools/grade.py --tree $(LAB) $(OUT)

lab-check:
	$(Q)$(PYTHON) tools/grade.py --check $(LAB) --build-dir $(BUILD)

.PHONY: grade lab-tree lab-check

# --- the malloc lab: one ISO whose boot replays every trace (tests/labs/malloc/)
# with the reference allocator (libc/malloc, $(BUILD)/libc) and with the
# student's (libc/malloc-simple, $(BUILD)/libc-simple), one process per trace
# and allocator. Both libcs are built first by the grader: make libc and
# make MALLOC=simple libc.
LAB_MALLOC := $(BUILD)/labs/malloc
LAB_MALLOC_TRACES := $(sort $(wildcard tests/labs/malloc/traces/*.rep))
LAB_MALLOC_NAMES := $(basename $(notdir $(LAB_MALLOC_TRACES)))
LAB_MALLOC_LIBC_reference := $(BUILD)/libc
LAB_MALLOC_LIBC_student := $(BUILD)/libc-simple

$(LAB_MALLOC)/traces.c: $(LAB_MALLOC_TRACES) tests/labs/malloc/embed-traces.py
	@mkdir -p $(@D)
	$(Q)$(PYTHON) tests/labs/malloc/embed-traces.py $@ $(LAB_MALLOC_TRACES)

$(LAB_MALLOC)/replay-%: tests/labs/malloc/replay.c $(LAB_MALLOC)/traces.c tools/interlude-cc \
	$$(LAB_MALLOC_LIBC_$$*)/libc.a $$(LAB_MALLOC_LIBC_$$*)/crt0.o
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(LAB_MALLOC_LIBC_$*) tools/interlude-cc -std=gnu11 -O2 -g -Wall -Wextra \
	    -Werror -o $@ tests/labs/malloc/replay.c $(LAB_MALLOC)/traces.c

LAB_MALLOC_MODULES := $(foreach t,$(LAB_MALLOC_NAMES),$(foreach a,reference student,\
	module2 /boot/replay-$(a).elf replay-$(a) $(t);))
$(LAB_MALLOC)/iso/boot/grub/grub.cfg: iso/grub.cfg.in $(LAB_MALLOC_TRACES) $(MK_FILES)
	@mkdir -p $(@D)
	$(Q)sed -e 's|@CMDLINE@||' -e '/^#/!s|@MODULES@|$(LAB_MALLOC_MODULES)|' $< | tr ';' '\n' > $@

$(LAB_MALLOC)/malloc.iso: $(KERNEL_ELF) $(LAB_MALLOC)/iso/boot/grub/grub.cfg \
	$(LAB_MALLOC)/replay-reference $(LAB_MALLOC)/replay-student | deps
	@echo "  ISO     $@" >&2
	$(Q)cp $(KERNEL_ELF) $(LAB_MALLOC)/iso/boot/interlude.elf
	$(Q)cp $(LAB_MALLOC)/replay-reference $(LAB_MALLOC)/iso/boot/replay-reference.elf
	$(Q)cp $(LAB_MALLOC)/replay-student $(LAB_MALLOC)/iso/boot/replay-student.elf
	$(Q)grub-mkrescue -d /usr/lib/grub/i386-pc -o $@ $(LAB_MALLOC)/iso 2> $(LAB_MALLOC)/grub-mkrescue.log \
	    || { cat $(LAB_MALLOC)/grub-mkrescue.log; exit 1; }
lab-malloc-iso: $(LAB_MALLOC)/malloc.iso
.PHONY: lab-malloc-iso

# --- the memapi lab: one ISO whose boot runs the victim (tests/labs/memapi/secret.c)
# and then the attacker (snoop.c), against the production libc.
LAB_MEMAPI := $(BUILD)/labs/memapi
$(LAB_MEMAPI)/%: tests/labs/memapi/%.c $(LIBC_A) $(LIBC_CRT) tools/interlude-cc
	@mkdir -p $(@D)
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(LIBC_DIR) tools/interlude-cc -std=gnu11 -O2 -g -Wall -Wextra -Werror -o $@ $<
$(LAB_MEMAPI)/iso/boot/grub/grub.cfg: iso/grub.cfg.in $(MK_FILES)
	@mkdir -p $(@D)
	$(Q)sed -e 's|@CMDLINE@||' -e '/^#/!s|@MODULES@|module2 /boot/secret.elf secret;module2 /boot/snoop.elf snoop|' \
	    $< | tr ';' '\n' > $@
$(LAB_MEMAPI)/memapi.iso: $(KERNEL_ELF) $(LAB_MEMAPI)/iso/boot/grub/grub.cfg $(LAB_MEMAPI)/secret \
	$(LAB_MEMAPI)/snoop | deps
	@echo "  ISO     $@" >&2
	$(Q)cp $(KERNEL_ELF) $(LAB_MEMAPI)/iso/boot/interlude.elf
	$(Q)cp $(LAB_MEMAPI)/secret $(LAB_MEMAPI)/iso/boot/secret.elf
	$(Q)cp $(LAB_MEMAPI)/snoop $(LAB_MEMAPI)/iso/boot/snoop.elf
	$(Q)grub-mkrescue -d /usr/lib/grub/i386-pc -o $@ $(LAB_MEMAPI)/iso 2> $(LAB_MEMAPI)/grub-mkrescue.log \
	    || { cat $(LAB_MEMAPI)/grub-mkrescue.log; exit 1; }
lab-memapi-iso: $(LAB_MEMAPI)/memapi.iso
.PHONY: lab-memapi-iso

# --- labs graded by user programs (mmap, lazy, cow): tests/labs/NAME/*.c, each
# built against the production libc and run as a boot module of
# $(BUILD)/labs/NAME/NAME.iso, one after the other in name order, each
# with its name as argv[0]. They print KTAP (tests/include/ktap.h) and use
# tests/libc/mem_probe.h to survive the faults they provoke.
LAB_PROGRAM_LABS := mmap lazy cow
define LAB_PROGRAMS_RULES
LAB_PROGS_$(1) := $$(basename $$(notdir $$(sort $$(wildcard tests/labs/$(1)/*.c))))
$(BUILD)/labs/$(1)/%: tests/labs/$(1)/%.c tests/include/ktap.h tests/libc/mem_probe.h $(LIBC_A) \
	$(LIBC_CRT) tools/interlude-cc
	@mkdir -p $$(@D)
	@echo "  ILCC    $$@" >&2
	$(Q)INTERLUDE_LIBC=$(LIBC_DIR) tools/interlude-cc -std=gnu11 -O2 -g -fno-builtin -Wall -Wextra -Wno-unused-function \
	    -Werror -Itests/include -Itests/libc -o $$@ $$<
# The programs are a prerequisite of the list: a new one must reach the list.
$(BUILD)/labs/$(1)/iso/boot/grub/grub.cfg: iso/grub.cfg.in $(MK_FILES) $$(wildcard tests/labs/$(1)/*.c)
	@mkdir -p $$(@D)
	$(Q)sed -e 's|@CMDLINE@||' -e '/^#/!s|@MODULES@|$$(foreach p,$$(LAB_PROGS_$(1)),module2 /boot/$$(p).elf $$(p);)|' \
	    $$< | tr ';' '\n' > $$@
$(BUILD)/labs/$(1)/$(1).iso: $(KERNEL_ELF) $(BUILD)/labs/$(1)/iso/boot/grub/grub.cfg \
	$$(addprefix $(BUILD)/labs/$(1)/,$$(LAB_PROGS_$(1))) | deps
	@echo "  ISO     $$@" >&2
	$(Q)cp $(KERNEL_ELF) $(BUILD)/labs/$(1)/iso/boot/interlude.elf
	$(Q)for p in $$(LAB_PROGS_$(1)); do cp $(BUILD)/labs/$(1)/$$$$p $(BUILD)/labs/$(1)/iso/boot/$$$$p.elf; done
	$(Q)grub-mkrescue -d /usr/lib/grub/i386-pc -o $$@ $(BUILD)/labs/$(1)/iso \
	    2> $(BUILD)/labs/$(1)/grub-mkrescue.log || { cat $(BUILD)/labs/$(1)/grub-mkrescue.log; exit 1; }
lab-$(1)-iso: $(BUILD)/labs/$(1)/$(1).iso
.PHONY: lab-$(1)-iso
endef
$(foreach l,$(LAB_PROGRAM_LABS),$(eval $(call LAB_PROGRAMS_RULES,$(l))))

# --- the debugmalloc lab: small programs with their expected output
# (tests/labs/debugmalloc/*.c), built against the production libc and run
# natively with MALLOC_CHECK=1 by tests/labs/debugmalloc/check.py. Built
# without -Werror and without the compiler's own malloc knowledge: each
# program makes on purpose the mistake gcc would warn of or optimise away.
LAB_DEBUGMALLOC := $(BUILD)/labs/debugmalloc
LAB_DEBUGMALLOC_PROGS := $(patsubst tests/labs/debugmalloc/%.c,$(LAB_DEBUGMALLOC)/%,\
	$(wildcard tests/labs/debugmalloc/*.c))
$(LAB_DEBUGMALLOC)/%: tests/labs/debugmalloc/%.c $(LIBC_A) $(LIBC_CRT) tools/interlude-cc
	@mkdir -p $(@D)
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(LIBC_DIR) tools/interlude-cc -std=gnu11 -O1 -g -fno-builtin -w -o $@ $<
lab-debugmalloc-progs: $(LAB_DEBUGMALLOC_PROGS)
.PHONY: lab-debugmalloc-progs

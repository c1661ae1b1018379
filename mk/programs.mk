# mk/programs.mk - the exercise programs of tests/programs/: ordinary C
# course programs (no test framework; they print results), each built twice,
# against glibc with the host's compiler and against Interlude's libc with
# tools/interlude-cc, from the same source with the same flags. make test
# runs the glibc build on Linux and the Interlude build on Interlude
# (ktest.py --same with a reference program) and requires the same standard
# output, standard error and exit status. docs: tests/README.md.
#
# A program says what it needs in its first comment:
#   " * args: WORDS"    its arguments (split at spaces)
#   " * cflags: FLAGS"  flags after the common ones (e.g. -std=gnu89)
# and NAME.in beside it, if present, is its standard input.
PROGRAMS := $(sort $(basename $(notdir $(wildcard tests/programs/*.c))))
PROGRAMS_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror
program-field = $(shell sed -n 's/^ \* $(2): //p' tests/programs/$(1).c)

$(BUILD)/programs/%: tests/programs/%.c $(LIBC_A) $(LIBC_CRT) $(LIBC_LIBM) tools/interlude-cc $(MK_FILES)
	@mkdir -p $(@D)
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(LIBC_DIR) tools/interlude-cc $(PROGRAMS_CFLAGS) \
	    $(call program-field,$*,cflags) -o $@ $< -lm

$(BUILD)/programs-glibc/%: tests/programs/%.c $(MK_FILES)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) $(PROGRAMS_CFLAGS) $(call program-field,$*,cflags) -o $@ $< -lm

PROGRAMS_BINS := $(foreach p,$(PROGRAMS),$(BUILD)/programs/$(p) $(BUILD)/programs-glibc/$(p))
programs: $(PROGRAMS_BINS)
.PHONY: programs

# One --same per program for tools/ktest.py: NAME|PROGRAM|ARGS|ENV|STDIN|REFERENCE.
PROGRAMS_SAME := $(foreach p,$(PROGRAMS),--same "program-$(p)|$(BUILD)/programs/$(p)|$(call \
	program-field,$(p),args)||$(wildcard tests/programs/$(p).in)|$(BUILD)/programs-glibc/$(p)")

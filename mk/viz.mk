# mk/viz.mk - make viz: pictures of memory from a trace (docs/VIZ.md).
#
#   make viz PROG=prog.c [ARGS=...] [ENV=...]  trace the program, then draw it
#   make viz TRACE=file.jsonl                  draw a trace recorded before
#   make viz ... FREELIST=+3,-0,+5             also the simple allocator's free
#                                              list after each step, as malloc.py -c
#   make viz ... FREELIST=trace                the same, for the trace's own
#                                              malloc/free/realloc calls
#
# It writes VIZ_OUT (default build/viz/): aspace.svg, heap.svg, index.html
# (tools/viz.py) and, with FREELIST, freelist.txt. The trace comes from
# make trace (docs/TRACE.md) when this tree has it; without it, TRACE= is
# needed and make viz says so.
VIZ_OUT ?= $(BUILD)/viz
VIZ_TRACE = $(or $(TRACE),$(VIZ_OUT)/trace.jsonl)
FREELIST ?=
HAVE_MAKE_TRACE := $(shell grep -l '^trace:' $(MK_FILES) 2>/dev/null)

# The free-list driver (tests/viz/ostep_freelist.c) links against the libc
# built with the simple allocator ($(BUILD)/libc-simple, as the malloc lab's
# student build). From another MALLOC=, that libc is made by a make of its
# own, after this one's libc (so the two never build the shared objects at
# once); the archive is only rewritten when it changes.
OSTEP_FREELIST := $(BUILD)/viz-tools/ostep_freelist
ifeq ($(MALLOC),simple)
SIMPLE_LIBC_DIR := $(LIBC_DIR)
else
SIMPLE_LIBC_DIR := $(BUILD)/libc-simple
$(SIMPLE_LIBC_DIR)/libc.a: $(LIBC_A) $(LIBC_CRT) FORCE
	+$(Q)$(MAKE) --no-print-directory MALLOC=simple libc
endif
$(OSTEP_FREELIST): tests/viz/ostep_freelist.c libc/malloc-simple/heap.h $(SIMPLE_LIBC_DIR)/libc.a \
	tools/interlude-cc
	@mkdir -p $(@D)
	@echo "  ILCC    $@" >&2
	$(Q)INTERLUDE_LIBC=$(SIMPLE_LIBC_DIR) tools/interlude-cc -std=gnu11 -O2 -g -Wall -Wextra \
	    -Werror -Ilibc -o $@ $<

# The free list of FREELIST's operations (or, with FREELIST=trace, of the
# trace's own calls: tools/viz.py --ostep-ops), with the heap at 1000 as
# malloc.py's default -b.
VIZ_OPS = $(if $(filter trace,$(FREELIST)),$$($(PYTHON) tools/viz.py --ostep-ops $(VIZ_TRACE)),$(FREELIST))

viz: $(if $(FREELIST),$(OSTEP_FREELIST)) $(if $(and $(PROG),$(HAVE_MAKE_TRACE),$(if $(TRACE),,y)),$(PROG_FILES))
ifeq ($(TRACE),)
ifeq ($(PROG),)
	@echo "make viz: give PROG=program (traced now) or TRACE=file.jsonl (a recorded trace)" >&2; exit 2
endif
ifeq ($(HAVE_MAKE_TRACE),)
	@echo "make viz: this tree has no make trace (docs/TRACE.md): pass TRACE=file.jsonl," \
	    "a trace recorded elsewhere (e.g. tests/viz/example.jsonl)" >&2; exit 2
endif
	@mkdir -p $(VIZ_OUT)
	+$(Q)$(MAKE) --no-print-directory trace TRACE_OUT=$(VIZ_OUT)/trace.jsonl || \
	    echo "make viz: the program failed (status above); drawing its trace all the same" >&2
endif
	$(Q)$(PYTHON) tools/viz.py $(VIZ_TRACE) --out $(VIZ_OUT)
ifneq ($(FREELIST),)
	$(Q)ops="$(VIZ_OPS)" && tools/interlude run $(OSTEP_FREELIST) -b 1000 "$$ops" \
	    > $(VIZ_OUT)/freelist.txt && echo "viz: $(VIZ_OUT)/freelist.txt (the simple allocator's free list)"
endif
.PHONY: viz

# mk/fuzz.mk - libFuzzer targets (clang), one per allocator or parser.
#
# tests/fuzz/NAME_fuzz.c drives the kernel code FUZZ_NAME_SRCS lists (groups
# from mk/kernel.mk) with what the kernel would supply (HOST_STUBS).
FUZZ_CC := clang
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -DHOST_TEST -Ikernel -Iabi -Icommon
FUZZERS := buddy slab elf mm malloc strtod cpio
FUZZ_buddy_SRCS := $(KSRC_BUDDY) $(KSRC_BUDDY_CHECK) $(KSRC_KPRINTF) $(HOST_STUBS)
FUZZ_slab_SRCS := $(KSRC_KHEAP) $(KSRC_KPRINTF) $(HOST_STUBS)
FUZZ_elf_SRCS := $(KSRC_ELF) $(KSRC_KPRINTF) $(HOST_STUBS)
FUZZ_mm_SRCS := $(KSRC_MM) $(KSRC_KPRINTF) $(HOST_STUBS)
FUZZ_cpio_SRCS := $(KSRC_CPIO) $(KSRC_KHEAP) $(KSRC_KPRINTF) $(HOST_STUBS)
FUZZ_malloc_SRCS = $(MALLOC_SRCS)
$(BUILD)/fuzz/malloc_fuzz: FUZZ_CFLAGS += -DMALLOC_HOST_TEST -Ilibc
$(BUILD)/fuzz/malloc_fuzz: $(MALLOC_HDRS)
# strtod: the libc's number reading against glibc's, built like the libc's
# host tests (its headers, its names renamed; glibc's reached by symbol).
FUZZ_strtod_SRCS := libc/stdlib/strtod.c libc/stdlib/strtod_round.c libc/stdlib/fp_big.c \
	libc/stdlib/strtol.c libc/stdio/scan_format.c libc/stdio/scan_number.c libc/stdio/sscanf.c \
	libc/ctype/ctype.c libc/errno/errno.c libc/string/memcpy.c libc/string/memcmp.c
$(BUILD)/fuzz/strtod_fuzz: FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -fno-builtin -nostdinc -isystem libc/include -isystem abi \
	-isystem $(GCC_INCLUDE) -Ilibc -Icommon \
	-include tests/libc/host/rename.h -Wno-unknown-attributes
$(BUILD)/fuzz/strtod_fuzz: tests/libc/host/rename.h
# Seconds per fuzzer for make fuzz (FUZZ_TIME); inputs per fuzzer inside
# make test (FUZZ_TEST_RUNS_name: about 1.5 s each on a quiet machine,
# malloc's 15; a count, and libFuzzer's -seed=1 (tools/ktest.py), so that a
# busy one runs the same test).
FUZZ_TIME ?= 60
FUZZ_TEST_RUNS_buddy ?= 800
FUZZ_TEST_RUNS_slab ?= 8000
FUZZ_TEST_RUNS_elf ?= 80000
FUZZ_TEST_RUNS_mm ?= 20000
FUZZ_TEST_RUNS_malloc ?= 300
FUZZ_TEST_RUNS_strtod ?= 50000
FUZZ_TEST_RUNS_cpio ?= 80000

$(BUILD)/fuzz/%_fuzz: tests/fuzz/%_fuzz.c $$(FUZZ_$$*_SRCS) $(MK_FILES) | deps
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

# mk/test.mk - make test: every kind of test, one harness (tools/ktest.py),
# one summary line. docs: tests/README.md.

# Seconds per test (a boot, a program); tools/check-errors.py has its own
# limit per run. TEST_TIMEOUT_SCALE=N in the environment multiplies every
# limit, for a slow or busy machine.
TEST_TIMEOUT ?= 120

# Faults that kill although a handler is installed: each case of
# tests/libc/signal_death.c must die the same way (139) on both kernels.
SIGNAL_DEATH_CASES := reset nested ignored blocked badstack norestorer

# With MALLOC=simple (mk/libc.mk) the libc's programs use the simple
# allocator; what needs the production one is reported skipped, with why.
CHECK_ERRORS_SKIP := check-errors: MALLOC_CHECK and the HEAP ERROR reports are the production \
	allocator's (libc/malloc/debug*.c); make MALLOC=$(MALLOC) builds the libc without them
# tests/libc/malloc_stress runs in every checking mode too, on Linux and on
# Interlude: each mode's blocks, quarantine and guard pages under the same
# workout, and in use back where it was after it.
TEST_MALLOC_RUNS := $(if $(filter production,$(MALLOC)), \
	--beside "timeout=1800 tools/check-errors.py --build-dir $(BUILD)" \
	$(foreach m,1 2,--same "libc-malloc_stress-MALLOC_CHECK=$(m)|$(LIBC_TESTS_DIR)/malloc_stress||MALLOC_CHECK=$(m)"), \
	--skip "$(CHECK_ERRORS_SKIP)" \
	--skip "malloc_stress in MALLOC_CHECK=1 and 2: the checking modes are the production allocator's" \
	$(foreach p,$(LIBC_TESTS_SKIPPED),--skip "libc-tests/$(p): $(call libc-test-needs,$(p))" \
	    --skip "same libc-$(p): $(call libc-test-needs,$(p))"))

# The memory trace (docs/TRACE.md): a traced run of tests/libc/trace_demo
# beside an untraced one (tests/trace/trace_test.py). The C library's lines
# are the production allocator's (libc/malloc/trace.c).
TRACE_TEST_SKIP := trace: the malloc, free and realloc lines are the production allocator's \
	(libc/malloc/trace.c); make MALLOC=$(MALLOC) builds the libc without them
TEST_TRACE_RUNS := $(if $(filter production,$(MALLOC)), \
	--host "timeout=300 tests/trace/trace_test.py --build-dir $(BUILD) --program $(LIBC_TESTS_DIR)/trace_demo", \
	--skip "$(TRACE_TEST_SKIP)")

# The #include rules (tools/check-includes.py): no cycle among files or
# between folders, no test framework in production code, in the kernel
# as everywhere else (--allow-kernel-cycles exists for a tree in the middle
# of a re-layering; this one needs none).
CHECK_INCLUDES_FLAGS ?=

# The tests/libc programs run with arguments or input of their own (no
# test-run line): by --same below and by tests/runner/runner_test.py, which
# runs tools/interlude run with pipes, odd arguments, 2>/dev/null and a terminal.
RUNNER_PROGS := hello signal_death assert_fail float_io stdin_sum stdio_probe

# The differential syscall fuzzer (tests/libc/syscall_fuzz.c, run by
# tools/syscall-fuzz.py): make test runs a bounded amount with fixed seeds
# (so a failure is the same on the next run, and is printed with the command
# that replays it); make fuzz-kernel runs it long:
#   make fuzz-kernel SEED=7 PROCESSES=50 CALLS=20000 [STRICT=1] [MREMAP=1]
FUZZ_KERNEL_TEST := --seed 1 --processes 50 --calls 2000
SEED ?= 1
PROCESSES ?= 50
CALLS ?= 20000
SYSCALL_FUZZ = tools/syscall-fuzz.py --program $(LIBC_TESTS_DIR)/syscall_fuzz --kernel $(KERNEL_ELF) \
	--build-dir $(BUILD) --log-dir $(BUILD)/test-logs$(LIBC_VARIANT) $(if $(filter 1,$(KVM)),--kvm)

fuzz-kernel: deps $(KERNEL_ELF) $(LIBC_TESTS_DIR)/syscall_fuzz
	$(Q)$(PYTHON) $(SYSCALL_FUZZ) --seed $(SEED) --processes $(PROCESSES) --calls $(CALLS) \
	    $(if $(filter 1,$(STRICT)),--strict) $(if $(filter 1,$(MREMAP)),--mremap)
.PHONY: fuzz-kernel

# The differential fuzzer of the file calls (tests/libc/tmpfs_fuzz.c, run
# by tools/tmpfs-fuzz.py): make test runs one seed of it (the --same of the
# libc's tests); make fuzz-tmpfs runs RUNS seeds from SEED, OPS calls each:
#   make fuzz-tmpfs SEED=1 RUNS=20 OPS=5000
RUNS ?= 20
OPS ?= 5000
fuzz-tmpfs: deps $(BOOT_KERNEL) $(ROOTFS) $(LIBC_TESTS_DIR)/tmpfs_fuzz
	$(Q)INTERLUDE_QEMU='$(RUN_QEMU)' $(PYTHON) tools/tmpfs-fuzz.py \
	    --program $(LIBC_TESTS_DIR)/tmpfs_fuzz --seed $(SEED) --runs $(RUNS) --ops $(OPS)
.PHONY: fuzz-tmpfs

# Out of memory through malloc (tests/libc/malloc_oom.c) at 16 and 32 MiB:
# unbounded (the OOM kill, 137), then bounded (all its checks pass), in one
# boot each, so the kernel's frame and heap baseline is checked after both.
OOM_BOOT = timeout=120 tools/boot-programs.py --kernel $(KERNEL_ELF) --build-dir $(BUILD) \
	--log-dir $(BUILD)/test-logs$(LIBC_VARIANT) --name oom$(1) --memory $(1) \
	'137 $(LIBC_TESTS_DIR)/malloc_oom' '0 $(LIBC_TESTS_DIR)/malloc_oom $(2)'

# The cow lab's programs (tests/labs/cow/) on the full tree, in one boot
# of 64 MiB with mmcheck at every exit and the baseline after each: the
# grader's programs must pass where the lab's answer is (make grade LAB=cow
# runs them without mmcheck, as a student's kernel is graded).
COW_LAB_BOOT = timeout=180 tools/boot-programs.py --kernel $(KERNEL_ELF) --build-dir $(BUILD) \
	--log-dir $(BUILD)/test-logs$(LIBC_VARIANT) --name cowlab --memory 64M \
	'0 $(BUILD)/labs/cow/cowtest' '0 $(BUILD)/labs/cow/refs'

# What make test runs, built first. A fresh clone builds a few hundred
# files (the kernel, the libc, programs for Interlude, glibc and musl, the
# fuzzers, the sanitised host tests): make test builds them with one job
# per CPU (nproc) unless make was already given -j, after deps has
# installed the tools they need.
TEST_PREREQS = $(BUILD)/interlude.iso $(BOOT_KERNEL) $(BUILD)/gdb-test.iso $(CONSOLE_ISO) $(ROOTFS) $(BUILD)/host/ktest-host $(BUILD)/host/malloc-test $(BUILD)/host/malloc-giveback-test $(BUILD)/host/malloc-realloc-test $(BUILD)/host/malloc-span-test $(BUILD)/host/malloc-mid-test $(BUILD)/host/malloc-grow-test $(BUILD)/host/malloc-record-test \
	$(BUILD)/host/malloc-debug-test $(BUILD)/host/malloc-simple-test $(BUILD)/host/malloc-trace-test $(FUZZ_BINS) \
	$(if $(filter production,$(MALLOC)),examples) \
	$(patsubst %,$(BUILD)/user/%,$(USER_NATIVE_TESTS)) \
	$(patsubst %,$(LIBC_TESTS_DIR)/%,$(LIBC_TESTS) $(LIBC_NATIVE_TESTS) $(RUNNER_PROGS) syscall_fuzz mm_probes malloc_oom fs_test exec_test mmap_file_test trace_demo) \
	$(BUILD)/libc-glibc/assert_fail $(BUILD)/libc-glibc/float_io \
	$(patsubst %,$(BUILD)/libc-host/%,$(LIBC_HOST_TESTS)) $(FP_COMPARE) \
	$(patsubst %,$(BUILD)/libc-glibc/%,$(LIBC_GLIBC_TESTS)) \
	$(patsubst %,$(BUILD)/musl/%,$(MUSL_PROGS)) $(PROGRAMS_BINS) \
	$(BUILD)/labs/cow/cowtest $(BUILD)/labs/cow/refs $(OSTEP_FREELIST) \
	$(LUA_CLOCK)
# Debian's Lua 5.4 in a static glibc program (tests/shell/lua_clock.c), for
# tests/shell/clock_test.py: what os.time() says inside Interlude.
LUA_CLOCK := $(BUILD)/lua/lua_clock
$(LUA_CLOCK): tests/shell/lua_clock.c | deps
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@" >&2
	$(Q)$(HOST_CC) -static -O2 -I/usr/include/lua5.4 $< -o $@ -llua5.4 -lm 2>$@.log || \
	    { cat $@.log; exit 1; }
NPROC := $(shell nproc 2>/dev/null || echo 1)
TEST_JOBS = $(if $(findstring jobserver,$(MAKEFLAGS)),,-j$(NPROC))

# The libc's host tests that run in ktest's background workers beside the
# boots (--beside: they share no file with another test) instead of in the
# line of host programs, which was the end of the run (ktest's "time:" line
# says how long the line and the workers took).
TEST_BESIDE := math_glibc_test
TEST_WORKERS ?= 3

# make bench-malloc's builds, kept working: the benchmark built against
# Interlude's allocator (with interlude-cc, and behind the host shim the
# real programs use) and glibc's, each workload run once at a tiny scale,
# and the malloc-lab's traces replayed once on each; it fails if a build
# fails, a checksum differs or a replay fails its checks (it times nothing).
BENCH_SMOKE = timeout=300 tools/bench-malloc.py --runs 1 --scale 0.01 --only interlude \
	--no-real --no-svg --no-install --ktap

test: deps
	$(Q)$(MAKE) --no-print-directory $(TEST_JOBS) $(TEST_PREREQS)
	$(Q)INTERLUDE_QEMU='$(RUN_QEMU)' \
	$(PYTHON) tools/ktest.py --timeout $(TEST_TIMEOUT) --log-dir $(BUILD)/test-logs$(LIBC_VARIANT) \
	    --build-dir $(BUILD) --jobs $(TEST_WORKERS) \
	    --unittest-beside tools/test_ktap.py \
	    --unittest tools/test_check_includes.py \
	    --unittest tools/test_bench_malloc.py \
	    --unittest tools/test_bench_malloc_qemu.py \
	    --unittest tests/viz/test_viz.py \
	    --unittest-beside tests/viz/test_html.py \
	    --host "timeout=400 tests/viz/freelist_test.py --program $(OSTEP_FREELIST) --build-dir $(BUILD)" \
	    --host "timeout=60 tools/check-includes.py $(CHECK_INCLUDES_FLAGS)" \
	    --host "timeout=120 tools/check-format.sh" \
	    --host "tools/grade.py --self-test" \
	    --host "tools/trace.py --self-test" \
	    --host $(BUILD)/host/ktest-host \
	    --beside "timeout=300 $(SYSCALL_FUZZ) $(FUZZ_KERNEL_TEST)" \
	    --host "$(call OOM_BOOT,16M,6)" \
	    --host "$(call OOM_BOOT,32M,12)" \
	    --host "$(COW_LAB_BOOT)" \
	    --beside $(BUILD)/host/malloc-test \
	    --host $(BUILD)/host/malloc-giveback-test \
	    --host $(BUILD)/host/malloc-realloc-test \
	    --host $(BUILD)/host/malloc-span-test \
	    --host $(BUILD)/host/malloc-mid-test \
	    --host $(BUILD)/host/malloc-grow-test \
	    --host $(BUILD)/host/malloc-record-test \
	    --beside "$(BENCH_SMOKE) --build-dir $(BUILD)/bench-smoke" \
	    --beside "$(BENCH_SMOKE) --host-shim --build-dir $(BUILD)/bench-smoke-shim" \
	    --host $(BUILD)/host/malloc-debug-test \
	    --host $(BUILD)/host/malloc-simple-test \
	    --host $(BUILD)/host/malloc-trace-test \
	    $(foreach p,$(USER_NATIVE_TESTS),--host $(BUILD)/user/$(p)) \
	    $(foreach p,$(LIBC_TESTS) $(LIBC_NATIVE_TESTS),--host $(LIBC_TESTS_DIR)/$(p)) \
	    $(foreach p,$(LIBC_HOST_TESTS),$(if $(filter $(p),$(TEST_BESIDE)),--beside,--host) \
	        $(BUILD)/libc-host/$(p)) \
	    $(foreach p,$(filter $(LIBC_TESTS),$(LIBC_GLIBC_TESTS)),--host \
	        "tools/same-as-glibc.py glibc-$(p) $(LIBC_TESTS_DIR)/$(p) $(BUILD)/libc-glibc/$(p)") \
	    --beside "$(FP_COMPARE) 200000" \
	    --host "tools/same-as-glibc.py glibc-float_io $(LIBC_TESTS_DIR)/float_io $(BUILD)/libc-glibc/float_io" \
	    $(TEST_MALLOC_RUNS) \
	    $(TEST_TRACE_RUNS) \
	    $(foreach f,$(FUZZERS),--fuzz "$(f):$(BUILD)/fuzz/$(f)_fuzz:$(FUZZ_TEST_RUNS_$(f)):tests/fuzz/corpus/$(f)") \
	    --kernel-elf $(KERNEL_ELF) \
	    --boot "selftest: $(QEMU) -serial stdio $(call FWCMD,'selftest mmcheck')" \
	    --boot "mem16M: $(DIRECT_QEMU) -serial stdio -m 16M $(call FWCMD,'selftest=pmm$(,)vmm$(,)kheap$(,)buddy$(,)uaccess$(,)proc$(,)user mmcheck')" \
	    --boot "mem32M: $(DIRECT_QEMU) -serial stdio -m 32M $(call FWCMD,'selftest=proc$(,)kheap mmcheck')" \
	    --boot "mem8G: $(DIRECT_QEMU) -serial stdio -m 8G $(call FWCMD,'selftest=pmm$(,)vmm$(,)buddy$(,)uaccess mmcheck')" \
	    $(foreach p,$(MUSL_PROGS),--same "$(p)|$(BUILD)/musl/$(p)|one two|GREETING=hello") \
	    --same "libc-hello|$(LIBC_TESTS_DIR)/hello|one two|GREETING=hello" \
	    --same "libc-float_io|$(LIBC_TESTS_DIR)/float_io||" \
	    --same "libc-stdin_sum|$(LIBC_TESTS_DIR)/stdin_sum||GREETING=hello|tests/libc/stdin_sum.input" \
	    --host "timeout=180 tests/shell/clock_test.py --build-dir $(BUILD) --lua $(LUA_CLOCK)" \
	    --host "timeout=300 tests/console/console_test.py --qemu '$(QEMU_MACHINE) -cdrom $(CONSOLE_ISO) $(ROOTFS_FWCFG) -serial stdio'" \
	    --host "timeout=300 tests/gdb/gdb_test.py --qemu '$(QEMU_MACHINE) -cdrom $(BUILD)/gdb-test.iso' \
	        --kernel $(KERNEL_ELF) --program $(GDB_DEMO)" \
	    --host "timeout=600 tests/runner/runner_test.py --build-dir $(BUILD) --libc-tests $(LIBC_TESTS_DIR)" \
	    --same "mm_probes|$(LIBC_TESTS_DIR)/mm_probes||" \
	    --same "fs_test|$(LIBC_TESTS_DIR)/fs_test|||||rootfs" \
	    --same "exec_test|$(LIBC_TESTS_DIR)/exec_test|||||rootfs" \
	    --same "mmap_file_test|$(LIBC_TESTS_DIR)/mmap_file_test|||||rootfs" \
	    --same "busybox-sh|$(BUSYBOX)|sh -s||tests/shell/sh_test.sh||rootfs" \
	    --same "busybox-applets|$(BUSYBOX)|sh -s||tests/shell/applets.sh||rootfs" \
	    $(foreach p,$(LIBC_TESTS),--same "libc-$(p)|$(LIBC_TESTS_DIR)/$(p)||GREETING=hello") \
	    $(foreach c,$(SIGNAL_DEATH_CASES),--same "signal_death-$(c)|$(LIBC_TESTS_DIR)/signal_death|$(c)|") \
	    --same "assert_fail|$(LIBC_TESTS_DIR)/assert_fail||" \
	    $(PROGRAMS_SAME) \
	    --host "tools/same-as-glibc.py glibc-assert_fail $(LIBC_TESTS_DIR)/assert_fail $(BUILD)/libc-glibc/assert_fail" \
	    --host "tools/check-headers.sh $(BUILD) $(LIBC_DIR)"


# make test-repeat N=20: the whole suite N times in a row; each run's
# summary line is printed, a run that failed is named with its failures,
# and so is a passing run whose counts differ from the first passing
# run's (a test that came or went); the status is non-zero if any run
# failed or differed (a flaky test shows up here, not in CI).
# Logs: $(BUILD)/test-repeat/run-K.log.
N ?= 5
test-repeat:
	$(Q)mkdir -p $(BUILD)/test-repeat; failed=0; differed=0; first=; \
	for i in $$(seq 1 $(N)); do \
	    $(MAKE) --no-print-directory test > $(BUILD)/test-repeat/run-$$i.log 2>&1; st=$$?; \
	    line=$$(tail -n 3 $(BUILD)/test-repeat/run-$$i.log | grep -E '^[0-9]+ passed' | tail -n 1); \
	    echo "run $$i: $${line:-no summary line} (status $$st)"; \
	    if [ $$st -ne 0 ]; then failed=$$((failed + 1)); \
	        grep -E '^(FAIL|     not ok)' $(BUILD)/test-repeat/run-$$i.log | sed 's/^/    /'; \
	    elif [ -z "$$first" ]; then first=$$line; \
	    elif [ "$$line" != "$$first" ]; then differed=$$((differed + 1)); \
	        echo "    its counts differ from the first passing run's: $$first"; fi; \
	done; \
	echo "test-repeat: $(N) runs, $$failed failed, $$differed passed with other counts"; \
	[ $$failed -eq 0 ] && [ $$differed -eq 0 ]
.PHONY: test-repeat

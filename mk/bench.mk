# mk/bench.mk - benchmarks: they print costs, they do not judge.
# Results and how to read them: docs/BENCHMARKS.md.

# --- the kernel's allocators (kernel/bench/) ------------------------------------

# The kernel is built without heap debugging into its own directory and
# booted with -icount shift=0, so that rdtsc counts guest instructions.
BENCH_HOST_SRCS := tests/bench/alloc_bench.c $(HOST_STUBS) $(KSRC_BUDDY) $(KSRC_KHEAP) $(KSRC_KPRINTF)

$(BUILD)/bench/alloc_bench: $(BENCH_HOST_SRCS) $(MK_FILES)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) -std=gnu11 -O2 -DHOST_TEST -DKHEAP_DEBUG=0 -Ikernel -Iabi -Icommon -o $@ $(BENCH_HOST_SRCS)

bench: deps $(BUILD)/bench/alloc_bench
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/bench KHEAP_DEBUG=0 CMDLINE=bench \
	    QEMUFLAGS="-icount shift=0,sleep=off $(QEMUFLAGS)" run | tee $(BUILD)/bench-kernel.txt
	@echo "host-native, same run (KHEAP_DEBUG=0, -O2):"
	$(Q)$(BUILD)/bench/alloc_bench | tee $(BUILD)/bench-host.txt

# --- system calls and page faults beside Linux (tests/bench/probe.c) ----------

# The probe runs under -icount on Interlude (built without heap debugging)
# and on Debian's Linux kernel booted in the same QEMU configuration, with
# the probe as its /init (tools/linux-bench-kernel.py fetches the kernel
# once with apt-get download). tools/bench-syscalls.py prints both columns.
$(BUILD)/bench/probe: tests/bench/probe.c $(USER_RT) $(USER_HDRS)
	@mkdir -p $(@D)
	@echo "  USERCC  $@" >&2
	$(Q)$(CC) $(USER_CFLAGS) -o $@ $< $(USER_RT)

bench-syscalls: deps $(BUILD)/bench/probe
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/bench KHEAP_DEBUG=0 PROG=$(BUILD)/bench/probe \
	    QEMUFLAGS="-icount shift=0,sleep=off $(QEMUFLAGS)" run > $(BUILD)/bench-syscalls-interlude.txt
	$(Q)$(PYTHON) tools/bench-syscalls.py --probe $(BUILD)/bench/probe --linux-dir $(BUILD)/linux \
	    --interlude-output $(BUILD)/bench-syscalls-interlude.txt | tee $(BUILD)/bench-syscalls.txt

# --- malloc beside glibc, musl, jemalloc, mimalloc, tcmalloc ------------------

# tests/bench/malloc_bench.c (+ malloc_bench_workloads.c), six workloads, built against each allocator
# (installed from Debian's packages by the script when missing) and run
# natively in one run. Then the real programs (tests/bench/real_bench.c:
# Lua and SQLite from Debian's archives, with each allocator), and the malloc-lab traces
# (the lab's synthetic ones and ones recorded from the real programs) replayed on each
# allocator by the lab's driver: utilisation and time per trace. bench-malloc-qemu also
# runs all three programs of every allocator under QEMU -icount, on Linux and on Interlude,
# in guest instructions (tools/bench_malloc_qemu.py). Results: docs/BENCHMARKS.md.
# bench-malloc-quick: one run at a fifth of the scale, for a rough figure in a minute or two.
bench-malloc: libc
	$(Q)$(PYTHON) tools/bench-malloc.py --build-dir $(BUILD)/bench-malloc $(BENCH_MALLOC_ARGS) \
	    | tee $(BUILD)/bench-malloc.txt
bench-malloc-quick: libc
	$(Q)$(PYTHON) tools/bench-malloc.py --quick --no-svg --build-dir $(BUILD)/bench-malloc \
	    $(BENCH_MALLOC_ARGS) | tee $(BUILD)/bench-malloc.txt
# What MALLOC_CHECK=1 and =2 cost, as factors of the normal mode (native runs).
bench-malloc-debug: libc
	$(Q)$(PYTHON) tools/bench-malloc-debug.py --build-dir $(BUILD)/bench-malloc $(BENCH_MALLOC_DEBUG_ARGS) \
	    | tee $(BUILD)/bench-malloc-debug.txt
bench-malloc-qemu: deps libc
	$(Q)$(PYTHON) tools/bench-malloc.py --qemu --build-dir $(BUILD)/bench-malloc $(BENCH_MALLOC_ARGS) \
	    | tee $(BUILD)/bench-malloc.txt

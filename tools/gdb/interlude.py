"""interlude.py - gdb commands that show Interlude's memory (make gdb loads it).

    il-maps [ADDR]     the areas of the running process (its struct mm's VMA tree), or the one holding ADDR
    il-pgwalk ADDR     ADDR through the page tables in force (CR3), level by level
    il-frames          the frame allocator: frames free and used, free blocks per order
    il-slabinfo        the kernel heap's caches, as the console's slabinfo prints them
    il-heap            the user program's malloc state: size classes, mid spans, free runs
    il-load-program F  F's symbols (a static program: at the addresses it was linked for)

Theory of operation. The commands read the kernel's own structures through
gdb's Python API: a variable by name (proc_running, pmm_buddy, all_caches),
its members by name, so they follow the structures as the compiler laid
them out (with -g) rather than guessing offsets. Page tables hold physical
addresses; the kernel reaches physical memory through its direct map at
0xffff800000000000, which every address space shares, so gdb reads a table
at DIRECT_MAP + its physical address whatever process is running. The user
heap is the libc's `heap` (assembler name __im_heap; struct heap_state, libc/malloc/heap.h), found in
the program's own symbols once they are loaded; a static program runs at
the addresses it was linked for, so its symbols need no offset.
"""
import gdb

DIRECT_MAP = 0xFFFF800000000000
LOWER_HALF_END = 1 << 47
PTE_P, PTE_W, PTE_U, PTE_A, PTE_D, PTE_PS, PTE_OWNED = 1, 2, 4, 1 << 5, 1 << 6, 1 << 7, 1 << 9
PTE_NX = 1 << 63
PTE_ADDR = 0x000FFFFFFFFFF000
PROT_READ, PROT_WRITE, PROT_EXEC = 1, 2, 4
VMA_HEAP, VMA_STACK, VMA_IMAGE = 0x04, 0x08, 0x20
LEVELS = ["PT", "PD", "PDPT", "PML4"]
FLAG_NAMES = [(PTE_P, "P"), (PTE_W, "W"), (PTE_U, "U"), (1 << 3, "PWT"), (1 << 4, "PCD"),
              (PTE_A, "A"), (PTE_D, "D"), (PTE_PS, "PS"), (1 << 8, "G"), (PTE_OWNED, "owned"),
              (PTE_NX, "NX")]


def kernel_value(name):
    """The kernel's variable `name` (a gdb.Value)."""
    return gdb.parse_and_eval(name)


def read_u64(addr):
    """The 64-bit word at virtual address addr."""
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, 8)), "little")


def running_proc():
    """The running process (struct proc *), or None between programs."""
    p = kernel_value("proc_running")
    return p if int(p) else None


def vmas_in_order(node):
    """The VMAs of the AVL subtree at node, by address."""
    out, stack = [], []
    while stack or int(node):
        while int(node):
            stack.append(node)
            node = node["left"]
        node = stack.pop()
        out.append(node)
        node = node["right"]
    return out


def maps_line(start, end, prot, flags, name):
    """One line in the format of Linux's /proc/PID/maps (the name at column 73)."""
    perms = "%s%s%sp" % ("r" if prot & PROT_READ else "-", "w" if prot & PROT_WRITE else "-",
                         "x" if prot & PROT_EXEC else "-")
    line = "%08x-%08x %s %08x 00:00 0" % (start, end, perms, 0)
    kind = "[heap]" if flags & VMA_HEAP else "[stack]" if flags & VMA_STACK else \
        name if flags & VMA_IMAGE else ""
    return line + " " * max(1, 73 - len(line)) + kind if kind else line + " "


class Maps(gdb.Command):
    """il-maps: the areas of the running process, as Linux's /proc/PID/maps shows them."""

    def __init__(self):
        super().__init__("il-maps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        p = running_proc()
        if p is None:
            print("il-maps: no process is running")
            return
        mm = p["mm"]
        name = p["name"].string()
        areas = vmas_in_order(mm["vmas"]["root"])
        if arg.strip():
            addr = int(gdb.parse_and_eval(arg)) & 0xFFFFFFFFFFFFFFFF
            hits = [v for v in areas if int(v["start"]) <= addr < int(v["end"])]
            if not hits:
                print("il-maps: 0x%x is in no area of %s: a touch there is a segmentation fault"
                      % (addr, name))
            for v in hits:
                print("il-maps: 0x%x is in" % addr)
                print(maps_line(int(v["start"]), int(v["end"]), int(v["prot"]), int(v["flags"]), name))
            return
        print("il-maps: %s[%d]: %d areas, break 0x%x (heap from 0x%x)" % (
            name, int(p["pid"]), int(mm["vmas"]["count"]), int(mm["brk"]), int(mm["start_brk"])))
        for v in areas:
            print(maps_line(int(v["start"]), int(v["end"]), int(v["prot"]), int(v["flags"]), name))


def decode(e, level):
    """The names of the flags set in entry e at level."""
    names = []
    for bit, n in FLAG_NAMES:
        if not e & bit or (bit == PTE_PS and level == 0):
            continue
        if bit == PTE_D and level > 0 and not e & PTE_PS:
            continue
        names.append(n)
    return " ".join(names)


def current_cr3():
    """The top-level table in force: CR3 if the stub shows it, else the running process's."""
    try:
        return int(gdb.parse_and_eval("$cr3")) & PTE_ADDR
    except gdb.error:
        p = running_proc()
        pt = p["mm"]["pt"] if p is not None else kernel_value("vmm_kernel_space()")["pml4_phys"]
        return int(pt["pml4_phys"]) if p is not None else int(pt)


class PgWalk(gdb.Command):
    """il-pgwalk ADDR: walk ADDR through the page tables in force, each level's entry decoded."""

    def __init__(self):
        super().__init__("il-pgwalk", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            print("il-pgwalk: usage: il-pgwalk ADDR")
            return
        addr = int(gdb.parse_and_eval(arg)) & 0xFFFFFFFFFFFFFFFF
        table = current_cr3()
        print("il-pgwalk: 0x%x, PML4 at 0x%x (CR3)" % (addr, table))
        user = write = True
        nx = False
        for level in range(3, -1, -1):
            i = (addr >> (12 + 9 * level)) & 511
            e = read_u64(DIRECT_MAP + table + 8 * i)
            if not e & PTE_P:
                print("il-pgwalk:   %-4s[%3d] 0x%016x not present" % (LEVELS[level], i, e))
                print("il-pgwalk: 0x%x is not mapped: a touch faults" % addr)
                return
            user, write, nx = user and bool(e & PTE_U), write and bool(e & PTE_W), nx or bool(e & PTE_NX)
            leaf = level == 0 or (level <= 2 and e & PTE_PS)
            span = 1 << (12 + 9 * level)
            nxt = e & PTE_ADDR & ~(span - 1 if leaf else 0)
            print("il-pgwalk:   %-4s[%3d] 0x%016x %-24s -> %s 0x%x" % (
                LEVELS[level], i, e, decode(e, level), "frame" if leaf else LEVELS[level - 1], nxt))
            if leaf:
                print("il-pgwalk: 0x%x -> physical 0x%x: a %s page, %s, %s, %s" % (
                    addr, nxt | (addr & (span - 1)), {0: "4 KiB", 1: "2 MiB", 2: "1 GiB"}[level],
                    "user" if user else "kernel only", "writable" if write else "read-only",
                    "not executable" if nx else "executable"))
                return
            table = nxt


class Frames(gdb.Command):
    """il-frames: the frame allocator's counts and its free blocks per order."""

    def __init__(self):
        super().__init__("il-frames", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        b = kernel_value("pmm_buddy")
        total = int(kernel_value("pmm_total_frames"))
        managed, free = int(b["managed_frames"]), int(b["free_frames"])
        print("il-frames: frames of 4 KiB: RAM %d, usable %d, reserved %d, free %d, used %d, "
              "unmerged %d" % (total, managed, total - managed, free, int(b["allocated_frames"]),
                               int(b["unmerged"])))
        print("il-frames: order %9s %12s %12s" % ("block", "free blocks", "free frames"))
        n = b["free_blocks"].type.range()[1] + 1
        for k in range(n):
            blocks = int(b["free_blocks"][k])
            print("il-frames: %5d %5d KiB %12d %12d" % (k, 4 << k, blocks, blocks << k))


class SlabInfo(gdb.Command):
    """il-slabinfo: the kernel heap's caches, in the console's slabinfo format."""

    def __init__(self):
        super().__init__("il-slabinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        print("slabinfo: %-14s %7s %6s %8s %8s %6s %9s" % (
            "name", "objsize", "slot", "active", "total", "slabs", "bytes"))
        c = kernel_value("all_caches")
        while int(c):
            slabs = int(c["nslabs"])
            print("slabinfo: %-14s %7d %6d %8d %8d %6d %9d" % (
                c["name"].string(), int(c["object_size"]), int(c["size"]), int(c["inuse"]),
                slabs * int(c["per_slab"]), slabs, slabs * (4096 << int(c["order"]))))
            c = c["next_cache"]
        n, nbytes = int(kernel_value("large_count")), int(kernel_value("large_bytes"))
        print("slabinfo: %-14s %7s %6s %8d %8d %6d %9d" % ("kmalloc-large", "-", "-", n, n, n, nbytes))


def user_heap():
    """The libc's heap state in a loaded program's symbols, or None."""
    for objfile in gdb.objfiles():
        for name in ("__im_heap", "heap"):  # its assembler name, which gdb goes by; its C name
            sym = objfile.lookup_global_symbol(name)
            if sym is not None and sym.type.strip_typedefs().tag == "heap_state":
                return sym.value()
    return None


def span_list(head):
    """The spans of a list from head along next."""
    out = []
    while int(head):
        out.append(head)
        head = head["next"]
    return out


class Heap(gdb.Command):
    """il-heap: the user program's malloc: size classes in use, mid spans, free page runs, mmapped blocks."""

    def __init__(self):
        super().__init__("il-heap", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        h = user_heap()
        if h is None:
            print("il-heap: no program symbols with the libc's heap: il-load-program FILE first")
            return
        if not bool(h["inited"]):
            print("il-heap: the heap is not set up yet (no malloc so far)")
            return
        print("il-heap: size classes in use:")
        print("il-heap: %5s %6s %6s %10s %10s" % ("class", "size", "spans", "listed", "free slots"))
        ncls = h["cls"].type.range()[1] + 1
        for k in range(1, ncls):
            c = h["cls"][k]
            if int(c["nspans"]) == 0:
                continue
            listed = span_list(h["cur"][k])
            print("il-heap: %5d %6d %6d %10d %10d" % (k, int(c["size"]), int(c["nspans"]),
                                                      len(listed), sum(int(s["nfree"]) for s in listed)))
        mids = span_list(h["mid_spans"])
        print("il-heap: mid spans %d (listed %d, free granules %d, free runs recorded %d)" % (
            int(h["mid_nspans"]), len(mids), sum(int(s["nfree"]) for s in mids),
            sum(int(s["mx"]["nruns"]) for s in mids)))
        sparse = span_list(h["sparse"])
        print("il-heap: sparse spans %d (free granules %d of 32 bytes): the first blocks of classes without a span" % (
            int(h["sparse_nspans"]), sum(int(s["nfree"]) for s in sparse)))
        print("il-heap: free page runs: %d pages (%d maybe resident)" % (
            int(h["free_pages"]), int(h["dirty_pages"])))
        # only the bins binmap marks: the others may lie on a page of the
        # heap state the program never touched, which is not mapped yet
        binmap = h["binmap"]
        for b in range(h["bins"].type.range()[1] + 1):
            if not (int(binmap[b >> 6]) >> (b & 63)) & 1:
                continue
            for s in span_list(h["bins"][b]):
                print("il-heap:   run 0x%x-0x%x %d pages" % (
                    int(s["start"]), int(s["start"]) + 4096 * int(s["npages"]), int(s["npages"])))
        print("il-heap: mmapped blocks %d, %d bytes mapped (threshold %d)" % (
            int(h["hcount"]), int(h["large_bytes"]), int(h["mmap_threshold"])))


class LoadProgram(gdb.Command):
    """il-load-program FILE: load a static user program's symbols at the addresses it was linked for."""

    def __init__(self):
        super().__init__("il-load-program", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        path = arg.strip()
        gdb.execute("add-symbol-file %s" % path, to_string=not from_tty)
        print("il-load-program: %s" % path)


for command in (Maps, PgWalk, Frames, SlabInfo, Heap, LoadProgram):
    command()

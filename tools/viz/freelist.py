"""A trace's malloc, free and realloc calls as OSTEP malloc.py's -A list.

malloc.py -A takes "+N" (allocate N bytes, the result is ptr[K], K
counting the allocations) and "-K" (free ptr[K]). ostep_ops turns the
calls of one process into that list, so that tests/viz/ostep_freelist
(the simple allocator, printing its free list as malloc.py -c) can replay
the program's own sequence of calls (make viz FREELIST=trace).

A realloc that moves a block is what the simple allocator does when the
block cannot stay: a malloc of the new size, then a free of the old block
("+N,-K"). A realloc of NULL is a malloc. This is an approximation for a
realloc that the simple allocator would have done in place; docs/VIZ.md
says so. A free of an address no traced call returned is left out.
"""
from . import model

LIMIT = 256  # the allocations ostep_freelist keeps (its MAX_PTRS)


def ostep_ops(events, pid=None):
    """(the -A list as a string, allocations left out past LIMIT) of pid's heap calls."""
    pid = model.pick_pid(events) if pid is None else pid
    ops, index, k, dropped = [], {}, 0, 0

    def alloc(size, ret):
        nonlocal k, dropped
        if k >= LIMIT:
            dropped += 1
            return
        ops.append("+%d" % size)
        if ret:
            index[ret] = k
        k += 1

    def release(addr):
        if addr in index:
            ops.append("-%d" % index.pop(addr))

    for ev in events:
        if ev.get("pid") != pid:
            continue
        kind = ev["ev"]
        if kind == "malloc":
            alloc(ev.get("size", 0), ev.get("ret"))
        elif kind == "free" and ev.get("addr"):
            release(ev["addr"])
        elif kind == "realloc":
            if ev.get("addr") and not ev.get("ret") and ev.get("size", 0):
                continue  # failed: the old block stays
            alloc(ev.get("size", 0), ev.get("ret"))
            if ev.get("addr"):
                release(ev["addr"])
    return ",".join(ops), dropped

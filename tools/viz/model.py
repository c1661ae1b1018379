"""Replaying a trace into pictures' states.

THEORY OF OPERATION

A trace says what happened; a picture shows what is. model.replay walks
the events of one process in order and keeps two things up to date:

  - the address space: its areas (start, end, kind, prot), taken whole
    from the "exec" snapshot and then edited by each successful brk
    or sbrk (the heap area's end moves), mmap (an area added, over whatever it
    replaces), munmap (a hole cut), mremap (a range resized in place or
    moved, its resident pages with it), mprotect (a range re-protected) and
    stack-growth faults (the stack reaches down); and the resident pages,
    a set of page numbers that a fault adds, and so do the calls whose
    pages the kernel faults in itself with no fault line (mmap with
    MAP_POPULATE or MAP_LOCKED, mlock, mlockall; mmap and brk after
    mlockall(MCL_FUTURE)), and that munmap, a shrinking brk or
    madvise(MADV_DONTNEED) removes;
  - the heap: every block malloc or realloc returned, with its size,
    path, site, and the steps at which it was born and died.

A "step" is one event that changes either. After each step the model
records a Snapshot of the areas and resident runs (the heap needs none:
a block's birth and death steps say when it is live). Failed calls (a
negative result, or one in the last page of the address space as the
kernel returns -errno) change nothing, as in the kernel.
"""

PAGE = 4096
MADV_DONTNEED = 4
MREMAP_DONTUNMAP = 4
MAP_LOCKED, MAP_POPULATE = 0x2000, 0x8000
MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT, MLOCK_ONFAULT = 1, 2, 4, 1
STEP_EVENTS = {"exec", "brk", "sbrk", "mmap", "munmap", "mremap", "mprotect", "madvise", "fault",
               "mlock", "mlock2", "mlockall", "munlockall", "malloc", "free", "realloc", "exit"}


def failed(ret):
    """True when a system call's result ret is an error (-errno, signed or not)."""
    return not isinstance(ret, int) or ret < 0 or ret >= (1 << 64) - 4096


def accessible(prot):
    """True unless prot (a number, or "rw-" as the snapshots write it) is PROT_NONE."""
    return prot not in (0, "---")


def page_up(n):
    """n rounded up to a whole page."""
    return (n + PAGE - 1) & ~(PAGE - 1)


class Area:
    """One mapped range [start, end) of the address space."""

    def __init__(self, start, end, kind, prot="", name=""):
        self.start, self.end, self.kind, self.prot, self.name = start, end, kind, prot, name

    def copy(self, start=None, end=None):
        """This area, or a piece of it [start, end), as a new Area."""
        return Area(self.start if start is None else start, self.end if end is None else end,
                    self.kind, self.prot, self.name)

    def as_tuple(self):
        """The area as (start, end, kind, prot, name), for snapshots."""
        return (self.start, self.end, self.kind, self.prot, self.name)


class Block:
    """One heap block: what malloc returned, and when it lived."""

    def __init__(self, addr, size, path, site, born, line):
        self.addr, self.size, self.path, self.site = addr, size, path or "", site
        self.born, self.died, self.line = born, None, line

    def live_at(self, step):
        """True when the block is allocated after step."""
        return self.born <= step and (self.died is None or step < self.died)


class Snapshot:
    """The address space after one step, and the step's event."""

    def __init__(self, ev, areas, resident_runs, brk):
        self.ev, self.areas, self.resident, self.brk = ev, areas, resident_runs, brk


def runs(pages):
    """The sorted set of page numbers pages as [(first_addr, end_addr)] runs."""
    out = []
    for p in sorted(pages):
        if out and out[-1][1] == p * PAGE:
            out[-1][1] = (p + 1) * PAGE
        else:
            out.append([p * PAGE, (p + 1) * PAGE])
    return [tuple(r) for r in out]


class Model:
    """The replayed trace: snapshots (one a step), blocks, and the trace's totals."""

    def __init__(self):
        self.areas = []
        self.resident = set()
        self.brk = None
        self.heap_start = None
        self.blocks = []
        self.live = {}
        self.snapshots = []
        self.pid = None
        self.path = ""
        self.counts = {}
        self.lock_future = False  # mlockall(MCL_FUTURE) without MCL_ONFAULT: new areas page in

    # --- the address space -------------------------------------------------
    def cut(self, lo, hi):
        """Removes [lo, hi) from every area (splitting those it crosses); returns the pieces cut."""
        keep, gone = [], []
        for a in self.areas:
            if a.end <= lo or a.start >= hi:
                keep.append(a)
                continue
            if a.start < lo:
                keep.append(a.copy(end=lo))
            if a.end > hi:
                keep.append(a.copy(start=hi))
            gone.append(a.copy(max(a.start, lo), min(a.end, hi)))
        self.areas = sorted(keep, key=lambda a: a.start)
        return gone

    def drop_resident(self, lo, hi):
        """Forgets the resident pages in [lo, hi)."""
        first, last = lo // PAGE, page_up(hi) // PAGE
        if last - first < len(self.resident):
            self.resident.difference_update(range(first, last))
        else:
            self.resident = {p for p in self.resident if not first <= p < last}

    def page_in(self, lo, hi):
        """The accessible pages of [lo, hi) become resident: MAP_POPULATE and locked
        memory, which the kernel faults in itself, with no fault lines."""
        for a in self.areas:
            s, e = max(a.start, lo), min(a.end, hi)
            if s < e and accessible(a.prot):
                self.resident.update(range(s // PAGE, page_up(e) // PAGE))

    def heap_area(self):
        """The area of kind heap, or None."""
        return next((a for a in self.areas if a.kind == "heap"), None)

    def on_exec(self, ev):
        """A new image: the areas are the event's snapshot; nothing is resident yet."""
        self.pid = ev.get("pid", self.pid)
        self.path = ev.get("path", self.path)
        self.areas = sorted((Area(a["start"], a["end"], a.get("kind", "mmap"), a.get("prot", ""),
                                  a.get("name", "")) for a in ev.get("areas", [])),
                            key=lambda a: a.start)
        self.resident = set()
        h = self.heap_area()
        if h:
            self.heap_start, self.brk = h.start, h.end

    def on_brk(self, ev):
        """A successful brk moves the heap area's end (creating the area at the first)."""
        new, ret = ev.get("new"), ev.get("ret")
        if self.heap_start is None and isinstance(ev.get("old"), int):
            self.heap_start = ev["old"]
            self.brk = ev["old"]
        if ret != new or not isinstance(new, int) or new < (self.heap_start or 0):
            return  # a query (brk(0)) or a refusal
        h = self.heap_area()
        if not h:
            h = Area(self.heap_start, self.heap_start, "heap", "rw-", "[heap]")
            self.areas = sorted(self.areas + [h], key=lambda a: a.start)
        if new < h.end:
            self.drop_resident(page_up(new), page_up(h.end))
        old_end = h.end
        h.end = max(page_up(new), h.start)
        self.brk = new
        if self.lock_future and h.end > old_end:
            self.page_in(old_end, h.end)

    def on_sbrk(self, ev):
        """Interlude's sbrk (the C library's): on success (ret is the old break) the break moves."""
        old, new = ev.get("old"), ev.get("new")
        if ev.get("ret") != old or not isinstance(old, int):
            return  # -ENOMEM
        self.on_brk({"old": old, "new": new, "ret": new})

    def on_mmap(self, ev):
        """A successful mmap: a new area over whatever was there."""
        if failed(ev.get("ret")):
            return
        lo, hi = ev["ret"], ev["ret"] + page_up(ev.get("len", 0))
        self.cut(lo, hi)
        self.drop_resident(lo, hi)
        name = ev.get("name", "anon" if ev.get("fd", -1) == -1 else "fd %s" % ev.get("fd"))
        self.areas = sorted(self.areas + [Area(lo, hi, "mmap", ev.get("prot", ""), name)],
                            key=lambda a: a.start)
        if self.lock_future or ev.get("flags", 0) & (MAP_POPULATE | MAP_LOCKED):
            self.page_in(lo, hi)

    def on_munmap(self, ev):
        """A successful munmap: a hole, and its pages are no longer resident."""
        if ev.get("ret") != 0:
            return
        lo, hi = ev["addr"], ev["addr"] + page_up(ev.get("len", 0))
        self.cut(lo, hi)
        self.drop_resident(lo, hi)

    def on_mremap(self, ev):
        """A successful mremap: the range [addr, addr + old_len) becomes the area
        [ret, ret + new_len), resized in place (ret == addr) or moved; its resident
        pages move with it (the kernel moves page-table entries, it copies nothing).
        With MREMAP_DONTUNMAP the old range stays mapped, empty."""
        ret = ev.get("ret")
        if failed(ret) or not isinstance(ev.get("addr"), int):
            return
        addr = ev["addr"]
        old, new = page_up(ev.get("old_len", 0)), page_up(ev.get("new_len", 0))
        pieces = self.cut(addr, addr + old)
        first, kept = addr // PAGE, min(old, new) // PAGE
        moved = {p - first + ret // PAGE for p in self.resident if first <= p < first + kept}
        self.drop_resident(addr, addr + old)
        if ev.get("flags", 0) & MREMAP_DONTUNMAP:
            self.areas = sorted(self.areas + pieces, key=lambda a: a.start)
        if ret != addr:
            self.cut(ret, ret + new)
            self.drop_resident(ret, ret + new)
        src = pieces[0] if pieces else None
        kind = src.kind if src and src.kind not in ("heap", "stack") else "mmap"
        self.areas = sorted(self.areas + [Area(ret, ret + new, kind, src.prot if src else "",
                                               src.name if src else "")], key=lambda a: a.start)
        self.resident |= moved

    def on_mprotect(self, ev):
        """A successful mprotect: the range's pieces get the new protection."""
        if ev.get("ret") != 0:
            return
        lo, hi = ev["addr"], ev["addr"] + page_up(ev.get("len", 0))
        pieces = self.cut(lo, hi)
        for p in pieces:
            p.prot = ev.get("prot", p.prot)
        self.areas = sorted(self.areas + pieces, key=lambda a: a.start)

    def on_madvise(self, ev):
        """madvise(MADV_DONTNEED) succeeded: the range's pages are gone until touched."""
        if ev.get("ret") == 0 and ev.get("advice") in (MADV_DONTNEED, "dontneed", "DONTNEED"):
            self.drop_resident(ev["addr"], ev["addr"] + ev.get("len", 0))

    def on_mlock(self, ev):
        """A successful mlock faults the range's pages in (mlock2 with MLOCK_ONFAULT
        does not); whole pages, as the kernel rounds it."""
        if ev.get("ret") != 0 or not isinstance(ev.get("addr"), int):
            return
        if ev["ev"] == "mlock2" and ev.get("flags", 0) & MLOCK_ONFAULT:
            return
        lo = ev["addr"] // PAGE * PAGE
        self.page_in(lo, lo + page_up(ev["addr"] - lo + ev.get("len", 0)))

    on_mlock2 = on_mlock

    def on_mlockall(self, ev):
        """mlockall: MCL_CURRENT faults every area in, MCL_FUTURE the areas to come
        (neither with MCL_ONFAULT); a later mlockall or munlockall ends MCL_FUTURE."""
        if ev.get("ret") != 0:
            return
        flags = ev.get("flags", 0)
        self.lock_future = bool(flags & MCL_FUTURE) and not flags & MCL_ONFAULT
        if flags & MCL_CURRENT and not flags & MCL_ONFAULT:
            self.page_in(0, 1 << 47)

    def on_munlockall(self, ev):
        """munlockall ends MCL_FUTURE; the pages stay resident."""
        if ev.get("ret") == 0:
            self.lock_future = False

    def on_fault(self, ev):
        """A fault that was served makes its page resident; stack growth extends the stack."""
        how = ev.get("how", "")
        addr = ev.get("addr")
        if how == "refused" or not isinstance(addr, int):
            return
        page = addr // PAGE
        if how == "stack-growth":
            below = [a for a in self.areas if a.kind == "stack" and a.start > addr]
            if below:
                s = min(below, key=lambda a: a.start)
                s.start = page * PAGE
        self.resident.add(page)

    # --- the heap ----------------------------------------------------------
    def born(self, ev, addr, size, step):
        """Records a block malloc or realloc returned."""
        b = Block(addr, size, ev.get("path"), ev.get("site"), step, ev.get("line"))
        self.blocks.append(b)
        self.live[addr] = b

    def died(self, addr, step):
        """Ends the life of the live block at addr (unknown addresses are ignored)."""
        b = self.live.pop(addr, None)
        if b:
            b.died = step

    def on_heap(self, ev, step):
        """malloc, free and realloc events."""
        kind = ev["ev"]
        if kind == "malloc" and ev.get("ret"):
            self.born(ev, ev["ret"], ev.get("size", 0), step)
        elif kind == "free" and ev.get("addr"):
            self.died(ev["addr"], step)
        elif kind == "realloc" and ev.get("ret"):
            if ev.get("addr"):
                self.died(ev["addr"], step)
            self.born(ev, ev["ret"], ev.get("size", 0), step)

    def apply(self, ev):
        """Applies one event; returns True when it was a step (it changed a picture)."""
        kind = ev["ev"]
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if kind not in STEP_EVENTS or (kind == "sbrk" and not ev.get("incr")):
            return False  # sbrk(0) only asks where the break is
        step = len(self.snapshots)
        if kind in ("malloc", "free", "realloc"):
            self.on_heap(ev, step)
        elif kind != "exit":
            getattr(self, "on_" + kind)(ev)
        self.snapshots.append(Snapshot(ev, [a.as_tuple() for a in self.areas],
                                       runs(self.resident), self.brk))
        return True


def pick_pid(events):
    """The pid to draw: the first exec's (the program that make viz ran)."""
    for ev in events:
        if ev["ev"] == "exec" and "pid" in ev:
            return ev["pid"]
    for ev in events:
        if "pid" in ev:
            return ev["pid"]
    return None


def replay(events, pid=None):
    """The Model of process pid (default: pick_pid) after every event of the trace. Events
    before the process's exec (the kernel writing its first stack page) come right after it."""
    m = Model()
    m.pid = pick_pid(events) if pid is None else pid
    early = []  # the process's events before its exec (the kernel building its stack)
    for ev in events:
        if "pid" in ev and ev["pid"] != m.pid:
            continue
        if "pid" not in ev and ev["ev"] in STEP_EVENTS:
            continue
        if not m.snapshots and ev["ev"] in STEP_EVENTS and ev["ev"] != "exec":
            early.append(ev)  # no address space to draw yet: applied after the exec
            continue
        m.apply(ev)
        if ev["ev"] == "exec" and early:
            for e in early:
                m.apply(e)
            early = []
    for ev in early:  # a trace with no exec of the process
        m.apply(ev)
    return m

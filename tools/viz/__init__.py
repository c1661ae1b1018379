"""tools/viz - pictures of memory from a trace (docs/VIZ.md).

trace.py reads the JSON-lines trace (docs/TRACE.md's format), model.py
replays it into states (the address space and the heap after each step),
axis.py compresses an address range with breaks, aspace.py and heap.py
draw the two SVG figures, page.py the HTML page with a time slider, and
freelist.py prints the simple allocator's free list as OSTEP's malloc.py.
Python 3 standard library only.
"""

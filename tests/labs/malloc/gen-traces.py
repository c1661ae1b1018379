#!/usr/bin/env python3
"""gen-traces.py - writes the malloc lab's traces (tests/labs/malloc/traces/).

    tests/labs/malloc/gen-traces.py [OUTDIR]

Each trace is in the format of CS:APP's malloc lab: four header lines (a
suggested heap size, the number of block ids, the number of operations, a
weight), then one operation per line: "a ID SIZE" (malloc), "f ID" (free),
"r ID SIZE" (realloc). Every id is allocated before it is used, and every
block is freed by the end. The generator is seeded: running it again
writes the same bytes, so the committed traces are its output.
"""
import os
import random
import sys


class Trace:
    def __init__(self):
        self.ops, self.live, self.next_id, self.size = [], {}, 0, {}

    def alloc(self, size):
        i = self.next_id
        self.next_id += 1
        self.ops.append("a %d %d" % (i, size))
        self.live[i] = size
        return i

    def free(self, i):
        self.ops.append("f %d" % i)
        del self.live[i]

    def realloc(self, i, size):
        self.ops.append("r %d %d" % (i, size))
        self.live[i] = size

    def free_all(self):
        for i in sorted(self.live):
            self.free(i)

    def text(self, weight=1):
        peak = cur = 0
        sizes = {}
        for op in self.ops:
            w = op.split()
            if w[0] in "ar":
                cur += int(w[2]) - sizes.get(w[1], 0)
                sizes[w[1]] = int(w[2])
            else:
                cur -= sizes.pop(w[1])
            peak = max(peak, cur)
        head = [str(peak * 2), str(self.next_id), str(len(self.ops)), str(weight)]
        return "\n".join(head + self.ops) + "\n"


def binary(rng):
    """Small and large blocks alternate; the large ones are freed, then
    slightly larger ones are asked for: the freed holes are just too small."""
    t = Trace()
    for _ in range(2):
        pairs = [(t.alloc(64), t.alloc(448)) for _ in range(1500)]
        for _, big in pairs:
            t.free(big)
        bigger = [t.alloc(512) for _ in range(1500)]
        for small, _ in pairs:
            t.free(small)
        for b in bigger:
            t.free(b)
    return t


def coalescing(rng):
    """Rounds of many blocks freed together, then blocks twice their size:
    only merged neighbours can hold the second round."""
    t = Trace()
    size = 48
    for _ in range(5):
        blocks = [t.alloc(size) for _ in range(1200)]
        for b in blocks:
            t.free(b)
        size *= 2
        pairs = [t.alloc(size) for _ in range(600)]
        for b in pairs:
            t.free(b)
    return t


def random_mix(rng, n_ops=3000, max_live=400, sizes=(1, 2048)):
    """Random mallocs and frees of random sizes, at most max_live live."""
    t = Trace()
    for _ in range(n_ops):
        if t.live and (len(t.live) >= max_live or rng.random() < 0.45):
            t.free(rng.choice(sorted(t.live)))
        else:
            t.alloc(rng.randint(*sizes))
    t.free_all()
    return t


def realloc_growth(rng):
    """Vectors growing by realloc, with small blocks allocated in between
    (so a vector cannot always grow in place) and some freed."""
    t = Trace()
    vecs = [t.alloc(16) for _ in range(100)]
    for step in range(80):
        for v in vecs:
            if rng.random() < 0.5:
                t.realloc(v, t.live[v] + rng.randint(8, 160))
        small = [t.alloc(rng.randint(8, 64)) for _ in range(10)]
        for s in small[::2]:
            t.free(s)
    t.free_all()
    return t


TRACES = {
    "binary": binary,
    "coalescing": coalescing,
    "random": lambda rng: random_mix(rng, 10000, 1500, (1, 4096)),
    "random-small": lambda rng: random_mix(rng, 12000, 1500, (1, 128)),
    "realloc": realloc_growth,
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "traces")
    os.makedirs(out, exist_ok=True)
    for seed, (name, make) in enumerate(sorted(TRACES.items()), 1):
        rng = random.Random(1000 + seed)
        with open(os.path.join(out, name + ".rep"), "w") as f:
            f.write(make(rng).text())


if __name__ == "__main__":
    main()

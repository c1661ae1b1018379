"""lab.py - a lab's description: tests/labs/NAME/lab.json.

    {
      "name": "frames",
      "handout": "docs/labs/frames.md",
      "student_files": ["kernel/mm/buddy.c"],      what a submission may replace
      "build": ["iso"],                              make targets built first
      "runs": {                                      one program run each, e.g. a boot
        "ram128": {"kind": "boot", "qemu": "-m 128M", "selftest": "buddy,pmm",
                   "timeout": 20}
      },
      "tests": [                                     graded items, in report order
        {"name": "buddy.owner_slot", "run": "ram128", "points": 2, "timeout": 2}
      ]
    }

A test of a KTAP run names a leaf of the KTAP output ("suite.test"; "ktap"
gives it when the test's name differs); a test with "lines" instead expects
lines matching those regular expressions, in order, in the run's output
("near": a word of the lines to show when one is missing). A run's time limit is its own
"timeout" plus the "timeout" of each of its tests (default 5 s), times
TEST_TIMEOUT_SCALE: a slow test gets more time, not its neighbours.
"""
import json
import os

DEFAULT_TEST_TIMEOUT = 5


class LabSpecError(Exception):
    pass


def lab_dir(root, name):
    return os.path.join(root, "tests", "labs", name)


def available(root):
    """Returns the names of the labs that have a lab.json, sorted."""
    d = os.path.join(root, "tests", "labs")
    if not os.path.isdir(d):
        return []
    return sorted(n for n in os.listdir(d) if os.path.isfile(os.path.join(d, n, "lab.json")))


def load(root, name):
    """Returns the lab's description as a dict, checked."""
    path = os.path.join(lab_dir(root, name), "lab.json")
    if not os.path.isfile(path):
        raise LabSpecError("no lab %r (no %s); the labs are: %s"
                           % (name, path, ", ".join(available(root)) or "none"))
    with open(path) as f:
        spec = json.load(f)
    return check(spec, path)


def check(spec, where="lab.json"):
    """Checks a lab description; returns it with defaults filled in."""
    for key in ("name", "runs", "tests"):
        if key not in spec:
            raise LabSpecError("%s: no %r" % (where, key))
    spec.setdefault("build", [])
    spec.setdefault("student_files", [])
    names = set()
    for t in spec["tests"]:
        if t["name"] in names:
            raise LabSpecError("%s: two tests named %r" % (where, t["name"]))
        names.add(t["name"])
        if t.get("run") not in spec["runs"]:
            raise LabSpecError("%s: test %r names no run of the lab" % (where, t["name"]))
        t.setdefault("points", 1)
        t.setdefault("timeout", DEFAULT_TEST_TIMEOUT)
        t.setdefault("ktap", t["name"])
    return spec


def run_timeout(spec, run_name, scale):
    """Returns the time limit of a run, in seconds: the run's own plus its tests'."""
    run = spec["runs"][run_name]
    own = run.get("timeout", 10)
    tests = sum(t["timeout"] for t in spec["tests"] if t["run"] == run_name)
    return (own + tests) * scale


def max_score(spec):
    return sum(t["points"] for t in spec["tests"])

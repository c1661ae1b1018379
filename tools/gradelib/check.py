"""check.py - make lab-check: every lab's grader proven to fail.

For each lab: its handout's grading table is its lab.json's; then, in copies of the tree under BUILD/lab-check/LAB/:
  1. the full tree (this one) earns full marks (and, for a lab with
     "repeat_check", the same score and figures a second time);
  2. the student's tree (make lab-tree) builds, fails loudly (its output
     says "not implemented: see docs/labs/LAB.md") and earns 0 on every
     graded test; its other labs' regions are byte for byte the full
     tree's;
  3. each wrong solution, tests/labs/LAB/wrong-*.patch applied to a copy
     of the full tree, loses points; the tests that rejected it are named.
A lab needs at least three wrong solutions. Returns 0 if all of it holds.
"""
import glob
import os
import re
import shutil
import subprocess
import sys

from gradelib import lab as labspec
from gradelib import labtree

MIN_WRONG = 3


def _grade(root, name, build_dir, out_dir):
    sys.path.insert(0, os.path.join(root, "tools"))
    import grade  # tools/grade.py of this tree
    return grade.grade_tree(root, name, build_dir, out_dir, quiet=True)


def _bad(results):
    return [t["name"] for t in results["tests"] if t["score"] < t["max_score"]]


# What a copy of the tree does not need of the build directory.
NOT_SEEDED = {"lab-check", "grade", "test-logs", "test-repeat", "fuzz", "bench-malloc"}


def _seed_build(root, build_dir, tree):
    """Copies this tree's build directory into the copy at tree, times kept,
    so that make there rebuilds only what the copy changed: the files
    make_tree stubbed and the patch wrote are newer than their objects,
    and the dependency files (relative paths) still name every header."""
    src = os.path.join(root, build_dir)
    if not os.path.isdir(src):
        return
    shutil.copytree(src, os.path.join(tree, "build"), symlinks=True,
                    ignore=lambda d, names: [n for n in names
                                             if os.path.samefile(d, src) and n in NOT_SEEDED])


def _fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def check_lab(root, name, build_dir):
    """Checks one lab; returns the list of problems (empty: all good)."""
    problems = []
    spec = labspec.load(root, name)
    top = os.path.join(root, build_dir, "lab-check", name)
    say = lambda s: (print("lab-check %s: %s" % (name, s)), sys.stdout.flush())

    handout = os.path.join(root, spec.get("handout", "docs/labs/%s.md" % name))
    table = {}
    if os.path.isfile(handout):
        for m in re.finditer(r"^\| `([^`]+)` \| (\d+) \|$", open(handout).read(), re.M):
            table[m.group(1)] = int(m.group(2))
    graded = {t["name"]: t["points"] for t in spec["tests"]}
    if table != graded:
        problems.append("the grading table of %s differs from tests/labs/%s/lab.json: %s"
                        % (os.path.relpath(handout, root), name,
                           sorted(set(table.items()) ^ set(graded.items()))))

    full = _grade(root, name, build_dir, os.path.join(top, "grade-full"))
    if full["score"] == full["max_score"]:
        say("the full tree earns full marks (%g/%g)" % (full["score"], full["max_score"]))
    else:
        problems.append("the full tree earns %g/%g: BAD %s"
                        % (full["score"], full["max_score"], ", ".join(_bad(full))))

    if spec.get("repeat_check"):
        again = _grade(root, name, build_dir, os.path.join(top, "grade-full-again"))
        if [(t["name"], t["score"], t["output"]) for t in again["tests"]] != \
                [(t["name"], t["score"], t["output"]) for t in full["tests"]]:
            problems.append("two runs of the full tree differ: %g and %g"
                            % (full["score"], again["score"]))
        else:
            say("a second run gives the same score and the same figures (%g)" % again["score"])

    student = _fresh(os.path.join(top, "student"))
    labtree.make_tree(root, name, student)
    _seed_build(root, build_dir, student)
    res = _grade(student, name, "build", os.path.join(top, "grade-student"))
    build_log = os.path.join(top, "grade-student", "build.log")
    logs = "".join(open(f, errors="replace").read()
                   for f in glob.glob(os.path.join(top, "grade-student", "*.log")))
    loud = "not implemented: see docs/labs/%s.md" % name
    if any("the build failed" in t["output"] for t in res["tests"]):
        problems.append("the student tree does not build (%s)" % build_log)
    elif res["score"] != 0:
        problems.append("the student tree earns %g, not 0: GOOD %s" % (
            res["score"], ", ".join(t["name"] for t in res["tests"] if t["score"] > 0)))
    elif loud not in logs:
        problems.append("the student tree fails, but never says %r" % loud)
    else:
        say("the student tree builds, says \"%s\", and earns 0/%g" % (loud, res["max_score"]))
    # Sorted: git lists libc/malloc-simple/ before libc/malloc/, a walk of a copy after.
    ours = sorted((r.path, r.lab, r.stub) for r in labtree.find_regions(root) if r.lab != name)
    theirs = sorted((r.path, r.lab, r.stub) for r in labtree.find_regions(student)
                    if r.lab != name)
    if ours != theirs:
        problems.append("the student tree changed other labs' regions")
    for path, _, _ in ours:
        mine = open(os.path.join(root, path)).read()
        if path not in {r.path for r in labtree.find_regions(root) if r.lab == name} and \
                mine != open(os.path.join(student, path)).read():
            problems.append("the student tree changed %s, which has no LAB(%s) region"
                            % (path, name))

    patches = sorted(glob.glob(os.path.join(labspec.lab_dir(root, name), "wrong-*.patch")))
    if len(patches) < MIN_WRONG:
        problems.append("only %d wrong solutions (tests/labs/%s/wrong-*.patch); at least %d"
                        % (len(patches), name, MIN_WRONG))
    for patch in patches:
        wrong = os.path.basename(patch)[:-len(".patch")]
        tree = _fresh(os.path.join(top, wrong))
        labtree.copy_tree(root, tree)
        _seed_build(root, build_dir, tree)
        p = subprocess.run(["patch", "-s", "-p1", "-i", patch], cwd=tree, capture_output=True,
                           text=True)
        if p.returncode != 0:
            problems.append("%s does not apply: %s" % (wrong, (p.stdout + p.stderr).strip()))
            continue
        res = _grade(tree, name, "build", os.path.join(top, "grade-" + wrong))
        bad = _bad(res)
        if not bad:
            problems.append("%s earns full marks: the grader does not reject it" % wrong)
        else:
            say("%s rejected (%g/%g) by: %s" % (wrong, res["score"], res["max_score"],
                                                  ", ".join(bad)))
    for p in problems:
        say("PROBLEM: " + p)
    return problems


def check_labs(root, names, build_dir):
    """Checks every lab named; prints a summary; returns the exit status."""
    failed = [n for n in names if check_lab(root, n, build_dir)]
    print("lab-check: %d labs, %d with problems%s"
          % (len(names), len(failed), (": " + ", ".join(failed)) if failed else ""))
    return 1 if failed else 0

"""gradelib - the machinery behind tools/grade.py (docs/labs/TEACHING.md).

labtree   the LAB(name) BEGIN/END markers and the student's starting tree
lab       a lab's description (tests/labs/NAME/lab.json)
runner    building a tree, booting it, grading, the report and results.json
malloc    the malloc lab's trace replay and its score
check     make lab-check: the graders proven to fail
preflight the tools a grading run needs, and how to install them
"""

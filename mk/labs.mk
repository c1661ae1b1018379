# mk/labs.mk - the labs a course can assign (docs/labs/, tests/labs/).
#
#   make grade LAB=frames              build, run the lab's tests, print each with its
#                                      points, write $(BUILD)/grade/LAB/results.json
#   make grade LAB=frames SUBMISSION=dir   grade a student's files (the lab's
#                                      student_files) on a copy of this tree
#   make lab-tree LAB=frames OUT=dir   the student's starting tree: the lab's marked
#                                      code replaced by stubs that fail loudly
#   make lab-check [LAB=frames]        prove every grader fails: full tree full marks,
#                                      student tree 0, each wrong solution rejected
# Teachers: docs/labs/TEACHING.md.

grade:
ifeq ($(LAB),)
	@echo "make grade LAB=name (the labs: $(notdir $(patsubst %/lab.json,%,$(wildcard tests/labs/*/lab.json))))" >&2
	@exit 2
endif
	$(Q)$(PYTHON) tools/grade.py $(LAB) --build-dir $(BUILD) $(if $(SUBMISSION),--submission $(SUBMISSION))

lab-tree:
ifeq ($(and $(LAB),$(OUT)),)
	@echo "make lab-tree LAB=name OUT=directory" >&2
	@exit 2
endif
	$(Q)$(PYTHON) tools/grade.py --tree $(LAB) $(OUT)

lab-check:
	$(Q)$(PYTHON) tools/grade.py --check $(LAB) --build-dir $(BUILD)

.PHONY: grade lab-tree lab-check

"""Unit tests of tools/check-includes.py: each fake tree of its SELF_TESTS
(a clean one, a file cycle, a folder cycle, a production file including
the test framework, ...) must get exactly the expected verdict, which
proves that every rule can fail. Run with
`python3 -m unittest tools/test_check_includes.py`; make test runs them
through tools/ktest.py."""
import importlib.util
import os
import unittest

_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-includes.py")
_SPEC = importlib.util.spec_from_file_location("check_includes", _PATH)
check_includes = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(check_includes)


class FakeTreeTest(unittest.TestCase):
    pass


def _case(name):
    def test(self):
        self.assertEqual(check_includes.self_test_case(name), [])
    test.__doc__ = "the checker's verdict on the fake tree %s" % name
    return test


for _name in check_includes.SELF_TESTS:
    setattr(FakeTreeTest, "test_" + _name, _case(_name))


class GraphTest(unittest.TestCase):
    def test_ring_is_a_cycle(self):
        edges = {"a": {"b"}, "b": {"c", "a"}, "c": {"a"}}
        comp = check_includes.cycles(edges.keys(), edges)
        self.assertEqual(comp, [["a", "b", "c"]])
        self.assertEqual(check_includes.ring(comp[0], edges), ["a", "b", "a"])

    def test_no_cycle_no_component(self):
        edges = {"a": {"b"}, "b": {"c"}}
        self.assertEqual(check_includes.cycles(["a", "b", "c"], edges), [])


if __name__ == "__main__":
    unittest.main()

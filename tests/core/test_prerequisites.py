"""Prerequisite circles: found in long chains without recursion, each said once and readably."""

from __future__ import annotations

import sys

from tutor.core.lessons.loader import load_course
from tutor.core.lessons.prerequisites import circles, describe

CHAIN = 5000  # five times Python's default recursion limit


def test_a_long_chain_has_no_circle() -> None:
    requires = {f"l{i}": [f"l{i - 1}"] if i else [] for i in range(CHAIN)}
    assert CHAIN > sys.getrecursionlimit()
    assert circles(requires) == []


def test_a_long_circle_is_found_once() -> None:
    requires = {f"l{i}": [f"l{(i - 1) % CHAIN}"] for i in range(CHAIN)}
    found = circles(requires)
    assert len(found) == 1
    _, index, circle = found[0]
    assert index == 0 and circle[0] == circle[-1] and len(circle) == CHAIN + 1
    assert describe(circle).endswith(f"({CHAIN} lessons)") and "…" in describe(circle)


def test_short_circles_and_missing_ids() -> None:
    found = circles({"a": ["nowhere", "b"], "b": ["c"], "c": ["a"], "d": ["d"], "e": ["a"]})
    assert sorted((closer, index, describe(circle)) for closer, index, circle in found) == [
        ("c", 0, "a → b → c → a"), ("d", 0, "d → d")]


def test_a_course_of_5000_chained_lessons_loads(tmp_path) -> None:
    for i in range(CHAIN):
        needed = f"l{i - 1}" if i else f"l{CHAIN - 1}"   # the first closes the circle through all of them
        (tmp_path / f"{i:05d}.yaml").write_text(f"id: l{i}\ntitle: L{i}\nsummary: s\nrequires: [{needed}]\n",
                                                encoding="utf-8")
    course = load_course(tmp_path, build=False)
    assert len(course.lessons) == CHAIN
    assert [e.message for e in course.errors] == [
        f"prerequisites go round in a circle: l0 → l{CHAIN - 1} → l{CHAIN - 2} → l{CHAIN - 3} → … → "
        f"l2 → l1 → l0 ({CHAIN} lessons)"]
    assert (course.errors[0].line, course.errors[0].column) == (4, 12)

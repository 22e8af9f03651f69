"""The feedback table: typical wrong answers to every exercise of the course get their slip named.

At least 90% of them named, none named wrongly (a diagnosis other than the slip the answer was made
to show), and every answer named when the table was last written (named.json) still named the same.
Print the table with `python benchmarks/feedback_table.py`.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from .table import NAMED, all_rows, exercises, slips, summary

NAMED_SHARE = 0.9
# One worker makes the table (4 s) for all three tests, instead of each worker making its own.
pytestmark = pytest.mark.xdist_group("feedback-table")


@lru_cache(maxsize=1)
def rows():
    return all_rows()


def test_nine_in_ten_typical_slips_are_named_and_none_wrongly() -> None:
    s = summary(rows())
    wrong = [(r.exercise, r.seed, r.answer, r.intended, r.got) for r in rows() if r.misleading]
    assert wrong == [], "a slip named as another slip"
    assert s["named"] >= NAMED_SHARE * s["answers"], s


def test_every_exercise_has_at_least_three_typical_wrong_answers() -> None:
    counted: dict[str, int] = {}
    for r in rows():
        if r.seed == 0 and r.counted:
            counted[r.exercise] = counted.get(r.exercise, 0) + 1
    few = [key for key, _ in exercises() if counted.get(key, 0) < 3]
    assert few == [], "exercises with fewer than three typical wrong answers (tests/feedback/slips.yaml)"
    assert set(slips()) <= {key for key, _ in exercises()}, "slips.yaml names an exercise the course lacks"


def test_a_named_slip_stays_named() -> None:
    now = {(r.exercise, r.seed, r.answer): r.got for r in rows() if r.named}
    lost = [(exercise, seed, answer, code, now.get((exercise, seed, answer)))
            for exercise, seed, answer, code in json.loads(NAMED.read_text(encoding="utf-8"))
            if now.get((exercise, seed, answer)) != code]
    assert lost == [], "named before, not now (or named otherwise): (exercise, seed, answer, was, now)"

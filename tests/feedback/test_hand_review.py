"""Wrong answers typed by hand for exercises of every lesson (hand_review.yaml): each keeps its verdict
and the slip it is named with. A right answer in an unusual form stays right."""

from __future__ import annotations

import pytest

from .hand_cases import cases, verdict

CASES = cases()
AMBIGUOUS = "two-slips"  # two slips give this number here: neither is named, both are listed


def test_the_review_covers_every_lesson_with_sixty_exercises() -> None:
    lessons = {c.exercise.split("/")[0] for c in CASES}
    assert len(lessons) == 20
    assert len({c.exercise for c in CASES}) >= 60
    assert sum(c.want != ("correct",) for c in CASES) >= 200


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_hand_written_answer(case) -> None:
    v = verdict(case)
    if case.want == ("correct",):
        assert v.status == "correct", v.message
        return
    assert v.status == "incorrect", v.message
    got = v.diagnosis.code if v.diagnosis else None
    if got is None and AMBIGUOUS in case.want:
        assert "Different slips give this number here" in v.message
        return
    assert got in case.want, f"named {got}: {v.message}"

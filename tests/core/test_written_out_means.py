"""A loss written out as a mean is not called "the mean of" itself again (that would average twice)."""

from __future__ import annotations

import re

from tutor.core.lessons.loader import load_course

TWICE = re.compile(r"mean (?:over [^.]*? )?of \(1/\d+\)·")


def test_no_prompt_takes_the_mean_of_a_written_out_mean() -> None:
    found = []
    for lesson in load_course().lessons:
        for exercise in lesson.exercises:
            seeds = (0, 1) if exercise.model.params else (0,)
            for seed in seeds:
                prompt = exercise.instance(seed).prompt
                if TWICE.search(prompt):
                    found.append(f"{lesson.id}/{exercise.model.id}: {TWICE.search(prompt).group(0)}")
    assert found == []

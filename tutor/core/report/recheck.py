"""Re-marking: every stored answer checked again against the current lessons, the changes listed.

After an author fixes a wrong stated answer or a bad variant, each attempt's variant is rebuilt
from its lesson id, exercise id and seed with the lessons given, the response as stored is
checked again, and the new verdict compared with the stored one. Nothing stored is rewritten: the
changes are listed (and can be exported) and the report is made again from the new verdicts.
An exercise's variant is built once and a response checked once per variant (the same typed
answer to the same numbers gets the same verdict), so a class's 10 000 answers take seconds.
A choice is checked by its option's words when they still name an option.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field, replace

from .attempt import Attempt
from .course import CourseSource
from .equivalence import normal_text

NOW_RIGHT, NOW_WRONG, NOW_UNREADABLE, DIAGNOSIS = "now right", "now wrong", "now unreadable", "other diagnosis"


@dataclass(frozen=True)
class Change:
    """One stored answer whose verdict (or named mistake) is different today."""

    attempt: Attempt
    kind: str                     # now right, now wrong, now unreadable, other diagnosis
    diagnosis: str | None         # today's diagnosis
    message: str                  # today's feedback

    @property
    def verdict_changed(self) -> bool:
        return self.kind != DIAGNOSIS

    def to_json(self) -> dict:
        a = self.attempt
        return {"learner": a.learner, "exercise": a.key, "params": dict(a.params), "seed": a.seed,
                "try": a.try_number, "response": a.response, "timestamp": a.timestamp.isoformat() if a.timestamp else None,
                "was": "right" if a.success else "wrong", "was_diagnosis": a.diagnosis, "change": self.kind,
                "diagnosis": self.diagnosis, "message": self.message, "where": a.where}


@dataclass
class Recheck:
    """What re-marking found: the changes, what could not be re-marked and why, how long it took."""

    lessons: str                                   # the course the answers were checked against
    checked: int = 0
    changes: list[Change] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)   # reason -> answers not re-marked
    checks: int = 0                                # checker calls (the rest were the same response again)
    seconds: float = 0.0

    @property
    def verdicts(self) -> list[Change]:
        """Answers whose verdict changed (right ↔ wrong, or no longer readable)."""
        return [c for c in self.changes if c.verdict_changed]

    @property
    def diagnoses(self) -> list[Change]:
        """Same verdict, another named mistake."""
        return [c for c in self.changes if not c.verdict_changed]


def recheck(attempts: list[Attempt], source: CourseSource, lessons: str = "") -> tuple[Recheck, list[Attempt]]:
    """(what changed, the attempts with today's verdicts); the attempts given are not modified."""
    started = time.perf_counter()
    found = Recheck(lessons=lessons)
    verdicts: dict[tuple, object] = {}
    out = []
    for a in attempts:
        instance, why = _instance(source, a)
        if instance is None:
            found.skipped[why] += 1
            out.append(a)
            continue
        text = _typed(instance, a)
        variant = source.variant(a.lesson, a.exercise, a.seed)  # two seeds may draw the same numbers
        key = (a.key, variant[0] if variant else a.seed, normal_text(text))
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = instance.check(text)
            found.checks += 1
        found.checked += 1
        diagnosis = verdict.diagnosis.code if verdict.diagnosis else None
        change = _change(a, verdict.status, diagnosis)
        if change is None:
            out.append(a)
            continue
        found.changes.append(Change(a, change, diagnosis, verdict.message))
        out.append(replace(a, success=verdict.status == "correct", diagnosis=diagnosis, diagnosis_known=True,
                           message=verdict.message))
    found.seconds = time.perf_counter() - started
    return found, out


def _instance(source: CourseSource, a: Attempt):
    if source.model(a.lesson, a.exercise) is None:
        return None, "the exercise is not in these lessons"
    instance = source.instance(a.lesson, a.exercise, a.seed)
    if instance is None:
        return None, "its variant cannot be rebuilt (no seed, or the exercise does not build)"
    if instance.shape == "steps":
        return None, "a descent done by hand is checked one step at a time"
    return instance, ""


def _typed(instance, a: Attempt) -> str:
    """The response to check: a choice by its option's words when they still name one (a retried
    quiz shows the options in another order, so its letter may name another option)."""
    if instance.shape == "choice" and a.choice_text:
        from tutor.core.lessons.types.choice import pick

        if pick(instance.choices, a.choice_text) is not None:
            return a.choice_text
    return a.response


def _change(a: Attempt, status: str, diagnosis: str | None) -> str | None:
    if status == "invalid":
        return NOW_UNREADABLE
    right = status == "correct"
    if right != a.success:
        return NOW_RIGHT if right else NOW_WRONG
    if not right and a.diagnosis_known and diagnosis != a.diagnosis:
        return DIAGNOSIS
    return None

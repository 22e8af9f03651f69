"""The class's misconceptions: the checker's diagnosis codes by frequency, with where they come from."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .model import Misconception
from .attempt import Attempt


def misconceptions(attempts: list[Attempt]) -> list[Misconception]:
    """One entry per diagnosis code met in a wrong answer, most frequent first."""
    by_code: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        if not attempt.success and attempt.diagnosis:
            by_code[attempt.diagnosis].append(attempt)
    out = []
    for code, found in by_code.items():
        messages = Counter(a.message for a in found if a.message)
        out.append(Misconception(
            code=code, count=len(found), learners=tuple(sorted({a.learner for a in found})),
            exercises=tuple(Counter(a.key for a in found).most_common()),
            message=messages.most_common(1)[0][0] if messages else None,
        ))
    return sorted(out, key=lambda m: (-m.count, -len(m.learners), m.code))


@dataclass(frozen=True)
class ProfileEntry:
    """One diagnosis in a learner's profile, beside the class's."""

    code: str
    count: int              # the learner's wrong answers with this diagnosis
    share: float            # of the learner's wrong answers
    class_share: float      # of the whole class's wrong answers
    learners: int           # how many in the class made it at least once

    @property
    def ratio(self) -> float | None:
        """How much more often than the class (2.0: twice as often); None when the class never did."""
        return self.share / self.class_share if self.class_share else None


def profile(attempts: list[Attempt], learner: str) -> list[ProfileEntry]:
    """The learner's diagnoses by frequency, each with its share against the class's share."""
    wrong = [a for a in attempts if not a.success]
    mine = [a for a in wrong if a.learner == learner]
    if not mine:
        return []
    everyone = Counter(a.diagnosis for a in wrong if a.diagnosis)
    who: dict[str, set[str]] = defaultdict(set)
    for a in wrong:
        if a.diagnosis:
            who[a.diagnosis].add(a.learner)
    counted = Counter(a.diagnosis for a in mine if a.diagnosis)
    out = [ProfileEntry(code, n, n / len(mine), everyone[code] / len(wrong), len(who[code]))
           for code, n in counted.items()]
    return sorted(out, key=lambda e: (-e.count, -(e.ratio or 0.0), e.code))

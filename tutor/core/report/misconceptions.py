"""The class's misconceptions: the checker's diagnosis codes by frequency, with where they come from."""

from __future__ import annotations

from collections import Counter, defaultdict

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

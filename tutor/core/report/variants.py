"""An exercise's results per variant (to spot one that is harder or broken), and finding attempts by params.

Every attempt knows its variant's parameters: from the statement (`urn:tutor:ext:params`) or,
for older statements, rebuilt from the lesson, the exercise and the seed with the current course.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from fractions import Fraction
from statistics import median

from .attempt import Attempt
from .rows import solved_at

OUTLIER_GAP = 0.5   # a variant this far below the rest's success rate (with enough learners) is flagged
OUTLIER_LEARNERS = 2


class WhereError(ValueError):
    """A --where condition that cannot be read; the message says how to write one."""


@dataclass(frozen=True)
class VariantRow:
    exercise: str                 # lesson/exercise
    params: str                   # a = 3, b = 2 ("" for an exercise without parameters)
    learners: int                 # who answered this variant
    solved: int
    answers: int
    median_tries: float | None
    diagnosis: str | None         # the commonest named mistake on this variant
    note: str | None = None       # "harder than the others" / "nobody solved it: broken?"

    @property
    def success_rate(self) -> float | None:
        return self.solved / self.learners if self.learners else None


def by_variant(attempts: list[Attempt]) -> dict[str, list[VariantRow]]:
    """Each exercise's attempts per variant (the same params), most learners first, outliers noted."""
    cells: dict[str, dict[str, dict[str, list[Attempt]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for a in attempts:
        cells[a.key][a.params_text][a.learner].append(a)
    out = {}
    for key, variants in cells.items():
        rows = [_row(key, params, learners) for params, learners in variants.items()]
        out[key] = _noted(sorted(rows, key=lambda r: (-r.learners, r.params)))
    return out


def _row(key: str, params: str, learners: dict[str, list[Attempt]]) -> VariantRow:
    tries, solved = [], 0
    for attempts in learners.values():
        first = solved_at(attempts)
        solved += first is not None
        tries.append(first + 1 if first is not None else len(attempts))
    named = Counter(a.diagnosis for ans in learners.values() for a in ans if not a.success and a.diagnosis)
    return VariantRow(key, params, len(learners), solved, sum(len(x) for x in learners.values()),
                      float(median(tries)) if tries else None, named.most_common(1)[0][0] if named else None)


def _noted(rows: list[VariantRow]) -> list[VariantRow]:
    if len(rows) < 2:
        return rows
    out = []
    for row in rows:
        others = [r for r in rows if r is not row]
        rest = sum(r.solved for r in others) / max(1, sum(r.learners for r in others))
        note = None
        if row.learners >= OUTLIER_LEARNERS and row.success_rate is not None:
            if row.solved == 0 and rest >= OUTLIER_GAP:
                note = "nobody solved this variant: is it broken?"
            elif rest - row.success_rate >= OUTLIER_GAP:
                note = "harder than the other variants"
        out.append(replace(row, note=note))
    return out


# -- finding attempts by their variant's values -----------------------------------------------------------
def parse_where(text: str) -> tuple[tuple[str, str], ...]:
    """`a=3, b=-2` → (("a", "3"), ("b", "-2")); raises WhereError for anything else."""
    conditions = []
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise WhereError(f"--where {text!r}: write NAME=VALUE, several separated by commas (a=3, b=-2)")
        conditions.append((name.strip(), value.strip()))
    if not conditions:
        raise WhereError("--where needs at least one NAME=VALUE")
    return tuple(conditions)


def matches(attempt: Attempt, conditions: tuple[tuple[str, str], ...]) -> bool:
    """The attempt's variant has every named parameter at the given value (0.5 is 1/2, −2 is -2)."""
    params = dict(attempt.params)
    return all(name in params and same_value(params[name], value) for name, value in conditions)


def same_value(shown: str, wanted: str) -> bool:
    a, b = _number(shown), _number(wanted)
    if a is not None and b is not None:
        return a == b
    return _plain(shown) == _plain(wanted)


def _plain(text: str) -> str:
    return "".join(text.replace("−", "-").split())


def _number(text: str) -> Fraction | None:
    try:
        return Fraction(_plain(text))
    except (ValueError, ZeroDivisionError):
        return None

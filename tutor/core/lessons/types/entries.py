"""Work by hand in blanks filled one after another (backprop by hand, optimizer steps): each blank
checked as it is typed, a rounded blank carried forward, the slip behind a wrong one named.

A blank's right value is a function of the blanks before it, so it is computed twice: from the exact
values, and from the learner's own accepted values (a rounded 0.2 for σ′ = 0.1966 is carried into
the next product rather than punished there). Each blank's slips are computed the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from tutor.core.descent.trace import show
from tutor.core.maths.build import build
from tutor.core.maths.check import Tolerance
from tutor.core.maths.errors import MathsError, ParseError
from tutor.core.maths.names import Vocabulary
from tutor.core.maths.parser import parse
from tutor.core.maths.preview import preview
from tutor.core.maths.nodes import names_used
from tutor.core.maths.verdict import Diagnosis, Verdict, sentence

Values = tuple[float, ...]
Env = Mapping[str, Values]  # the blanks filled so far, by key
Slip = tuple[str, Values, str]  # (code, the value this slip gives, what to tell the learner)


@dataclass(frozen=True)
class Blank:
    """One blank: `key` names it ("∂L/∂a", "v₁"), `asks` says what it is, `names` its components."""

    key: str
    asks: str
    group: str                                   # the heading it is shown under: "node a", "step 1"
    names: tuple[str, ...]                       # components typed as `w = …, b = …`; one: a number
    compute: Callable[[Env], Values] = field(repr=False, compare=False)
    working: Callable[[Env], str] = field(repr=False, compare=False)  # "∂L/∂a = 2 · 3 = 6"
    slips: Callable[[Env], list[Slip]] = field(default=lambda env: [], repr=False, compare=False)
    known: tuple[tuple[str, float], ...] = ()    # names a learner may type by mistake, with their values


def fill(blanks: Sequence[Blank], given: Mapping[str, Values] | None = None) -> dict[str, Values]:
    """Every blank's value, computed in order from the exact values (or from `given` where given)."""
    env: dict[str, Values] = {}
    for blank in blanks:
        env[blank.key] = given[blank.key] if given and blank.key in given else blank.compute(env)
    return env


def shown(values: Values, names: Sequence[str] = ()) -> str:
    values = tuple(0.0 if math.isfinite(x) and abs(x) < 1e-12 else x for x in values)  # float noise: 0
    if len(values) == 1:
        return show(values[0])
    if names:
        return ", ".join(f"{n} = {show(v)}" for n, v in zip(names, values))
    return "(" + ", ".join(show(v) for v in values) + ")"


class EntriesJudge:
    """Checks blank k against the learner's earlier accepted blanks; names the slip of a wrong one."""

    def __init__(self, blanks: Sequence[Blank], tolerance: Tolerance) -> None:
        self.blanks = tuple(blanks)
        self.tolerance = tolerance
        self.exact = fill(self.blanks)

    def close(self, got: float, want: float) -> bool:
        if not math.isfinite(want):
            return False
        return self.tolerance.accepts(Fraction(repr(got)), Fraction(repr(want)))

    def all_close(self, got: Values, want: Values) -> bool:
        return len(got) == len(want) and all(self.close(a, b) for a, b in zip(got, want))

    def read(self, k: int, text: str) -> Values | None:
        """The numbers typed for blank k (labels put in order); None if they are not such numbers."""
        blank = self.blanks[k - 1]
        try:
            built = build(parse(text, self.vocabulary(blank)).tree)
        except MathsError:
            return None
        values, labels = list(built.values), built.labels
        if any(labels):
            if not all(labels) or sorted(labels) != sorted(blank.names):
                return None
            values = [values[labels.index(n)] for n in blank.names]
        if len(values) != max(1, len(blank.names)) or any(v.free_symbols for v in values):
            return None
        try:
            out = tuple(float(v) for v in values)
        except (TypeError, ValueError, OverflowError):
            return None
        return out if all(math.isfinite(x) for x in out) else None

    @staticmethod
    def vocabulary(blank: Blank) -> Vocabulary:
        return Vocabulary((*blank.names, *(n for n, _ in blank.known if n not in blank.names)))

    def _invalid(self, k: int, text: str) -> Verdict:
        blank = self.blanks[k - 1]
        try:
            tree = parse(text, self.vocabulary(blank)).tree
        except ParseError as error:
            return Verdict("invalid", "parse", sentence(error.message), column=error.column)
        except MathsError as error:
            return Verdict("invalid", "parse", sentence(str(error)))
        used = [n for n, _ in blank.known if n in names_used(tree) and n not in blank.names]
        if used:
            values = ", ".join(f"{n} = {show(v)}" for n, v in blank.known if n in used)
            return Verdict("invalid", "parse", f"Type a number: put the forward values in ({values}).",
                           interpreted=preview(tree))
        want = (f"{len(blank.names)} numbers ({', '.join(f'{n} = …' for n in blank.names)})"
                if len(blank.names) > 1 else "one number")
        return Verdict("invalid", "parse", f"Type {want} for {blank.key}.", interpreted=preview(tree))

    def check(self, k: int, text: str, accepted: Sequence[Values] = ()) -> Verdict:
        """Blank k (1-based); `accepted`: the learner's values of blanks 1 … k − 1 as they gave them."""
        blank = self.blanks[k - 1]
        got = self.read(k, text)
        if got is None:
            return self._invalid(k, text)
        mine = fill(self.blanks[:k], dict(zip((b.key for b in self.blanks), accepted)))
        exact, carried = self.exact[blank.key], mine[blank.key]
        interpreted = shown(got, blank.names)
        if self.all_close(got, exact) or self.all_close(got, carried):
            from_exact = self.all_close(got, exact)
            via = "" if from_exact else " (from your values above)"
            working = blank.working(self.exact if from_exact else mine)
            return Verdict("correct", "tolerance", f"Right{via}: {working}.", interpreted=interpreted,
                           components=tuple("correct" for _ in got))
        statuses = tuple("correct" if self.close(a, b) else "incorrect" for a, b in zip(got, carried))
        for env in (mine, self.exact):
            for code, value, message in blank.slips({k2: v for k2, v in env.items() if k2 != blank.key}):
                if self.all_close(got, value) and not self.all_close(value, env[blank.key]):
                    return Verdict("incorrect", "tolerance", message, interpreted=interpreted,
                                   diagnosis=Diagnosis(code, message), components=statuses)
        side = "large" if sum(got) > sum(carried) else "small"
        where = f" ({', '.join(n for n, s in zip(blank.names, statuses) if s == 'incorrect')})" if len(got) > 1 else ""
        return Verdict("incorrect", "tolerance", f"{blank.key}{where} is not right: yours is too {side} "
                       f"(tolerance {describe(self.tolerance)}). It is {blank.asks}.",
                       interpreted=interpreted, components=statuses)

    def check_all(self, text: str) -> Verdict:
        """Every blank at once, separated by ';' (for screens that ask once: quizzes, reviews)."""
        parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
        if len(parts) != len(self.blanks):
            keys = "; ".join(b.key for b in self.blanks)
            return Verdict("invalid", "parse", f"Give all {len(self.blanks)} values in order, separated by ';': {keys}.")
        accepted: list[Values] = []
        for k, part in enumerate(parts, start=1):
            verdict = self.check(k, part, accepted)
            if verdict.status != "correct":
                return replace(verdict, message=f"{self.blanks[k - 1].key}: {verdict.message}")
            accepted.append(self.read(k, part))
        return Verdict("correct", "tolerance", f"All {len(parts)} values are right.", interpreted=text)


def describe(tolerance: Tolerance) -> str:
    parts = []
    if tolerance.absolute is not None:
        parts.append(f"±{show(float(tolerance.absolute))}")
    if tolerance.relative is not None:
        parts.append(f"±{show(float(tolerance.relative) * 100)}%")
    return " or ".join(parts) or "exact"


@dataclass(frozen=True)
class HandWork:
    """What a blank-by-blank exercise gives the screen that asks it one blank at a time."""

    blanks: tuple[Blank, ...]
    header: str                          # drawn above the blanks: the graph, the update rules
    tolerance: str                       # "±0.005 or ±0.5%"
    judge: EntriesJudge = field(repr=False, compare=False)
    lab: object | None = field(default=None, compare=False)  # a LabConfig to watch the rest, if any

    @property
    def total(self) -> int:
        return len(self.blanks)

    def check(self, k: int, text: str, accepted: Sequence[Values] = ()) -> Verdict:
        return self.judge.check(k, text, accepted)

    def read(self, k: int, text: str) -> Values | None:
        return self.judge.read(k, text)

    def value(self, key: str) -> Values:
        """A blank's exact value (tests and solutions)."""
        return self.judge.exact[key]

    def worked(self, k: int, accepted: Sequence[Values]) -> str:
        """Blank k written out from the learner's values (shown once it is right)."""
        env = fill(self.blanks[:k], dict(zip((b.key for b in self.blanks), accepted)))
        return self.blanks[k - 1].working(env)

    def solution(self, intro: str | None) -> str:
        """Every blank worked out, group by group, as Markdown."""
        lines, group = [f"**Solution.** {intro or 'Each value in order:'}"], None
        for k, blank in enumerate(self.blanks, start=1):
            if blank.group != group:
                group = blank.group
                lines.append(f"\n**{group}**")
            lines.append(f"- {blank.working(self.judge.exact)}")
        return "\n".join(lines)

    def expected(self) -> str:
        return "; ".join(f"{b.key} = {shown(self.judge.exact[b.key])}" for b in self.blanks)

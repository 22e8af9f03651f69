"""The feedback table: every exercise of the bundled course, its typical wrong answers, the diagnosis each gets.

Wrong answers come from tests/feedback/slips.yaml (written in the exercise's variables and params,
so each variant types its own numbers) and, for descent by hand, from each step's own numbers.
Every answer goes through the exercise's checker exactly as typed text, like a learner's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import yaml

from tutor.core.lessons.filled import fill_params
from tutor.core.lessons.loader import load_course
from tutor.core.maths.names import Vocabulary
from tutor.core.maths.parser import parse
from tutor.core.maths.preview import preview

SLIPS = Path(__file__).with_name("slips.yaml")
NAMED = Path(__file__).with_name("named.json")  # the answers named today: a named slip must stay named
VARIANT_SEEDS = (0, 1, 2)


@dataclass(frozen=True)
class Row:
    exercise: str            # lesson-id/exercise-id
    kind: str
    seed: int
    answer: str              # as typed
    intended: tuple[str, ...]  # the code(s) the slip shows
    got: str | None          # the diagnosis code the checker gave (None: not named)
    status: str              # the verdict: incorrect (or correct/invalid: the slip is not wrong here)
    message: str
    generated: bool = False  # made from the checker's own slip families (an exercise slips.yaml lacks)

    @property
    def counted(self) -> bool:
        """A wrong answer in this variant (a slip that happens to be right here is the validator's matter)."""
        return self.status == "incorrect"

    @property
    def named(self) -> bool:
        return self.counted and self.got is not None

    @property
    def misleading(self) -> bool:
        return self.named and self.got not in self.intended


@lru_cache(maxsize=1)
def slips() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    data = yaml.safe_load(SLIPS.read_text(encoding="utf-8"))
    return {key: [(tuple(code.split("|")), str(answer)) for code, answer in items] for key, items in data.items()}


@lru_cache(maxsize=1)
def course():
    return load_course()


# Exercises whose wrong answers are not in the table: choice (each wrong option carries its own
# explanation) and work by hand in blanks (backprop, optimizer steps: their kinds match their own slips,
# entry by entry, in tests/core for those kinds).
OUTSIDE = ("choice", "backprop", "optimizer")


def exercises() -> Iterator[tuple[str, object]]:
    for lesson in course().lessons:
        for exercise in lesson.exercises:
            if exercise.kind not in OUTSIDE:
                yield f"{lesson.id}/{exercise.model.id}", exercise


def typed(formula: str, exercise, values: dict[str, Fraction]) -> str:
    """The slip as a learner would type it in this variant: the params' numbers put in."""
    names = (*getattr(exercise, "variables", ()), *exercise.params)
    tree = parse(formula, Vocabulary(tuple(dict.fromkeys(names)))).tree
    return preview(fill_params(tree, values)) if values else formula


def rows_for(key: str, exercise) -> list[Row]:
    seeds = VARIANT_SEEDS if exercise.model.params else (0,)
    out = []
    for seed in seeds:
        instance = exercise.instance(seed)
        generated = key not in slips()
        if exercise.kind == "descent":
            answers = [(codes, text, step) for codes, text, step in descent_slips(instance)]
        elif generated:
            answers = [(codes, text, None) for codes, text in generated_slips(instance)]
        else:
            values = exercise.values(seed)
            answers = [(codes, typed(formula, exercise, values), None) for codes, formula in slips().get(key, [])]
        for codes, text, step in answers:
            if step is None:
                verdict = instance.check(text)
            else:
                previous = instance.descent.steps[step - 2].after if step > 1 else None
                verdict = instance.descent.check_step(step, text, previous)
                text = f"step {step}: {text}"
            code = verdict.diagnosis.code if verdict.diagnosis else None
            out.append(Row(key, exercise.kind, seed, text, codes, code, verdict.status, verdict.message,
                           generated and exercise.kind != "descent"))
    return out


def descent_slips(instance) -> list[tuple[tuple[str, ...], str, int]]:
    """The usual slips of a descent step, made from the step's own numbers."""
    from tutor.core.descent import show

    hand = instance.descent
    names, first = hand.names, hand.steps[0]
    lr = hand.judge.v.lr

    def text(values) -> str:
        return ", ".join(f"{n} = {show(v)}" for n, v in zip(names, values))

    p, g = first.before, first.gradient
    out = [
        (("wrong-sign",), text([a + lr * b for a, b in zip(p, g)]), 1),
        (("forgot-lr",), text([a - b for a, b in zip(p, g)]), 1),
        (("no-step",), text(p), 1),
    ]
    if len(hand.steps) > 1:
        second = hand.steps[1]
        out.append((("stale-gradient",), text([a - lr * b for a, b in zip(second.before, g)]), 2))
    return out


def generated_slips(instance, most: int = 4) -> list[tuple[tuple[str, ...], str]]:
    """Wrong answers made from the checker's own slip families, for an exercise slips.yaml does not list:
    the typical mistakes in the first component (at the point, for numbers), a descent's slips, or, for
    a constant, the opposite sign, ten times it and 1 over it."""
    import sympy as sp

    from tutor.core.maths.candidates import candidates, source
    from tutor.core.maths.descent_slips import descent_candidates
    from tutor.core.maths.options import DescentOrigin
    from tutor.core.maths.render import render

    problem = getattr(instance.checker, "__self__", None)
    if not hasattr(problem, "options"):  # another kind's checker (a matrix): slips made from the text
        return text_slips(instance)
    expected = list(problem.expected)

    def text(values) -> str:
        shown = [render(v) for v in values]
        return shown[0] if len(shown) == 1 and not problem.is_vector else "(" + ", ".join(shown) + ")"

    out: list[tuple[tuple[str, ...], str]] = []
    codes: set[str] = set()
    origin = problem.options.origin
    if isinstance(origin, DescentOrigin):
        for code, _, ends in descent_candidates(origin):
            if code not in codes and len(out) < most:
                codes.add(code)
                out.append(((code,), text([sp.Rational(repr(x)) for x in ends])))
        return out
    src = source(problem, 0)
    found = candidates(problem, 0)
    seen: list = []
    if problem.numeric and (src is None or not src.at):
        found = []
    for c in found:
        if c.mistake.rare or c.mistake.code in codes or len(out) >= most:
            continue
        value = c.mistake.expr.xreplace(src.at) if problem.numeric else c.mistake.expr
        if problem.numeric and (value == expected[0] or value in seen):
            continue  # a slip that is right here, or gives another slip's number, shows nothing
        seen.append(value)
        codes.add(c.mistake.code)
        out.append(((c.mistake.code,), text([value, *expected[1:]])))
    if len(out) < 3 and all(v != 0 for v in expected):
        generic = (("sign", [-v for v in expected]), ("constant-factor", [10 * v for v in expected]),
                   ("reciprocal", [1 / v for v in expected]), ("sign", [-expected[0], *expected[1:]]))
        # two components or more: no 1/λ (which may be their swap) but one component's sign alone
        for code, values in generic[:2] + generic[3:] if len(expected) > 1 else generic[:3]:
            if len(out) < 3 and not instance.accepts(text(values)) and text(values) not in {t for _, t in out}:
                codes.add(code)
                out.append(((code,), text(values)))
    return out


def text_slips(instance) -> list[tuple[tuple[str, ...], str]]:
    """A matrix transposed, two rows swapped, one entry's sign flipped; a number's sign, ten times it, 1 over it."""
    shown = instance.expected.replace("−", "-")
    out: list[tuple[tuple[str, ...], str]] = []
    if instance.shape == "matrix":
        rows = [_split(r[1:-1]) for r in _split(shown[1:-1])]
        matrix = lambda m: "[" + ", ".join("[" + ", ".join(r) + "]" for r in m) + "]"  # noqa: E731
        columns = [list(c) for c in zip(*rows)]
        for codes, m in ((("transposed",), columns), (("swapped-rows",), rows[::-1]),
                         (("swapped-columns", "swapped-rows"), [r[::-1] for r in rows]),  # alike if symmetric
                         (("sign", "wrong-entry"), [[f"-({rows[0][0]})", *rows[0][1:]], *rows[1:]])):
            if m != rows and not instance.accepts(matrix(m)):
                out.append((codes, matrix(m)))
        return out
    parts = _split(shown[1:-1]) if instance.shape == "numbers" else [shown]
    makes = (("sign", "-({})"), ("constant-factor", "10({})"), ("reciprocal", "1/({})"), ("sign", "-({})"))
    for k, (code, make) in enumerate(makes[:2] + makes[3:] if len(parts) > 1 else makes[:3]):
        # (two components: no 1/λ, which may be their swap; the last is one component's sign alone)
        values = [make.format(p) if k < 2 or i == 0 else p for i, p in enumerate(parts)]
        text = "(" + ", ".join(values) + ")" if instance.shape == "numbers" else values[0]
        if not instance.accepts(text):
            out.append(((code,), text))
    return out


def _split(text: str) -> list[str]:
    """Top-level comma-separated parts (brackets may hold commas)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += 1 if ch in "([" else -1 if ch in ")]" else 0
        if ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def all_rows() -> list[Row]:
    return [row for key, exercise in exercises() for row in rows_for(key, exercise)]


def summary(rows: list[Row]) -> dict[str, int]:
    counted = [r for r in rows if r.counted]
    return {
        "exercises": len({r.exercise for r in rows}),
        "answers": len(counted),
        "named": sum(r.named for r in counted),
        "misleading": sum(r.misleading for r in counted),
        "not wrong here": len(rows) - len(counted),
    }


def named_rows(rows: list[Row]) -> list[list]:
    """[exercise, seed, answer, code] of every answer named rightly: what the table test holds."""
    return [[r.exercise, r.seed, r.answer, r.got] for r in rows if r.named and not r.misleading]


def markdown(rows: list[Row], every_variant: bool = False) -> str:
    """The table for the closing note: one line per exercise and answer (first variant, unless every_variant)."""
    lines = ["| exercise | type | typical wrong answer | made to show | diagnosis |", "|---|---|---|---|---|"]
    for r in rows:
        if not every_variant and r.seed != 0:
            continue
        got = r.got or "—" if r.counted else f"({r.status}: {r.message[:40]})"
        mark = "" if not r.counted else (" ✓" if r.named and not r.misleading else " ✗" if r.misleading else "")
        answer = r.answer.replace("|", "\\|")
        made = " (generated)" if r.generated else ""
        lines.append(f"| {r.exercise} | {r.kind} | `{answer}` | {' or '.join(r.intended)}{made} | {got}{mark} |")
    s = summary(rows)
    share = s["named"] / s["answers"] if s["answers"] else 0
    outside = Counter(e.kind for lesson in course().lessons for e in lesson.exercises if e.kind in OUTSIDE)
    lines.append("")
    lines.append(f"Not in the table: {outside['choice']} choice exercises (each wrong option carries its own "
                 f"explanation) and {outside['backprop'] + outside['optimizer']} exercises of work by hand in "
                 "blanks (backprop, optimizer steps), whose kinds match their own slips entry by entry.")
    lines.append(f"{s['exercises']} exercises, {s['answers']} wrong answers over their variants: "
                 f"{s['named']} named ({share:.0%}), {s['misleading']} misleading.")
    written = summary([r for r in rows if not r.generated])
    lines.append(f"Written in tests/feedback/slips.yaml: {written['answers']} wrong answers, {written['named']} named "
                 f"({written['named'] / max(1, written['answers']):.0%}), {written['misleading']} misleading; the "
                 "others are made from the checker's own slip families (exercises the file does not list yet).")
    return "\n".join(lines)

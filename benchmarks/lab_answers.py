"""Answers a class would type, for make_class_lab.py: right ones in each learner's style, typical wrong ones.

Wrong expressions come from the checker's own mistake generators (tutor/core/maths/mistakes.py),
so the diagnoses in the generated lab are the tutor's real ones; numbers come from the same
mistakes evaluated at the exercise's point, plus slips (a sign, a swapped pair, a factor of 2).
Each learner types in a habit of their own (2x + y, 2*x+y, y + 2x, 2·x + y), which is what the
report's grouping by equivalence has to see through.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy as sp

from tutor.core.maths.build import symbol
from tutor.core.maths.mistakes import derivative_mistakes
from tutor.core.maths.precise import exact_number
from tutor.core.maths.problem import Problem
from tutor.core.maths.render import render
from tutor.core.maths.verdict import format_number

MISTAKE_WEIGHT = 4        # how much likelier a learner's favourite mistake is than any other
MAX_CANDIDATES = 8


@dataclass(frozen=True)
class Typist:
    """A way of typing maths: 0 as shown, 1 without ·, 2 with * and ^, 3 terms reversed, 4 compact."""

    style: int

    def expression(self, expr: sp.Expr) -> str:
        if self.style == 3 and isinstance(expr, sp.Add):
            return " + ".join(render(t) for t in reversed(sp.Add.make_args(expr))).replace("+ −", "− ")
        text = render(expr)
        if self.style == 1:
            return text.replace("·", "")
        if self.style == 2:
            return str(expr).replace("**", "^")
        if self.style == 4:
            return text.replace("·", "").replace(" ", "")
        return text

    def number(self, value) -> str:
        text = format_number(value)
        return text.replace("−", "-") if self.style in (2, 4) else text

    def vector(self, parts: list[str]) -> str:
        return ("(" + ",".join(parts) + ")") if self.style == 4 else "(" + ", ".join(parts) + ")"


def problem_of(instance) -> Problem | None:
    problem = getattr(instance.checker, "__self__", None)
    return problem if isinstance(problem, Problem) else None


def right_answer(instance, typist: Typist, rng: random.Random) -> str:
    if instance.shape == "choice":
        return "abcdefgh"[next(i for i, c in enumerate(instance.choices) if c.correct)]
    problem = problem_of(instance)
    if problem is None:
        return instance.expected
    if problem.numeric:
        parts = [typist.number(exact_number(e)) for e in problem.expected]
    else:
        parts = [typist.expression(e) for e in problem.expected]
    return typist.vector(parts) if problem.is_vector else parts[0]


def wrong_answers(instance, typist: Typist, favourite: str, rng: random.Random) -> list[str]:
    """Typed wrong answers, the favourite mistake repeated so it is drawn more often."""
    if instance.shape == "choice":
        return ["abcdefgh"[i] for i, c in enumerate(instance.choices) if not c.correct]
    problem = problem_of(instance)
    if problem is None:
        return []
    candidates = _numbers(problem) if problem.numeric else _expressions(problem)
    out: list[str] = []
    for code, values in candidates[:MAX_CANDIDATES]:
        if problem.numeric:
            parts = [typist.number(v) for v in values]
        else:
            parts = [typist.expression(v) for v in values]
        text = typist.vector(parts) if problem.is_vector else parts[0]
        verdict = instance.check(text)
        if verdict.status != "incorrect":
            continue  # a slip that is right after all, or unreadable: not a wrong answer
        out.extend([text] * (MISTAKE_WEIGHT if code == favourite else 1))
    return out


def _component_mistakes(problem: Problem, index: int):
    if problem.function is None:
        return []
    wrt = problem.options.wrt if problem.options.mode == "derivative" else problem.variables[index]
    symbols = tuple(symbol(n) for n in problem.variables)
    return derivative_mistakes(problem.function, symbol(wrt or problem.variables[0]), symbols,
                               problem.options.function_name)


def _expressions(problem: Problem) -> list[tuple[str, tuple]]:
    expected = list(problem.expected)
    out = []
    for i in range(len(expected)):
        for m in _component_mistakes(problem, i):
            values = list(expected)
            values[i] = m.expr
            out.append((m.code, tuple(values)))
    if len(expected) == 2:
        out.insert(1, ("swapped-components", tuple(reversed(expected))))
    if not out:  # no function to make mistakes from: slips
        out = [("sign", tuple(-e for e in expected)), ("constant-factor", tuple(2 * e for e in expected))]
    return _distinct(out)


def _numbers(problem: Problem) -> list[tuple[str, tuple]]:
    expected = [exact_number(e) for e in problem.expected]
    out = []
    if problem.function is not None and problem.options.at:
        point = {symbol(k): sp.Rational(v.numerator, v.denominator) for k, v in problem.options.at}
        for i in range(len(expected)):
            for m in _component_mistakes(problem, i):
                value = exact_number(m.expr.xreplace(point))
                if value is not None and value != expected[i]:
                    values = list(expected)
                    values[i] = value
                    out.append((m.code, tuple(values)))
    if len(expected) == 2 and expected[0] != expected[1]:
        out.insert(0, ("swapped-components", tuple(reversed(expected))))
    out.append(("sign", tuple(-e for e in expected)))
    out.append(("slip", tuple(e / 2 for e in expected)))
    return _distinct(out)


def _distinct(candidates: list[tuple[str, tuple]]) -> list[tuple[str, tuple]]:
    seen, out = set(), []
    for code, values in candidates:
        key = tuple(str(v) for v in values)
        if key not in seen:
            seen.add(key)
            out.append((code, values))
    return out

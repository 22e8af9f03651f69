"""check(answer, reference, variables, options) -> Verdict: the heart of the tutor.

1. Read the answer with the safe parser (the exercise's names only) and build it in sympy.
2. Compare it with the reference numerically: floats at many points, settled at 60 digits.
3. Confirm an agreement symbolically: a cheap in-process chain, then (with a deadline) the worker.
4. For a wrong answer: the simplest counterexample and the typical mistake it matches.
A prepared problem is cached, so checking many answers to one exercise costs little each.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import lru_cache
from typing import Literal

import sympy as sp

from .build import Built, build, symbol
from .compare import Comparison, compare
from .errors import MathsError, ParseError
from .floateval import Unsupported
from .limits import DEFAULT_LIMITS, Limits
from .names import Vocabulary
from .nodes import walk, Var
from .parser import parse
from .precise import evaluate_precise
from .preview import preview
from .sampling import Domain, PointSet
from .symbolic import cheap_zero
from .verdict import Diagnosis, ShownPoint, Verdict, format_number, format_pair
from .worker import default_worker

Mode = Literal["expression", "derivative", "gradient", "number"]


@dataclass(frozen=True)
class Tolerance:
    """How far a number may be from the expected one: absolute, relative (to the expected), or both."""

    absolute: Fraction | None = None
    relative: Fraction | None = None

    def accepts(self, got, expected) -> bool:
        """Exact arithmetic when both are fractions (1.05 vs 1 at 0.05 is inside), else 60 digits."""
        if isinstance(got, Fraction) and isinstance(expected, Fraction):
            return self._accepts(got, expected, self.absolute, self.relative, exact=True)
        import mpmath

        with mpmath.workdps(60):
            def mp(v):
                return mpmath.mpf(v.numerator) / v.denominator if isinstance(v, Fraction) else v

            return self._accepts(mp(got), mp(expected), self.absolute and mp(self.absolute),
                                 self.relative and mp(self.relative), exact=False)

    @staticmethod
    def _accepts(got, expected, absolute, relative, exact: bool) -> bool:
        diff = abs(got - expected)
        if absolute is not None and diff <= absolute:
            return True
        if relative is not None and diff <= relative * abs(expected):
            return True
        if absolute is None and relative is None:
            return diff == 0 if exact else bool(diff <= 1e-30 * max(abs(got), abs(expected)) or diff <= 1e-40)
        return False

    def describe(self) -> str:
        parts = []
        if self.absolute is not None:
            parts.append(f"±{format_number(self.absolute)}")
        if self.relative is not None:
            parts.append(f"±{format_number(self.relative * 100)}%")
        return " or ".join(parts) or "exact"


@dataclass(frozen=True)
class CheckOptions:
    mode: Mode = "expression"
    wrt: str | None = None                       # derivative mode: differentiate by this variable
    at: tuple[tuple[str, Fraction], ...] = ()    # derivative/gradient: the value at this point
    tolerance: Tolerance | None = None           # number comparisons; None means exact
    domains: tuple[tuple[str, Domain], ...] = ()
    seed: int = 0
    function_name: str = "f"
    labels: tuple[str, ...] = ()  # names of a vector's components (w, b), if they have names
    names: tuple[str, ...] = ()   # how messages name the components (∂L/∂w), when not the labels
    # What a name outside `variables` is in an answer: an error (exercises), single-letter variables
    # ("split": xy is x·y), or one variable however long ("whole", as a CAS reads it).
    unknown_names: Literal["error", "split", "whole"] = "error"
    allow_diff: bool = False     # diff(...) may appear in the answer
    confirm_budget: float = 0.05  # seconds the worker gets when the numbers already decided
    decide_budget: float = 1.5    # seconds it gets when the numbers cannot decide
    limits: Limits = DEFAULT_LIMITS


class ReferenceError_(MathsError):
    """The reference (the teacher's side) is broken: a lesson or command-line error, not the learner's."""


@dataclass
class Problem:
    """A reference prepared once: parsed, differentiated, sampled; then `check` per answer."""

    options: CheckOptions
    variables: tuple[str, ...]
    expected: tuple[sp.Expr, ...]
    is_vector: bool
    component_names: tuple[str, ...]
    function: sp.Expr | None = None
    points: PointSet = field(default_factory=PointSet)

    @property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(self.variables, unknown=self.options.unknown_names, allow_diff=self.options.allow_diff)

    @property
    def labels(self) -> tuple[str, ...]:
        if self.options.labels:
            return self.options.labels
        return self.variables if self.options.mode == "gradient" else ()

    @property
    def numeric(self) -> bool:
        return self.options.mode == "number" or bool(self.options.at)

    def read(self, text: str) -> tuple[Built, str, tuple[str, ...]]:
        """Parse and build an answer: (built, how it was read, notes). Raises MathsError."""
        parsed = parse(text, self.vocabulary, self.options.limits)
        return build(parsed.tree, self.options.limits), preview(parsed.tree), parsed.notes

    # -- checking ---------------------------------------------------------------------------------
    def check(self, text: str) -> Verdict:
        started = time.perf_counter()
        verdict = self._check(text)
        return replace(verdict, ms=(time.perf_counter() - started) * 1000)

    def _check(self, text: str) -> Verdict:
        try:
            built, interpreted, notes = self.read(text)
        except ParseError as error:
            return Verdict("invalid", "parse", _sentence(error.message), column=error.column)
        except MathsError as error:
            return Verdict("invalid", "parse", _sentence(str(error)))
        base = Verdict("invalid", None, "", interpreted=interpreted, notes=notes)
        shape = self._shape_problem(built)
        if shape:
            return replace(base, method="parse", message=shape)
        values = self._ordered(built)
        if isinstance(values, str):
            return replace(base, method="parse", message=values)
        try:
            if self.numeric:
                return self._check_numbers(base, values)
            return self._check_expressions(base, values, built)
        except Unsupported as error:
            return replace(base, method="parse", message=_sentence(str(error)))

    def _shape_problem(self, built: Built) -> str | None:
        n = len(self.expected)
        if self.is_vector and not built.is_vector:
            names = ", ".join(self.component_names)
            return f"Expected a vector of {n} components ({names}), written like (a, b)."
        if not self.is_vector and built.is_vector:
            return (
                f"Expected a single expression, not a vector of {len(built.values)}. "
                "(For a decimal use a point: 0.5, not 0,5.)"
            )
        if len(built.values) != n:
            return f"Expected {n} components ({', '.join(self.component_names)}), got {len(built.values)}."
        return None

    def _ordered(self, built: Built) -> tuple[sp.Expr, ...] | str:
        """Components in the reference's order; `w = 1.6, b = 0.8` may come in any order."""
        labels = built.labels
        wanted = list(self.labels)
        if not self.is_vector or not any(labels) or len(wanted) != len(built.values):
            return built.values
        unknown = [lab for lab in labels if lab and lab not in wanted]
        if unknown:
            return f"Unknown name '{unknown[0]}' before '='; expected {', '.join(wanted)}."
        if not all(labels) or sorted(labels) != sorted(wanted):
            return built.values
        return tuple(built.values[labels.index(name)] for name in wanted)

    def _check_numbers(self, base: Verdict, values: tuple[sp.Expr, ...]) -> Verdict:
        tolerance = self.options.tolerance or Tolerance()
        statuses = []
        first_wrong: tuple[int, str] | None = None
        for i, (got_expr, expected_expr) in enumerate(zip(values, self.expected)):
            if got_expr.free_symbols:
                names = ", ".join(sorted(str(s) for s in got_expr.free_symbols))
                return replace(base, method="parse", message=f"Type a number: your answer still contains {names}.")
            got, expected = _common(_number(got_expr), _number(expected_expr))
            if expected is None:
                return replace(base, method="parse", message="The expected value is undefined; this exercise is broken.")
            if got is None:
                return replace(base, method="parse", message="Your answer is undefined (not a real number).")
            ok = tolerance.accepts(got, expected)
            statuses.append("correct" if ok else "incorrect")
            if not ok and first_wrong is None:
                first_wrong = (i, "too large" if got > expected else "too small")
        method = "tolerance" if self.options.tolerance else "numeric"
        if first_wrong is None:
            return replace(base, status="correct", method=method, message="Correct.", components=tuple(statuses))
        i, direction = first_wrong
        where = f"{self.component_names[i]}: your" if self.is_vector else "Your"
        diagnosis = self._diagnose_numbers(values, tolerance)
        within = "an exact value is expected" if tolerance.describe() == "exact" else f"tolerance {tolerance.describe()}"
        message = diagnosis.message if diagnosis else f"{where} value is {direction} ({within})."
        return replace(
            base, status="incorrect", method=method, message=message, diagnosis=diagnosis, components=tuple(statuses)
        )

    def _check_expressions(self, base: Verdict, values: tuple[sp.Expr, ...], built: Built) -> Verdict:
        results = [compare(a, e, self.points) for a, e in zip(values, self.expected)]
        statuses = tuple(
            "correct" if r.equal else "incorrect" if r.equal is False else "invalid" for r in results
        )
        if any(r.equal is False for r in results):
            return self._wrong(base, values, results, statuses, built)
        undecided = [i for i, r in enumerate(results) if r.equal is None]
        proved_all = True
        for i, (a, e) in enumerate(zip(values, self.expected)):
            decide = i in undecided
            proved = self._prove(a - e, decide)
            if decide and not proved:
                return replace(
                    base, method="numeric",
                    message="This answer could not be checked: the expected answer is undefined at almost every "
                    "sample point. Please report the exercise.",
                )
            proved_all = proved_all and proved
        return replace(
            base, status="correct", method="symbolic" if proved_all else "numeric", message="Correct.",
            components=tuple("correct" for _ in values),
        )

    def _prove(self, diff: sp.Expr, decide: bool) -> bool:
        if cheap_zero(diff):
            return True
        worker = default_worker()
        budget = self.options.decide_budget if decide else self.options.confirm_budget
        if budget <= 0:
            return False
        return worker.prove_zero(diff, budget, start_if_needed=decide) is True

    def _wrong(self, base, values, results: list[Comparison], statuses, built: Built) -> Verdict:
        diagnosis = self._diagnose(values, built)
        index = next(i for i, r in enumerate(results) if r.equal is False)
        ce = results[index].counterexample
        shown = None
        if ce is not None:
            got, want = format_pair(ce.answer, ce.expected)
            shown = ShownPoint(
                tuple((n, format_number(v)) for n, v in ce.point.items()), got, want,
                index + 1 if self.is_vector else None,
            )
        name = self.component_names[index]
        parts = []
        if diagnosis:
            parts.append(diagnosis.message)
        elif self.is_vector:
            parts.append(f"Component {index + 1} ({name}) is not right.")
        else:
            parts.append(f"Not equal to {name}.")
        if shown is not None and (diagnosis is None or diagnosis.code != "swapped-components"):
            parts.append(_counterexample_sentence(shown, name))
        return replace(
            base, status="incorrect", method="numeric", message=" ".join(parts), counterexample=shown,
            diagnosis=diagnosis, components=statuses,
        )

    # -- diagnosis --------------------------------------------------------------------------------
    def _diagnose(self, values: tuple[sp.Expr, ...], built: Built) -> Diagnosis | None:
        from . import diagnose

        return diagnose.diagnose(self, values, built)

    def _diagnose_numbers(self, values, tolerance: Tolerance) -> Diagnosis | None:
        from . import diagnose

        return diagnose.diagnose_numbers(self, values, tolerance)


def _number(expr: sp.Expr):
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    value = evaluate_precise(expr, {})
    return value


def _common(a, b):
    """Two numbers in one type: Fractions stay exact, otherwise both become 60-digit mpf."""
    if a is None or b is None or (isinstance(a, Fraction) and isinstance(b, Fraction)):
        return a, b
    import mpmath

    with mpmath.workdps(60):
        def mp(v):
            return mpmath.mpf(v.numerator) / v.denominator if isinstance(v, Fraction) else v

        return mp(a), mp(b)


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _counterexample_sentence(shown: ShownPoint, name: str) -> str:
    where = f"At {shown.where()}" if shown.point else "Here"
    got = "is undefined" if shown.answer == "undefined" else f"gives {shown.answer}"
    return f"{where} your answer {got}; {name} is {shown.expected}."


# -- preparing problems -----------------------------------------------------------------------------
def _order_of_appearance(text: str, tree) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    for node in walk(tree):
        if isinstance(node, Var) and node.name not in seen:
            seen[node.name] = node.start
    return tuple(sorted(seen, key=lambda n: seen[n]))


def _read_reference(reference, variables: tuple[str, ...] | None, options: CheckOptions):
    """The reference as sympy values plus the variable order."""
    if isinstance(reference, str):
        unknown = "error" if variables else ("whole" if options.unknown_names == "whole" else "split")
        vocab = Vocabulary(variables or (), unknown=unknown, allow_diff=True)
        try:
            parsed = parse(reference, vocab, options.limits)
            built = build(parsed.tree, options.limits)
        except MathsError as error:
            raise ReferenceError_(f"the expected expression could not be read: {error}") from error
        names = variables or _order_of_appearance(reference, parsed.tree)
        return built.values, built.is_vector, names
    values = tuple(reference) if isinstance(reference, (tuple, list)) else (reference,)
    names = variables or tuple(sorted({s.name for v in values for s in v.free_symbols}))
    return values, isinstance(reference, (tuple, list)), names


def prepare(reference, variables: Sequence[str] | None = None, options: CheckOptions | None = None) -> Problem:
    """A Problem for `reference` (text, a sympy expression, or a tuple of them). Cached by value."""
    options = options or CheckOptions()
    return _prepare(reference if not isinstance(reference, list) else tuple(reference),
                    tuple(variables) if variables else None, options)


@lru_cache(maxsize=256)
def _prepare(reference, variables: tuple[str, ...] | None, options: CheckOptions) -> Problem:
    values, is_vector, names = _read_reference(reference, variables, options)
    mode = options.mode
    fname = options.function_name
    function = None
    if mode in ("derivative", "gradient"):
        if is_vector:
            raise ReferenceError_("differentiate a single function, not a vector")
        function = values[0]
        if mode == "derivative":
            wrt = options.wrt or (names[0] if names else None)
            if wrt is None:
                raise ReferenceError_("say which variable to differentiate by")
            if wrt not in names:
                names = (*names, wrt)
            values = (sp.diff(function, symbol(wrt)),)
            component_names = (f"∂{fname}/∂{wrt}",)
        else:
            values = tuple(sp.diff(function, symbol(n)) for n in names)
            is_vector = True
            component_names = tuple(f"∂{fname}/∂{n}" for n in names)
    elif is_vector:
        labels = options.labels if len(options.labels) == len(values) else ()
        shown = options.names if len(options.names) == len(values) else ()
        component_names = shown or labels or tuple(f"component {i + 1}" for i in range(len(values)))
    else:
        component_names = ("the expected answer",)
    if options.at:
        point = {symbol(n): sp.Rational(v.numerator, v.denominator) for n, v in options.at}
        values = tuple(v.xreplace(point) for v in values)
        if mode == "gradient":
            component_names = tuple(f"∂{fname}/∂{n}" for n in names)
    for value in values:
        if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise ReferenceError_("the expected answer is undefined (it divides by zero)")
    points = PointSet(seed=options.seed, domains=dict(options.domains))
    points.ensure(names)
    return Problem(options, tuple(names), tuple(values), is_vector, component_names, function, points)


def check(answer: str, reference, variables: Sequence[str] | None = None, options: CheckOptions | None = None) -> Verdict:
    """Check `answer` (what the learner typed) against `reference`; never raises for bad input."""
    started = time.perf_counter()
    try:
        problem = prepare(reference, variables, options)
    except MathsError as error:
        verdict = Verdict("invalid", "parse", _sentence(str(error)))
        return replace(verdict, ms=(time.perf_counter() - started) * 1000)
    verdict = problem.check(answer)
    return replace(verdict, ms=(time.perf_counter() - started) * 1000)

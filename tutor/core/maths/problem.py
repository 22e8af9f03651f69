"""A prepared problem: the reference read, differentiated and sampled once, then checked per answer.

The steps of a check: read the answer safely, compare numerically (floats settled at 60 digits),
confirm an agreement symbolically (cheap chain here, dearer steps in the worker process with a
deadline), and for a wrong answer find the simplest counterexample and the mistake it matches.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from fractions import Fraction

import sympy as sp

from .build import Built, build
from .compare import Comparison, compare
from .errors import MathsError, ParseError
from .floateval import Unsupported
from .names import Vocabulary
from .options import CheckOptions, Tolerance
from .parser import parse
from .precise import exact_number
from .preview import preview
from .sampling import PointSet
from .symbolic import cheap_zero
from .verdict import (
    Diagnosis,
    ShownPoint,
    ShownSlope,
    Verdict,
    format_number,
    format_pair,
    sentence,
)
from .worker import default_worker


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
        built, interpreted, notes, _ = self._read(text)
        return built, interpreted, notes

    def _read(self, text: str):
        parsed = parse(text, self.vocabulary, self.options.limits)
        return build(parsed.tree, self.options.limits), preview(parsed.tree), parsed.notes, parsed.tree

    # -- checking ---------------------------------------------------------------------------------
    def check(self, text: str) -> Verdict:
        started = time.perf_counter()
        verdict = self._check(text)
        return replace(verdict, ms=(time.perf_counter() - started) * 1000)

    def accepts(self, text: str) -> bool:
        """Would `text` be judged right? The numeric test only: no proof, no diagnosis (cheap), for
        the validator's question "is this example the answer?"."""
        try:
            built, _, _, _ = self._read(text)
        except MathsError:
            return False
        if self._shape_problem(built):
            return False
        values = self._ordered(built)
        if isinstance(values, str):
            return False
        try:
            if self.numeric:
                tolerance = self.options.tolerance or Tolerance()
                pairs = [_common(exact_number(g), exact_number(e)) for g, e in zip(values, self.expected)]
                return all(g is not None and e is not None and tolerance.accepts(g, e) for g, e in pairs)
            return all(compare(a, e, self.points).equal for a, e in zip(values, self.expected))
        except Unsupported:
            return False

    def _check(self, text: str) -> Verdict:
        try:
            built, interpreted, notes, tree = self._read(text)
        except ParseError as error:
            return Verdict("invalid", "parse", sentence(error.message), column=error.column)
        except MathsError as error:
            return Verdict("invalid", "parse", sentence(str(error)))
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
            verdict = self._check_expressions(base, values, built)
            return self._check_form(verdict, tree, values) if verdict.correct else verdict
        except Unsupported as error:
            return replace(base, method="parse", message=sentence(str(error)))

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
        first_wrong: int | None = None
        for i, (got_expr, expected_expr) in enumerate(zip(values, self.expected)):
            if got_expr.free_symbols:
                names = ", ".join(sorted(str(s) for s in got_expr.free_symbols))
                return replace(base, method="parse", message=f"Type a number: your answer still contains {names}.")
            got, expected = _common(exact_number(got_expr), exact_number(expected_expr))
            if expected is None:
                return replace(base, method="parse", message="The expected value is undefined; this exercise is broken.")
            if got is None:
                return replace(base, method="parse", message="Your answer is undefined (not a real number).")
            ok = tolerance.accepts(got, expected)
            statuses.append("correct" if ok else "incorrect")
            if not ok and first_wrong is None:
                first_wrong = i
        method = "tolerance" if self.options.tolerance else "numeric"
        if first_wrong is None:
            return replace(base, status="correct", method=method, message="Correct.", components=tuple(statuses))
        diagnosis, message = self._number_feedback(values, tolerance)
        return replace(
            base, status="incorrect", method=method, message=message, diagnosis=diagnosis, components=tuple(statuses)
        )

    def _check_expressions(self, base: Verdict, values: tuple[sp.Expr, ...], built: Built) -> Verdict:
        within = self.function if self.options.mode in ("derivative", "gradient") else None
        results = [compare(a, e, self.points, within) for a, e in zip(values, self.expected)]
        differences = [a - e for a, e in zip(values, self.expected)]
        # sympy sometimes settles the difference exactly: (x + 10^4000 + 1) − (x + 10^4000) is 1,
        # a difference far below the precision of any evaluation, so the numbers would call it equal.
        results = [Comparison(False, r.valid) if r.equal is not False and d.is_Rational and d != 0 else r
                   for r, d in zip(results, differences)]
        statuses = tuple(
            "correct" if r.equal else "incorrect" if r.equal is False else "invalid" for r in results
        )
        if any(r.equal is False for r in results):
            return self._wrong(base, values, results, statuses, built)
        undecided = [i for i, r in enumerate(results) if r.equal is None]
        proved_all = True
        for i, difference in enumerate(differences):
            decide = i in undecided
            proved = self._prove(difference, decide)
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

    def _check_form(self, verdict: Verdict, tree, values: tuple[sp.Expr, ...]) -> Verdict:
        """A right answer in another form than the exercise asks for: equal, but not simplified."""
        options = self.options
        if (options.form == "any" and options.given is None) or self.is_vector:
            return verdict
        from .form import form_problem

        found = form_problem(tree, values[0], options.form, options.given, options.simplest, self.expected[0])
        if found is None:
            return verdict
        return replace(verdict, status="incorrect", method="form", message=found.message, diagnosis=found,
                       components=("incorrect",))

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
        slope = None
        if shown is not None and (diagnosis is None or diagnosis.code != "swapped-components"):
            parts.append(_counterexample_sentence(shown, name))
            slope = self._slope(index, ce, shown)
            if slope is not None:
                parts.append(slope.sentence(self.options.function_name))
        return replace(
            base, status="incorrect", method="numeric", message=" ".join(parts), counterexample=shown,
            diagnosis=diagnosis, components=statuses, slope=slope,
        )

    def _slope(self, index: int, ce, shown: ShownPoint) -> ShownSlope | None:
        """f's slope along the component's variable at the counterexample, by a central difference."""
        if self.function is None or self.options.mode not in ("derivative", "gradient") or ce.answer is None:
            return None
        wrt = (self.options.wrt or self.variables[0]) if self.options.mode == "derivative" else self.variables[index]
        from .slope import precise_slope

        value = precise_slope(self.function, dict(ce.point), wrt)
        if value is None:
            return None
        return ShownSlope(wrt, shown.point, value, shown.answer)

    # -- diagnosis --------------------------------------------------------------------------------
    def _diagnose(self, values: tuple[sp.Expr, ...], built: Built) -> Diagnosis | None:
        from . import diagnose

        return diagnose.diagnose(self, values, built)

    def _number_feedback(self, values, tolerance: Tolerance) -> tuple[Diagnosis | None, str]:
        from . import diagnose_numbers

        return diagnose_numbers.number_feedback(self, values, tolerance)


def _common(a, b):
    """Two numbers in one type: Fractions stay exact, otherwise both become 60-digit mpf."""
    if a is None or b is None or (isinstance(a, Fraction) and isinstance(b, Fraction)):
        return a, b
    import mpmath

    with mpmath.workdps(60):
        def mp(v):
            return mpmath.mpf(v.numerator) / v.denominator if isinstance(v, Fraction) else v

        return mp(a), mp(b)


def _counterexample_sentence(shown: ShownPoint, name: str) -> str:
    where = f"At {shown.where()}" if shown.point else "Here"
    got = "is undefined" if shown.answer == "undefined" else f"gives {shown.answer}"
    return f"{where} your answer {got}; {name} is {shown.expected}."


# -- preparing problems -----------------------------------------------------------------------------

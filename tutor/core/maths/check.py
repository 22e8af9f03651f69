"""check(answer, reference, variables, options) -> Verdict: the heart of the tutor.

A reference (text, a sympy expression, or a vector of them) is prepared once into a Problem
(problem.py) and cached, so checking many answers to one exercise costs little each.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from functools import lru_cache

import numpy as np
import sympy as sp

from .bounds import Guard, not_real
from .build import build, symbol
from .differentiate import diff
from .errors import MathsError
from .floateval import Unsupported, evaluate_float
from .names import Vocabulary
from .nodes import Var, walk
from .options import CheckOptions, Mode, ReferenceError_, Tolerance
from .parser import parse
from .pointvalue import value_at
from .problem import Problem
from .sampling import Domain, PointSet
from .verdict import Verdict, sentence

__all__ = ["CheckOptions", "Mode", "Problem", "ReferenceError_", "Tolerance", "check", "prepare"]


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
    if not isinstance(reference, str):  # text was checked as it was built; a sympy value is checked here
        _check_constants(values, options)
    mode = options.mode
    fname = options.function_name
    function = None
    try:
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
                values = (diff(function, symbol(wrt)),)
                # f of one variable has an ordinary derivative: df/dx, not ∂f/∂x
                d = "d" if len(names) == 1 else "∂"
                component_names = (f"{d}{fname}/{d}{wrt}",)
            else:
                values = tuple(diff(function, symbol(n)) for n in names)
                is_vector = True
                component_names = tuple(f"∂{fname}/∂{n}" for n in names)
        elif is_vector:
            labels = options.labels if len(options.labels) == len(values) else ()
            shown = options.names if len(options.names) == len(values) else ()
            component_names = shown or labels or tuple(f"component {i + 1}" for i in range(len(values)))
        else:
            component_names = ("the expected answer",)
        if options.at:
            point = dict(options.at)
            if function is not None:
                value_at(function, point, fname)
            values = tuple(value_at(v, point, name) for v, name in zip(values, component_names))
            if mode == "gradient":
                component_names = tuple(f"∂{fname}/∂{n}" for n in names)
    except ReferenceError_:
        raise
    except MathsError as error:  # a derivative too large, a value undefined or too large at the point
        raise ReferenceError_(f"the expected answer cannot be used: {error}") from error
    for value in values:
        if not_real(value):
            raise ReferenceError_("the expected answer is undefined (it divides by zero or is infinite)")
    if mode == "number" or options.at:
        variable = sorted({s.name for v in values for s in v.free_symbols})
        if variable:
            raise ReferenceError_(f"a number is expected, but the expected answer contains {', '.join(variable)}")
    points = PointSet(seed=options.seed, domains=dict(options.domains))
    points.ensure(names)
    if function is not None and not options.at:
        points = _inside(function, names, points, options)
    return Problem(options, tuple(names), tuple(values), is_vector, component_names, function, points)


GUESSED_DOMAINS = (Domain(Fraction(0), Fraction(1)), Domain(Fraction(0), None), Domain(None, Fraction(0)))


def _inside(function: sp.Expr, names, points: PointSet, options: CheckOptions) -> PointSet:
    """Sample points inside f's own domain: for ln(p) + ln(1 − p) with no domain given, p in (0, 1).

    A derivative is compared only where f exists; when few sample points are there, each variable
    without a domain of its own is tried in (0, 1), (0, ∞) and (−∞, 0), keeping what puts most inside.
    """
    try:
        inside = int(np.isfinite(evaluate_float(function, points.env(), points.count)).sum())
    except Unsupported:
        return points
    if inside * 2 >= points.count:
        return points
    domains = dict(options.domains)
    for name in names:
        if name in domains:
            continue
        best = (inside, None)
        for domain in GUESSED_DOMAINS:
            trial = PointSet(seed=options.seed, domains={**domains, name: domain}).ensure(names)
            count = int(np.isfinite(evaluate_float(function, trial.env(), trial.count)).sum())
            if count > best[0]:
                best = (count, domain)
        if best[1] is not None:
            domains[name] = best[1]
            inside = best[0]
    return PointSet(seed=options.seed, domains=domains).ensure(names)


def _check_constants(values, options: CheckOptions) -> None:
    """Every constant inside a reference given as sympy values: real, finite, of bounded size."""
    guard = Guard(options.limits)
    try:
        for value in values:
            guard.expression(value)
    except MathsError as error:
        raise ReferenceError_(f"the expected answer cannot be used: {error}") from error


def check(answer: str, reference, variables: Sequence[str] | None = None, options: CheckOptions | None = None) -> Verdict:
    """Check `answer` (what the learner typed) against `reference`; never raises for bad input."""
    started = time.perf_counter()
    try:
        problem = prepare(reference, variables, options)
    except MathsError as error:
        verdict = Verdict("invalid", "parse", sentence(str(error)))
        return replace(verdict, ms=(time.perf_counter() - started) * 1000)
    verdict = problem.check(answer)
    return replace(verdict, ms=(time.perf_counter() - started) * 1000)

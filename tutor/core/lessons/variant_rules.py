"""A validator rule for randomised exercises: no variant may let a typical mistake pass, or hide one behind
another.

With w = x, ∂f/∂w of w·x²·y is ∂f/∂x halved: the number 45 says "wrong variable" and "forgot the
power rule's 2" at once, so the checker cannot name the slip. With a label y = 1, dropping the
inner −1 of ln(1 − p) changes nothing. Such coincidences belong to the drawn numbers, not to the
exercise: the typical mistakes are compared for each variant and for params of no special value,
and what coincides only for the drawn numbers is reported, with the variant's numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from tutor.core.maths.build import symbol
from tutor.core.maths.codes import label
from tutor.core.maths.floateval import Unsupported, evaluate_float
from tutor.core.maths.mistakes import derivative_mistakes
from tutor.core.maths.sampling import PointSet
from tutor.core.maths.verdict import format_number

from .types.base import Problem_

RTOL = 1e-9
# The slips a variant must keep apart: the commonest, plus those the exercise trains (its `trains:`).
# Rarer ones (a product-rule slip, a term left as it was) may meet by chance at small whole numbers.
APART = frozenset({"wrong-variable", "sign", "dropped-chain-factor", "power-rule"})
# ... and the slips no variant may let pass as right (a kept term that is 0 at the point).
CAUGHT = APART | {"kept-constant-term", "not-held-constant"}
POINTS = 16  # sample points per variant for a derivative (a coincidence of functions shows at all of them)


@dataclass(frozen=True)
class SlipSource:
    """What an exercise asks for, with its params left as symbols: the function and its components."""

    function: sp.Expr
    components: tuple[str, ...]          # the variable of each component
    variables: tuple[str, ...]           # the variables a slip may differentiate by or let move
    names: tuple[str, ...]               # how each component is named (∂f/∂x)
    at: dict[str, sp.Expr] | None = None  # the point, in params; None: the answer is a function


def generic_values(exercise) -> dict[str, Fraction]:
    """Params of no special value: inside each param's range, but no whole number, no equal pair."""
    out = {}
    for i, (name, spec) in enumerate(exercise.model.params.items()):
        if spec.randint is not None or spec.uniform is not None:
            lo, hi = spec.randint or spec.uniform
        else:
            from .variants import parse_number_text

            values = [parse_number_text(v) for v in spec.choice]
            lo, hi = min(values), max(values)
        lo, hi = Fraction(lo), Fraction(hi)
        out[name] = lo + (hi - lo) * Fraction(3819 + 97 * i, 10000) if hi > lo else lo + Fraction(137, 1000)
    return out


def slip_problems(exercise, seeds: Sequence[int], drawn: Sequence[dict[str, Fraction]]) -> list[Problem_]:
    """The first variant where a typical mistake gives the right answer or two give the same one
    (`drawn`: each seed's params, as validation drew them)."""
    src = exercise.slip_source() if exercise.model.params else None
    if src is None:
        return []
    drawn = list(drawn)
    table = [*drawn, generic_values(exercise)]
    found: dict[int, list[str]] = {}
    refs = []
    for k, (wrt, name) in enumerate(zip(src.components, src.names)):
        v = symbol(wrt)
        trains = set(exercise.model.trains)
        items = [("right", sp.diff(src.function, v))]
        items += [(m.code, m.expr) for m in derivative_mistakes(src.function, v, tuple(map(symbol, src.variables)),
                                                                 only=frozenset(CAUGHT | trains))]
        apart = [code in APART | trains for code, _ in items]
        values = _values(exercise, src, [e for _, e in items], table)
        if values is None:
            continue
        refs.append(values[0])
        close = _close(values[:, None], values[None, :])  # (items, items, variants)
        generic = close[..., -1]
        for s in range(len(drawn)):
            notes = found.setdefault(s, [])
            for j in range(1, len(items)):
                if close[j, 0, s] and not generic[j, 0]:
                    notes.append(f"in {name}, {label(items[j][0])} gives the right answer")
                    continue
                for m in range(1, j):
                    if (apart[j] and apart[m] and items[m][0] != items[j][0] and close[j, m, s]
                            and not generic[j, m] and not close[m, 0, s]):
                        notes.append(f"in {name}, {label(items[m][0])} and {label(items[j][0])} give the same "
                                     f"{'number' if src.at else 'answer'}")
    if len(refs) > 1:
        both = _close(np.stack(refs)[:, None], np.stack(refs)[None, :])
        for s in range(len(drawn)):
            for a in range(len(refs)):
                for b in range(a):
                    if both[a, b, s] and not both[a, b, -1]:
                        found[s].append(f"{src.names[b]} and {src.names[a]} are equal, so swapping them is not seen")
    for s, notes in found.items():
        if notes:
            shown = ", ".join(f"{k} = {format_number(x)}" for k, x in drawn[s].items())
            listed = "; ".join(list(dict.fromkeys(notes))[:2])
            return [Problem_(("params",), f"variant {seeds[s]} ({shown}): {listed}, so the checker cannot name "
                                          "that slip; add a `where` condition that rules these numbers out")]
    return []


def _values(exercise, src: SlipSource, exprs: list[sp.Expr], table: list[dict[str, Fraction]]) -> np.ndarray | None:
    """Each expression's values for each variant: (expressions, variants) at a point, else (.., .., points)."""
    params = tuple(exercise.model.params)
    n = len(table)
    env = {p: np.array([float(t[p]) for t in table]) for p in params}
    if src.at is not None:
        point = {symbol(k): e for k, e in src.at.items()}
        exprs = [e.xreplace(point) for e in exprs]
        size = n
    else:
        points = PointSet(seed=0, count=POINTS, domains=dict(exercise.domains)).ensure(src.variables)
        env = {p: np.repeat(a, POINTS) for p, a in env.items()}
        env.update({x: np.tile(points.arrays[x], n) for x in src.variables})
        size = n * POINTS
    rows = []
    with np.errstate(all="ignore"):
        for e in exprs:
            try:
                rows.append(np.broadcast_to(evaluate_float(e, env, size), (size,)))
            except Unsupported:
                return None
    out = np.array(rows, dtype=float)
    return out if src.at is not None else out.reshape(len(exprs), n, POINTS)


def _close(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Equal (per variant): at a point, the two numbers; for functions, at every point where both exist."""
    with np.errstate(all="ignore"):
        near = np.abs(a - b) <= RTOL * np.maximum(np.abs(a), np.abs(b)) + 1e-12
    both = np.isfinite(a) & np.isfinite(b)
    if near.ndim == 4:  # functions: (items, items, variants, points)
        return (near | ~both).all(axis=-1) & (both.sum(axis=-1) >= 3)
    return near & both

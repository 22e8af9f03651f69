"""Where gradient descent ends when a learner slips the same way at every step: up the gradient, without
the learning rate, a step too few, or with a typical mistake in a partial derivative.

Each slip is run like the descent itself (w ← w − lr·mean of ∂L/∂w over the data), in float64.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import sympy as sp

from .build import symbol
from .floateval import Unsupported, evaluate_float
from .mistakes import derivative_mistakes
from .options import DescentOrigin

MAX_GRADIENT_SLIPS = 12  # typical wrong partials tried per parameter


def _run(origin: DescentOrigin, grads: tuple[sp.Expr, ...], lr: float, steps: int) -> tuple[float, ...] | None:
    columns = {name: np.asarray(values, dtype=float) for name, values in origin.data}
    rows = len(origin.data[0][1]) if origin.data else 1
    point = list(origin.start)
    with np.errstate(all="ignore"):
        for _ in range(steps):
            env = {n: np.full(rows, x) for n, x in zip(origin.names, point)}
            env.update(columns)
            step = [float(np.mean(evaluate_float(g, env, rows))) for g in grads]
            point = [x - lr * g for x, g in zip(point, step)]
            if not all(math.isfinite(x) for x in point):
                return None
    return tuple(point)


@lru_cache(maxsize=64)
def descent_candidates(origin: DescentOrigin) -> tuple[tuple[str, str, tuple[float, ...]], ...]:
    """(code, message, where the parameters end) for each slip, most telling first."""
    symbols = tuple(symbol(n) for n in origin.names)
    grads = tuple(sp.diff(origin.loss, s) for s in symbols)
    right1 = _run(origin, grads, origin.lr, 1)
    right = _run(origin, grads, origin.lr, origin.steps)
    first_only = origin.steps > 1 and right1 is not None and right is not None and all(
        math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12) for a, b in zip(right1, right))
    counts = (origin.steps, 1) if first_only else (origin.steps,)
    x = origin.names[0] if len(origin.names) == 1 else "each parameter"
    out: list[tuple[str, str, tuple[float, ...] | None]] = []
    for steps in counts:
        out += [
            ("wrong-sign", _run(origin, grads, -origin.lr, steps),
             f"You moved up the gradient ({x} + lr·slope): descent steps against it, {x} − lr·slope."),
            ("forgot-lr", _run(origin, grads, 1.0, steps),
             f"You left out the learning rate: each step moves {x} by lr·slope, with lr = {_show(origin.lr)}."),
            ("sign-and-lr", _run(origin, grads, -1.0, steps),
             "You added the whole slope: both the minus sign and the learning rate are missing from the step."),
        ]
    out.append(("no-step", origin.start, "That is where descent starts: take the step(s) from there."))
    for steps in sorted({origin.steps - 1, origin.steps + 1, 1} - {0, origin.steps}):
        out.append(("step-count", _run(origin, grads, origin.lr, steps),
                    f"That is where descent is after {steps} step{'s' * (steps != 1)}; the question asks for "
                    f"{origin.steps}."))
    for k, name in enumerate(origin.names):
        for m in derivative_mistakes(origin.loss, symbols[k], symbols, origin.function_name)[:MAX_GRADIENT_SLIPS]:
            if m.code in ("not-differentiated", "sign"):
                continue  # the loss itself is no slope; a flipped slope is the wrong-sign slip
            try:
                ends = _run(origin, (*grads[:k], m.expr, *grads[k + 1:]), origin.lr, origin.steps)
            except Unsupported:
                continue
            out.append(("wrong-gradient", ends, f"Your steps used a wrong ∂{origin.function_name}/∂{name}. {m.message}"))
    return tuple((code, message, ends) for code, ends, message in out if ends is not None)


def _show(x: float) -> str:
    return f"{x:g}"

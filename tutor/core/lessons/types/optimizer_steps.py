"""The blanks of one optimizer step by hand, with the slips of each rule: the gradient, and momentum's
velocity and step (Adam's are in adam_steps.py; optimizer.py puts them in order).

Each blank's value is computed from the blanks before it (env), so a rounded value is carried
forward; each slip is the rule with one typical mistake, applied to the same values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from tutor.core.descent import show
from tutor.core.descent.optimizers import Settings, momentum_velocity
from tutor.core.maths.build import symbol
from tutor.core.maths.floateval import Unsupported, evaluate_float
from tutor.core.maths.mistakes import derivative_mistakes

from .entries import Blank, Env, Slip

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(t: int) -> str:
    return str(t).translate(SUB)


def vector_text(values) -> str:
    """(2.88, −0.9); float noise next to the other numbers (−2.2e−16 beside 1.8) shows as 0."""
    scale = max((abs(x) for x in values if math.isfinite(x)), default=0.0)
    clean = [0.0 if math.isfinite(x) and abs(x) < 1e-12 * max(scale, 1.0) else x for x in values]
    return show(clean[0]) if len(clean) == 1 else "(" + ", ".join(show(x) for x in clean) + ")"


def gradient_blank(names, fname, loss, per_point, data, key, t, step, theta) -> Blank:
    """g_t = ∇L where step t starts; its slips: a sign, a sum for the mean, a partial derivative's mistakes."""

    def compute(env: Env):
        return tuple(loss.value_and_gradient(theta(env, t - 1))[1])

    def slips(env: Env) -> list[Slip]:
        here, g = theta(env, t - 1), compute(env)
        found: list[Slip] = [("sign", tuple(-x for x in g), f"The sign of ∇{fname} is wrong.")]
        rows = len(loss.rows)
        if rows > 1:
            found.append(("sum-not-mean", tuple(rows * x for x in g),
                          f"You added up the {rows} points' gradients; the loss is their mean: divide by {rows}."))
        symbols = tuple(symbol(n) for n in names)
        for i, name in enumerate(names):
            for m in derivative_mistakes(per_point, symbols[i], symbols, fname):
                if m.code in ("not-differentiated", "sign"):
                    continue
                try:
                    wrong = mean_at(m.expr, names, here, data)
                except Unsupported:
                    continue
                found.append((m.code, tuple(wrong if j == i else x for j, x in enumerate(g)), m.message))
        return found

    return Blank(key, f"the gradient ∇{fname} where step {t} starts", step, names, compute=compute, slips=slips,
                 working=lambda env: f"{key} = ∇{fname}({vector_text(theta(env, t - 1)).strip('()')}) = {vector_text(compute(env))}")


def momentum_blanks(names, t, step, lr, s: Settings, theta, zero) -> list[Blank]:
    """v_t = β·v_{t−1} + g_t and θ_t = θ_{t−1} − η·v_t, with their slips."""
    g, v, v0, th = f"g{subscript(t)}", f"v{subscript(t)}", f"v{subscript(t - 1)}", f"θ{subscript(t)}"

    def old(env):
        return zero if t == 1 else env[v0]

    def velocity(env):
        return momentum_velocity(old(env), env[g], s)

    def v_slips(env) -> list[Slip]:
        o, gr = old(env), env[g]
        return [
            ("no-momentum", gr, f"That is the gradient alone: the velocity keeps β = {show(s.beta)} of the "
                                f"old one, {v} = β·{v0} + {g}."),
            ("wrong-beta", tuple((1 - s.beta) * a + b for a, b in zip(o, gr)),
             f"You kept 1 − β of the old velocity; the rule keeps β = {show(s.beta)}: {v} = β·{v0} + {g}."),
            ("wrong-beta", tuple(s.beta * a + (1 - s.beta) * b for a, b in zip(o, gr)),
             f"That averages (β·{v0} + (1 − β)·{g}); the momentum here adds the whole gradient: "
             f"{v} = β·{v0} + {g}."),
            ("momentum-sign", tuple(s.beta * a - b for a, b in zip(o, gr)),
             f"The velocity adds the gradient, {v} = β·{v0} + {g}; the minus sign belongs to the step "
             f"θ − η·{v}."),
            ("forgot-lr", tuple(s.beta * a + lr * b for a, b in zip(o, gr)),
             f"The rate η does not go into the velocity here: {v} = β·{v0} + {g}, then θ − η·{v}."),
        ]

    def step_(env):
        return tuple(p - lr * x for p, x in zip(theta(env, t - 1), env[v]))

    def th_slips(env) -> list[Slip]:
        p, vel, gr = theta(env, t - 1), env[v], env[g]
        return [
            ("momentum-sign", tuple(a + lr * b for a, b in zip(p, vel)),
             f"You added the velocity: the step goes against it, θ − η·{v}."),
            ("forgot-lr", tuple(a - b for a, b in zip(p, vel)),
             f"You left out the learning rate: θ − η·{v} with η = {show(lr)}."),
            ("no-momentum", tuple(a - lr * b for a, b in zip(p, gr)),
             f"That is a plain descent step with {g}; momentum steps with the velocity: θ − η·{v}."),
        ]

    beta = show(s.beta)
    return [
        Blank(v, f"the velocity {v} = β·{v0} + {g}", step, names, compute=velocity, slips=v_slips,
              working=lambda env: f"{v} = {beta}·{vector_text(old(env))} + {vector_text(env[g])} = {vector_text(velocity(env))}"),
        Blank(th, f"the parameters after step {t}: θ − η·{v}", step, names, compute=step_, slips=th_slips,
              working=lambda env: f"{th} = {vector_text(theta(env, t - 1))} − {show(lr)}·{vector_text(env[v])} = {vector_text(step_(env))}"),
    ]


def mean_at(expr, names, point, data: Mapping[str, list[float]]) -> float:
    rows = len(next(iter(data.values()))) if data else 1
    env = {n: np.full(rows, x) for n, x in zip(names, point)}
    env.update({c: np.asarray(xs, dtype=float) for c, xs in data.items()})
    with np.errstate(all="ignore"):
        return float(np.mean(evaluate_float(expr, env, rows)))

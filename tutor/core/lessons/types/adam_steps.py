"""Adam's blanks for one step by hand: the two moments, their bias corrections and the step, with the
slips of each (β₁ and β₂ mixed up, the gradient not squared, no or a wrong bias correction, the
square root forgotten, the sign, the rate).
"""

from __future__ import annotations

import math

from tutor.core.descent import show
from tutor.core.descent.optimizers import Settings, adam_moments, adam_step, bias_corrected

from .entries import Blank, Slip
from .optimizer_steps import subscript, vector_text


def adam_blanks(names, t, step, lr, s: Settings, theta, zero) -> list[Blank]:
    """m_t, v_t, their bias corrections and θ_t, with their slips."""
    g, m, v, mh, vh, th = (f"{k}{subscript(t)}" for k in ("g", "m", "v", "m̂", "v̂", "θ"))
    m0, v0 = f"m{subscript(t - 1)}", f"v{subscript(t - 1)}"

    def old(env, key):
        return zero if t == 1 else env[key]

    def first(env):
        return adam_moments(old(env, m0), old(env, v0), env[g], s)[0]

    def second(env):
        return adam_moments(old(env, m0), old(env, v0), env[g], s)[1]

    def m_slips(env) -> list[Slip]:
        o, gr = old(env, m0), env[g]
        return [
            ("wrong-beta", tuple(s.beta2 * a + (1 - s.beta2) * b for a, b in zip(o, gr)),
             f"You used β₂ = {show(s.beta2)}; the first moment uses β₁ = {show(s.beta1)}."),
            ("wrong-beta", tuple((1 - s.beta1) * a + s.beta1 * b for a, b in zip(o, gr)),
             f"β₁ and 1 − β₁ are swapped: {m} = β₁·{m0} + (1 − β₁)·{g} keeps most of the old moment."),
            ("wrong-beta", tuple(s.beta1 * a + b for a, b in zip(o, gr)),
             f"The new gradient is weighted by 1 − β₁ = {show(1 - s.beta1)}: {m} = β₁·{m0} + (1 − β₁)·{g}."),
        ]

    def v_slips(env) -> list[Slip]:
        o, gr = old(env, v0), env[g]
        return [
            ("forgot-square", tuple(s.beta2 * a + (1 - s.beta2) * b for a, b in zip(o, gr)),
             f"The second moment averages the squared gradient: (1 − β₂)·{g}², not {g}."),
            ("wrong-beta", tuple(s.beta1 * a + (1 - s.beta1) * b * b for a, b in zip(o, gr)),
             f"You used β₁ = {show(s.beta1)}; the second moment uses β₂ = {show(s.beta2)}."),
            ("wrong-beta", tuple((1 - s.beta2) * a + s.beta2 * b * b for a, b in zip(o, gr)),
             f"β₂ and 1 − β₂ are swapped: {v} = β₂·{v0} + (1 − β₂)·{g}²."),
        ]

    def corrected(key, beta, name):
        def compute(env):
            return bias_corrected(env[key], beta, t)

        def slips(env) -> list[Slip]:
            x = env[key]
            other = s.beta2 if beta == s.beta1 else s.beta1
            found: list[Slip] = [
                ("bias-correction", x, f"That is {key} itself: divide by 1 − β^t = {show(1 - beta**t)} "
                                       f"(t = {t}) to correct the bias towards 0 of a moment that starts at 0."),
                ("bias-correction", tuple(a * (1 - beta**t) for a in x),
                 f"Divide by 1 − β^t = {show(1 - beta**t)}, do not multiply: the correction makes the moment larger."),
                ("wrong-beta", bias_corrected(x, other, t),
                 f"{name} is corrected with its own β ({show(beta)}), not {show(other)}."),
            ]
            if t > 1:
                found.append(("bias-correction", bias_corrected(x, beta, 1),
                              f"At step {t} the correction is 1 − β^{t} = {show(1 - beta**t)}: the power is the "
                              "step's number."))
            return found

        return compute, slips

    m_hat, mh_slips = corrected(m, s.beta1, mh)
    v_hat, vh_slips = corrected(v, s.beta2, vh)

    def step_(env):
        return adam_step(theta(env, t - 1), env[mh], env[vh], lr, s)

    def th_slips(env) -> list[Slip]:
        p, a, b = theta(env, t - 1), env[mh], env[vh]
        no_root = tuple(x - lr * ai / (bi + s.eps) for x, ai, bi in zip(p, a, b))
        raw = adam_step(p, env[m], tuple(max(0.0, x) for x in env[v]), lr, s)
        return [
            ("no-square-root", no_root, f"Divide by the square root of {vh}: θ − η·{mh}/(√{vh} + ε)."),
            ("bias-correction", raw, f"You stepped with {m} and {v}; Adam steps with the corrected {mh} and {vh}."),
            ("wrong-sign", tuple(x + lr * ai / (math.sqrt(max(bi, 0.0)) + s.eps) for x, ai, bi in zip(p, a, b)),
             f"You moved up the gradient: the step is θ − η·{mh}/(√{vh} + ε)."),
            ("forgot-lr", tuple(x - ai / (math.sqrt(max(bi, 0.0)) + s.eps) for x, ai, bi in zip(p, a, b)),
             f"You left out the learning rate η = {show(lr)}."),
        ]

    b1, b2 = show(s.beta1), show(s.beta2)
    return [
        Blank(m, f"the first moment {m} = β₁·{m0} + (1 − β₁)·{g}", step, names, compute=first, slips=m_slips,
              working=lambda env: f"{m} = {b1}·{vector_text(old(env, m0))} + {show(1 - s.beta1)}·{vector_text(env[g])} = "
                                  f"{vector_text(first(env))}"),
        Blank(v, f"the second moment {v} = β₂·{v0} + (1 − β₂)·{g}²", step, names, compute=second, slips=v_slips,
              working=lambda env: f"{v} = {b2}·{vector_text(old(env, v0))} + {show(1 - s.beta2)}·{vector_text(env[g])}² = "
                                  f"{vector_text(second(env))}"),
        Blank(mh, f"the bias-corrected first moment {mh} = {m}/(1 − β₁^{t})", step, names, compute=m_hat,
              slips=mh_slips,
              working=lambda env: f"{mh} = {vector_text(env[m])}/(1 − {b1}^{t}) = {vector_text(m_hat(env))}"),
        Blank(vh, f"the bias-corrected second moment {vh} = {v}/(1 − β₂^{t})", step, names, compute=v_hat,
              slips=vh_slips,
              working=lambda env: f"{vh} = {vector_text(env[v])}/(1 − {b2}^{t}) = {vector_text(v_hat(env))}"),
        Blank(th, f"the parameters after step {t}: θ − η·{mh}/(√{vh} + ε)", step, names, compute=step_,
              slips=th_slips,
              working=lambda env: f"{th} = {vector_text(theta(env, t - 1))} − {show(lr)}·{vector_text(env[mh])}/(√{vector_text(env[vh])} + ε)"
                                  f" = {vector_text(step_(env))}"),
    ]

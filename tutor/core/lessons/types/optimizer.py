"""The `optimizer` type: momentum or Adam by hand, a blank at a time (the gradient, the velocity or the
moments and their bias correction, the new parameters), then the lab runs them beside plain descent.

Each blank is checked against the rule applied to the learner's own earlier values, so a rounded
moment is carried forward. A wrong blank is compared with the slips of that rule: the momentum added
with the wrong sign, the old velocity or the learning rate left out, β₁ and β₂ (or β and 1 − β)
mixed up, the gradient not squared, no bias correction, the square root forgotten.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction

import numpy as np

from tutor.core.descent import DescentError, Loss, show
from tutor.core.descent.config import LabConfig
from tutor.core.descent.optimizers import Settings, adam_moments, adam_step, bias_corrected, momentum_velocity
from tutor.core.maths.build import symbol
from tutor.core.maths.check import Tolerance
from tutor.core.maths.floateval import Unsupported, evaluate_float
from tutor.core.maths.mistakes import derivative_mistakes

from ..exercises import OptimizerModel
from ..variants import VariantError, parse_number_text
from .base import ExerciseError, ExerciseType, Problem_
from .entries import Blank, EntriesJudge, Env, HandWork, Slip, describe

# Relative first: Adam's second moment is often 0.0016 or smaller, where ±0.005 would pass anything.
DEFAULT_TOLERANCE = Tolerance(absolute=Fraction(1, 10**6), relative=Fraction(1, 200))
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _t(t: int) -> str:
    return str(t).translate(SUB)


def _v(values) -> str:
    """(2.88, −0.9); float noise next to the other numbers (−2.2e−16 beside 1.8) shows as 0."""
    scale = max((abs(x) for x in values if math.isfinite(x)), default=0.0)
    clean = [0.0 if math.isfinite(x) and abs(x) < 1e-12 * max(scale, 1.0) else x for x in values]
    return show(clean[0]) if len(clean) == 1 else "(" + ", ".join(show(x) for x in clean) + ")"


class OptimizerExercise(ExerciseType):
    kind = "optimizer"
    model: OptimizerModel

    def __init__(self, model: OptimizerModel, lesson_id: str) -> None:
        super().__init__(model, lesson_id)
        self.parameters = tuple(model.variables or model.start)
        self.columns = tuple(model.data or ())
        self.expr = self.read(("loss",), model.loss, (*self.parameters, *self.columns))

    # -- one variant ---------------------------------------------------------------------------------------
    def _number(self, key: str, text, values) -> float:
        try:
            return float(parse_number_text(text, values))
        except VariantError as error:
            raise ExerciseError([Problem_((key,), str(error))]) from error

    def setup(self, values: Mapping[str, Fraction]):
        m = self.model
        start = tuple(self._number("start", m.start[k], values) for k in self.parameters)
        data = {k: [self._number("data", x, values) for x in xs] for k, xs in (m.data or {}).items()}
        rows = len(next(iter(data.values()))) if data else 1
        for name, value in values.items():  # params reach the loss as constant columns, never as text
            if any(s.name == name for s in self.expr.free_symbols):
                data[name] = [float(value)] * rows
        try:
            loss = Loss(m.loss, data or None, params=self.parameters)
        except DescentError as error:
            raise ExerciseError([Problem_(("loss",), str(error))]) from error
        settings = Settings(*(self._number(k, getattr(m, k), values) for k in ("beta", "beta1", "beta2", "eps")))
        lr = self._number("lr", m.lr, values)
        return loss, start, lr, settings, data

    def blanks(self, loss: Loss, start, lr: float, s: Settings, data) -> list[Blank]:
        per_point = self.substitute(self.expr, {}) if self.expr is not None else None
        out: list[Blank] = []
        zero = tuple(0.0 for _ in self.parameters)

        def theta(env: Env, t: int):
            return start if t == 0 else env[f"θ{_t(t)}"]

        for t in range(1, self.model.steps + 1):
            step = f"step {t}"
            g_key = f"g{_t(t)}"
            out.append(self._gradient_blank(loss, per_point, data, g_key, t, step, theta))
            if self.model.method == "momentum":
                out += self._momentum(t, step, lr, s, theta, zero)
            else:
                out += self._adam(t, step, lr, s, theta, zero)
        return out

    def _gradient_blank(self, loss, per_point, data, key, t, step, theta) -> Blank:
        names, fname = self.parameters, self.model.function_name

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
                        wrong = _mean(m.expr, names, here, data)
                    except Unsupported:
                        continue
                    found.append((m.code, tuple(wrong if j == i else x for j, x in enumerate(g)), m.message))
            return found

        return Blank(key, f"the gradient ∇{fname} where step {t} starts", step, names, compute=compute, slips=slips,
                     working=lambda env: f"{key} = ∇{fname}({_v(theta(env, t - 1)).strip('()')}) = {_v(compute(env))}")

    def _momentum(self, t, step, lr, s: Settings, theta, zero) -> list[Blank]:
        names = self.parameters
        g, v, v0, th = f"g{_t(t)}", f"v{_t(t)}", f"v{_t(t - 1)}", f"θ{_t(t)}"

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
                  working=lambda env: f"{v} = {beta}·{_v(old(env))} + {_v(env[g])} = {_v(velocity(env))}"),
            Blank(th, f"the parameters after step {t}: θ − η·{v}", step, names, compute=step_, slips=th_slips,
                  working=lambda env: f"{th} = {_v(theta(env, t - 1))} − {show(lr)}·{_v(env[v])} = {_v(step_(env))}"),
        ]

    def _adam(self, t, step, lr, s: Settings, theta, zero) -> list[Blank]:
        names = self.parameters
        g, m, v, mh, vh, th = (f"{k}{_t(t)}" for k in ("g", "m", "v", "m̂", "v̂", "θ"))
        m0, v0 = f"m{_t(t - 1)}", f"v{_t(t - 1)}"

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
                  working=lambda env: f"{m} = {b1}·{_v(old(env, m0))} + {show(1 - s.beta1)}·{_v(env[g])} = "
                                      f"{_v(first(env))}"),
            Blank(v, f"the second moment {v} = β₂·{v0} + (1 − β₂)·{g}²", step, names, compute=second, slips=v_slips,
                  working=lambda env: f"{v} = {b2}·{_v(old(env, v0))} + {show(1 - s.beta2)}·{_v(env[g])}² = "
                                      f"{_v(second(env))}"),
            Blank(mh, f"the bias-corrected first moment {mh} = {m}/(1 − β₁^{t})", step, names, compute=m_hat,
                  slips=mh_slips,
                  working=lambda env: f"{mh} = {_v(env[m])}/(1 − {b1}^{t}) = {_v(m_hat(env))}"),
            Blank(vh, f"the bias-corrected second moment {vh} = {v}/(1 − β₂^{t})", step, names, compute=v_hat,
                  slips=vh_slips,
                  working=lambda env: f"{vh} = {_v(env[v])}/(1 − {b2}^{t}) = {_v(v_hat(env))}"),
            Blank(th, f"the parameters after step {t}: θ − η·{mh}/(√{vh} + ε)", step, names, compute=step_,
                  slips=th_slips,
                  working=lambda env: f"{th} = {_v(theta(env, t - 1))} − {show(lr)}·{_v(env[mh])}/(√{_v(env[vh])} + ε)"
                                      f" = {_v(step_(env))}"),
        ]

    # -- the instance --------------------------------------------------------------------------------------
    def rules(self, lr: float, s: Settings) -> str:
        if self.model.method == "momentum":
            return (f"momentum, β = {show(s.beta)}, η = {show(lr)}:  v ← β·v + g,  θ ← θ − η·v  (v starts at 0)")
        return (f"Adam, β₁ = {show(s.beta1)}, β₂ = {show(s.beta2)}, ε = {show(s.eps)}, η = {show(lr)}:\n"
                "  m ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²  (both start at 0)\n"
                "  m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ),  θ ← θ − η·m̂/(√v̂ + ε)")

    def instance(self, seed: int):
        values = self.values(seed)
        loss, start, lr, s, data = self.setup(values)
        blanks = self.blanks(loss, start, lr, s, data)
        tolerance = self.tolerance(values) or DEFAULT_TOLERANCE
        judge = EntriesJudge(blanks, tolerance)
        fname = self.model.function_name
        formula = f"{fname}({', '.join(self.parameters)}) = {self.display(('loss',), values)}"
        columns = {k: xs for k, xs in data.items() if k in self.columns}
        if columns and len(next(iter(columns.values()))) == 1:
            formula += " with " + ", ".join(f"{k} = {show(xs[0])}" for k, xs in columns.items())
        elif columns:
            formula += ", averaged over " + ", ".join(f"{k} = ({', '.join(show(x) for x in xs)})"
                                                      for k, xs in columns.items())
        begin = ", ".join(f"{n} = {show(x)}" for n, x in zip(self.parameters, start))
        header = f"{formula}\nstart: θ₀ = ({', '.join(self.parameters)}) = ({', '.join(show(x) for x in start)})\n" \
                 f"{self.rules(lr, s)}"
        lab = LabConfig("exercise", formula, self.model.loss, dict(columns) or None,
                        dict(zip(self.parameters, start)), lr, self.model.lab_steps, self.parameters,
                        optimizers=(s.beta, s.beta1, s.beta2, s.eps))
        hand = HandWork(tuple(blanks), header, describe(tolerance), judge, lab)
        return self.base_instance(
            seed, values, title=f"{'Momentum' if self.model.method == 'momentum' else 'Adam'} by hand",
            shows=header, expected=hand.expected(), shape="entries", variables=(), checker=judge.check_all,
            hand=hand, component_names=self.parameters,
            placeholders={"loss": formula, "function": formula, "lr": show(lr), "start": begin,
                          "steps": str(self.model.steps), "beta": show(s.beta), "beta1": show(s.beta1),
                          "beta2": show(s.beta2), "answer": hand.expected(), "tolerance": describe(tolerance)},
        )

    def validate_variant(self, seed: int) -> list[Problem_]:
        values = self.values(seed)
        loss, start, lr, s, data = self.setup(values)
        if not lr > 0:
            return [Problem_(("lr",), "the learning rate must be positive")]
        if not (0 <= s.beta < 1 and 0 <= s.beta1 < 1 and 0 <= s.beta2 < 1 and s.eps > 0):
            return [Problem_(("beta",), "each β must be at least 0 and below 1, and ε positive")]
        judge = EntriesJudge(self.blanks(loss, start, lr, s, data), DEFAULT_TOLERANCE)
        for key, value in judge.exact.items():
            if not all(math.isfinite(x) for x in value):
                return [Problem_(("lr",), f"{key} is not a finite number: use a smaller rate or another start")]
        return []


def _mean(expr, names, point, data: Mapping[str, list[float]]) -> float:
    rows = len(next(iter(data.values()))) if data else 1
    env = {n: np.full(rows, x) for n, x in zip(names, point)}
    env.update({c: np.asarray(xs, dtype=float) for c, xs in data.items()})
    with np.errstate(all="ignore"):
        return float(np.mean(evaluate_float(expr, env, rows)))

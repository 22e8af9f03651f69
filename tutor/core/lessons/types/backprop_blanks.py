"""The blanks of backpropagation by hand through one graph: each local derivative (with the partial-
derivative mistakes of its node's formula) and each backward value (with backprop's own slips: the
upstream gradient forgotten, added instead of multiplied, a path missed), output first.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from tutor.core.descent.trace import show
from tutor.core.maths.build import symbol
from tutor.core.maths.floateval import Unsupported
from tutor.core.maths.mistakes import derivative_mistakes
from tutor.core.maths.render import render

from .backprop_graph import Graph, value_at
from .entries import Blank, Env, Slip


def _n(x: float) -> str:
    """A factor in a product, bracketed when negative: 2 · (−3)."""
    text = show(x)
    return f"({text})" if x < 0 else text


@lru_cache(maxsize=1024)
def shown_formula(local: sp.Expr) -> str:
    """How a local derivative is written out: 2·(z2 − y) reads better than −2·y + 2·z2, so a polynomial
    is factored (once per formula: every variant of an exercise shares it)."""
    return render(sp.factor(local) if local.is_polynomial() and local.free_symbols else local)


def graph_blanks(g: Graph, wanted: tuple[str, ...]) -> list[Blank]:
    """Node by node from the output back: each local derivative, then the backward value."""
    out_name = g.output
    blanks: list[Blank] = []
    for n in g.backward_order(wanted):
        consumers = g.consumers[n]
        if consumers == [out_name]:  # fed straight into the output: local and backward are one value
            blanks.append(local_blank(g, out_name, n, f"∂{out_name}/∂{n}"))
            continue
        for c in consumers:
            blanks.append(local_blank(g, c, n, local_key(c, n, out_name)))
        blanks.append(backward_blank(g, n, consumers, out_name))
    return blanks

def local_key(c: str, n: str, out: str) -> str:
    return f"∂{c}/∂{n}" if c != out else f"local ∂{c}/∂{n}"

def local_blank(g: Graph, c: str, n: str, key: str) -> Blank:
    """∂c/∂n at the forward values; its slips: c's value, another input's derivative, a partial's mistakes."""
    value = g.local(c, n)
    formula = shown_formula(g.derivative(c, n))
    node = g.nodes[c]
    at = g.at(c)

    def slips(env: Env) -> list[Slip]:
        found: list[Slip] = [("not-differentiated", (g.value[c],),
                              f"That is the value of {c} itself ({show(g.value[c])}); the local derivative "
                              f"is how fast {c} changes with {n}: ∂{c}/∂{n} = {formula}, at the forward values.")]
        for other in node.parents:
            if other != n:
                found.append(("wrong-variable", (g.local(c, other),),
                              f"That is ∂{c}/∂{other}: you differentiated {c} = {node.shown} by {other}, "
                              f"not by {n}."))
        symbols = tuple(symbol(p) for p in node.parents)
        constants = {symbol(k): v for k, v in g.constants.items()}
        for m in derivative_mistakes(node.expr.xreplace(constants), symbol(n), symbols, c):
            if m.code in ("not-differentiated", "wrong-variable"):
                continue
            try:
                found.append((m.code, (value_at(m.expr, at),), m.message))
            except Unsupported:
                continue
        found.append(("sign", (-value,), f"The size is right but the sign is not: ∂{c}/∂{n} = {formula} = "
                                         f"{show(value)}."))
        return found

    return Blank(key, f"the local derivative of {c} = {node.shown} by {n}", f"node {n}", (),
                 compute=lambda env: (value,),
                 working=lambda env: f"{key} = {formula}" + ("" if formula == show(value) else f" = {show(value)}"),
                 slips=slips,
                 known=tuple((p, g.value[p]) for p in node.parents))

def backward_blank(g: Graph, n: str, consumers: list[str], out: str) -> Blank:
    """∂out/∂n: the sum over the nodes n feeds of upstream × local; its slips are backprop's own."""
    key = f"∂{out}/∂{n}"

    def upstream(env: Env, c: str) -> float:
        return 1.0 if c == out else env[f"∂{out}/∂{c}"][0]

    def terms(env: Env) -> list[tuple[str, float, float]]:
        return [(c, upstream(env, c), env[local_key(c, n, out)][0]) for c in consumers]

    def compute(env: Env) -> tuple[float]:
        return (sum(u * d for _, u, d in terms(env)),)

    def working(env: Env) -> str:
        parts = terms(env)
        rule = " + ".join(f"∂{out}/∂{c}·∂{c}/∂{n}" if c != out else f"∂{c}/∂{n}" for c, _, _ in parts)
        numbers = " + ".join(f"{_n(u)}·{_n(d)}" for _, u, d in parts)
        return f"{key} = {rule} = {numbers} = {show(compute(env)[0])}"

    def slips(env: Env) -> list[Slip]:
        parts = terms(env)
        ups = ", ".join(f"∂{out}/∂{c} = {show(u)}" for c, u, _ in parts if c != out)
        found: list[Slip] = []
        if any(c != out for c, _, _ in parts):
            found.append(("no-upstream", (sum(d for _, _, d in parts),),
                          f"That is the local derivative alone: multiply it by the gradient coming "
                          f"down from above ({ups}). Backward value = upstream × local."))
            found.append(("added-on-path", (sum(u + d for _, u, d in parts),),
                          f"You added the upstream gradient and the local derivative; along a path the "
                          f"chain rule multiplies them: {ups} times ∂·/∂{n}."))
        if len(parts) > 1:
            for c, u, d in parts:
                found.append(("missed-path", (u * d,),
                              f"That is only the path through {c}. {n} also feeds "
                              f"{' and '.join(o for o, _, _ in parts if o != c)}: the chain rule adds one "
                              f"product per path, ∂{out}/∂{n} = " + " + ".join(f"∂{out}/∂{o}·∂{o}/∂{n}"
                                                                           for o, _, _ in parts) + "."))
        found.append(("sign", (-compute(env)[0],), "The size is right but the sign is not: check the sign "
                                                   "of each factor."))
        return found

    asks = (f"the backward value ∂{out}/∂{n}: " + ("the sum over the nodes it feeds of (their backward value × "
                                                   "the local derivative)" if len(consumers) > 1 else
                                                   "the backward value above times the local derivative"))
    return Blank(key, asks, f"node {n}", (), compute=compute, working=working, slips=slips)

"""Typical slips inside a composition g(u): the chain rule's inner factor, its sign, the outer derivative,
and a derivative that stops halfway (∂L/∂p given where ∂L/∂z was asked).

Each slip changes how one node of f is differentiated; the rest of ∂f/∂v is kept. For a node n,
∂f/∂v = (∂f/∂n)·n′ + the rest, so a slip that writes n′ wrongly as m gives ∂f/∂v + (∂f/∂n)·(m − n′).
"""

from __future__ import annotations

from collections.abc import Iterator

import sympy as sp

from .render import render

MAX_NODES = 8  # compositions looked at per function (course functions have at most 4)


def factor_text(expr: sp.Expr) -> str:
    """A factor as it reads beside ·: a sum or a negative in brackets."""
    text = render(expr)
    return f"({text})" if expr.is_Add or text.startswith(("−", "-")) else text


def prime_text(expr: sp.Expr) -> str:
    """A part with a prime for its derivative: u′ for a name, (x + y)′ and (e^(−x·y))′ otherwise."""
    return f"{render(expr)}′" if expr.is_Symbol else f"({render(expr)})′"


def chain_nodes(f: sp.Expr, v: sp.Symbol) -> Iterator[tuple[sp.Expr, sp.Expr]]:
    """(node, inner) for each composition g(inner) where the inner part depends on v and is not v itself."""
    seen = set()
    for node in sp.preorder_traversal(f):
        if node in seen:
            continue
        inner = None
        if node.is_Pow:
            if node.base.has(v) and node.base != v and not node.exp.has(v):
                inner = node.base
            elif node.exp.has(v) and node.exp != v and not node.base.has(v):
                inner = node.exp
        elif isinstance(node, sp.Function) and len(node.args) == 1 and node.args[0].has(v) and node.args[0] != v:
            inner = node.args[0]
        if inner is not None:
            seen.add(node)
            yield node, inner
            if len(seen) >= MAX_NODES:
                return


def outer_derivative(f: sp.Expr, node: sp.Expr) -> sp.Expr:
    """∂f/∂node: f's derivative with the node treated as one variable (every place it occurs)."""
    s = sp.Dummy("s")
    return sp.diff(f.xreplace({node: s}), s).xreplace({s: node})


def chain_slips(f: sp.Expr, v: sp.Symbol, ref: sp.Expr, every: bool = True) -> list[tuple]:
    """(code, wrong ∂f/∂v, message, yields[, rare]) for the slips inside compositions, most specific first
    (`every` False: the dropped factors and lost signs only).

    `yields`: "negation" when the slip is named only if it is not simply −∂f/∂v (that is a sign, and a
    sign lost in the only chain is one of several ways to get it: the plain sign names it);
    "function" when it is named only if it is not f itself (that is "not differentiated").
    """
    dropped, signs, outers, parts = [], [], [], []
    for node, inner in chain_nodes(f, v):
        outer = outer_derivative(f, node)
        dn, du = sp.diff(node, v), sp.diff(inner, v)
        if du == 0:
            continue
        parts.append((node, outer * (dn / du - dn)))
        dropped.append(("dropped-chain-factor", ref + outer * (dn / du - dn),
                        f"You dropped a chain-rule factor: the inside, {render(inner)}, also depends on {v}, so "
                        f"multiply by its derivative, {render(du)}.", "negation" if du == -1 else None))
        if not du.is_Number and du.could_extract_minus_sign():
            signs.append(("sign", ref - 2 * outer * dn,
                          f"A sign is lost in the chain rule: the inside of {render(node)}, {render(inner)}, "
                          f"has the derivative {render(du)}, with its minus sign.", "negation"))
        if every and isinstance(node, sp.Function) and node.func is not sp.exp:  # exp′ is exp: no slip
            g = node.func
            outers.append(("outer-derivative", ref + outer * (node * du - dn),
                           f"You kept {g.__name__ if g is not sp.log else 'ln'} itself where its derivative goes: "
                           f"the chain rule gives the derivative of the outside at {render(inner)}, times "
                           f"{factor_text(du)}.", "function"))
            outers.append(("outer-derivative", ref + outer * (du - dn),
                           f"Only the inside, {render(inner)}, was differentiated: the chain rule multiplies its "
                           f"derivative by the outside's derivative, taken at {render(inner)}.", "function"))
    top = [(node, change) for node, change in parts if not any(o is not node and o.has(node) for o, _ in parts)]
    if len(top) > 1:  # the same factor dropped in every composition (each point's x in an MSE)
        dropped = [(*d[:4], True) for d in dropped]  # one point's factor alone: a rarer slip
        dropped.append(("dropped-chain-factor", ref + sum((c for _, c in top), sp.Integer(0)),
                        f"You dropped the chain-rule factors: each inside depends on {v}, so multiply each "
                        f"outer derivative by its inside's derivative.", None))
    return dropped + signs + (_stopped_early(f, v, ref) if every else []) + outers


def _stopped_early(f: sp.Expr, v: sp.Symbol, ref: sp.Expr) -> list[tuple[str, sp.Expr, str, str | None]]:
    """∂f/∂n for a node n through which all of f's dependence on v passes: the chain stopped at n."""
    out = []
    s = sp.Dummy("s")
    for node in sp.preorder_traversal(f):
        if node is f or node == v or not node.has(v) or node.is_Symbol or len(out) >= 3:
            continue
        if not (isinstance(node, sp.Function) or (node.is_Pow and node.base != v)):
            continue  # a composition, not a power of v itself: x² has no halfway
        replaced = f.xreplace({node: s})
        if replaced.has(v):
            continue
        halfway = sp.diff(replaced, s).xreplace({s: node})
        out.append(("stopped-early", halfway,
                    f"That is the derivative with respect to {render(node)}: the chain rule stops halfway. "
                    f"Multiply by the derivative of {render(node)} with respect to {v}, "
                    f"{render(sp.diff(node, v))}.", None))
    return out

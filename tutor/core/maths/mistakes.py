"""The typical wrong answers to a partial derivative, generated from the function itself.

Each candidate is a sympy expression with a code and a sentence. A wrong answer that agrees with a
candidate at every sample point gets that candidate's explanation. Order matters: when two
mistakes give the same expression, the earlier, more specific one names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sympy as sp

from .differentiate import derivative_size
from .render import render

MAX_CHAIN_NODES = 8
# Past this estimated size of ∂f/∂v (course functions stay under 120), the candidates that need a
# derivative each (dropped chain factors, product rule: up to 20 derivatives) are not generated:
# a long function would make the first wrong answer wait seconds for them.
MAX_DIAGNOSED_SIZE = 400


@dataclass(frozen=True)
class Mistake:
    code: str
    expr: sp.Expr
    message: str


def derivative_mistakes(f: sp.Expr, v: sp.Symbol, variables: tuple[sp.Symbol, ...], name: str = "f") -> list[Mistake]:
    """Candidates for a wrong ∂f/∂v, most specific first."""
    ref = sp.diff(f, v)
    dear = derivative_size(f, v) <= MAX_DIAGNOSED_SIZE
    dv = f"∂{name}/∂{v}"
    others = [u for u in variables if u != v] or sorted(f.free_symbols - {v}, key=str)
    terms = sp.Add.make_args(f)
    free_terms = [t for t in terms if not t.has(v)]
    out: list[Mistake] = [
        Mistake("not-differentiated", f, f"That is {name} itself: differentiate it with respect to {v}."),
    ]
    # Before wrong-variable: 2(wx + b − y) for ∂L/∂w is ∂L/∂b too, but the cause is the lost x.
    for inner, wrong in _dropped_chain(f, v) if dear else ():
        out.append(Mistake(
            "dropped-chain-factor", wrong,
            f"You dropped a chain-rule factor: the inside, {render(inner)}, also depends on {v}, so "
            f"multiply by its derivative, {render(sp.diff(inner, v))}.",
        ))
    for u in others:
        out.append(Mistake(
            "wrong-variable", sp.diff(f, u),
            f"That is ∂{name}/∂{u}: you differentiated with respect to {u} instead of {v}.",
        ))
    kept = [t for t in free_terms if t.free_symbols]
    constants = [t for t in free_terms if not t.free_symbols]
    for group in _groups(kept) + _groups(constants):
        total = sp.Add(*group)
        out.append(Mistake(
            "kept-constant-term", ref + total,
            f"You kept {render(total)}, which has no {v} in it: when only {v} changes it is a constant, "
            f"and the derivative of a constant is 0.",
        ))
    varying = [t for t in kept if any(t.has(u) for u in others)]
    for group in _groups(varying):
        moved = sp.Add(*(sp.diff(t, u) for t in group for u in others if t.has(u)))
        held = ", ".join(sorted({str(u) for t in group for u in others if t.has(u)}))
        out.append(Mistake(
            "not-held-constant", ref + moved,
            f"You differentiated {render(sp.Add(*group))} as if {held} changed too; in {dv} every "
            f"variable except {v} is held constant, so that term's derivative is 0.",
        ))
    mixed = [t for t in terms if t.has(v) and any(t.has(u) for u in others)]
    if mixed:
        for u in others:
            extra = sp.Add(*(sp.diff(t, u) for t in mixed if t.has(u)))
            if extra != 0:
                out.append(Mistake(
                    "not-held-constant", ref + extra,
                    f"Your answer also has the change with {u} in it ({render(extra)}), as if {u} moved "
                    f"with {v}; in {dv}, {u} is held constant, so only the change with {v} counts.",
                ))
    if others:
        total = sp.Add(*(sp.diff(f, u) for u in (v, *others)))
        out.append(Mistake(
            "total-derivative", total,
            f"That is the sum of all the partial derivatives; {dv} differentiates with respect to {v} alone.",
        ))
    out.append(Mistake("sign", -ref, "The sign is wrong: your answer is the negative of the right one."))
    moving = [t for t in terms if t.has(v)]
    if len(moving) > 1:
        for t in moving[:4]:
            part = sp.diff(t, v)
            out.append(Mistake(
                "dropped-term", ref - part,
                f"You left out the derivative of {render(t)} (it is {render(part)}): every term with {v} "
                "in it contributes to the derivative.",
            ))
    if dear:
        out.extend(_product_rule(f, v, terms))
    return out


def _product_rule(f: sp.Expr, v: sp.Symbol, terms: tuple[sp.Expr, ...]) -> list[Mistake]:
    """Products of two parts that both change with v: differentiating one part only, or both at once."""
    out = []
    ref = sp.diff(f, v)
    for term in terms[:4]:
        if not term.is_Mul:
            continue
        coeff, rest = term.as_independent(v, as_Add=False)
        parts = [p for p in sp.Mul.make_args(rest) if p.has(v)]
        if len(parts) != 2:
            continue
        g, h = parts
        right = coeff * (sp.diff(g, v) * h + g * sp.diff(h, v))
        shown = render(g * h)
        wrong_ways = (
            (coeff * sp.diff(g, v) * h, f"only {render(g)} was differentiated"),
            (coeff * g * sp.diff(h, v), f"only {render(h)} was differentiated"),
            (coeff * sp.diff(g, v) * sp.diff(h, v), "both parts were differentiated and multiplied"),
        )
        for wrong, how in wrong_ways:
            out.append(Mistake(
                "product-rule", ref - right + wrong,
                f"In {shown} {how}: the product rule gives ({render(g)})′·{render(h)} + {render(g)}·({render(h)})′.",
            ))
    return out


def _groups(items: list[sp.Expr]) -> list[tuple[sp.Expr, ...]]:
    """All of them together first, then each alone (bounded: a function has few such terms)."""
    if not items:
        return []
    groups = [tuple(items)]
    if len(items) > 1:
        groups += [(t,) for t in items[:4]]
    return groups


def _chain_nodes(f: sp.Expr, v: sp.Symbol) -> Iterator[tuple[sp.Expr, sp.Expr]]:
    """(node, inner) for each composition g(inner) where the inner part depends on v non-trivially."""
    for node in sp.preorder_traversal(f):
        if node.is_Pow:
            if node.base.has(v) and node.base != v and not node.exp.has(v):
                yield node, node.base
            elif node.exp.has(v) and node.exp != v and not node.base.has(v):
                yield node, node.exp
        elif isinstance(node, sp.Function) and len(node.args) == 1:
            arg = node.args[0]
            if arg.has(v) and arg != v:
                yield node, arg


def _dropped_chain(f: sp.Expr, v: sp.Symbol) -> list[tuple[sp.Expr, sp.Expr]]:
    """For each composition g(u(v)): ∂f/∂v computed with g'(u)·1 in place of g'(u)·u'(v)."""
    out = []
    c = sp.Dummy("c")
    seen = set()
    for node, inner in _chain_nodes(f, v):
        if node in seen or len(out) >= MAX_CHAIN_NODES:
            continue
        if sp.diff(inner, v) == -1:  # dropping a factor of −1 is a sign mistake, named as such
            continue
        seen.add(node)
        # Replace u by v + c (c constant): differentiating gives g'(u)·1; then put c = u - v back.
        shifted = node.xreplace({inner: v + c}) if node.is_Pow else node.func(v + c)
        wrong = sp.diff(f.xreplace({node: shifted}), v).xreplace({c: inner - v})
        out.append((inner, wrong))
    return out

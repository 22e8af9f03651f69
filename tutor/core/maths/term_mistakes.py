"""Slips in one term, not the whole answer: a term kept, dropped, left undifferentiated or with its sign
flipped (in the sum, or inside a bracket of the result); terms that should be held constant
differentiated as if their variables moved.

Also the slips an expression answer can show on its own (no function to differentiate): a term of
the expected expression missing, or with its sign flipped.
"""

from __future__ import annotations

import sympy as sp

from .render import render

MAX_TERMS = 4


def _groups(items: list[sp.Expr]) -> list[tuple[sp.Expr, ...]]:
    """All of them together, each alone, and each pair (bounded: a function has few such terms)."""
    if not items:
        return []
    items = items[:MAX_TERMS]
    groups = [tuple(items)]
    if len(items) > 1:
        groups += [(t,) for t in items]
    if len(items) > 2:
        groups += [(a, b) for i, a in enumerate(items) for b in items[i + 1:]]
    return groups


def held_slips(f: sp.Expr, v: sp.Symbol, others: list[sp.Symbol], ref: sp.Expr,
               name: str) -> list[tuple[str, sp.Expr, str, str | None]]:
    """Terms without v kept; terms with other variables differentiated as if those moved."""
    dv = f"∂{name}/∂{v}"
    terms = sp.Add.make_args(f)
    free = [t for t in terms if not t.has(v)]
    out = []
    for k, group in enumerate(_groups(free)):  # the first group holds them all; the others are parts
        total = sp.Add(*group)
        out.append(("kept-constant-term", ref + total,
                    f"You kept {render(total)}, which has no {v} in it: when only {v} changes it is a constant, "
                    f"and the derivative of a constant is 0.", None, k > 0))
    varying = [t for t in free if any(t.has(u) for u in others)]
    for k, group in enumerate(_groups(varying)):
        moved = sp.Add(*(sp.diff(t, u) for t in group for u in others if t.has(u)))
        held = ", ".join(sorted({str(u) for t in group for u in others if t.has(u)}))
        out.append(("not-held-constant", ref + moved,
                    f"You differentiated {render(sp.Add(*group))} as if {held} changed too; in {dv} every "
                    f"variable except {v} is held constant, so that term's derivative is 0.", None, k > 0))
    mixed = [t for t in terms if t.has(v) and any(t.has(u) for u in others)]
    for u in others if mixed else ():
        extra = sp.Add(*(sp.diff(t, u) for t in mixed if t.has(u)))
        if extra != 0:
            out.append(("not-held-constant", ref + extra,
                        f"Your answer also has the change with {u} in it ({render(extra)}), as if {u} moved "
                        f"with {v}; in {dv}, {u} is held constant, so only the change with {v} counts.", None))
    return out


def term_slips(f: sp.Expr, v: sp.Symbol, ref: sp.Expr) -> list[tuple[str, sp.Expr, str, str | None]]:
    """One term of f mishandled: its derivative left out, its sign flipped, or the term left as it was.

    Marked rare: with several terms, such slips meet by chance at small whole numbers."""
    terms = sp.Add.make_args(f)
    moving = [t for t in terms if t.has(v)][:MAX_TERMS]
    out = []
    for t in moving:
        part = sp.diff(t, v)
        if len(moving) > 1:
            out.append(("dropped-term", ref - part,
                        f"You left out the derivative of {render(t)} (it is {render(part)}): every term with {v} "
                        "in it contributes to the derivative.", None, True))
            out.append(("sign", ref - 2 * part,
                        f"The derivative of {render(t)} has the wrong sign: it is {render(part)}.", None, True))
        if len(terms) > 1:
            out.append(("not-differentiated", ref - part + t,
                        f"You left {render(t)} as it is: differentiate it too (its derivative is {render(part)}).",
                        None, True))
    return out


def spread(expr: sp.Expr) -> sp.Expr:
    """Products multiplied out over sums, (1 − 2a)x → x − 2ax, but no power expanded: (x⁴ + 1)^399
    would take seconds and is one term anyway."""
    return sp.expand(expr, multinomial=False, power_exp=False, power_base=False, log=False)


def expression_slips(expected: sp.Expr) -> list[tuple[str, sp.Expr, str, str | None]]:
    """An expression answer with one term of the expected expression missing, or its sign flipped."""
    terms = sp.Add.make_args(spread(expected))
    if len(terms) < 2:
        return bracket_sign_slips(expected)
    out = []
    for t in terms[:MAX_TERMS]:
        out.append(("dropped-term", expected - t, f"A term is missing: {render(t)}.", None))
        out.append(("sign", expected - 2 * t, f"The term {render(t)} has the wrong sign.", None))
    return out + bracket_sign_slips(expected)


MAX_BRACKET_SLIPS = 8


def bracket_sign_slips(right: sp.Expr, top: bool = False) -> list[tuple[str, sp.Expr, str, str | None, bool]]:
    """One sign flipped inside a bracket of the right result: σ(z)(1 + σ(z)) for σ(z)(1 − σ(z));
    with `top`, in the result's own sum too (sympy writes 6(1 − tanh²u) as 6 − 6·tanh²u).

    Marked rare (they are many) and "negation": flipping the only term that varies is the plain sign."""
    out = []
    for node in sp.preorder_traversal(right):
        if not node.is_Add or (node is right and not top):
            continue
        for t in node.args[:MAX_TERMS]:
            flipped = node - 2 * t
            message = (f"The term {render(t)} has the wrong sign." if node is right else
                       f"A sign inside a bracket is wrong: the bracket is {render(node)}; yours has "
                       f"{_signed(-t)} where {_signed(t)} goes.")
            out.append(("sign", right.xreplace({node: flipped}), message, "negation", True))
        if len(out) >= MAX_BRACKET_SLIPS:
            break
    return out[:MAX_BRACKET_SLIPS]


def _signed(term: sp.Expr) -> str:
    """A term with its sign in front: +σ(z), −σ(z)."""
    text = render(term)
    return text if text.startswith(("−", "-")) else "+" + text

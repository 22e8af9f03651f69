"""The typical wrong answers to a partial derivative, generated from the function itself.

Each candidate is a sympy expression with a code and a sentence. A wrong answer that agrees with a
candidate at every sample point gets that candidate's explanation. Order matters: when two
mistakes give the same expression, the earlier, more specific one names it (a dropped chain
factor before "that is f itself", a quotient-rule slip before both).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .chain_mistakes import chain_slips
from .differentiate import derivative_size
from .power_mistakes import power_slips
from .render import render
from .rule_mistakes import product_slips, quotient_slips
from .term_mistakes import bracket_sign_slips, expression_slips, held_slips, term_slips

# Past this estimated size of ∂f/∂v (course functions stay under 120), the candidates that need a
# derivative each (chain, product and quotient slips: dozens of derivatives) are not generated:
# a long function would make the first wrong answer wait seconds for them.
MAX_DIAGNOSED_SIZE = 400


@dataclass(frozen=True)
class Mistake:
    code: str
    expr: sp.Expr
    message: str
    # "negation": named only when it is not −(right answer), which the sign names for certain;
    # "multiple": named only when it is not a constant multiple of the right answer (∂L/∂y for ∂L/∂b
    # of (wx + b − y)² is −∂L/∂b: a sign slip, not a differentiation by the data y); "function": named
    # only when it is not f itself, which "that is f itself" says more plainly.
    yields: str | None = None
    rare: bool = False  # a slip seen less often (x^n → n·x^n): left out of the rule that keeps variants apart


def _mistakes(items) -> list[Mistake]:
    return [Mistake(*item) for item in items]


def derivative_mistakes(f: sp.Expr, v: sp.Symbol, variables: tuple[sp.Symbol, ...], name: str = "f",
                        only: frozenset[str] | None = None) -> list[Mistake]:
    """Candidates for a wrong ∂f/∂v, most specific first (`only`: just the common ones of these codes,
    for the validator, which needs no more)."""
    ref = sp.diff(f, v)
    dear = derivative_size(f, v) <= MAX_DIAGNOSED_SIZE
    dv = f"∂{name}/∂{v}"
    # The other variables (given; else every other name in f). Params of a variant are not variables.
    others = [u for u in variables if u != v] if variables else sorted(f.free_symbols - {v}, key=str)
    every = only is None

    def wanted(code: str) -> bool:
        return every or code in only

    out: list[Mistake] = []
    if dear:
        if wanted("quotient-rule"):
            out += _mistakes(quotient_slips(f, v, ref))
        out += _mistakes(chain_slips(f, v, ref, every))
        if every and f.has(_sigmoid()):  # σ written out as 1/(1 + e^(−u)): the slips of deriving σ′ by hand
            out += _mistakes(chain_slips(f.rewrite(sp.exp), v, ref))
    out.append(Mistake("not-differentiated", f, f"That is {name} itself: differentiate it with respect to {v}."))
    for u in others:
        out.append(Mistake("wrong-variable", sp.diff(f, u),
                           f"That is ∂{name}/∂{u}: you differentiated with respect to {u} instead of {v}.", "multiple"))
    out += _mistakes(held_slips(f, v, others, ref, name))
    if others:
        total = sp.Add(*(sp.diff(f, u) for u in (v, *others)))
        out.append(Mistake("total-derivative", total,
                           f"That is the sum of all the partial derivatives; {dv} differentiates with respect to "
                           f"{v} alone."))
    out.append(Mistake("sign", -ref, "The sign is wrong: your answer is the negative of the right one."))
    if dear:
        out += _mistakes(power_slips(f, v, ref))
        if wanted("product-rule"):
            out += _mistakes(product_slips(f, v, ref))
    if every:
        out += _mistakes(term_slips(f, v, ref))
        out += _mistakes(bracket_sign_slips(ref, top=True))
    return [m for m in out if every or (m.code in only and not m.rare)]


def expression_mistakes(expected: sp.Expr) -> list[Mistake]:
    """Candidates for a wrong expression (no function to differentiate): a term missing or its sign."""
    return _mistakes(expression_slips(expected))


def _sigmoid():
    from .mlfunctions import sigmoid

    return sigmoid


def describe(m: Mistake) -> str:
    """A candidate for logs and tests: its code and expression."""
    return f"{m.code}: {render(m.expr)}"

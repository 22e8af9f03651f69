"""The form of a right answer, for exercises that ask for one (as STACK's answer tests do): simplified,
expanded or factored.

Read from what the learner typed (the syntax tree), since sympy rewrites 2(x + 1) as 2x + 2 on its
own. An answer equal to the expected one but in another form is "equal, but not simplified"; the
prompt's own expression pasted back is the plainest case of that.
"""

from __future__ import annotations

import sympy as sp

from .nodes import BinOp, Labeled, Neg, Node, Num, Var, walk
from .verdict import Diagnosis

SLACK = 1  # nodes an answer may have beyond the simplest form: −(y − p) for p − y


def size(tree: Node) -> int:
    """How many parts a typed expression has (numbers, names, operations)."""
    return sum(1 for n in walk(tree) if not isinstance(n, Labeled))


def form_problem(tree: Node, value: sp.Expr, form: str, given: sp.Expr | None, simplest: int,
                 expected: sp.Expr) -> Diagnosis | None:
    """Why a right answer is not in the form asked for, or None when it is."""
    if given is not None and value == given:
        return Diagnosis("not-simplified", "Equal, but not simplified: that is the expression you were given. "
                                           "Carry out the steps and cancel what cancels.")
    if form == "simplified" and simplest and size(tree) > simplest + SLACK:
        return Diagnosis("not-simplified", "Equal, but not simplified: it can be written with fewer terms. "
                                           "Multiply out, cancel and collect.")
    if form == "expanded" and not _expanded(tree):
        return Diagnosis("not-expanded", "Equal, but not expanded: multiply out every bracket.")
    if form == "factored" and not _factored(tree, value, expected):
        return Diagnosis("not-factored", "Equal, but not factored: write it as a product of factors that "
                                         "cannot be split further.")
    return None


def _has_var(node: Node) -> bool:
    return any(isinstance(n, Var) for n in walk(node))


def _sum(node: Node) -> bool:
    while isinstance(node, Neg):
        node = node.operand
    return isinstance(node, BinOp) and node.op in "+-" and _has_var(node)


def _expanded(tree: Node) -> bool:
    for n in walk(tree):
        if isinstance(n, Neg) and _sum(n.operand):
            return False
        if isinstance(n, BinOp):
            if n.op == "*" and (_sum(n.left) or _sum(n.right)):
                return False
            if n.op == "/" and _sum(n.left) and not _has_var(n.right):
                return False
            if (n.op == "^" and _sum(n.left) and isinstance(n.right, Num) and n.right.value.denominator == 1
                    and n.right.value >= 2):
                return False
    return True


def _factored(tree: Node, value: sp.Expr, expected: sp.Expr) -> bool:
    if sp.factor(expected).is_Add:
        return True  # it cannot be factored: any form will do
    top = tree
    while isinstance(top, Neg):
        top = top.operand
    if isinstance(top, BinOp) and top.op in "+-":
        return False
    from .build import build

    for n in walk(top):
        if _sum(n):
            _, factors = sp.factor_list(build(n).scalar)
            if len(factors) > 1 or any(k > 1 for _, k in factors):
                return False
    return True

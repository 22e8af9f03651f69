"""An author's expression with a variant's numbers put in, tidied the way a person would write it.

`a x^2 y + b y` with a = 4, b = 1 reads 4·x²·y + y, not 4·x²·y + 1·y; `tanh(a x + c)` with c = −4
reads tanh(6·x − 4), not tanh(6·x + (−4)); a param drawn as 0.1 shows as 0.1, as the prompt's {c}
does, not as 1/10. The tree stays the author's (terms in their order); only the filled-in numbers
and what they make trivial (a factor 1, a term 0) change.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import fields, replace
from fractions import Fraction

from tutor.core.maths.nodes import BinOp, Neg, Node, Num, Var


def fill_params(tree: Node, values: Mapping[str, Fraction]) -> Node:
    """The tree with each param's Var replaced by its number, then tidied (a new tree)."""
    return _tidy(_fill(tree, values))


def number_node(value: Fraction, start: int = 0) -> Node:
    """A number as a learner reads it: 4, 0.1 (a short decimal), 3/7; negative as a Neg."""
    size = abs(value)
    if size.denominator == 1:
        node: Node = Num(size, str(size.numerator), start=start)
    else:
        decimal = _short_decimal(size)
        if decimal is not None:
            node = Num(size, decimal, decimal=True, start=start)
        else:
            node = BinOp("/", Num(Fraction(size.numerator), str(size.numerator)),
                         Num(Fraction(size.denominator), str(size.denominator)), start=start)
    return Neg(node, start) if value < 0 else node


def _short_decimal(value: Fraction) -> str | None:
    q = value.denominator
    for p in (2, 5):
        while q % p == 0:
            q //= p
    if q != 1 or value.denominator > 10**6:
        return None
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text if Fraction(text) == value else None


def _fill(tree: Node, values: Mapping[str, Fraction]) -> Node:
    if isinstance(tree, Var):
        return number_node(values[tree.name], tree.start) if tree.name in values else tree
    if not hasattr(tree, "__dataclass_fields__"):
        return tree
    changes = {}
    for name in _child_fields(type(tree)):
        child = getattr(tree, name)
        if isinstance(child, tuple):
            changes[name] = tuple(_fill(c, values) for c in child)
        elif hasattr(child, "__dataclass_fields__"):
            changes[name] = _fill(child, values)
    return replace(tree, **changes) if changes else tree


@functools.cache
def _child_fields(kind: type) -> tuple[str, ...]:
    """The field names of a node class (dataclasses.fields is slow, and trees are walked per variant)."""
    return tuple(f.name for f in fields(kind))


def _is(node: Node, value: int) -> bool:
    return isinstance(node, Num) and node.value == value


def _tidy(tree: Node) -> Node:
    """Bottom-up: work out sums and products of numbers, drop factors 1 and terms 0, turn + (−4)
    into − 4 and −1·x into −x, put a number before what it multiplies."""
    if not hasattr(tree, "__dataclass_fields__"):
        return tree
    changes = {}
    for name in _child_fields(type(tree)):
        child = getattr(tree, name)
        if isinstance(child, tuple):
            changes[name] = tuple(_tidy(c) for c in child)
        elif hasattr(child, "__dataclass_fields__"):
            changes[name] = _tidy(child)
    node = replace(tree, **changes) if changes else tree
    if isinstance(node, Neg) and _is(node.operand, 0):
        return node.operand
    if not isinstance(node, BinOp):
        return node
    left, right = node.left, node.right
    if isinstance(left, Num) and isinstance(right, Num) and node.op in "*+-":  # 2·5 is 10; 1 − 0.2 is 0.8
        value = {"*": left.value * right.value, "+": left.value + right.value, "-": left.value - right.value}[node.op]
        return number_node(value, node.start)
    if node.op == "*":
        if _is(left, 0) or _is(right, 0):
            return Num(Fraction(0), "0", start=node.start)
        if _is(left, 1):
            return right
        if _is(right, 1):
            return left
        if isinstance(left, Neg):  # (−1)·x is −x, (−2)·x is −(2·x): a sum can then say x − 2·x
            inner = right if _is(left.operand, 1) else BinOp("*", left.operand, right, node.implicit, node.start)
            return Neg(inner, node.start)
        if isinstance(right, Num) and not isinstance(left, Num):  # w·2 reads 2·w
            return BinOp("*", right, left, True, node.start)
    if node.op == "/" and _is(right, 1):
        return left
    if node.op == "^" and _is(right, 1):
        return left
    if node.op in "+-":
        if _is(right, 0):
            return left
        if _is(left, 0):
            return right if node.op == "+" else Neg(right, node.start)
        if isinstance(right, Neg):  # x + (−4) is x − 4; x − (−4) is x + 4
            return BinOp("-" if node.op == "+" else "+", left, right.operand, start=node.start)
    return node

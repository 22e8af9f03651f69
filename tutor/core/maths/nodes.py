"""The syntax tree the parser builds: small frozen records, free of sympy so previews stay instant."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Num:
    value: Fraction
    text: str
    decimal: bool = False
    start: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Var:
    name: str
    start: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Const:
    name: str  # "pi" or "e"
    start: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Neg:
    operand: Node
    start: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str  # one of + - * / ^
    left: Node
    right: Node
    implicit: bool = False  # a product written by juxtaposition (2x, x y)
    start: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    func: str  # canonical function name (see names.FUNCTIONS)
    args: tuple[Node, ...]
    start: int = field(default=0, compare=False)
    spelling: str = field(default="", compare=False)  # as typed: ln, arcsin, cosec...


@dataclass(frozen=True, slots=True)
class Factorial:
    operand: Node
    start: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Vector:
    items: tuple[Node, ...]
    start: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Labeled:
    """`w = 1.6`: a component written with its name, as in a descent step."""

    label: str
    expr: Node
    start: int = field(default=0, compare=False)


Node = Num | Var | Const | Neg | BinOp | Call | Factorial | Vector | Labeled


def walk(node: Node):
    """Every node of the tree, parents before children (iterative: trees can be deep)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, (Neg, Factorial)):
            stack.append(current.operand)
        elif isinstance(current, BinOp):
            stack.extend((current.right, current.left))
        elif isinstance(current, Call):
            stack.extend(reversed(current.args))
        elif isinstance(current, Vector):
            stack.extend(reversed(current.items))
        elif isinstance(current, Labeled):
            stack.append(current.expr)


def names_used(node: Node) -> set[str]:
    """Variable names that occur in the tree."""
    return {n.name for n in walk(node) if isinstance(n, Var)}

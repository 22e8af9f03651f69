"""A small computation graph: its forward values, each edge's local derivative, the backward order,
and the graph drawn as text (each node with the arrows that feed it).

Pure numbers and sympy; no lesson format here (backprop.py reads the lesson and makes the blanks).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sympy as sp

from tutor.core.descent.trace import show
from tutor.core.maths.build import symbol
from tutor.core.maths.differentiate import diff
from tutor.core.maths.floateval import evaluate_float


def value_at(expr: sp.Expr, values: Mapping[str, float]) -> float:
    """`expr` in float64 at the given values (NaN where undefined), as a notebook would compute it."""
    env = {k: np.array([v]) for k, v in values.items()}
    return float(evaluate_float(expr, env, 1)[0])


@lru_cache(maxsize=1024)
def derivative(expr: sp.Expr, name: str) -> sp.Expr:
    """∂expr/∂name, worked out once per formula: every variant of an exercise shares its formulas
    (the params stay symbols, their values come with the inputs), so only the numbers change."""
    return diff(expr, symbol(name))


@dataclass(frozen=True)
class Node:
    name: str
    expr: sp.Expr | None          # None for an input (a leaf)
    shown: str                    # how the author wrote it: "w·x + b"
    parents: tuple[str, ...]      # the nodes it is computed from, in order of appearance


class Graph:
    """Inputs (leaves with values) and computed nodes in forward order; the last node is the output."""

    def __init__(self, inputs: Mapping[str, float], nodes: Sequence[Node],
                 constants: Mapping[str, float] | None = None) -> None:
        """`constants`: the values of names a formula may hold besides its parents (the params)."""
        self.inputs = dict(inputs)
        self.constants = dict(constants or {})
        self.nodes = {n.name: n for n in nodes}
        self.order = [n.name for n in nodes]
        self.output = self.order[-1]
        self.value: dict[str, float] = dict(inputs)
        for node in nodes:
            self.value[node.name] = value_at(node.expr, self.at(node.name))
        self.consumers: dict[str, list[str]] = {name: [] for name in (*self.inputs, *self.order)}
        for node in nodes:
            for parent in node.parents:
                self.consumers[parent].append(node.name)

    def at(self, name: str) -> dict[str, float]:
        """The values a node's formula is evaluated with: its parents' and the constants."""
        return {**self.constants, **{p: self.value[p] for p in self.nodes[name].parents}}

    def derivative(self, child: str, parent: str) -> sp.Expr:
        """∂child/∂parent as an expression of child's parents (and the constants)."""
        return derivative(self.nodes[child].expr, parent)

    def local(self, child: str, parent: str) -> float:
        return value_at(self.derivative(child, parent), self.at(child))

    def reaches(self, start: str) -> set[str]:
        """Every node downstream of `start`, itself included."""
        seen, todo = {start}, [start]
        while todo:
            for c in self.consumers[todo.pop()]:
                if c not in seen:
                    seen.add(c)
                    todo.append(c)
        return seen

    def backward_order(self, wanted: Sequence[str]) -> list[str]:
        """The nodes whose backward value is asked, output first: each after every node it feeds.

        Forward, each input stands just before the first node that uses it; backward is that order
        reversed, so ∂L/∂w₂ comes right after ∂L/∂z₂ and before the layer below (as in CS231n's notes).
        """
        needed: set[str] = set()
        for leaf in wanted:
            needed |= self.reaches(leaf)
        forward: list[str] = []
        for name in self.order:
            for parent in self.nodes[name].parents:
                if parent in self.inputs and parent not in forward:
                    forward.append(parent)
            forward.append(name)
        return [n for n in reversed(forward) if n in needed and n != self.output]

    # -- drawing ----------------------------------------------------------------------------------------
    def label(self, name: str) -> str:
        """An input as `x = 2`, a computed node as `a = x·y` (its value is drawn after it)."""
        if name in self.inputs:
            return f"{name} = {show(self.value[name])}"
        return name

    def drawing(self) -> str:
        """Each computed node with its inputs fanned in from the left, its formula and its value:

            x = 2  ──┐
            y = −3 ──┴──▶ [a = x·y] = −6
        """
        width = max(len(self.label(p)) for n in self.order for p in self.nodes[n].parents)
        lines = []
        for name in self.order:
            node = self.nodes[name]
            box = f"[{name} = {node.shown}] = {show(self.value[name])}"
            parents = node.parents
            for i, parent in enumerate(parents):
                left = self.label(parent).ljust(width)
                if len(parents) == 1:
                    lines.append(f"{left} ─────▶ {box}")
                elif i == 0:
                    lines.append(f"{left} ──┐")
                elif i < len(parents) - 1:
                    lines.append(f"{left} ──┤")
                else:
                    lines.append(f"{left} ──┴──▶ {box}")
        return "\n".join(lines)

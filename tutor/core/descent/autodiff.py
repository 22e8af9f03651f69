"""A loss and its gradient in Python floats, in the order the loss was written (reverse mode).

Why not evaluate sympy's partials: sympy reorders and expands them (∂/∂w of (2w + b − 4)² becomes
4b + 8w − 16), and float addition is not associative, so about one point in fifteen would print a
different last digit from the notebook's `2*(w*x + b - y)*x`. Reverse mode over the typed tree
computes exactly that product: the chain rule through u² yields 2·u, then the product w·x yields
(2·u)·x. The loss value uses the same semantics as `calculus.float_function`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from tutor.core.maths.calculus import FLOAT_FUNCS  # the engine's own float semantics, shared on purpose
from tutor.core.maths.nodes import BinOp, Call, Const, Factorial, Labeled, Neg, Node, Num, Var, Vector

from .derivatives import DERIVATIVES, local_terms, real_pow


class Unsupported(Exception):
    """A function of the parameters whose derivative this module does not know (binomial)."""


class Tape:
    """value_and_gradient(env) for one tree and its parameters; built once, called every step."""

    def __init__(self, tree: Node, params: Sequence[str]) -> None:
        self.params = tuple(params)
        self.nodes: list[Node] = []
        self.children: list[tuple[int, ...]] = []
        self.needs: list[bool] = []  # does the node depend on a parameter?
        self._flatten(tree)

    def _flatten(self, node: Node) -> int:
        # Children first, so one pass forward evaluates and one pass backward differentiates.
        if isinstance(node, Vector):
            raise Unsupported("a vector is not a loss")
        if isinstance(node, (Neg, Factorial)):
            kids: tuple[Node, ...] = (node.operand,)
        elif isinstance(node, BinOp):
            kids = (node.left, node.right)
        elif isinstance(node, Call):
            kids = node.args
        elif isinstance(node, Labeled):
            kids = (node.expr,)
        else:
            kids = ()
        index = tuple(self._flatten(k) for k in kids)
        needs = any(self.needs[i] for i in index) or (isinstance(node, Var) and node.name in self.params)
        if needs and isinstance(node, Call) and node.func not in DERIVATIVES:
            raise Unsupported(f"no derivative rule for {node.func}")
        self.nodes.append(node)
        self.children.append(index)
        self.needs.append(needs)
        return len(self.nodes) - 1

    def __call__(self, env: Mapping[str, float]) -> tuple[float, tuple[float, ...]]:
        """(loss, gradient) at env; (inf, NaNs) on overflow and (NaN, NaNs) where undefined. The loss
        is kept when only the gradient fails (√w at w = 0 has a value but no slope)."""
        nothing = (math.nan,) * len(self.params)
        try:
            values = self._forward(env)
        except OverflowError:
            return math.inf, nothing
        except (ValueError, ZeroDivisionError, TypeError):
            return math.nan, nothing
        try:
            return values[-1], self._backward(values)
        except (OverflowError, ValueError, ZeroDivisionError, TypeError):
            return values[-1], nothing

    def _forward(self, env: Mapping[str, float]) -> list[float]:
        values: list[float] = []
        for node, kids in zip(self.nodes, self.children):
            args = [values[i] for i in kids]
            if isinstance(node, Num):
                v = float(node.value)
            elif isinstance(node, Var):
                v = env[node.name]
            elif isinstance(node, Const):
                v = math.pi if node.name == "pi" else math.e
            elif isinstance(node, Neg):
                v = -args[0]
            elif isinstance(node, BinOp):
                v = _binop(node.op, args[0], args[1])
            elif isinstance(node, Factorial):
                v = math.gamma(args[0] + 1.0)
            elif isinstance(node, Call):
                v = _call(node.func, args)
            else:  # Labeled
                v = args[0]
            values.append(float(v))
        return values

    def _backward(self, values: list[float]) -> tuple[float, ...]:
        adjoint: list[float | None] = [None] * len(values)
        adjoint[-1] = 1.0
        grad: dict[str, float] = {}
        for i in range(len(values) - 1, -1, -1):
            g = adjoint[i]
            if g is None or not self.needs[i]:
                continue
            node, kids = self.nodes[i], self.children[i]
            if isinstance(node, Var):
                grad[node.name] = grad[node.name] + g if node.name in grad else g
                continue
            want = [self.needs[k] for k in kids]
            for k, local in zip(kids, local_terms(node, g, [values[k] for k in kids], values[i], want)):
                if local is not None and self.needs[k]:
                    # The first contribution is assigned, not added to 0.0, so −0.0 stays −0.0.
                    adjoint[k] = local if adjoint[k] is None else adjoint[k] + local
        return tuple(grad.get(p, 0.0) for p in self.params)


def _binop(op: str, a: float, b: float) -> float:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    return real_pow(a, b)


def _call(func: str, args: list[float]) -> float:
    if func == "log":
        return math.log(args[0]) if len(args) == 1 else math.log(args[0]) / math.log(args[1])
    return FLOAT_FUNCS[func](*args)

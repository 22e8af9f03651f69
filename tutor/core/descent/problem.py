"""A loss to descend: an expression in the parameters, averaged over a data set when there is one."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cached_property

import sympy as sp

from tutor.core.maths.build import build, symbol
from tutor.core.maths.differentiate import diff
from tutor.core.maths.errors import MathsError
from tutor.core.maths.nodes import names_used
from tutor.core.maths.preview import preview
from tutor.core.maths.render import render

from .autodiff import Tape, Unsupported
from .data import Dataset, dataset, parse_data
from .errors import DescentError
from .reading import read_loss
from .fallback import fallback_gradient, fallback_value

Point = Mapping[str, float | Fraction] | Sequence[float]


class Loss:
    """L(params) = the typed expression, or its mean over the points of `data` (MSE for (wx+b−y)²).

    The parameters are the variables that are not data columns, in order of first appearance.
    `params` declares them (then names are not split into letters: `theta` stays theta); data
    columns are always whole names (a column `hours` is not h·o·u·r·s).
    """

    def __init__(self, text: str, data: Dataset | Mapping[str, Sequence[float]] | str | None = None,
                 params: Sequence[str] | None = None) -> None:
        if isinstance(data, str):
            data = parse_data(data)
        elif data is not None and not isinstance(data, Dataset):
            data = dataset(data)
        self.text = text
        self.data: Dataset | None = data
        columns = data.columns if data else ()
        try:
            self.tree, names = read_loss(text, params, columns)
            self.expr: sp.Expr = build(self.tree).scalar  # per point; also refuses 1/0 and 9^9^9 now
        except MathsError as error:
            raise DescentError(f"loss: {error}") from error
        used = names_used(self.tree)
        for column in columns:
            if column not in used:
                raise DescentError(f"the data column {column} does not occur in the loss")
        self.params: tuple[str, ...] = tuple(n for n in names if n not in columns)
        for name in self.params:
            if name not in used:
                raise DescentError(f"the parameter {name} does not occur in the loss")
        if not self.params:
            raise DescentError("the loss has no parameters to descend: every variable is a data column")
        try:
            self._tape: Tape | None = Tape(self.tree, self.params)
        except Unsupported:
            self._tape = None  # see fallback.py
        self.rows: list[dict[str, float]] = data.rows() if data else [{}]  # one {} without data

    def __repr__(self) -> str:
        return f"Loss({self.text!r}, params={self.params}, points={len(self.rows) if self.data else 0})"

    def point(self, values: Point) -> tuple[float, ...]:
        """Parameter values in parameter order; raises DescentError for an unknown or missing one."""
        if not isinstance(values, Mapping):
            if len(values) != len(self.params):
                raise DescentError(f"expected {len(self.params)} values for {', '.join(self.params)}")
            return tuple(float(v) for v in values)
        unknown = [k for k in values if k not in self.params]
        if unknown:
            hint = " (it is a data column)" if self.data and unknown[0] in self.data.columns else ""
            raise DescentError(f"unknown parameter {unknown[0]}{hint}; the parameters are {', '.join(self.params)}")
        missing = [p for p in self.params if p not in values]
        if missing:
            raise DescentError(f"give a start value for {', '.join(missing)}")
        out = tuple(float(values[p]) for p in self.params)
        if not all(math.isfinite(v) for v in out):
            raise DescentError("start values must be finite numbers")
        return out

    def value_and_gradient(self, point: Sequence[float]) -> tuple[float, tuple[float, ...]]:
        """L and ∇L at `point` in float64: per point as the notebook writes it, then the mean."""
        env = dict(zip(self.params, point))
        if self._tape is None:
            return fallback_value(self, env), fallback_gradient(self, env)
        total, grad = 0.0, [0.0] * len(self.params)
        for index, row in enumerate(self.rows):
            value, g = self._tape({**row, **env})
            if index == 0:  # a single point is returned as computed, bit for bit
                total, grad = value, list(g)
            else:
                total += value
                grad = [a + b for a, b in zip(grad, g)]
        n = len(self.rows)
        if n == 1:
            return total, tuple(grad)
        return total / n, tuple(v / n for v in grad)

    def value(self, point: Sequence[float]) -> float:
        return self.value_and_gradient(point)[0]

    def gradient(self, point: Sequence[float]) -> tuple[float, ...]:
        return self.value_and_gradient(point)[1]

    @cached_property
    def partials(self) -> tuple[sp.Expr, ...]:
        """∂ℓ/∂p for each parameter, of the per-point loss ℓ (the mean of these is ∂L/∂p)."""
        return tuple(diff(self.expr, symbol(p)) for p in self.params)

    def formula(self) -> str:
        """`L(w, b) = (2·w + b − 4)²`, or the mean over the data's points."""
        head = f"L({', '.join(self.params)})"
        if not self.data or self.data.size == 1:
            return f"{head} = {preview(self.tree)}"
        return f"{head} = mean over {self.data.size} points of {preview(self.tree)}"

    def partial_formulas(self) -> tuple[str, ...]:
        """`∂L/∂w = 2·x·(b + w·x − y)` for each parameter (a mean of that over the data's points)."""
        mean = "mean of " if self.data and self.data.size > 1 else ""
        return tuple(f"∂L/∂{p} = {mean}{render(d)}" for p, d in zip(self.params, self.partials))

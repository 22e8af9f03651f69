"""A small data set for a loss averaged over points: named columns of float64 values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tutor.core.maths.calculus import parse_number, printable as _printable
from tutor.core.maths.errors import MathsError
from tutor.core.maths.names import variable_name_problem

from .errors import DescentError

MAX_POINTS = 10_000  # every step walks every point in Python floats; keep runs interactive


@dataclass(frozen=True)
class Dataset:
    """Columns of equal length, e.g. x = (1, 2, 3) and y = (2, 4, 5)."""

    columns: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]  # values[k] is the column named columns[k]

    @property
    def size(self) -> int:
        return len(self.values[0]) if self.values else 0

    def column(self, name: str) -> tuple[float, ...]:
        return self.values[self.columns.index(name)]

    def rows(self) -> list[dict[str, float]]:
        """One {column: value} mapping per point, in order."""
        return [dict(zip(self.columns, row)) for row in zip(*self.values)]

    def to_text(self) -> str:
        return ";".join(f"{c}=" + ",".join(repr(v) for v in col) for c, col in zip(self.columns, self.values))


def dataset(columns: Mapping[str, Sequence[float]]) -> Dataset:
    """A Dataset from {name: values}; raises DescentError if it is empty or ragged."""
    if not columns:
        raise DescentError("the data set has no columns")
    names = tuple(columns)
    for name in names:
        problem = variable_name_problem(name) if isinstance(name, str) else f"{name!r} is not a column name"
        if problem:
            raise DescentError(f"data column: {problem}")
    values = tuple(tuple(float(v) for v in columns[n]) for n in names)
    sizes = {len(v) for v in values}
    if len(sizes) != 1:
        listed = ", ".join(f"{n} has {len(v)}" for n, v in zip(names, values))
        raise DescentError(f"the data columns differ in length ({listed})")
    size = sizes.pop()
    if size == 0:
        raise DescentError("the data set has no points")
    if size > MAX_POINTS:
        raise DescentError(f"the data set has {size} points; the limit is {MAX_POINTS}")
    return Dataset(names, values)


def parse_data(text: str) -> Dataset:
    """`x=1,2,3;y=2,4,5` as a Dataset; numbers as parse_number reads them (0.1, 1/2, -3e2)."""
    columns: dict[str, list[float]] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, eq, rest = part.partition("=")
        name = name.strip()
        if not eq:
            raise DescentError(f"expected column=values such as x=1,2,3, got '{_printable(part)}'")
        problem = variable_name_problem(name)
        if problem:
            raise DescentError(problem)
        if name in columns:
            raise DescentError(f"the column {name} is given twice")
        items = [v.strip() for v in rest.split(",")]
        if not all(items):
            raise DescentError(f"the column {name} has an empty value")
        try:
            # float(Fraction) rounds correctly, as a Python literal does: 0.1 here is the notebook's 0.1.
            columns[name] = [float(parse_number(v)) for v in items]
        except MathsError as error:
            raise DescentError(f"column {name}: {error}") from error
        except OverflowError as error:
            raise DescentError(f"column {name}: a value is too large for a float") from error
    if not columns:
        raise DescentError("expected columns such as x=1,2,3;y=2,4,5")
    return dataset(columns)

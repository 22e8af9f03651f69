"""How a derivative or gradient exercise shows its function: in prose with the data written out, and with
its params left as symbols for the variant rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

from tutor.core.maths.build import symbol
from tutor.core.maths.render import render


class FunctionView:
    """Mixed into the function exercises (they have `model`, `trees`, `per_point`, `rows`, `display`)."""

    def function_text(self, values: Mapping[str, Fraction], f: sp.Expr) -> str:
        """{function} in prose: as the author wrote it; with data, the mean written out over the rows."""
        text = self.display(("function",), values) or render(f)
        rows = self.rows(values)
        if len(rows) < 2 or ("function",) not in self.trees:
            return text
        terms = [self.display(("function",), {**values, **row}) for row in rows]
        return f"(1/{len(rows)})·({' + '.join(terms)})"

    def generic_function(self) -> sp.Expr:
        """The function with the params left as symbols (the data's rows too may hold params)."""
        f = self.per_point
        if not self.model.data:
            return f
        columns = {k: [self.generic_number(v) for v in vs] for k, vs in self.model.data.items()}
        rows = [dict(zip(columns, row)) for row in zip(*columns.values())]
        return sp.Add(*(f.xreplace({symbol(k): v for k, v in row.items()}) for row in rows)) / len(rows)

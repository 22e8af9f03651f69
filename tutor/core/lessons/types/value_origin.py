"""What a value exercise's number is, for naming a wrong one: a partial or gradient at a point, the end
of a descent, or a mean of n terms (a sum of them is then a slip).

Also the variant rule's view of it: the function with its params left as symbols.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

from tutor.core.maths.options import DescentOrigin, Origin

from ..variants import VariantError, parse_number_text


class ValueOrigin:
    """Mixed into the value exercise type (it has `model`, `expr`, `variables`, `substitute`)."""

    def origin(self, values: Mapping[str, Fraction], labels: tuple[str, ...]) -> Origin | DescentOrigin | None:
        """What the number is (a partial at a point, the end of a descent), so a wrong one can be matched."""
        spec = self.model.compute
        if spec.kind == "expression" or self.expr is None:
            return None
        f = self.substitute(self.expr, values)
        if spec.kind == "descent":
            return self._descent_origin(f, values, labels)
        point = tuple((k, parse_number_text(v, values)) for k, v in spec.at.items())
        wrt = labels if spec.kind == "gradient" else (spec.wrt,)
        # Only the parameters of a gradient are candidates for "the wrong variable": x and y are data.
        variables = labels if spec.kind == "gradient" and labels else self.variables
        return Origin(f, tuple(wrt), tuple(variables), point)

    def slip_source(self):
        from ..variant_rules import SlipSource

        spec = self.model.compute
        if spec.kind not in ("partial", "gradient", "central_difference") or self.expr is None:
            return None
        at = {k: self.generic_number(v) for k, v in spec.at.items()}
        if spec.kind == "gradient":
            components = tuple(spec.wrt) if isinstance(spec.wrt, list) else self.variables
            variables = components
        else:
            components, variables = (spec.wrt,), self.variables
        names = tuple(f"∂{self.model.function_name}/∂{v}" for v in components)
        return SlipSource(self.expr, components, variables, names, at)

    def _descent_origin(self, loss, values, labels) -> DescentOrigin | None:
        spec = self.model.compute
        try:
            start = tuple(float(parse_number_text(spec.start[n], values)) for n in labels)
            data = tuple((k, tuple(float(parse_number_text(x, values)) for x in xs))
                         for k, xs in (spec.data or {}).items())
            lr = float(parse_number_text(spec.lr, values))
        except (VariantError, KeyError):
            return None
        return DescentOrigin(loss, labels, start, lr, spec.steps, data, self.model.function_name)


def mean_of(origin) -> int:
    """n when the function is written out as a mean of n terms, (t₁ + … + tₙ)/n: a sum is then a slip."""
    if not isinstance(origin, Origin):
        return 0
    terms = sp.Add.make_args(origin.function)  # sympy already spreads a 1/n over the sum
    n = len(terms)
    return n if n > 1 and all(t.as_coeff_Mul()[0] == sp.Rational(1, n) for t in terms) else 0

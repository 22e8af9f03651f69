"""Randomised variants: draw each param from its spec, deterministically for a seed, until `where` holds.

Values become exact fractions substituted into the parsed expressions as symbols, never pasted
into text. Conditions (`a != b`, `a*c > 2`) are read with the same safe parser.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from fractions import Fraction

from tutor.core.maths.errors import MathsError

from .models import ParamSpec

MAX_DRAWS = 200
_PLAIN_NUMBER = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")
_COMPARISON = re.compile(r"(==|!=|<=|>=|<|>|≠|≤|≥)")


class VariantError(Exception):
    pass


def parse_number_text(value: object, names: Mapping[str, Fraction] | None = None) -> Fraction:
    """A YAML number or a constant expression ('1/2', '2a' with a param) as an exact fraction."""
    if isinstance(value, bool):
        raise VariantError(f"expected a number, got {value!r}")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))  # the decimal as written, not the binary float
    text = str(value).strip()
    # The common cases, read without building an expression (validation reads them per variant):
    # a param's name, or a short plain decimal such as -2.5 (exact, as the parser reads it).
    if names and text in names:
        return names[text]
    if _PLAIN_NUMBER.fullmatch(text):
        return Fraction(text)
    return evaluate_constant(text, names or {})


def evaluate_constant(text: str, names: Mapping[str, Fraction]) -> Fraction:
    import sympy as sp

    from tutor.core.maths.build import build, symbol
    from tutor.core.maths.names import Vocabulary
    from tutor.core.maths.parser import parse

    try:
        value = build(parse(text, Vocabulary(tuple(names))).tree).scalar
    except MathsError as error:
        raise VariantError(f"'{text}': {error}") from error
    value = value.xreplace({symbol(k): sp.Rational(v.numerator, v.denominator) for k, v in names.items()})
    if value.free_symbols:
        raise VariantError(f"'{text}' is not a number")
    if not value.is_Rational:
        from tutor.core.maths.precise import evaluate_precise

        approx = evaluate_precise(value, {})
        if approx is None:
            raise VariantError(f"'{text}' is not a real number")
        import mpmath

        return Fraction(mpmath.nstr(approx, 30, min_fixed=-50, max_fixed=50))
    return Fraction(int(value.p), int(value.q))


def _draw(spec: ParamSpec, rng: random.Random) -> Fraction:
    if spec.randint is not None:
        return Fraction(rng.randint(*spec.randint))
    if spec.choice is not None:
        return parse_number_text(rng.choice(spec.choice))
    lo, hi = spec.uniform  # type: ignore[misc]
    scale = 10**spec.digits
    return Fraction(rng.randint(round(lo * scale), round(hi * scale)), scale)


def condition_holds(condition: str, values: Mapping[str, Fraction]) -> bool:
    parts = _COMPARISON.split(condition)
    if len(parts) != 3:
        raise VariantError(f"'{condition}': write one comparison such as a != b or a*b > 2")
    left, op, right = parts
    a, b = parse_number_text(left, values), parse_number_text(right, values)
    return {
        "==": a == b, "!=": a != b, "≠": a != b, "<": a < b, ">": a > b,
        "<=": a <= b, "≤": a <= b, ">=": a >= b, "≥": a >= b,
    }[op]


def draw_params(params: Mapping[str, ParamSpec], where: list[str], seed: int, key: str = "") -> dict[str, Fraction]:
    """The param values for `seed`; raises VariantError when no draw meets the conditions.

    `key` names the exercise, so two exercises with the same ranges do not show the same numbers.
    """
    if not params:
        for condition in where:
            if not condition_holds(condition, {}):
                raise VariantError(f"the condition '{condition}' is false")
        return {}
    rng = random.Random(f"variant:{key}:{seed}")
    for _ in range(MAX_DRAWS):
        values = {}
        for name, spec in params.items():
            value = _draw(spec, rng)
            tries = 0
            while spec.nonzero and value == 0 and tries < MAX_DRAWS:
                value, tries = _draw(spec, rng), tries + 1
            values[name] = value
        if all(condition_holds(c, values) for c in where):
            return values
    raise VariantError(f"no values met the conditions {where} in {MAX_DRAWS} draws")


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace {name} placeholders for known names only (LaTeX braces like x^{2} stay as they are)."""
    return re.sub(r"\{([A-Za-z_]\w*)\}", lambda m: values.get(m.group(1), m.group(0)), template)

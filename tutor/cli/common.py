"""Small helpers shared by the subcommands: variable lists, points, tolerances, error exits."""

from __future__ import annotations

import sys
from fractions import Fraction

from tutor.core.maths.errors import MathsError


class UsageError(Exception):
    """A command-line value that cannot be used; reported in one line with exit status 2."""


def split_vars(text: str | None) -> tuple[str, ...] | None:
    if not text:
        return None
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    for name in names:
        if not name.isidentifier():
            raise UsageError(f"--vars: '{name}' is not a variable name")
    return names


def point(text: str | None) -> dict[str, Fraction] | None:
    if not text:
        return None
    from tutor.core.maths.calculus import parse_point

    try:
        return parse_point(text)
    except MathsError as error:
        raise UsageError(f"--at: {error}") from error


def number(text: str, flag: str) -> Fraction:
    from tutor.core.maths.calculus import parse_number

    try:
        return parse_number(text)
    except MathsError as error:
        raise UsageError(f"{flag}: {error}") from error


def fail(message: str) -> int:
    print(f"tutor: {message}", file=sys.stderr)
    return 2

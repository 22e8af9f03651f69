"""Small helpers shared by the subcommands: names, points, numbers and counts, and the error exit.

Every value from the command line is checked the same way: a variable name as an answer would
spell it (`__class__` is not one), each name once (`w=0,w=1` is refused, not silently the last),
counts in ASCII digits only (`٣` is not 3), numbers that fit where they go (`--lr 1e309` is too
large for a float), tolerances that are not negative.
"""

from __future__ import annotations

import re
import sys
from fractions import Fraction

from tutor.core.maths.errors import MathsError

from .parser import UsageError

__all__ = ["UsageError", "count", "fail", "float_number", "name", "names", "number", "point", "shown", "split_vars",
           "tolerance_value"]

_DIGITS = re.compile(r"[0-9]+")


def shown(text: str, limit: int = 40) -> str:
    """Text for a message: printable even with undecodable bytes, and cut at `limit` characters."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[:limit] + "…"


def names(text: str | None, flag: str) -> tuple[str, ...] | None:
    """`x,y` as variable names; each must be a name an answer can spell, and appear once."""
    from tutor.core.maths.names import variable_name_problem

    if text is None:
        return None
    found = tuple(n.strip() for n in text.split(","))
    if not any(found):
        raise UsageError(f"{flag}: give names such as x,y")
    seen: set[str] = set()
    for name in found:
        problem = variable_name_problem(name)
        if problem:
            raise UsageError(f"{flag}: {problem}")
        if name in seen:
            raise UsageError(f"{flag}: {name} is given twice")
        seen.add(name)
    return found


def split_vars(text: str | None, flag: str = "--vars") -> tuple[str, ...] | None:
    return names(text, flag) if text else None


def name(text: str | None, flag: str) -> str | None:
    """One variable name (--wrt), checked like any variable."""
    from tutor.core.maths.names import variable_name_problem

    if text is None:
        return None
    problem = variable_name_problem(text.strip())
    if problem:
        raise UsageError(f"{flag}: {problem}")
    return text.strip()


def point(text: str | None, flag: str = "--at") -> dict[str, Fraction] | None:
    if not text:
        return None
    from tutor.core.maths.calculus import parse_point

    try:
        return parse_point(text)
    except MathsError as error:
        raise UsageError(f"{flag}: {error}") from error


def number(text: str, flag: str) -> Fraction:
    from tutor.core.maths.calculus import parse_number

    try:
        return parse_number(text)
    except MathsError as error:
        raise UsageError(f"{flag}: {error}") from error


def float_number(text: str, flag: str) -> float:
    """A number that must fit a float64 (a learning rate, a step h, a start value)."""
    value = number(text, flag)
    try:
        return float(value)
    except OverflowError:
        raise UsageError(f"{flag}: '{shown(text.strip())}' is too large (the largest float is about 1.8e308)") from None


def tolerance_value(text: str, flag: str) -> Fraction:
    """A tolerance: a number that is not negative."""
    value = number(text, flag)
    if value < 0:
        raise UsageError(f"{flag}: a tolerance cannot be negative ({shown(text.strip())})")
    return value


def count(text: str, flag: str, low: int, high: int) -> int:
    """A whole number from `low` to `high`, in ASCII digits (int() would also read '٣' and '1_0')."""
    text = text.strip()
    if not _DIGITS.fullmatch(text):
        raise UsageError(f"{flag}: expected a whole number, got '{shown(text)}'")
    if len(text) > 30 or not low <= int(text) <= high:
        raise UsageError(f"{flag}: expected a whole number from {low:,} to {high:,}, got {shown(text)}")
    return int(text)


def fail(message: str) -> int:
    print(f"tutor: {message}", file=sys.stderr, flush=True)
    return 2

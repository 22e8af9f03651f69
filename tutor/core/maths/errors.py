"""Errors the maths engine reports to people: each carries a column and a plain-English message."""

from __future__ import annotations


class MathsError(Exception):
    """Base of every error the engine raises on purpose (never a bug)."""


class ParseError(MathsError):
    """Text that could not be read as an expression.

    `column` is 1-based (what a person counts); `expected` says what would have fitted there.
    """

    def __init__(self, message: str, column: int | None = None, expected: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.expected = expected

    def __str__(self) -> str:
        where = f"column {self.column}: " if self.column is not None else ""
        return f"{where}{self.message}"


class LimitError(ParseError):
    """Input refused because it is over one of the safety limits (length, depth, size...)."""

    def __init__(self, message: str, limit: str, column: int | None = None) -> None:
        super().__init__(message, column)
        self.limit = limit


class UnknownNameError(ParseError):
    """A name that is neither a variable of the exercise nor a known function or constant."""

    def __init__(self, name: str, column: int, known: tuple[str, ...], suggestion: str | None) -> None:
        listed = ", ".join(known) if known else "no variables"
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        super().__init__(f"unknown name '{name}'.{hint} This exercise knows: {listed}.", column)
        self.name = name
        self.known = known
        self.suggestion = suggestion


class EvaluationError(MathsError):
    """An expression that parsed but cannot be built or evaluated (division by zero, too large...)."""

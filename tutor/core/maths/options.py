"""What a check is asked to do: the mode, the tolerance for numbers, domains, budgets and limits."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from .errors import MathsError
from .limits import DEFAULT_LIMITS, Limits
from .sampling import Domain
from .verdict import format_number

Mode = Literal["expression", "derivative", "gradient", "number"]
Form = Literal["any", "simplified", "expanded", "factored"]


@dataclass(frozen=True)
class Origin:
    """Where a number comes from (a partial derivative or a gradient at a point), so a wrong number
    can be matched with the slips that give it."""

    function: object                           # the sympy function differentiated
    wrt: tuple[str, ...]                       # the variable of each component
    variables: tuple[str, ...]                 # the variables a slip may differentiate by or let move
    at: tuple[tuple[str, Fraction], ...]


@dataclass(frozen=True)
class DescentOrigin:
    """Numbers that are the parameters after gradient descent: the slips of a step, run the same way."""

    loss: object                               # the sympy loss of one data row, params put in
    names: tuple[str, ...]
    start: tuple[float, ...]
    lr: float
    steps: int
    data: tuple[tuple[str, tuple[float, ...]], ...] = ()
    function_name: str = "L"


@dataclass(frozen=True)
class Known:
    """A typical wrong answer an author names: its diagnosis code, its value(s), what to tell."""

    code: str
    values: tuple[object, ...]                 # sympy values, one per component
    message: str


@dataclass(frozen=True)
class Tolerance:
    """How far a number may be from the expected one: absolute, relative (to the expected), or both."""

    absolute: Fraction | None = None
    relative: Fraction | None = None

    def accepts(self, got, expected) -> bool:
        """Exact arithmetic when both are fractions (1.05 vs 1 at 0.05 is inside), else 60 digits."""
        if isinstance(got, Fraction) and isinstance(expected, Fraction):
            return self._accepts(got, expected, self.absolute, self.relative, exact=True)
        import mpmath

        with mpmath.workdps(60):
            def mp(v):
                return mpmath.mpf(v.numerator) / v.denominator if isinstance(v, Fraction) else v

            return self._accepts(mp(got), mp(expected), self.absolute and mp(self.absolute),
                                 self.relative and mp(self.relative), exact=False)

    @staticmethod
    def _accepts(got, expected, absolute, relative, exact: bool) -> bool:
        diff = abs(got - expected)
        if absolute is not None and diff <= absolute:
            return True
        if relative is not None and diff <= relative * abs(expected):
            return True
        if absolute is None and relative is None:
            return diff == 0 if exact else bool(diff <= 1e-30 * max(abs(got), abs(expected)) or diff <= 1e-40)
        return False

    def describe(self) -> str:
        parts = []
        if self.absolute is not None:
            parts.append(f"±{format_number(self.absolute)}")
        if self.relative is not None:
            parts.append(f"±{format_number(self.relative * 100)}%")
        return " or ".join(parts) or "exact"


@dataclass(frozen=True)
class CheckOptions:
    mode: Mode = "expression"
    wrt: str | None = None                       # derivative mode: differentiate by this variable
    at: tuple[tuple[str, Fraction], ...] = ()    # derivative/gradient: the value at this point
    tolerance: Tolerance | None = None           # number comparisons; None means exact
    domains: tuple[tuple[str, Domain], ...] = ()
    seed: int = 0
    function_name: str = "f"
    labels: tuple[str, ...] = ()  # names of a vector's components (w, b), if they have names
    names: tuple[str, ...] = ()   # how messages name the components (∂L/∂w), when not the labels
    mean_of: int = 0              # the function is a mean over this many data points (MSE): names a sum
    origin: Origin | DescentOrigin | None = None  # number mode: what the number is, to name a slip
    known: tuple[Known, ...] = ()  # typical wrong answers the author names (checked first)
    form: Form = "any"            # expression mode: the form a right answer must have
    given: object = None          # the expression the learner is asked to simplify (sympy), if any
    simplest: int = 0             # form "simplified": the parts (numbers, names, operations) of the simplest form
    # What a name outside `variables` is in an answer: an error (exercises), single-letter variables
    # ("split": xy is x·y), or one variable however long ("whole", as a CAS reads it).
    unknown_names: Literal["error", "split", "whole"] = "error"
    allow_diff: bool = False     # diff(...) may appear in the answer
    confirm_budget: float = 0.05  # seconds the worker gets when the numbers already decided
    decide_budget: float = 1.5    # seconds it gets when the numbers cannot decide
    limits: Limits = DEFAULT_LIMITS


class ReferenceError_(MathsError):
    """The reference (the teacher's side) is broken: a lesson or command-line error, not the learner's."""

"""What a check returns: the verdict, how it was decided, and what to tell the learner."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

Status = Literal["correct", "incorrect", "invalid"]
Method = Literal["symbolic", "numeric", "tolerance", "parse", "choice", "form"]


@dataclass(frozen=True)
class Diagnosis:
    """A named, typical mistake the wrong answer matches, explained in a sentence."""

    code: str
    message: str


@dataclass(frozen=True)
class ShownPoint:
    """A counterexample ready to show: values as short text ('undefined' where there is none)."""

    point: tuple[tuple[str, str], ...]
    answer: str
    expected: str
    component: int | None = None  # 1-based component of a vector answer

    def where(self) -> str:
        return ", ".join(f"{n} = {v}" for n, v in self.point)


@dataclass(frozen=True)
class ShownSlope:
    """Evidence a learner can check: how fast f changes along one variable at the counterexample,
    computed numerically (a central difference), beside what the learner's formula gives there."""

    wrt: str
    point: tuple[tuple[str, str], ...]
    value: str     # the numerical slope, to three decimals: "12.000"
    answer: str    # the learner's formula there

    def sentence(self, name: str) -> str:
        """Said right after the counterexample, so "there" is its point."""
        return (f"Numerically, {name} changes at {self.value} per unit of {self.wrt} there; "
                f"your formula gives {self.answer}.")


@dataclass(frozen=True)
class Verdict:
    status: Status
    method: Method | None
    message: str
    interpreted: str | None = None
    notes: tuple[str, ...] = ()
    counterexample: ShownPoint | None = None
    diagnosis: Diagnosis | None = None
    column: int | None = None       # where an invalid answer went wrong (1-based)
    components: tuple[Status, ...] = ()  # per component of a vector answer
    ms: float = 0.0
    slope: ShownSlope | None = None  # a wrong derivative: f's numerical slope at the counterexample

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def to_json(self) -> dict:
        ce = self.counterexample
        return {
            "verdict": self.status,
            "method": self.method,
            "message": self.message,
            "diagnosis": self.diagnosis.code if self.diagnosis else None,
            "interpreted": self.interpreted,
            "ms": round(self.ms, 3),
            "counterexample": None if ce is None else {
                "at": dict(ce.point), "answer": ce.answer, "expected": ce.expected, "component": ce.component,
            },
            "column": self.column,
            "notes": list(self.notes),
            "slope": None if self.slope is None else {
                "wrt": self.slope.wrt, "at": dict(self.slope.point), "value": self.slope.value,
                "answer": self.slope.answer,
            },
        }


def timed(verdict: Verdict, ms: float) -> Verdict:
    from dataclasses import replace

    return replace(verdict, ms=ms)


def sentence(text: str) -> str:
    """A message as a sentence: capital first letter, a full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


# Words a diagnosis starts with that read in lower case after "In ∂f/∂y: " (a name such as L stays).
_OPENERS = frozenset({"A", "An", "Only", "Off", "That", "The", "You", "Your", "Close", "Equal", "In"})


def in_part(part: str, message: str) -> str:
    """A message about one component: "In ∂f/∂y: the power rule …", the sentence going on after the colon."""
    first = message.split(" ", 1)[0].rstrip(",:")
    if first in _OPENERS:
        message = message[0].lower() + message[1:]
    return f"In {part}: {message}"


def format_number(value) -> str:
    """A number as a learner would write it: 4, −1/2, 0.333333, 1.5e+12; 'undefined' for None."""
    if value is None:
        return "undefined"
    if isinstance(value, Fraction):
        frac = value
    else:
        import mpmath

        if abs(value) >= 10**15:
            return _decimal(mpmath.nstr(value, 6))
        with mpmath.workdps(60):
            try:
                frac = Fraction(mpmath.nstr(value, 50, min_fixed=-100, max_fixed=100)).limit_denominator(1000)
            except (ValueError, ZeroDivisionError):
                return str(value)
            if abs(value - mpmath.mpf(frac.numerator) / frac.denominator) > 1e-30 * max(1, abs(value)):
                return _decimal(mpmath.nstr(value, 6))
    if frac.denominator == 1:
        if abs(frac.numerator) >= 10**15:
            return _float_text(frac)
        return _minus(str(frac.numerator))
    decimal = _short_decimal(frac) if abs(frac) < 10**15 else None
    if decimal is not None:
        return _minus(decimal)
    if frac.denominator <= 1000 and abs(frac.numerator) < 10**6:
        return _minus(f"{frac.numerator}/{frac.denominator}")
    return _float_text(frac)


def _float_text(frac: Fraction) -> str:
    """Six significant digits; past float64's range through mpmath (str() of a 5000-digit integer
    is refused by Python, and float() of it overflows)."""
    if frac == 0 or 1e-300 < abs(frac) < 1e300:
        return _decimal(f"{float(frac):.6g}")
    import mpmath

    with mpmath.workdps(30):
        return _decimal(mpmath.nstr(mpmath.mpf(frac.numerator) / frac.denominator, 6))


def _short_decimal(frac: Fraction) -> str | None:
    """0.5, −0.01, 1.25: a fraction whose decimal ends within six places, written as that decimal."""
    q = frac.denominator
    for p in (2, 5):
        while q % p == 0:
            q //= p
    if q != 1:
        return None
    text = f"{float(frac):.6f}".rstrip("0").rstrip(".")
    return text if Fraction(text) == frac else None


def format_pair(answer, expected) -> tuple[str, str]:
    """Both values, with enough digits that two different numbers never print the same."""
    a, e = format_number(answer), format_number(expected)
    if answer is None or expected is None or _looks_different(a, e):
        return a, e
    import mpmath

    exact_a, exact_e = _exact(a), _exact(e)
    for digits in (10, 15, 20, 30):
        if not exact_a:
            a = _minus(mpmath.nstr(answer, digits))
        if not exact_e:
            e = _minus(mpmath.nstr(expected, digits))
        if _looks_different(a, e):
            return a, e
    # Equal to 30 digits: say how far apart they are instead (x + e^(−200) against x).
    with mpmath.workdps(150):
        gap = answer - expected
        sign = "+" if gap > 0 else "−"
        return f"{format_number(expected)} {sign} {_minus(mpmath.nstr(abs(gap), 3))}", format_number(expected)


def _exact(text: str) -> bool:
    return "." not in text and "e" not in text


def _looks_different(a: str, e: str) -> bool:
    def norm(t: str) -> str:
        return t.rstrip("0").rstrip(".") if "." in t and "e" not in t else t

    return norm(a) != norm(e)


def _minus(text: str) -> str:
    return "−" + text[1:] if text.startswith("-") else text


def _decimal(text: str) -> str:
    return _minus(text)


@dataclass(frozen=True)
class Reference:
    """What the answer is compared with, named for messages: '∂f/∂x', 'the expected expression'."""

    name: str = "the expected answer"
    component_names: tuple[str, ...] = field(default_factory=tuple)

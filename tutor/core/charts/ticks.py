"""Axis ticks a learner can read: round values 1, 2 or 5 × 10^k apart, labelled as short as the app writes numbers.

plotext labels its own ticks with every digit of the range (4859478203596.8); these are 0, 2e12, 4e12
instead, written by tutor.core.descent.trace.show like every other number in the lab.
"""

from __future__ import annotations

import math

from tutor.core.descent.trace import show

Ticks = tuple[tuple[float, ...], tuple[str, ...]]
MAX_DIGITS = 12
PLAIN_UP_TO = 6  # whole numbers below 10^6 are written out, as show() does by default


def nice_step(span: float, count: int) -> float:
    """The smallest round step (1, 2 or 5 × 10^k) that gives at most `count` + 1 ticks over `span`."""
    raw = span / max(count, 1)
    if not math.isfinite(raw) or raw <= 0:
        return 1.0
    base = 10.0 ** math.floor(math.log10(raw))
    return next(m * base for m in (1, 2, 5, 10) if m * base >= raw * (1 - 1e-9))


def linear_ticks(lo: float, hi: float, count: int) -> Ticks:
    """About `count` round values between lo and hi, with labels that tell neighbours apart."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return (), ()
    step = nice_step(hi - lo, count)
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    if last - first > 4 * count:  # the range is too narrow for floats to tell the ticks apart
        return (lo, hi), (label(lo, 6), label(hi, 6))
    values = tuple(k * step for k in range(first, last + 1))
    return values, labels(values, step)


def labels(values: tuple[float, ...], step: float) -> tuple[str, ...]:
    """Labels with the significant digits that the step needs (1e12, 2e12; 1.00001, 1.00002)."""
    biggest = max((abs(v) for v in values), default=0.0)
    if biggest == 0:
        return tuple("0" for _ in values)
    top = math.floor(math.log10(biggest))
    digits = top - math.floor(math.log10(step)) + 1
    if top < PLAIN_UP_TO:
        digits = max(digits, top + 1)  # 1000 rather than 1e3, as show() writes it
    digits = min(max(digits, 1), MAX_DIGITS)
    return tuple(label(v, digits, step) for v in values)


def label(value: float, digits: int = 3, step: float | None = None) -> str:
    if step is not None and abs(value) < step * 1e-6:
        return "0"  # k × step lands on 1e-17 instead of 0
    return show(value, digits)


def decade_ticks(lo: float, hi: float, room: int) -> Ticks:
    """On a log axis (limits given as exponents): whole decades 1e-8, 0.01, 1, 100, 1e6, at most `room`.

    Less than two decades in view: round values between them instead (2, 3, 4, 5), placed at their logs.
    """
    decades = list(range(math.ceil(lo - 1e-9), math.floor(hi + 1e-9) + 1))
    if len(decades) >= 2:
        decades = decades[:: max(1, math.ceil(len(decades) / max(room, 2)))]
        return tuple(float(d) for d in decades), tuple(_decade(d) for d in decades)
    values, names = linear_ticks(10.0 ** lo, 10.0 ** hi, max(room, 2))
    kept = [(math.log10(v), n) for v, n in zip(values, names) if v > 0]
    return tuple(p for p, _ in kept), tuple(n for _, n in kept)


def integer_ticks(lo: float, hi: float, count: int) -> Ticks:
    """Whole-number ticks 1, 2 or 5 × 10^k apart (steps of a descent)."""
    step = max(int(nice_step(max(hi - lo, 1.0), count)), 1)
    first = math.ceil(lo / step) * step
    values = tuple(float(v) for v in range(int(first), int(hi) + 1, step))
    return values, tuple(str(int(v)) for v in values)


def _decade(d: int) -> str:
    return {0: "1", 1: "10", 2: "100", -1: "0.1", -2: "0.01"}.get(d, f"1e{d}".replace("-", "−"))


"""Where answers are compared: deterministic sample points in each variable's domain.

Points mix signs and sizes, whole numbers, halves and generic decimals, because each catches
different wrong answers ((a^b)^c differs from a^(bc) only at some negative bases). The first points
are small whole numbers, so the counterexample a learner is shown is one they can check by hand.
All values are exact fractions: the float test and the 60-digit test see the same point.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

import numpy as np

# Simple points first: readable counterexamples. Column j is used for the j-th variable.
_SIMPLE = (
    (1, 2, 3, -1), (2, -1, 1, 2), (-1, 3, -2, 1), (3, 1, -1, -2), (-2, -3, 2, 3),
    (Fraction(1, 2), Fraction(-3, 2), Fraction(5, 2), Fraction(1, 2)),
)


@dataclass(frozen=True)
class Domain:
    """Where a variable lives: an open interval (None = unbounded), optionally whole numbers only."""

    low: Fraction | None = None
    high: Fraction | None = None
    integer: bool = False

    def contains(self, v: Fraction) -> bool:
        if self.low is not None and v <= self.low:
            return False
        if self.high is not None and v >= self.high:
            return False
        return not self.integer or v.denominator == 1

    def describe(self) -> str:
        lo = "−∞" if self.low is None else str(self.low)
        hi = "∞" if self.high is None else str(self.high)
        return f"({lo}, {hi})" + (" whole numbers" if self.integer else "")


ANYWHERE = Domain()


def _rng(seed: int, name: str) -> np.random.Generator:
    return np.random.default_rng([seed & 0xFFFFFFFF, zlib.crc32(name.encode())])


def _random_value(rng: np.random.Generator, domain: Domain) -> Fraction:
    lo, hi = domain.low, domain.high
    if domain.integer:
        a = int(lo) + 1 if lo is not None else -12
        b = int(hi) - (1 if hi == int(hi) else 0) if hi is not None else 12
        if lo is not None and hi is None:
            b = a + 24
        if hi is not None and lo is None:
            a = b - 24
        return Fraction(int(rng.integers(a, b + 1))) if a <= b else Fraction(a)
    if lo is not None and hi is not None:
        # Three decimals strictly inside; never an endpoint.
        span = hi - lo
        t = Fraction(int(rng.integers(1, 1000)), 1000)
        return lo + span * t
    kind = rng.random()
    if kind < 0.3:
        v = Fraction(int(rng.integers(1, 5)))
    elif kind < 0.5:
        v = Fraction(2 * int(rng.integers(0, 4)) + 1, 2)
    elif kind < 0.9:
        v = Fraction(int(rng.integers(1, 5000)), 1000)
    else:
        v = Fraction(int(rng.integers(600, 1200)), 100)
    if lo is not None:
        return lo + v
    if hi is not None:
        return hi - v
    return v if rng.random() < 0.5 else -v


def _simple_value(i: int, j: int, domain: Domain) -> Fraction | None:
    v = Fraction(_SIMPLE[i][j % 4])
    if domain.contains(v):
        return v
    if domain.low is not None and domain.high is not None and not domain.integer:
        candidates = [Fraction(1, 2), Fraction(1, 4), Fraction(3, 4), Fraction(1, 3)]
        return domain.low + (domain.high - domain.low) * candidates[i % len(candidates)]
    return None


@lru_cache(maxsize=4096)
def _column(seed: int, count: int, name: str, index: int, domain: Domain) -> tuple[Fraction, ...]:
    """One variable's sample values: the same for every exercise with this seed, name and domain."""
    rng = _rng(seed, name)
    values: list[Fraction] = []
    for i in range(count):
        v = _simple_value(i, index, domain) if i < len(_SIMPLE) else None
        values.append(v if v is not None else _random_value(rng, domain))
    return tuple(values)


@dataclass
class PointSet:
    """Sample points for a set of variables: exact values and the same values as float arrays."""

    seed: int = 0
    count: int = 48
    domains: Mapping[str, Domain] = field(default_factory=dict)
    columns: dict[str, list[Fraction]] = field(default_factory=dict)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)

    def ensure(self, names: Iterable[str]) -> PointSet:
        """Add columns for any variable not sampled yet (the answer may use a name the reference lacks)."""
        for name in names:
            if name not in self.columns:
                self.columns[name] = self._column(name, len(self.columns))
                self.arrays[name] = np.array([float(v) for v in self.columns[name]])
        return self

    def _column(self, name: str, index: int) -> list[Fraction]:
        return list(_column(self.seed, self.count, name, index, self.domains.get(name, ANYWHERE)))

    def point(self, i: int, names: Iterable[str]) -> dict[str, Fraction]:
        return {n: self.columns[n][i] for n in names}

    def env(self) -> dict[str, np.ndarray]:
        return self.arrays

"""Series thinned to what a screen can show: one point per dot, per column the extremes, every k-th point.

Coordinates are normalised to the view (the unit square); `dots` is the resolution the points are
drawn at (a braille character holds 2 × 4 dots). The cost of a line is what plotext will draw for
it: every dot between two consecutive points.
"""

from __future__ import annotations

import math

import numpy as np

Dots = tuple[int, int]


def unique_dots(u: np.ndarray, v: np.ndarray, dots: Dots) -> np.ndarray:
    """Indices of the first point in every dot (finite points only)."""
    ok = np.flatnonzero(np.isfinite(u) & np.isfinite(v))
    if ok.size == 0:
        return ok
    cells = _cells(u[ok], v[ok], dots)
    _, first = np.unique(cells[0] * (dots[1] + 2) + cells[1], return_index=True)
    return ok[np.sort(first)]


def column_extremes(u: np.ndarray, v: np.ndarray, columns: int) -> np.ndarray:
    """For x increasing: per dot column, the first, lowest, highest and last point (M4), in order.

    A 10 000-step loss keeps every spike a 100-column chart can show, in at most 4 points a column.
    """
    n = len(u)
    if n <= 4 * columns or not np.all(np.diff(u) >= 0) or not np.all(np.isfinite(v)):
        return np.arange(n)
    col = np.floor(u * columns).astype(np.int64)
    starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]])
    ends = np.r_[starts[1:], n] - 1
    order = np.lexsort((v, col))  # by column, then by value: a group's first is its lowest
    return np.unique(np.concatenate([starts, ends, order[starts], order[ends]]))


def strided(n: int, k: int) -> np.ndarray:
    """Every k-th index, and always the last."""
    idx = np.arange(0, n, max(k, 1))
    return idx if n == 0 or idx[-1] == n - 1 else np.r_[idx, n - 1]


def without_repeats(u: np.ndarray, v: np.ndarray, dots: Dots) -> tuple[np.ndarray, np.ndarray]:
    """Drop a point in the same dot as the point before it (NaN separators kept)."""
    if len(u) < 2:
        return u, v
    cu, cv = _cells(u, v, dots)
    same = np.r_[False, (cu[1:] == cu[:-1]) & (cv[1:] == cv[:-1]) & np.isfinite(u[1:]) & np.isfinite(u[:-1])]
    return u[~same], v[~same]


def ink(u: np.ndarray, v: np.ndarray, dots: Dots) -> int:
    """The dots plotext fills for this line: each segment's longer side, plus one per piece."""
    if len(u) == 0:
        return 0
    cu, cv = _cells(u, v, dots)
    finite = np.isfinite(u) & np.isfinite(v)
    pair = finite[1:] & finite[:-1]
    steps = np.maximum(np.abs(np.diff(cu)), np.abs(np.diff(cv)))[pair]
    pieces = int(np.count_nonzero(finite & ~np.r_[False, pair]))
    return int(steps.sum()) + pieces


def _cells(u: np.ndarray, v: np.ndarray, dots: Dots) -> tuple[np.ndarray, np.ndarray]:
    """Dot indices; NaN goes to −1 (never equal to a real dot's index after the clip to [0, 1])."""
    w, h = dots
    with np.errstate(invalid="ignore"):
        cu = np.where(np.isfinite(u), np.floor(np.clip(u, 0, 1) * (w - 1e-9)), -1).astype(np.int64)
        cv = np.where(np.isfinite(v), np.floor(np.clip(v, 0, 1) * (h - 1e-9)), -1).astype(np.int64)
    return cu, cv


def stride_for(cost: int, allowed: int) -> int:
    return max(1, math.ceil(cost / max(allowed, 1)))

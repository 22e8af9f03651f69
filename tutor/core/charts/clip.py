"""Polylines cut to the view (Liang–Barsky), so a line towards a far-away point is drawn only where it is seen.

Coordinates here are normalised: the view is the unit square [0, 1]². plotext joins two points
cell by cell over the whole range between them, so a diverging point handed to it unclipped costs
millions of cells; cut to the square, a segment costs at most the chart's width or height.
"""

from __future__ import annotations

import numpy as np

# A crossing point computed from endpoints this many view widths away has lost its precision
# (float64 keeps 16 digits): a far end is pulled in along its segment, two far ends are not drawn.
FAR = 1e12


def normalised(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """(values − lo) / (hi − lo); NaN where a value is not finite or overflows."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        out = (np.asarray(values, dtype=float) - lo) / (hi - lo)
    out[~np.isfinite(out)] = np.nan
    return out


def inside(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Which points lie in the unit square (edges included)."""
    with np.errstate(invalid="ignore"):
        return (u >= 0) & (u <= 1) & (v >= 0) & (v <= 1)


def clip_polyline(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The polyline's visible parts, joined where they meet and separated by NaN where they do not.

    A NaN in the input breaks the line; a lone finite point inside the square is kept as a dot.
    """
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    n = len(u)
    if n == 0:
        return np.empty(0), np.empty(0)
    finite = np.isfinite(u) & np.isfinite(v)
    x0, y0, x1, y1 = u[:-1].copy(), v[:-1].copy(), u[1:].copy(), v[1:].copy()
    valid = finite[:-1] & finite[1:]
    valid &= _pull_in(x0, y0, x1, y1) & _pull_in(x1, y1, x0, y0)
    with np.errstate(all="ignore"):  # segments left out (not valid) may overflow: their values are unused
        t0, t1, seen = _liang_barsky(x0, y0, x1, y1)
        seen &= valid
        dx, dy = x1 - x0, y1 - y0
        ax, ay = x0 + t0 * dx, y0 + t0 * dy
        bx, by = x0 + t1 * dx, y0 + t1 * dy
    # A segment starts a new piece unless the one before was seen and ends where this one starts.
    before = np.r_[False, seen[:-1] & (t1[:-1] >= 1)]
    new = seen & ~(before & (t0 <= 0))
    idx = np.flatnonzero(seen)
    starts = new[idx]
    sizes = np.where(starts, 3, 1)  # NaN, start, end — or only the end
    offsets = np.cumsum(sizes) - sizes
    out_u, out_v = np.full(int(sizes.sum()), np.nan), np.full(int(sizes.sum()), np.nan)
    first = offsets[starts]
    out_u[first + 1], out_v[first + 1] = ax[idx[starts]], ay[idx[starts]]
    last = offsets + sizes - 1
    out_u[last], out_v[last] = bx[idx], by[idx]
    lone = _lone_points(u, v, finite, valid)
    if lone.size:
        out_u = np.concatenate([out_u, *([np.nan, u[i]] for i in lone)])
        out_v = np.concatenate([out_v, *([np.nan, v[i]] for i in lone)])
    if out_u.size and np.isnan(out_u[0]):
        out_u, out_v = out_u[1:], out_v[1:]
    return out_u, out_v


def _pull_in(ax: np.ndarray, ay: np.ndarray, bx: np.ndarray, by: np.ndarray) -> np.ndarray:
    """Move far ends b towards a (in place) to FAR along the segment; False where that cannot be done."""
    with np.errstate(all="ignore"):
        far_b = np.maximum(np.abs(bx), np.abs(by)) > FAR
        far_a = np.maximum(np.abs(ax), np.abs(ay)) > FAR
        dx, dy = bx - ax, by - ay
        length = np.maximum(np.abs(dx), np.abs(dy))
        scale = np.where(far_b & ~far_a, FAR / np.where(length > 0, length, 1.0), 1.0)
        bx[:] = np.where(far_b & ~far_a, ax + dx * scale, bx)
        by[:] = np.where(far_b & ~far_a, ay + dy * scale, by)
    ok = ~(far_a & far_b) & np.isfinite(bx) & np.isfinite(by)
    return ok


def _liang_barsky(x0, y0, x1, y1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parameters t0 ≤ t1 of the part of each segment inside the unit square, and whether there is one."""
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = np.zeros_like(x0), np.ones_like(x0)
    seen = np.ones(x0.shape, dtype=bool)
    with np.errstate(all="ignore"):
        for p, q in ((-dx, x0), (dx, 1 - x0), (-dy, y0), (dy, 1 - y0)):
            parallel = p == 0
            seen &= ~(parallel & (q < 0))
            r = q / np.where(parallel, 1.0, p)
            t0 = np.where(~parallel & (p < 0), np.maximum(t0, r), t0)
            t1 = np.where(~parallel & (p > 0), np.minimum(t1, r), t1)
    seen &= t0 <= t1
    seen &= np.isfinite(t0) & np.isfinite(t1)
    return t0, t1, seen


def _lone_points(u: np.ndarray, v: np.ndarray, finite: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Finite points inside the square with no drawable segment on either side."""
    left = np.r_[False, valid]
    right = np.r_[valid, False]
    return np.flatnonzero(finite & ~left & ~right & inside(u, v))

"""Contour levels of a gridded surface as scattered points, and heat-map bins: pure numpy."""

from __future__ import annotations

import numpy as np


def levels_for(z: np.ndarray, count: int) -> tuple[float, ...]:
    """`count` levels at evenly spaced quantiles of the finite values: rings spread over the view."""
    finite = z[np.isfinite(z)]
    if finite.size == 0 or count < 1:
        return ()
    qs = np.linspace(0.04, 0.8, count) if count > 1 else np.array([0.3])
    return tuple(sorted(set(float(v) for v in np.quantile(finite, qs))))


def crossings(xs: np.ndarray, ys: np.ndarray, z: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Points where the surface crosses `level` along grid rows and columns (linear interpolation)."""
    d = z - level
    out_x, out_y = [], []
    # Along rows: between (i, j) and (i + 1, j).
    a, b = d[:, :-1], d[:, 1:]
    hit = np.isfinite(a) & np.isfinite(b) & (a * b <= 0) & (a != b)
    j, i = np.nonzero(hit)
    t = a[j, i] / (a[j, i] - b[j, i])
    out_x.append(xs[i] + t * (xs[i + 1] - xs[i]))
    out_y.append(ys[j])
    # Along columns: between (i, j) and (i, j + 1).
    a, b = d[:-1, :], d[1:, :]
    hit = np.isfinite(a) & np.isfinite(b) & (a * b <= 0) & (a != b)
    j, i = np.nonzero(hit)
    t = a[j, i] / (a[j, i] - b[j, i])
    out_x.append(xs[i])
    out_y.append(ys[j] + t * (ys[j + 1] - ys[j]))
    return np.concatenate(out_x), np.concatenate(out_y)


def bins(z: np.ndarray, edges: tuple[float, ...]) -> np.ndarray:
    """The bin of every cell: 0 below edges[0], k between edges[k-1] and edges[k]; −1 where undefined."""
    out = np.searchsorted(np.asarray(edges), np.where(np.isfinite(z), z, 0.0), side="right")
    return np.where(np.isfinite(z), out, -1)

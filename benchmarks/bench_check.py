"""Answer-check latency: the tutor's checker against the naive way (parse_expr + simplify).

Run: python benchmarks/bench_check.py [--repeat 5]

Items: the STACK conformance rows (AlgEquiv, Diff, NumRelative, NumAbsolute) and a set of derivative
answers to the course's functions (each right answer as sympy prints it, and the typical wrong
answers generated from the function). Every item is checked once to warm caches (a learner's
exercise is prepared when it opens), then timed `--repeat` times; an item's figure is its median.
The naive way reads the same text with sympy's parse_expr and calls simplify(a - b) == 0; it is
given 10 s per item (an item that runs out is counted at 10 s). Budgets (DESIGN.md, a check with
its diagnosis): p50 ≤ 2 ms, p99 ≤ 20 ms, max ≤ 500 ms. Also times the pathological inputs of
tests/core/test_robustness.py (held to the same 500 ms each).
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conformance import stack  # noqa: E402
from tests.core.test_robustness import PATHOLOGICAL  # noqa: E402
from tutor.core.maths.build import build, symbol  # noqa: E402
from tutor.core.maths.calculus import parse_function  # noqa: E402
from tutor.core.maths.check import CheckOptions, check  # noqa: E402
from tutor.core.maths.mistakes import derivative_mistakes  # noqa: E402
from tutor.core.maths.render import render  # noqa: E402
from tutor.core.maths.worker import default_worker  # noqa: E402

FUNCTIONS = [
    ("x^2 + 3y", "x"), ("x^2 + 3y", "y"), ("x^2 + xy + y^2", "x"), ("x^2 + xy + y^2", "y"),
    ("(wx + b - y)^2", "w"), ("(wx + b - y)^2", "b"), ("x^2 + y^2", "x"), ("3x^2y + 2y", "x"),
    ("3x^2y + 2y", "y"), ("x^2 - y^2", "y"), ("1/(1 + e^(-(wx + b)))", "w"), ("ln(1 + e^(wx))", "w"),
    ("tanh(wx + b)", "b"), ("-(y ln(p) + (1 - y) ln(1 - p))", "p"), ("e^(wx + b)", "w"),
    ("((2w + b - 4)^2 + (w + b - 2)^2)/2", "w"), ("sin(xy)", "x"), ("x e^(xy)", "y"),
    ("sqrt(x^2 + y^2)", "x"), ("(x^2 + 1)/(x - y)", "x"),
]

NAIVE_TIMEOUT = 10.0


def derivative_items() -> list[tuple[str, str, str]]:
    items = []
    for text, wrt in FUNCTIONS:
        tree, variables = parse_function(text)
        f = build(tree).scalar
        items.append((render(f.diff(symbol(wrt))), text, wrt))
        for mistake in derivative_mistakes(f, symbol(wrt), tuple(symbol(v) for v in variables))[:6]:
            items.append((render(mistake.expr), text, wrt))
    return items


def time_tutor(items, repeat: int) -> tuple[list[float], list[float]]:
    """(first call of each item, including preparing its exercise; median of the warm calls)."""
    cold, timings = [], []
    for fn in items:
        started = time.perf_counter()
        fn()  # the first check also prepares the exercise (the app does this when it opens)
        cold.append(time.perf_counter() - started)
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - started)
        timings.append(statistics.median(runs))
    return cold, timings


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def naive(answer: str, reference: str, wrt: str | None) -> float:
    """parse_expr + simplify on trusted benchmark text (never on a learner's text in the product)."""
    import sympy
    from sympy.parsing.sympy_parser import (implicit_multiplication_application, parse_expr,
                                            standard_transformations, convert_xor)

    transformations = standard_transformations + (implicit_multiplication_application, convert_xor)
    started = time.perf_counter()
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, NAIVE_TIMEOUT)
    try:
        a = parse_expr(answer, transformations=transformations)
        r = parse_expr(reference, transformations=transformations)
        if wrt:
            r = sympy.diff(r, sympy.Symbol(wrt))
        sympy.simplify(a - r) == 0
    except _Timeout:
        return NAIVE_TIMEOUT
    except Exception:  # the naive way fails on some inputs: count the time it took to fail
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - started


def summary(name: str, timings: list[float]) -> dict:
    ordered = sorted(timings)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    out = {"name": name, "n": len(ordered), "p50_ms": p(0.5) * 1000, "p99_ms": p(0.99) * 1000,
           "max_ms": ordered[-1] * 1000}
    print(f"{name:<34} n={out['n']:<4} p50 {out['p50_ms']:8.2f} ms   p99 {out['p99_ms']:8.2f} ms   "
          f"max {out['max_ms']:8.1f} ms")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()

    worker = default_worker()
    worker.warm()
    time.sleep(2)  # let the symbolic worker finish starting, as the app does in the background

    rows = stack.rows() if stack.FIXTURES.exists() else []
    derivs = derivative_items()
    tutor_items = [lambda r=r: stack.run(r) for r in rows] + [
        lambda a=a, f=f, w=w: check(a, f, None, CheckOptions(mode="derivative", wrt=w, unknown_names="split"))
        for a, f, w in derivs
    ]
    print(f"{len(rows)} conformance rows, {len(derivs)} derivative answers, repeat {args.repeat}")
    cold, ours = time_tutor(tutor_items, args.repeat)
    results = [summary("tutor check (warm)", ours)]
    first = summary("tutor check (first, with prepare)", cold)

    naive_times = [naive(r.student, r.teacher, r.options if r.test == "Diff" else None) for r in rows]
    naive_times += [naive(a.replace("·", "*").replace("−", "-"), f, w) for a, f, w in derivs]
    results.append(summary("naive parse_expr + simplify", naive_times))
    p50_ratio = results[1]["p50_ms"] / results[0]["p50_ms"]
    p99_ratio = results[1]["p99_ms"] / results[0]["p99_ms"]
    print(f"ratio naive/tutor: p50 {p50_ratio:.1f}x, p99 {p99_ratio:.1f}x "
          f"(naive runs out of time on {sum(t >= NAIVE_TIMEOUT for t in naive_times)} items)")

    hostile = [lambda t=t: check(t, "3x^2y + 2y", ["x", "y"], CheckOptions(mode="derivative", wrt="x"))
               for t in PATHOLOGICAL]
    results.append(summary("pathological inputs (first call)", time_tutor(hostile, 1)[0]))
    results.append(first)
    budgets_ok = results[0]["p50_ms"] <= 2 and results[0]["p99_ms"] <= 20 and results[0]["max_ms"] <= 500
    budgets_ok = budgets_ok and results[2]["max_ms"] <= 500
    print("budgets (p50 ≤ 2 ms, p99 ≤ 20 ms, max ≤ 500 ms; pathological ≤ 500 ms):",
          "met" if budgets_ok else "NOT met")
    if args.json:
        Path(args.json).write_text(json.dumps({"results": results, "ratio_p50": p50_ratio}, indent=2))
    worker.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`tutor numdiff`: the central-difference estimate of a partial derivative, as float64 prints it."""

from __future__ import annotations

import argparse
import json
import math

from .common import UsageError, fail, float_number, name, point, split_vars
from .grad import check_point


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "numdiff",
        help="numerical partial derivative by central differences",
        description="Estimate ∂FUNCTION/∂VAR at a point by (f(v+h) − f(v−h)) / 2h in float64, and print "
        "it (the float's repr) beside the exact value. Exit status 2 when the derivative has no value "
        "there, or f has none at v ± h.",
    )
    p.add_argument("function", metavar="FUNCTION", help='e.g. "x^2 - y^2"')
    p.add_argument("--wrt", metavar="VAR", required=True, help="the variable to differentiate by")
    p.add_argument("--at", metavar="x=1,y=2", required=True, help="the point")
    p.add_argument("--h", metavar="H", default="1e-5", help="the step (default 1e-5)")
    p.add_argument("--vars", metavar="x,y", help="the variables (default: as they first appear)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.maths.calculus import float_value, gradient_check, parse_function
    from tutor.core.maths.errors import MathsError
    from tutor.core.maths.pointvalue import PointError, describe_point
    from tutor.core.maths.render import render

    at = point(args.at)
    wrt = name(args.wrt, "--wrt")
    h = float_number(args.h, "--h")
    if not (h > 0 and math.isfinite(h)):
        raise UsageError("--h: the step must be a positive number")
    try:
        tree, variables = parse_function(args.function, split_vars(args.vars))
    except MathsError as error:
        raise UsageError(f"FUNCTION: {error}") from error
    if wrt not in variables:
        variables = (*variables, wrt)
    check_point(at, variables)
    for key, value in at.items():
        try:
            float_value(value, key)
        except MathsError as error:
            raise UsageError(f"--at: {error}") from error
    try:
        result = gradient_check(tree, at, [wrt], h)[0]
    except PointError as error:
        return _undefined(str(error), args.json)
    except MathsError as error:
        raise UsageError(f"FUNCTION: {error}") from error
    if not math.isfinite(result.estimate):
        moved = describe_point({wrt: at[wrt]})
        return _undefined(f"the central difference has no value: f is undefined or too large at {moved} ± h "
                          f"(h = {h:g}); try a smaller --h", args.json, render(result.exact))
    if args.json:
        print(json.dumps({"estimate": result.estimate, "exact": render(result.exact),
                          "abs_error": _finite(result.abs_error), "h": h}, ensure_ascii=False))
        return 0
    print(f"{result.estimate!r}    (exact: {render(result.exact)}, error {result.abs_error:.3g})")
    return 0


def _undefined(message: str, as_json: bool, exact: str | None = None) -> int:
    if as_json:
        print(json.dumps({"estimate": None, "exact": exact, "abs_error": None, "error": message}, ensure_ascii=False))
    return fail(message)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None

"""`tutor numdiff`: the central-difference estimate of a partial derivative, as float64 prints it."""

from __future__ import annotations

import argparse
import json

from .common import UsageError, fail, number, point, split_vars


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "numdiff",
        help="numerical partial derivative by central differences",
        description="Estimate ∂FUNCTION/∂VAR at a point by (f(v+h) − f(v−h)) / 2h in float64, and print "
        "it (the float's repr) beside the exact value.",
    )
    p.add_argument("function", metavar="FUNCTION", help='e.g. "x^2 - y^2"')
    p.add_argument("--wrt", metavar="VAR", required=True, help="the variable to differentiate by")
    p.add_argument("--at", metavar="x=1,y=2", required=True, help="the point")
    p.add_argument("--h", metavar="H", default="1e-5", help="the step (default 1e-5)")
    p.add_argument("--vars", metavar="x,y", help="the variables (default: as they first appear)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.maths.calculus import gradient_check, parse_function
    from tutor.core.maths.errors import MathsError
    from tutor.core.maths.render import render

    try:
        at = point(args.at)
        h = float(number(args.h, "--h"))
        if not h > 0:
            raise UsageError("--h: the step must be positive")
        tree, variables = parse_function(args.function, split_vars(args.vars))
    except UsageError as error:
        return fail(str(error))
    except MathsError as error:
        return fail(f"FUNCTION: {error}")
    if args.wrt not in variables:
        variables = (*variables, args.wrt)
    missing = [v for v in variables if v not in at]
    if missing:
        return fail(f"--at: give a value for {', '.join(missing)}")
    try:
        result = gradient_check(tree, at, [args.wrt], h)[0]
    except MathsError as error:
        return fail(f"FUNCTION: {error}")
    if args.json:
        print(json.dumps({"estimate": result.estimate, "exact": render(result.exact),
                          "abs_error": result.abs_error, "h": h}, ensure_ascii=False))
        return 0
    print(f"{result.estimate!r}    (exact: {render(result.exact)}, error {result.abs_error:.3g})")
    return 0

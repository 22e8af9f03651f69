"""`tutor grad`: the partial derivatives of a function and, optionally, the gradient at a point."""

from __future__ import annotations

import argparse
import json

from .common import UsageError, fail, point, split_vars


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "grad",
        help="partial derivatives and the gradient",
        description="Print every partial derivative of FUNCTION and, with --at, the gradient's value there.",
    )
    p.add_argument("function", metavar="FUNCTION", help='e.g. "x^2 + xy + y^2"')
    p.add_argument("--at", metavar="x=1,y=2", help="evaluate the gradient at this point")
    p.add_argument("--vars", metavar="x,y", help="the variables, in order (default: as they first appear)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sympy as sp

    from tutor.core.maths.build import build, symbol
    from tutor.core.maths.calculus import parse_function
    from tutor.core.maths.errors import MathsError
    from tutor.core.maths.render import render
    from tutor.core.maths.verdict import format_number

    try:
        at = point(args.at)
        tree, variables = parse_function(args.function, split_vars(args.vars))
        f = build(tree).scalar
    except UsageError as error:
        return fail(str(error))
    except MathsError as error:
        return fail(f"FUNCTION: {error}")
    if at is not None:
        missing = [v for v in variables if v not in at]
        if missing:
            return fail(f"--at: give a value for {', '.join(missing)}")
    partials = [sp.diff(f, symbol(v)) for v in variables]
    values = None
    if at is not None:
        subs = {symbol(k): sp.Rational(v.numerator, v.denominator) for k, v in at.items()}
        from tutor.core.maths.precise import evaluate_precise

        values = []
        for p in partials:
            exact = p.xreplace(subs)
            values.append(format_number(exact_value(exact, evaluate_precise)))
    if args.json:
        out = {"function": render(f), "variables": list(variables),
               "partials": {v: render(p) for v, p in zip(variables, partials)}}
        if values is not None:
            out["at"] = {k: format_number(v) for k, v in at.items()}
            out["gradient"] = values
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"f = {render(f)}")
    for v, p in zip(variables, partials):
        print(f"∂f/∂{v} = {render(p)}")
    if values is not None:
        where = ", ".join(format_number(at[v]) for v in variables)
        print(f"∇f({where}) = ({', '.join(values)})")
    return 0


def exact_value(expr, evaluate_precise):
    from fractions import Fraction

    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    return evaluate_precise(expr, {})

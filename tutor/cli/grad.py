"""`tutor grad`: the partial derivatives of a function and, optionally, the gradient at a point."""

from __future__ import annotations

import argparse
import json

from .common import UsageError, fail, point, split_vars


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "grad",
        help="partial derivatives and the gradient",
        description="Print every partial derivative of FUNCTION and, with --at, the gradient's value there. "
        "Exit status 2 when the function or a partial has no value at the point (1/x at x = 0).",
    )
    p.add_argument("function", metavar="FUNCTION", help='e.g. "x^2 + xy + y^2"')
    p.add_argument("--at", metavar="x=1,y=2", help="evaluate the gradient at this point")
    p.add_argument("--vars", metavar="x,y", help="the variables, in order (default: as they first appear)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.maths.build import build, symbol
    from tutor.core.maths.calculus import parse_function, partial_at
    from tutor.core.maths.differentiate import diff
    from tutor.core.maths.errors import MathsError
    from tutor.core.maths.pointvalue import PointError
    from tutor.core.maths.precise import exact_number
    from tutor.core.maths.render import render
    from tutor.core.maths.verdict import format_number

    at = point(args.at)
    try:
        tree, variables = parse_function(args.function, split_vars(args.vars))
        f = build(tree).scalar
        partials = [diff(f, symbol(v)) for v in variables]
    except MathsError as error:
        raise UsageError(f"FUNCTION: {error}") from error
    if at is not None:
        check_point(at, variables)
    values, problem = None, None
    if at is not None:
        try:
            values = [format_number(exact_number(partial_at(f, v, at))) for v in variables]
        except PointError as error:
            problem = str(error)
    if args.json:
        out = {"function": render(f), "variables": list(variables),
               "partials": {v: render(p) for v, p in zip(variables, partials)}}
        if at is not None:
            out["at"] = {k: format_number(v) for k, v in at.items()}
            out["gradient"] = values
        if problem:
            out["error"] = problem
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(f"f = {render(f)}")
        for v, p in zip(variables, partials):
            print(f"∂f/∂{v} = {render(p)}")
        if values is not None:
            where = ", ".join(format_number(at[v]) for v in variables)
            print(f"∇f({where}) = ({', '.join(values)})")
    return fail(problem) if problem else 0


def check_point(at: dict, variables: tuple[str, ...], flag: str = "--at") -> None:
    """Every variable has a value, and every value is for a variable."""
    missing = [v for v in variables if v not in at]
    if missing:
        raise UsageError(f"{flag}: give a value for {', '.join(missing)}")
    extra = [k for k in at if k not in variables]
    if extra:
        raise UsageError(f"{flag}: {extra[0]} is not a variable of the function ({', '.join(variables) or 'none'})")

"""`tutor check`: one answer, or a batch file of them, checked exactly as the app checks them."""

from __future__ import annotations

import argparse
import json

from .common import UsageError, count, fail, tolerance_value
from .requests import Request, check_request, print_verdict

EXIT = {"correct": 0, "incorrect": 1, "invalid": 2}
MAX_SEED = 2**32 - 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check an answer",
        description="Check ANSWER against an expected expression (--expected) or against the partial "
        "derivative of a function (--diff with --wrt). Exit status: 0 correct, 1 incorrect, 2 invalid. "
        "With --batch FILE, check one JSON object per line and exit 0 when every line got a verdict.",
    )
    p.add_argument("answer", nargs="?", metavar="ANSWER", help="the answer as a learner types it, e.g. \"6xy\"")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--expected", metavar="EXPR", help="the right answer, as an expression")
    target.add_argument("--diff", metavar="FUNCTION", help="the function whose partial derivative is the right answer")
    target.add_argument("--batch", metavar="FILE", help="JSON lines with answer and expected, or diff and wrt ('-' for stdin)")
    p.add_argument("--wrt", metavar="VAR", help="with --diff: the variable to differentiate by")
    p.add_argument("--vars", metavar="x,y", help="the exercise's variables (default: the single letters of the reference)")
    p.add_argument("--tolerance", metavar="T", help="compare numbers: accept an absolute error up to T (T ≥ 0)")
    p.add_argument("--rtol", metavar="R", help="compare numbers: accept a relative error up to R (R ≥ 0)")
    p.add_argument("--seed", metavar="N", default="0", help="seed for the sample points (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object per verdict")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    seed = count(args.seed, "--seed", 0, MAX_SEED)
    if args.batch:
        if args.answer:
            raise UsageError("give either ANSWER or --batch, not both")
        from .batch import run_batch

        return run_batch(args.batch, seed, args.json)
    if args.answer is None:
        raise UsageError("give an ANSWER to check (or --batch FILE)")
    if args.expected is None and args.diff is None:
        raise UsageError("say what the answer should be: --expected EXPR, or --diff FUNCTION --wrt VAR")
    tolerance = _tolerance(args.tolerance, args.rtol)
    request = Request(args.answer, args.expected, args.diff, args.wrt, args.vars)
    try:
        verdict = check_request(request, tolerance, seed)
    except UsageError as error:  # the reference, not the answer: a usage error, and a JSON verdict too
        if args.json:
            from tutor.core.maths.verdict import Verdict, sentence

            print(json.dumps(Verdict("invalid", None, sentence(str(error))).to_json(), ensure_ascii=False))
        return fail(str(error))
    print_verdict(verdict, args.json)
    return EXIT[verdict.status]


def _tolerance(absolute: str | None, relative: str | None):
    from tutor.core.maths.check import Tolerance

    if absolute is None and relative is None:
        return None
    return Tolerance(
        tolerance_value(absolute, "--tolerance") if absolute is not None else None,
        tolerance_value(relative, "--rtol") if relative is not None else None,
    )

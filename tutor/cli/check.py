"""`tutor check`: one answer, or a batch file of them, checked exactly as the app checks them."""

from __future__ import annotations

import argparse
import json
import sys

from .common import UsageError, fail, number, split_vars

EXIT = {"correct": 0, "incorrect": 1, "invalid": 2}


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
    p.add_argument("--tolerance", metavar="T", help="compare numbers: accept an absolute error up to T")
    p.add_argument("--rtol", metavar="R", help="compare numbers: accept a relative error up to R")
    p.add_argument("--seed", type=int, default=0, help="seed for the sample points (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object per verdict")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        if args.batch:
            if args.answer:
                raise UsageError("give either ANSWER or --batch, not both")
            return _batch(args)
        if args.answer is None:
            raise UsageError("give an ANSWER to check (or --batch FILE)")
        if args.expected is None and args.diff is None:
            raise UsageError("say what the answer should be: --expected EXPR, or --diff FUNCTION --wrt VAR")
        request = {"answer": args.answer, "expected": args.expected, "diff": args.diff, "wrt": args.wrt,
                   "vars": args.vars}
        tolerance = _tolerance(args.tolerance, args.rtol)
        verdict = _check(request, tolerance, args.seed)
    except UsageError as error:
        return fail(str(error))
    _print(verdict, args.json)
    return EXIT[verdict.status]


def _tolerance(absolute, relative):
    from tutor.core.maths.check import Tolerance

    if absolute is None and relative is None:
        return None
    return Tolerance(
        number(str(absolute), "--tolerance") if absolute is not None else None,
        number(str(relative), "--rtol") if relative is not None else None,
    )


def _check(request: dict, tolerance, seed: int):
    from tutor.core.maths.check import CheckOptions, check

    variables = split_vars(request.get("vars"))
    unknown = "error" if variables else "split"
    if request.get("diff") is not None:
        if not request.get("wrt"):
            raise UsageError("--diff needs --wrt VAR (the variable to differentiate by)")
        options = CheckOptions(mode="derivative", wrt=request["wrt"], unknown_names=unknown, seed=seed,
                               tolerance=tolerance)
        return check(request["answer"], request["diff"], variables, options)
    mode = "number" if tolerance is not None else "expression"
    options = CheckOptions(mode=mode, unknown_names=unknown, seed=seed, tolerance=tolerance)
    return check(request["answer"], request["expected"], variables, options)


def _print(verdict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(verdict.to_json(), ensure_ascii=False))
        return
    method = f" ({verdict.method})" if verdict.method and verdict.status != "invalid" else ""
    print(f"{verdict.status}{method}: {verdict.message}")
    if verdict.interpreted:
        print(f"  read as: {verdict.interpreted}")
    for note in verdict.notes:
        print(f"  note: {note}")


def _batch_tolerance(value):
    from tutor.core.maths.check import Tolerance

    if value is None:
        return None
    if isinstance(value, (int, float, str)):
        return Tolerance(absolute=number(str(value), "tolerance"))
    if isinstance(value, dict):
        unknown = set(value) - {"absolute", "relative"}
        if unknown:
            raise UsageError(f"tolerance: unknown key {sorted(unknown)[0]!r} (use absolute, relative)")
        return Tolerance(
            number(str(value["absolute"]), "tolerance.absolute") if "absolute" in value else None,
            number(str(value["relative"]), "tolerance.relative") if "relative" in value else None,
        )
    raise UsageError("tolerance: expected a number or {\"absolute\": …, \"relative\": …}")


def _batch(args: argparse.Namespace) -> int:
    from tutor.core.maths.verdict import Verdict

    try:
        stream = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8")
    except OSError as error:
        return fail(f"--batch: cannot read {args.batch}: {error.strerror}")
    every_line_judged = True
    with stream:
        for number_, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                request = json.loads(line)
                if not isinstance(request, dict):
                    raise UsageError("expected a JSON object")
                if not isinstance(request.get("answer"), str):
                    raise UsageError("'answer' must be a string")
                if request.get("expected") is None and request.get("diff") is None:
                    raise UsageError("give 'expected', or 'diff' with 'wrt'")
                for key in ("expected", "diff", "wrt"):
                    if request.get(key) is not None and not isinstance(request[key], str):
                        raise UsageError(f"'{key}' must be a string")
                if isinstance(request.get("vars"), list):
                    request["vars"] = ",".join(map(str, request["vars"]))
                verdict = _check(request, _batch_tolerance(request.get("tolerance")), args.seed)
            except (json.JSONDecodeError, UsageError) as error:
                every_line_judged = False
                message = f"line {number_}: {error}"
                verdict = Verdict("invalid", None, message)
                if not args.json:
                    print(f"error: {message}")
                    continue
            _print(verdict, args.json)
    return 0 if every_line_judged else 2

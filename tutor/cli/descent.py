"""`tutor descent`: gradient descent on a loss, step by step, as a table, a terminal chart or JSON."""

from __future__ import annotations

import argparse
import json
import shutil
import sys

from .common import UsageError, count, fail, float_number, names, point


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "descent",
        help="run gradient descent on a loss",
        description="Run gradient descent on LOSS from --start: every step's parameters, loss, gradient and "
        "gradient norm, then the outcome (converged, diverged or max-steps). With --data the loss is written "
        "for one point and averaged over the points (mean squared error for \"(wx+b-y)^2\"); the parameters "
        "are the loss's variables that are not data columns. Exit status: 0 when the descent ran (a "
        "divergence is a result), 2 for input that cannot be used or when a step lands where the loss or its "
        "gradient is undefined. Steps × data points is at most 1,000,000 (about 20 s); ctrl+c stops a run.",
    )
    p.add_argument("--loss", metavar="EXPR", help='the loss, e.g. "(2w+b-4)^2", or "(wx+b-y)^2" with --data')
    p.add_argument("--start", metavar="w=0,b=0", help="the start value of every parameter")
    p.add_argument("--lr", metavar="RATE", default="0.1", help="the learning rate (default 0.1)")
    p.add_argument("--steps", metavar="N", default="10", help="the number of steps (default 10)")
    p.add_argument("--data", metavar="x=1,2,3;y=2,4,5", help="data columns; the loss is averaged over the points")
    p.add_argument("--params", metavar="w,b", help="declare the parameters (default: the loss's other letters)")
    p.add_argument("--tol", metavar="T", default="1e-8", help="converged when the gradient norm is under T "
                   "(default 1e-8)")
    p.add_argument("--stop", action="store_true", help="stop at convergence instead of taking every step")
    p.add_argument("--plot", action="store_true", help="draw the loss per step in the terminal")
    p.add_argument("--log", action="store_true", help="with --plot: a log scale for the loss")
    p.add_argument("--json", action="store_true", help='print one JSON object: {"steps": [...], "final": {...}, '
                   '"loss": ..., "outcome": ...}')
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.descent import MAX_STEPS, DescentError, Loss, StopRules, descend

    if not args.loss:
        raise UsageError("give the loss to descend: --loss EXPR")
    if not args.start:
        raise UsageError("give the start point: --start w=0,b=0")
    steps = count(args.steps, "--steps", 1, MAX_STEPS)
    lr = float_number(args.lr, "--lr")
    tol = float_number(args.tol, "--tol")
    start = _start(args.start)
    params = list(names(args.params, "--params")) if args.params else None
    try:
        loss = Loss(args.loss, _data(args.data), params)
        trace = descend(loss, start, lr, steps, rules=StopRules(tolerance=tol, stop_at_convergence=args.stop))
    except DescentError as error:
        return fail(_flag(str(error)))
    undefined = trace.outcome.reason if trace.outcome.undefined else None
    problem = f"{undefined} (step {trace.outcome.step}): try a smaller --lr or another --start" if undefined else None
    if args.json:
        out = {**trace.to_json(), "lr": lr}
        if problem:
            out["error"] = problem
        print(json.dumps(out, ensure_ascii=False, allow_nan=False))
        return fail(problem) if problem else 0
    _print_table(loss, trace, lr)
    if args.plot:
        _plot(trace, args.log)
    return fail(problem) if problem else 0


def _start(text: str) -> dict:
    from tutor.core.maths.calculus import float_value
    from tutor.core.maths.errors import MathsError

    values = point(text, "--start")
    try:
        return {k: float_value(v, k) for k, v in values.items()}
    except MathsError as error:
        raise UsageError(f"--start: {error}") from error


def _data(text: str | None):
    from tutor.core.descent import DescentError, parse_data

    if text is None:
        return None
    try:
        return parse_data(text)
    except DescentError as error:
        raise UsageError(f"--data: {error}") from error


def _flag(message: str) -> str:
    """Name the option a core message is about, so the one line says what to fix."""
    for prefix, flag in (("loss:", "--loss"), ("unknown parameter", "--start"), ("give a start", "--start"),
                         ("the data", "--data"), ("the learning rate", "--lr"),
                         ("the number of steps", "--steps"), ("the tolerance", "--tol"),
                         ("the loss is undefined at the start", "--start"), ("the loss overflows", "--start"),
                         ("the gradient is undefined at the start", "--start"),
                         ("the gradient overflows at the start", "--start"), ("start values", "--start"),
                         ("the number of steps times", "--steps")):
        if message.startswith(prefix):
            return f"{flag}: {message.removeprefix('loss: ')}"
    return message


def _print_table(loss, trace, lr: float) -> None:
    from tutor.core.descent import show

    print(loss.formula())
    for line in loss.partial_formulas():
        print(line)
    start = ", ".join(f"{k} = {show(v)}" for k, v in trace.point(0).items())
    print(f"learning rate {show(lr)}, from {start}")
    names = trace.names
    header = ["step", *names, "loss", *(f"∂L/∂{n}" for n in names), "‖∇L‖"]
    rows = [[str(s.index), *(show(v, 8) for v in s.params), show(s.loss, 8),
             *(show(g, 8) for g in s.gradient), show(s.norm, 8)] for s in trace.steps]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print()
    for row in [header, *rows]:
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths)))
    print()
    print(trace.outcome.message())
    final = ", ".join(f"{k} = {show(v, 8)}" for k, v in trace.point().items())
    print(f"final: {final}, loss = {show(trace.final.loss, 8)}")


def _plot(trace, log: bool) -> None:
    from tutor.core.charts import loss_chart, render

    columns, lines = shutil.get_terminal_size((80, 24))
    width, height = max(40, min(columns, 100)), max(12, min(lines - 2, 24))
    print()
    print(render(loss_chart(trace, "log" if log else "linear"), width, height, color=sys.stdout.isatty()))

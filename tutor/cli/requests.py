"""One check as the command line makes it: the request, its verdict, and how the verdict is printed.

Shared by `tutor check` and `tutor check --batch`; a field that cannot be used raises UsageError
naming it as the user wrote it (`--expected` on the command line, `expected` in a batch line).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace

from .common import UsageError, name, split_vars


@dataclass(frozen=True)
class Request:
    """One check: the answer and what it should be, with the names the messages use for each field
    (`--expected` on the command line, `expected` in a batch line)."""

    answer: str
    expected: str | None = None
    diff: str | None = None
    wrt: str | None = None
    vars: str | None = None
    labels: tuple[tuple[str, str], ...] = (("expected", "--expected"), ("diff", "--diff"), ("wrt", "--wrt"),
                                           ("vars", "--vars"))

    def label(self, key: str) -> str:
        return dict(self.labels)[key]


def check_request(request: Request, tolerance, seed: int):
    """The verdict on `request.answer`; raises UsageError (naming the field) when the reference,
    the variable to differentiate by or the variables cannot be used."""
    from tutor.core.maths.check import CheckOptions, prepare
    from tutor.core.maths.errors import MathsError

    started = time.perf_counter()
    variables = split_vars(request.vars, request.label("vars"))
    unknown = "error" if variables else "split"
    if request.diff is not None:
        if request.wrt is None:
            raise UsageError(f"{request.label('diff')} needs {request.label('wrt')} (the variable to differentiate by)")
        wrt = name(request.wrt, request.label("wrt"))
        options = CheckOptions(mode="derivative", wrt=wrt, unknown_names=unknown, seed=seed, tolerance=tolerance)
        reference, field = request.diff, "diff"
    else:
        mode = "number" if tolerance is not None else "expression"
        options = CheckOptions(mode=mode, unknown_names=unknown, seed=seed, tolerance=tolerance)
        reference, field = request.expected, "expected"
    try:
        problem = prepare(reference, variables, options)
    except MathsError as error:
        raise UsageError(f"{request.label(field)}: {error}") from error
    verdict = problem.check(request.answer)
    return replace(verdict, ms=(time.perf_counter() - started) * 1000)


def print_verdict(verdict, as_json: bool, prefix: str = "", extra: dict | None = None) -> None:
    if as_json:
        print(json.dumps({**verdict.to_json(), **(extra or {})}, ensure_ascii=False), flush=True)
        return
    method = f" ({verdict.method})" if verdict.method and verdict.status != "invalid" else ""
    lines = [f"{prefix}{verdict.status}{method}: {verdict.message}"]
    if verdict.interpreted:
        lines.append(f"  read as: {verdict.interpreted}")
    lines.extend(f"  note: {note}" for note in verdict.notes)
    print("\n".join(lines), flush=True)

"""Run STACK's answer-test fixtures through the tutor's checker (shared by the test and the benchmark)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from tutor.core.maths.check import CheckOptions, Tolerance, check
from tutor.core.maths.errors import MathsError
from tutor.core.maths.verdict import Verdict

SHARED = Path(__file__).resolve().parents[3] / "shared" / "conformance"
FIXTURES = SHARED / "stack_answertests.jsonl"
DEVIATIONS = Path(__file__).with_name("deviations.json")
TESTS = ("AlgEquiv", "Diff", "NumRelative", "NumAbsolute")
STACK_DEFAULT_TOLERANCE = Fraction(5, 100)


@dataclass(frozen=True)
class Row:
    id: int
    test: str
    student: str
    teacher: str
    options: str
    expected: bool | None


def rows() -> list[Row]:
    out = []
    for line in FIXTURES.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        if raw["test"] in TESTS:
            out.append(Row(raw["id"], raw["test"], raw["student"], raw["teacher"], raw["options"], raw["expected"]))
    return out


def deviations() -> dict[int, str]:
    return {int(k): v for k, v in json.loads(DEVIATIONS.read_text(encoding="utf-8")).items()}


def run(row: Row) -> Verdict:
    """The tutor's verdict on one row, configured as STACK reads it (any name is one variable)."""
    if row.test == "AlgEquiv":
        options = CheckOptions(unknown_names="whole", allow_diff=True)
        return check(row.student, row.teacher, None, options)
    if row.test == "Diff":
        options = CheckOptions(unknown_names="whole", wrt=row.options)
        return check(row.student, row.teacher, None, options)
    tolerance = STACK_DEFAULT_TOLERANCE
    if row.options:
        from tutor.core.maths.calculus import parse_number

        try:
            tolerance = parse_number(row.options)
        except MathsError as error:
            return Verdict("invalid", "parse", f"the tolerance is not a number: {error}")
    kind = {"NumRelative": "relative", "NumAbsolute": "absolute"}[row.test]
    options = CheckOptions(mode="number", unknown_names="whole", tolerance=Tolerance(**{kind: tolerance}))
    return check(row.student, row.teacher, None, options)


def as_expected(verdict: Verdict) -> bool | None:
    return {"correct": True, "incorrect": False, "invalid": None}[verdict.status]

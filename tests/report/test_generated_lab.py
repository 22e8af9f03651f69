"""A lab made by the generator the benchmark uses: the report reads it whole, with real diagnoses and the noise named."""

from __future__ import annotations

import json

from tutor.core.maths.codes import (
    CODES,  # the checker's own list: a code it names is one of these
)
from tutor.core.report import build_report


def test_the_generated_lab_follows_the_contract(small_lab) -> None:
    sheet, submit = small_lab
    files = sorted((submit / "5B").glob("*.partials-lab.jsonl"))
    assert len(files) == 10
    for line in files[3].read_text(encoding="utf-8").splitlines():
        s = json.loads(line)
        assert s["actor"]["account"] == {"homePage": "urn:tutor:learner", "name": s["actor"]["name"]}
        assert s["context"]["contextActivities"]["parent"][0]["id"] == "urn:tutor:sheet:partials-lab"
        if s["verb"]["id"].endswith("answered"):
            assert s["object"]["id"].startswith("urn:tutor:exercise:")
            assert s["result"]["score"]["scaled"] in (0.0, 1.0) and s["result"]["duration"].startswith("PT")


def test_the_report_of_a_generated_lab(small_lab) -> None:
    sheet, submit = small_lab
    report = build_report([submit], sheet=sheet)
    assert len(report.learners) == 10 and len(report.exercises) == 8
    assert report.misconceptions and {m.code for m in report.misconceptions} <= CODES
    assert any(g.decided_by == "checker" and len(g.forms) > 1 for gs in report.groups.values() for g in gs)
    warnings = "\n".join(report.warnings)
    for expected in ("a truncated line", "another tool's activity", "notes.json", "duplicate"):
        assert expected in warnings

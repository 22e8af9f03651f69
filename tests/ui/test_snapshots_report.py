"""Snapshots of the report at 80×24: the learners table, the misconceptions chart, an exercise's analysis."""

from __future__ import annotations

import pytest

from tests.report.conftest import statement, write_jsonl
from tutor.core.report import build_report
from tutor.ui.report_app import make_report_app

A, B = "basic-example/dfdx-basic", "basic-example/dfdy-basic"


def report(tmp_path):
    write_jsonl(tmp_path / "lab.jsonl", [
        statement("Ann Lee", A, "2x", True, seconds=50),
        statement("Bob Ray", A, "2x + 3", False, minute=1, diagnosis="not-held-constant"),
        *[statement("Bob Ray", B, text, False, minute=2 + n, tries=n, diagnosis=code) for n, (text, code) in enumerate(
            [("3y", "not-differentiated"), ("y·3", "not-differentiated"), ("x² + 3y", "not-differentiated"),
             ("3*y", "not-differentiated"), ("-3", "sign")], 1)],
        statement("Cem Oz", A, "2*x+3", False, minute=4, diagnosis="not-held-constant"),
        statement("Cem Oz", A, "2x", True, minute=5, tries=2, hints=1),
        statement("Cem Oz", B, "3", True, minute=6),
    ])
    return build_report([tmp_path])


@pytest.mark.parametrize("keys", [(), ("m",), ("x", "enter")], ids=["learners", "misconceptions", "analysis"])
def test_report_screens(snap_compare, tmp_path, keys) -> None:
    app = make_report_app([tmp_path], report=report(tmp_path))
    assert snap_compare(app, terminal_size=(80, 24), press=keys)


def test_live_view(snap_compare, tmp_path) -> None:
    """The live view at 80×24: the stuck learner first, the last ten minutes' mistakes below."""
    from datetime import timedelta

    from tests.report.conftest import START
    from tests.ui.test_report_live import live_ready, until
    from tutor.ui.report_app import ReportOptions

    report(tmp_path)  # writes the statements
    app = make_report_app([tmp_path], options=ReportOptions(watch=True), clock=lambda: START + timedelta(minutes=9))

    async def ready(pilot) -> None:
        assert await until(pilot, lambda: live_ready(app))

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)

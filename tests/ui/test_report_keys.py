"""Every key the report screens' footers show works whatever has focus: the report, the live view, a
learner's answers, an exercise's analysis."""

from __future__ import annotations

import pytest
from textual.widgets import TabbedContent

from tests.ui import test_keys
from tests.ui.test_keys import footer_keys_work
from tests.ui.test_report_live import clock, lab, live_ready, report_ready, until

from tutor.ui.report_app import ReportOptions, make_report_app
from tutor.ui.screens.report_exercise import ExerciseAnalysisScreen
from tutor.ui.screens.report_learner import LearnerAttemptsScreen


@pytest.fixture(autouse=True)
def _enter_shown_as_a_symbol(monkeypatch):
    # The report's footers show Enter as ⏎; the learner presses Enter.
    shown = test_keys.pressed
    monkeypatch.setattr(test_keys, "pressed", lambda b: "enter" if b.key_display == "⏎" else shown(b))


async def test_the_report_screens_keys_work_whatever_has_focus(tmp_path) -> None:
    lab(tmp_path)
    app = make_report_app([tmp_path], options=ReportOptions(recheck_with=""), clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await until(pilot, lambda: report_ready(app))
        report = app.screen
        assert await footer_keys_work(app, pilot, report) == []
        report.query_one(TabbedContent).active = "exercises"  # where d (discount) is shown
        await pilot.pause()
        assert await footer_keys_work(app, pilot, report) == []
        report.open_exercise(app.report.exercises[0].key)
        await pilot.pause()
        assert isinstance(app.screen, ExerciseAnalysisScreen)
        assert await footer_keys_work(app, pilot, app.screen) == []
        app.pop_screen()
        report.open_learner("Ann")
        await pilot.pause()
        assert isinstance(app.screen, LearnerAttemptsScreen)
        assert await footer_keys_work(app, pilot, app.screen) == []


async def test_the_live_views_keys_work_whatever_has_focus(tmp_path) -> None:
    lab(tmp_path)
    app = make_report_app([tmp_path], options=ReportOptions(watch=True), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: live_ready(app))
        assert await footer_keys_work(app, pilot, app.screen) == []

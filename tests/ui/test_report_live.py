"""The live report on screen: lines appended to the folder appear, a learner's answers grow, w switches views."""

from __future__ import annotations

import json
from datetime import timedelta

from textual.widgets import DataTable, Static, TabbedContent

from tests.report.conftest import START, statement, write_jsonl
from tutor.ui.report_app import ReportOptions, make_report_app
from tutor.ui.screens.report import ReportScreen
from tutor.ui.screens.report_exercise import ExerciseAnalysisScreen
from tutor.ui.screens.report_learner import LearnerAttemptsScreen
from tutor.ui.screens.report_live import LiveScreen

A, B = "basic-example/dfdx-basic", "basic-example/dfdy-basic"
SIZE = (80, 24)


def clock():
    return START + timedelta(minutes=12)


def lab(folder):
    return write_jsonl(folder / "5B" / "ann.lab.jsonl", [
        statement("Ann", A, "2x", True, minute=1),
        statement("Ann", B, "0", False, minute=3, diagnosis="not-differentiated"),
    ])


def append(path, *statements) -> None:
    with path.open("a", encoding="utf-8") as f:
        for s in statements:
            f.write(json.dumps(s) + "\n")


async def until(pilot, condition, seconds: float = 8.0) -> bool:
    """Let the app run until `condition()` holds (the system tells of a write within a step or two)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def live_ready(app) -> bool:
    return isinstance(app.screen, LiveScreen) and app.screen.is_mounted and \
        app.screen.query_one("#live-now", DataTable).row_count > 0


def report_ready(app) -> bool:
    return isinstance(app.screen, ReportScreen) and app.screen.is_mounted


def rows(table: DataTable) -> list[list]:
    return [table.get_row_at(i) for i in range(table.row_count)]


async def test_watch_opens_live_and_new_lines_appear(tmp_path) -> None:
    path = lab(tmp_path)
    app = make_report_app([tmp_path], options=ReportOptions(watch=True), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: live_ready(app))
        table = app.screen.query_one("#live-now", DataTable)
        assert [r[1] for r in rows(table)] == ["Ann"]
        bob = tmp_path / "5B" / "bob.lab.jsonl"
        write_jsonl(bob, [statement("Bob", A, f"{n}x", False, minute=n, tries=n, diagnosis="constant-factor")
                          for n in range(3, 9)])
        assert await until(pilot, lambda: table.row_count == 2)
        first = rows(table)[0]
        assert first[0] == "⚑" and first[1] == "Bob" and "6✗" in first[4]  # stuck: first
        recent = rows(app.screen.query_one("#live-recent", DataTable))
        assert list(recent[0][:2]) == ["constant-factor", "6"]
        title = str(app.screen.query_one("#live-title", Static).render())
        assert "1 stuck" in title and "2 working" in title
        append(path, statement("Ann", B, "3", True, minute=11, tries=2))
        assert await until(pilot, lambda: "✓" in str(rows(table)[1][2]))


async def test_a_learner_opened_live_gets_their_new_answers(tmp_path) -> None:
    path = lab(tmp_path)
    app = make_report_app([tmp_path], options=ReportOptions(watch=True), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: live_ready(app))
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, LearnerAttemptsScreen) and screen.learner == "Ann"
        attempts = screen.query_one(DataTable)
        assert attempts.row_count == 2
        append(path, statement("Ann", B, "3y", False, minute=10, tries=2, diagnosis="not-differentiated"))
        assert await until(pilot, lambda: attempts.row_count == 3)
        assert attempts.get_row_at(2)[-1] == "not-differentiated"
        assert "not-differentiated 2" in str(screen.query_one("#learner-profile", Static).render())
        await pilot.press("escape", "w")
        assert isinstance(app.screen, ReportScreen)


async def test_w_goes_live_from_the_report_and_back_with_what_arrived(tmp_path) -> None:
    path = lab(tmp_path)
    app = make_report_app([tmp_path], clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: report_ready(app))
        assert not app.watching
        await pilot.press("w")
        assert await until(pilot, lambda: live_ready(app)) and app.watching
        await pilot.pause(0.3)  # the watch has started
        append(path, statement("Cem", A, "2x", True, minute=11))
        assert await until(pilot, lambda: app.screen.query_one("#live-now", DataTable).row_count == 2)
        await pilot.press("w")
        assert isinstance(app.screen, ReportScreen)
        learners = app.screen.query_one("#learners-table", DataTable)
        assert await until(pilot, lambda: learners.row_count == 2)  # the report made again on return
    assert not app.watching  # leaving the app stops following the folder


async def test_d_discounts_the_highlighted_exercise(tmp_path) -> None:
    lab(tmp_path)
    app = make_report_app([tmp_path], clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: report_ready(app))
        await pilot.press("x")
        assert app.screen.query_one(TabbedContent).active == "exercises"
        first = app.screen.report.exercises[0].key
        await pilot.press("d")
        assert await until(pilot, lambda: app.report.exercise(first).discounted is not None)
        assert await until(pilot, lambda: "(discounted)" in str(
            app.screen.query_one("#exercises-table", DataTable).get_row_at(0)[0]))
        assert app.report.learner("Ann").items == 1
        await pilot.press("d")
        assert await until(pilot, lambda: app.report.exercise(first).discounted is None)


async def test_the_recheck_tab_and_the_variants_of_an_exercise(tmp_path) -> None:
    write_jsonl(tmp_path / "s.jsonl", [
        statement("Ann", "basic-example/dfdx-scaled", "2x", False, seed=1),
        statement("Bob", "basic-example/dfdx-scaled", "2x", False, seed=2, minute=1),
        statement("Cem", A, "2x", False, minute=2),  # stored wrong, right today
    ])
    app = make_report_app([tmp_path], options=ReportOptions(recheck_with=""), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: report_ready(app))
        changes = app.screen.query_one("#changes-table", DataTable)
        assert [r[0] for r in rows(changes)] == ["Cem"] and rows(changes)[0][4] == "right"
        await pilot.press("x")
        table = app.screen.query_one("#exercises-table", DataTable)
        keys = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
        await pilot.press(*["down"] * keys.index("basic-example/dfdx-scaled"), "enter")
        screen = app.screen
        assert isinstance(screen, ExerciseAnalysisScreen)
        await pilot.press("v")
        variants = screen.query_one(DataTable)
        assert variants.row_count == 2 and all(str(r[0]).startswith("a = ") for r in rows(variants))
        await pilot.press("v")
        assert screen.query_one(DataTable).row_count == 1  # back to the wrong answers' groups


async def test_a_learner_opened_from_the_report_keeps_the_reports_answers(tmp_path) -> None:
    path = lab(tmp_path)
    app = make_report_app([tmp_path], options=ReportOptions(watch=True), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: live_ready(app))
        await pilot.press("w")
        assert await until(pilot, lambda: report_ready(app))
        app.screen.open_learner("Ann")
        await pilot.pause()
        screen = app.screen
        append(path, statement("Ann", B, "3y", False, minute=10, tries=2))
        await pilot.pause(1.5)  # the line arrives and the live model takes it
        assert len(app.live.attempts["Ann"]) == 3
        assert screen.query_one(DataTable).row_count == 2  # not the live model's copies added again

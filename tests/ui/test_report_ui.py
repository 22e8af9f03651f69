"""The report on screen at 80×24: tables, Enter opens an exercise's analysis or a learner's answers, chart, export."""

from __future__ import annotations

from textual.widgets import DataTable, Input, RadioButton, Static, TabbedContent

from tests.report.conftest import statement, write_jsonl
from tutor.core.report import build_report
from tutor.ui.report_app import make_report_app
from tutor.ui.screens.report import ReportScreen
from tutor.ui.screens.report_exercise import ExerciseAnalysisScreen
from tutor.ui.screens.report_export import ExportScreen
from tutor.ui.screens.report_learner import LearnerAttemptsScreen
from tutor.ui.widgets.report_chart import BarChart, draw

A, B = "basic-example/dfdx-basic", "basic-example/dfdy-basic"
SIZE = (80, 24)


def lab(folder):
    return write_jsonl(folder / "5B" / "lab.jsonl", [
        statement("Ann", A, "2x", True),
        statement("Bob", A, "2x + 3", False, minute=1, diagnosis="not-held-constant"),
        statement("Bob", A, "3 + x + x", False, minute=2, tries=2, diagnosis="not-held-constant"),
        statement("Bob", A, "x^2", False, minute=3, tries=3, diagnosis="not-differentiated"),
        statement("Cem", A, "2*x+3", False, minute=4, diagnosis="not-held-constant"),
        statement("Cem", B, "3", True, minute=5),
    ])


async def test_the_report_reads_in_a_worker_then_shows_the_tables(tmp_path) -> None:
    lab(tmp_path)
    app = make_report_app([tmp_path])
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert app.screen.query_one("#learners-table", DataTable).row_count == 3
        assert app.screen.query_one("#exercises-table", DataTable).row_count == 2
        assert "3 learners" in str(app.screen.query_one("#report-title", Static).render())


async def test_enter_on_an_exercise_opens_its_response_analysis(tmp_path) -> None:
    lab(tmp_path)
    app = make_report_app([tmp_path], report=build_report([tmp_path]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        assert app.screen.query_one(TabbedContent).active == "exercises"
        await pilot.press("enter")  # the hardest first: dfdx-basic, 1 of 3 solved
        screen = app.screen
        assert isinstance(screen, ExerciseAnalysisScreen) and screen.key == A
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        assert [table.get_row_at(i)[0] for i in range(2)] == ["3", "1"]  # three typings of one answer
        await pilot.pause()
        detail = str(screen.query_one("#group-detail-text", Static).render())
        assert "not-held-constant" in detail and "Bob, Cem" in detail
        await pilot.press("escape")
        assert isinstance(app.screen, ReportScreen)


async def test_enter_on_a_learner_opens_their_answers(tmp_path) -> None:
    lab(tmp_path)
    app = make_report_app([tmp_path], report=build_report([tmp_path]))
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#learners-table", DataTable)
        names = [table.get_row_at(i)[1] for i in range(table.row_count)]
        await pilot.press(*["down"] * names.index("Bob"), "enter")
        screen = app.screen
        assert isinstance(screen, LearnerAttemptsScreen) and screen.learner == "Bob"
        assert screen.query_one(DataTable).row_count == 3
        await pilot.press("down")
        await pilot.pause()
        assert "3 + x + x" in str(screen.query_one("#attempt-detail-text", Static).render())


async def test_the_misconceptions_chart_and_export_from_the_screen(tmp_path) -> None:
    lab(tmp_path)
    app = make_report_app([tmp_path], report=build_report([tmp_path]), export_dir=tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        chart = app.screen.query_one(BarChart)
        assert chart.bars == (("not-held-constant", 3), ("not-differentiated", 1))
        await pilot.pause()
        assert "not-held-constant" in str(chart.render())
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")  # the file name box has the focus: HTML by default
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert (tmp_path / "out" / "class-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        await pilot.press("e")
        await pilot.click(app.screen.query(RadioButton)[1])  # CSV: the file name follows
        assert app.screen.query_one(Input).value.endswith("class-report.csv")
        await pilot.click("#write")
        await pilot.pause()
        assert (tmp_path / "out" / "class-report.csv").read_text(encoding="utf-8").startswith("learner,")


def test_the_chart_draws_largest_on_top_at_any_size() -> None:
    text = draw((("sign", 9), ("not-held-constant", 4)), 40, 10, color=False)
    lines = text.splitlines()
    assert len(lines) == 10 and max(len(line) for line in lines) <= 40
    assert next(i for i, l in enumerate(lines) if "sign" in l) < next(i for i, l in enumerate(lines) if "not-held" in l)
    assert len(draw((("a", 1),), 5, 2, color=False).splitlines()) >= 6  # never below its minimum

"""The class report: learners, exercises and misconceptions in tabs; Enter opens a row, e exports."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from tutor.core.report import Report
from tutor.core.report.summary import exercise_rows, headline, learner_rows, misconception_rows
from tutor.core.report.text import clip

from ..widgets.report_chart import BarChart

LEARNER_HEADINGS = ("⚑", "learner", "solved", "tried", "score", "time", "hints", "sol.", "last")
EXERCISE_HEADINGS = ("exercise", "success", "tries", "time", "wrong")
MISCONCEPTION_HEADINGS = ("diagnosis", "wrong", "learners", "exercises")
NAME_WIDTH = 18      # a learner's name in the table (the detail line below has it whole)
EXERCISE_WIDTH = 34


class ReportScreen(Screen):
    """Everything at once for the teacher: who may need help, what was hard, which mistakes were common."""

    BINDINGS = [
        # priority: the table's own Enter binding is hidden; this one shows in the footer and does the same
        Binding("enter", "open", "Open", key_display="⏎", priority=True),
        Binding("e", "export", "Export"),
        Binding("l", "tab('learners')", "Learners"),
        Binding("x", "tab('exercises')", "Exercises"),
        Binding("m", "tab('misconceptions')", "Misconceptions"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, report: Report, export_dir: Path | None = None) -> None:
        super().__init__()
        self.report = report
        self.export_dir = export_dir

    def compose(self) -> ComposeResult:
        report = self.report
        warnings = f" · {len(report.warnings)} warnings" if report.warnings else ""
        yield Static(f"{report.title} — {headline(report)}{warnings}", id="report-title", classes="screen-title")
        with TabbedContent(initial="learners"):
            with TabPane("Learners", id="learners"):
                yield DataTable(id="learners-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="learner-why")
            with TabPane("Exercises", id="exercises"):
                yield DataTable(id="exercises-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Misconceptions", id="misconceptions"):
                yield BarChart("Wrong answers per diagnosis", "No mistake was named.", id="misconceptions-chart")
                yield DataTable(id="misconceptions-table", cursor_type="row", zebra_stripes=True)
            if report.warnings:
                with TabPane("Warnings", id="warnings"):
                    yield Static("\n".join(f"! {w}" for w in report.warnings), id="warnings-text")
        yield Footer()

    def on_mount(self) -> None:
        report = self.report
        learners = self.query_one("#learners-table", DataTable)
        learners.add_columns(*LEARNER_HEADINGS)
        for row, values in zip(report.learners, learner_rows(report)):
            mark, name, solved, attempted, score, time, hints, solutions, last = values
            learners.add_row(mark, clip(name, NAME_WIDTH), solved, attempted, score, time, hints, solutions, last,
                             key=row.name)
        exercises = self.query_one("#exercises-table", DataTable)
        exercises.add_columns(*EXERCISE_HEADINGS)
        for row, values in zip(report.exercises, exercise_rows(report)):
            label, _, _, success, tries, time, wrong = values
            exercises.add_row(clip(label, EXERCISE_WIDTH), success, tries, time, wrong, key=row.key)
        table = self.query_one("#misconceptions-table", DataTable)
        table.add_columns(*MISCONCEPTION_HEADINGS)
        for m, values in zip(report.misconceptions, misconception_rows(report)):
            table.add_row(*values, key=m.code)
        self.query_one(BarChart).bars = tuple((m.code, m.count) for m in report.misconceptions)
        learners.focus()

    # -- opening a row ------------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#learners-table")
    def _learner(self, event: DataTable.RowSelected) -> None:
        self.open_learner(str(event.row_key.value))

    @on(DataTable.RowSelected, "#exercises-table")
    def _exercise(self, event: DataTable.RowSelected) -> None:
        self.open_exercise(str(event.row_key.value))

    @on(DataTable.RowHighlighted, "#learners-table")
    def _why(self, event: DataTable.RowHighlighted) -> None:
        row = self.report.learner(str(event.row_key.value))
        text = "" if row is None else f"{row.name}: " + ("; ".join(row.help_reasons) or "nothing worrying")
        self.query_one("#learner-why", Static).update(text)

    def open_learner(self, name: str) -> None:
        from .report_learner import LearnerAttemptsScreen

        self.app.push_screen(LearnerAttemptsScreen(self.report, name))

    def open_exercise(self, key: str) -> None:
        from .report_exercise import ExerciseAnalysisScreen

        self.app.push_screen(ExerciseAnalysisScreen(self.report, key))

    def action_open(self) -> None:
        """Open the highlighted row of the tab's table: a learner's answers or an exercise's analysis."""
        active = self.query_one(TabbedContent).active
        table_id = {"learners": "#learners-table", "exercises": "#exercises-table"}.get(active)
        if table_id is None:
            return
        table = self.query_one(table_id, DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            (self.open_learner if active == "learners" else self.open_exercise)(str(key))

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        table = {"learners": "#learners-table", "exercises": "#exercises-table",
                 "misconceptions": "#misconceptions-table"}[pane]
        self.query_one(table, DataTable).focus()

    def action_export(self) -> None:
        from .report_export import ExportScreen

        self.app.push_screen(ExportScreen(self.report, self.export_dir))

"""The class report: learners, exercises and misconceptions in tabs; Enter opens a row, w goes live, e exports."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from tutor.core.report import Report
from tutor.core.report.sections import recheck_of
from tutor.core.report.summary import headline, misconception_rows

from ..widgets.report_changes import ChangesPane
from ..widgets.report_chart import BarChart
from ..widgets.report_panes import ExercisesPane, LearnersPane
from ..widgets.report_table import ReportTable

MISCONCEPTION_HEADINGS = ("diagnosis", "wrong", "learners", "exercises")
DISCOUNT_NOTE = "left out of the scores on the report screen"
TABLES = {"learners": "#learners-table", "exercises": "#exercises-table", "misconceptions": "#misconceptions-table",
          "recheck": "#changes-table"}


class ReportScreen(Screen):
    """Everything at once for the teacher: who may need help, what was hard, which mistakes were common."""

    BINDINGS = [
        # priority: the table's own Enter binding is hidden; this one shows in the footer and does the same
        Binding("enter", "open", "Open", key_display="⏎", priority=True),
        Binding("w", "app.live", "Live"),
        Binding("e", "export", "Export"),
        Binding("d", "discount", "Discount"),
        Binding("l", "tab('learners')", "Learners", show=False),
        Binding("x", "tab('exercises')", "Exercises", show=False),
        Binding("m", "tab('misconceptions')", "Misconceptions", show=False),
        Binding("q", "app.quit", "Quit"),
    ]
    wants_fresh_report = True  # while it is shown, new lines make the report again (now and then)

    def __init__(self, report: Report, export_dir: Path | None = None) -> None:
        super().__init__()
        self.report = report
        self.export_dir = export_dir

    def compose(self) -> ComposeResult:
        report = self.report
        yield Static("", id="report-title", classes="screen-title")
        with TabbedContent(initial="learners"):
            with TabPane("Learners", id="learners"):
                yield LearnersPane()
            with TabPane("Exercises", id="exercises"):
                yield ExercisesPane()
            with TabPane("Misconceptions", id="misconceptions"):
                yield BarChart("Wrong answers per diagnosis", "No mistake was named.", id="misconceptions-chart")
                yield ReportTable(*MISCONCEPTION_HEADINGS, id="misconceptions-table")
            if recheck_of(report) is not None:
                with TabPane("Re-marked", id="recheck"):
                    yield ChangesPane(recheck_of(report))
            with TabPane("Warnings", id="warnings", disabled=not report.warnings):
                yield Static("", id="warnings-text")
        yield Footer()

    def on_mount(self) -> None:
        self.show_report(self.report)
        self.query_one("#learners-table", DataTable).focus()

    def show_report(self, report: Report) -> None:
        """Fill the tables from `report` (again, when lines arrived), each cursor kept on its row."""
        self.report = report
        warnings = f" · {len(report.warnings)} warnings" if report.warnings else ""
        live = " · live" if getattr(self.app, "watching", False) else ""
        self.query_one("#report-title", Static).update(f"{report.title} — {headline(report)}{warnings}{live}")
        self.query_one(LearnersPane).show(report)
        self.query_one(ExercisesPane).show(report)
        self.query_one("#misconceptions-table", ReportTable).refill(
            (m.code, values) for m, values in zip(report.misconceptions, misconception_rows(report)))
        self.query_one(BarChart).bars = tuple((m.code, m.count) for m in report.misconceptions)
        self.query_one("#warnings-text", Static).update("\n".join(f"! {w}" for w in report.warnings))
        self.query_one("#warnings", TabPane).disabled = not report.warnings

    def on_screen_resume(self) -> None:
        refresh = getattr(self.app, "refresh_report", None)
        if refresh is not None:
            refresh()  # back from the live view: the report with what arrived meanwhile

    # -- opening a row ------------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#learners-table")
    def _learner(self, event: DataTable.RowSelected) -> None:
        self.open_learner(str(event.row_key.value))

    @on(DataTable.RowSelected, "#exercises-table")
    def _exercise(self, event: DataTable.RowSelected) -> None:
        self.open_exercise(str(event.row_key.value))

    def open_learner(self, name: str) -> None:
        from .report_learner import LearnerAttemptsScreen

        self.app.push_screen(LearnerAttemptsScreen(self.report, name))

    def open_exercise(self, key: str) -> None:
        from .report_exercise import ExerciseAnalysisScreen

        self.app.push_screen(ExerciseAnalysisScreen(self.report, key))

    def action_open(self) -> None:
        """Open the highlighted row of the tab's table: a learner's answers or an exercise's analysis."""
        active = self.query_one(TabbedContent).active
        key = self._highlighted(active)
        if key is not None and active in ("learners", "exercises"):
            (self.open_learner if active == "learners" else self.open_exercise)(key)

    def _highlighted(self, pane: str) -> str | None:
        table_id = TABLES.get(pane)
        return self.query_one(table_id, ReportTable).highlighted if table_id else None

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        self.query_one(TABLES[pane], DataTable).focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "discount":  # only where exercises are listed
            return self.query_one(TabbedContent).active == "exercises"
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def action_discount(self) -> None:
        """Leave the highlighted exercise out of every score (with a note), or count it again."""
        key = self._highlighted("exercises")
        row = self.report.exercise(key) if key else None
        feed = getattr(self.app, "feed", None)
        if row is None or feed is None:
            return
        feed.discount(key, None if row.discounted else DISCOUNT_NOTE)
        self.app.notify(f"{key}: {'counted again' if row.discounted else 'left out of the scores'}", title="Discount")
        self.app.rebuild()

    def action_export(self) -> None:
        from .report_export import ExportScreen

        self.app.push_screen(ExportScreen(self.report, self.export_dir))

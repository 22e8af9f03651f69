"""The class report: learners, exercises and misconceptions in tabs; Enter opens a row, w goes live, e exports."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from tutor.core.report import Report
from tutor.core.report.sections import change_rows, recheck_headline, recheck_of
from tutor.core.report.summary import exercise_rows, headline, learner_rows, misconception_rows
from tutor.core.report.text import clip

from ..widgets.report_chart import BarChart

LEARNER_HEADINGS = ("⚑", "learner", "solved", "tried", "score", "time", "hints", "sol.", "last")
EXERCISE_HEADINGS = ("exercise", "success", "tries", "time", "wrong", "index", "discr.")
MISCONCEPTION_HEADINGS = ("diagnosis", "wrong", "learners", "exercises")
CHANGE_HEADINGS = ("learner", "exercise", "answer", "was", "now", "diagnosis")
NAME_WIDTH = 18      # a learner's name in the table (the detail line below has it whole)
EXERCISE_WIDTH = 30
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
        self._kept: dict[str, object] = {}  # table id -> the row key under its cursor before a refill

    def compose(self) -> ComposeResult:
        report = self.report
        yield Static("", id="report-title", classes="screen-title")
        with TabbedContent(initial="learners"):
            with TabPane("Learners", id="learners"):
                yield DataTable(id="learners-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="learner-why")
            with TabPane("Exercises", id="exercises"):
                yield DataTable(id="exercises-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="exercise-note")
            with TabPane("Misconceptions", id="misconceptions"):
                yield BarChart("Wrong answers per diagnosis", "No mistake was named.", id="misconceptions-chart")
                yield DataTable(id="misconceptions-table", cursor_type="row", zebra_stripes=True)
            if recheck_of(report) is not None:
                with TabPane("Re-marked", id="recheck"):
                    yield Static(recheck_headline(recheck_of(report)), id="recheck-headline")
                    yield DataTable(id="changes-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Warnings", id="warnings", disabled=not report.warnings):
                yield Static("", id="warnings-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#learners-table", DataTable).add_columns(*LEARNER_HEADINGS)
        self.query_one("#exercises-table", DataTable).add_columns(*EXERCISE_HEADINGS)
        self.query_one("#misconceptions-table", DataTable).add_columns(*MISCONCEPTION_HEADINGS)
        if recheck_of(self.report) is not None:
            changes = self.query_one("#changes-table", DataTable)
            changes.add_columns(*CHANGE_HEADINGS)
            for i, (learner, exercise, _, _, answer, was, now, diagnosis) in enumerate(
                    change_rows(recheck_of(self.report).verdicts)):
                changes.add_row(clip(learner, NAME_WIDTH), exercise, clip(answer, 20), was, now, diagnosis, key=str(i))
        self.show_report(self.report)
        self.query_one("#learners-table", DataTable).focus()

    def show_report(self, report: Report) -> None:
        """Fill the tables from `report` (again, when lines arrived), each cursor kept on its row."""
        self.report = report
        warnings = f" · {len(report.warnings)} warnings" if report.warnings else ""
        live = " · live" if getattr(self.app, "watching", False) else ""
        self.query_one("#report-title", Static).update(f"{report.title} — {headline(report)}{warnings}{live}")
        learners = self._refill("#learners-table")
        for row, values in zip(report.learners, learner_rows(report)):
            mark, name, solved, attempted, score, time, hints, solutions, last = values
            learners.add_row(mark, clip(name, NAME_WIDTH), solved, attempted, score, time, hints, solutions, last,
                             key=row.name)
        exercises = self._refill("#exercises-table")
        for row, values in zip(report.exercises, exercise_rows(report)):
            label, _, _, success, tries, time, wrong, index, discrimination = values
            exercises.add_row(clip(label, EXERCISE_WIDTH), success, tries, time, wrong, index, discrimination,
                              key=row.key)
        table = self._refill("#misconceptions-table")
        for m, values in zip(report.misconceptions, misconception_rows(report)):
            table.add_row(*values, key=m.code)
        self.query_one(BarChart).bars = tuple((m.code, m.count) for m in report.misconceptions)
        self.query_one("#warnings-text", Static).update("\n".join(f"! {w}" for w in report.warnings))
        self.query_one("#warnings", TabPane).disabled = not report.warnings
        for table_id in ("#learners-table", "#exercises-table", "#misconceptions-table"):
            self._restore(table_id)

    def _refill(self, table_id: str) -> DataTable:
        table = self.query_one(table_id, DataTable)
        self._kept[table_id] = table.coordinate_to_cell_key(table.cursor_coordinate).row_key if table.row_count else None
        table.clear()
        return table

    def _restore(self, table_id: str) -> None:
        table = self.query_one(table_id, DataTable)
        kept = self._kept.get(table_id)
        if kept is not None and kept in table.rows:
            table.move_cursor(row=table.get_row_index(kept))

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

    @on(DataTable.RowHighlighted, "#learners-table")
    def _why(self, event: DataTable.RowHighlighted) -> None:
        row = self.report.learner(str(event.row_key.value))
        verdict = f" ({row.verdict})" if row is not None and row.verdict else ""
        text = "" if row is None else f"{row.name}{verdict}: " + ("; ".join(row.help_reasons) or "nothing worrying")
        self.query_one("#learner-why", Static).update(text)

    @on(DataTable.RowHighlighted, "#exercises-table")
    def _note(self, event: DataTable.RowHighlighted) -> None:
        row = self.report.exercise(str(event.row_key.value))
        text = "" if row is None else f"{row.key}" + (f" · discounted: {row.discounted}" if row.discounted else "")
        self.query_one("#exercise-note", Static).update(text)

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
        if table_id is None:
            return None
        table = self.query_one(table_id, DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

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

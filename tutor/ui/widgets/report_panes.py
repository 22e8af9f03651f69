"""The report's learner and exercise tabs: a table and, below it, a line about the highlighted row."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tutor.core.report import Report
from tutor.core.report.summary import exercise_rows, learner_rows
from tutor.core.report.text import clip

from .report_table import ReportTable

LEARNER_HEADINGS = ("⚑", "learner", "solved", "tried", "score", "time", "hints", "sol.", "last")
EXERCISE_HEADINGS = ("exercise", "success", "tries", "time", "wrong", "index", "discr.")
NAME_WIDTH = 18      # a learner's name in the table (the line below has it whole)
EXERCISE_WIDTH = 30


class LearnersPane(Vertical):
    """Every learner, who may need help first; the line below says why for the highlighted one."""

    report: Report | None = None

    def compose(self) -> ComposeResult:
        yield ReportTable(*LEARNER_HEADINGS, id="learners-table")
        yield Static("", id="learner-why")

    def show(self, report: Report) -> None:
        self.report = report
        self.query_one(ReportTable).refill(
            (row.name, (mark, clip(name, NAME_WIDTH), *rest))
            for row, (mark, name, *rest) in zip(report.learners, learner_rows(report)))

    @on(DataTable.RowHighlighted)
    def _why(self, event: DataTable.RowHighlighted) -> None:
        row = self.report.learner(str(event.row_key.value)) if self.report else None
        verdict = f" ({row.verdict})" if row is not None and row.verdict else ""
        text = "" if row is None else f"{row.name}{verdict}: " + ("; ".join(row.help_reasons) or "nothing worrying")
        self.query_one("#learner-why", Static).update(text)


class ExercisesPane(Vertical):
    """Every exercise, hardest first, with WeBWorK's success index and the discrimination."""

    report: Report | None = None

    def compose(self) -> ComposeResult:
        yield ReportTable(*EXERCISE_HEADINGS, id="exercises-table")
        yield Static("", id="exercise-note")

    def show(self, report: Report) -> None:
        self.report = report
        self.query_one(ReportTable).refill(
            (row.key, (clip(label, EXERCISE_WIDTH), *stats))
            for row, (label, _, _, *stats) in zip(report.exercises, exercise_rows(report)))

    @on(DataTable.RowHighlighted)
    def _note(self, event: DataTable.RowHighlighted) -> None:
        row = self.report.exercise(str(event.row_key.value)) if self.report else None
        text = "" if row is None else row.key + (f" · discounted: {row.discounted}" if row.discounted else "")
        self.query_one("#exercise-note", Static).update(text)

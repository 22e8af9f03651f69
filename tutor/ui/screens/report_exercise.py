"""One exercise's response analysis: its wrong answers grouped by the checker, each with its diagnosis."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tutor.core.report import AnswerGroup, Report
from tutor.core.report.text import clip, exercise_label, minutes, number, percent, plural

HEADINGS = ("count", "answer as typed", "diagnosis", "learners")
ANSWER_WIDTH = 36


def group_detail(group: AnswerGroup) -> str:
    lines = [f"{group.count} × {group.representative}" + (f" — {group.option}" if group.option else "")]
    if group.variants > 1:
        lines.append(f"the same mistake on {group.variants} variants")
    elif group.variant:
        lines.append(f"variant {group.variant}")
    lines.append(f"diagnosis: {group.diagnosis or 'not named'}" + (f" — {group.message}" if group.message else ""))
    if len(group.forms) > 1:
        lines.append("typed as: " + " · ".join(f"{text} ×{n}" for text, n in group.forms))
    lines.append(f"{plural(len(group.learners), 'learner')}: {', '.join(group.learners)}")
    lines.append(f"grouped by: {group.decided_by}")
    return "\n".join(lines)


class ExerciseAnalysisScreen(Screen):
    BINDINGS = [Binding("escape,backspace", "app.pop_screen", "Back", key_display="esc")]

    def __init__(self, report: Report, key: str) -> None:
        super().__init__()
        self.report = report
        self.key = key
        self.groups = report.groups.get(key, [])

    def compose(self) -> ComposeResult:
        row = self.report.exercise(self.key)
        title = exercise_label(row) if row else self.key
        yield Static(f"{title} ({self.key})", id="analysis-title", classes="screen-title")
        if row is not None:
            wrong = sum(g.count for g in self.groups)
            yield Static(f"{plural(row.attempted, 'learner')} · success {percent(row.success_rate)} · median "
                         f"{number(row.median_tries)} tries, {minutes(row.median_seconds)} · "
                         f"{plural(wrong, 'wrong answer')} in {plural(len(self.groups), 'group')}", id="analysis-stats")
        yield DataTable(id="groups-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="group-detail"):
            yield Static("No wrong answers." if not self.groups else "", id="group-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*HEADINGS)
        for i, g in enumerate(self.groups):
            answer = g.representative + (f" +{len(g.forms) - 1}" if len(g.forms) > 1 else "")
            table.add_row(str(g.count), clip(answer, ANSWER_WIDTH), g.diagnosis or "—", str(len(g.learners)), key=str(i))
        table.focus()

    @on(DataTable.RowHighlighted)
    def _show(self, event: DataTable.RowHighlighted) -> None:
        group = self.groups[int(event.row_key.value)]
        self.query_one("#group-detail-text", Static).update(group_detail(group))

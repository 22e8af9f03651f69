"""One learner's answers, in order: what they typed, the verdict and the mistake the checker named."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tutor.core.report import Report
from tutor.core.report.text import clip, clock, minutes, percent

HEADINGS = ("time", "exercise", "try", "answer", "✓", "diagnosis")
ANSWER_WIDTH = 22
EXERCISE_WIDTH = 16


class LearnerAttemptsScreen(Screen):
    BINDINGS = [Binding("escape,backspace", "app.pop_screen", "Back", key_display="esc")]

    def __init__(self, report: Report, name: str) -> None:
        super().__init__()
        self.report = report
        self.learner = name
        self.attempts = report.attempts_of(name)

    def compose(self) -> ComposeResult:
        row = self.report.learner(self.learner)
        group = f" ({row.group})" if row and row.group else ""
        yield Static(f"{self.learner}{group}", id="learner-title", classes="screen-title")
        if row is not None:
            why = "; ".join(row.help_reasons)
            yield Static(f"solved {row.solved} of {row.items} ({percent(row.score)}) · {row.answers} answers, "
                         f"{row.wrong} wrong · {minutes(row.seconds)} · {row.hints} hints · {row.solutions} "
                         f"solutions shown" + (f"\n⚑ {why}" if why else ""), id="learner-stats")
        yield DataTable(id="attempts-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="attempt-detail"):
            yield Static("", id="attempt-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*HEADINGS)
        for i, a in enumerate(self.attempts):
            mark = "✓" if a.success else "✗"
            if a.solution_shown:
                mark += "s"  # after the worked solution: it does not count as solved
            table.add_row(clock(a.timestamp), clip(a.exercise, EXERCISE_WIDTH), str(a.try_number or ""),
                          clip(a.response, ANSWER_WIDTH), mark, a.diagnosis or "", key=str(i))
        table.focus()

    @on(DataTable.RowHighlighted)
    def _show(self, event: DataTable.RowHighlighted) -> None:
        a = self.attempts[int(event.row_key.value)]
        facts = [f"{a.key} · {a.title}", f"typed: {a.response}"]
        if a.message:
            facts.append(f"the tutor said: {a.message}")
        extra = [f"{minutes(a.seconds)} on this try" if a.seconds is not None else "",
                 f"{a.hints} hints" if a.hints else "", "worked solution shown" if a.solution_shown else ""]
        facts.append(" · ".join(x for x in extra if x))
        self.query_one("#attempt-detail-text", Static).update("\n".join(f for f in facts if f))

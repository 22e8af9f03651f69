"""One learner's answers, in order: what they typed, on which variant, the verdict and the mistake named.

Opened from the live view, the list grows as the learner answers; the profile line compares
their mistakes with the class's.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tutor.core.report import Attempt, Report
from tutor.core.report.misconceptions import profile
from tutor.core.report.text import clip, clock, minutes, percent

HEADINGS = ("time", "exercise", "try", "answer", "✓", "diagnosis")
ANSWER_WIDTH = 22
EXERCISE_WIDTH = 16
PROFILE_SHOWN = 3


class LearnerAttemptsScreen(Screen):
    BINDINGS = [Binding("escape,backspace", "app.pop_screen", "Back", key_display="esc")]

    def __init__(self, report: Report | None, name: str, attempts: list[Attempt] | None = None,
                 everyone: list[Attempt] | None = None, model=None) -> None:
        super().__init__()
        self.report = report
        self.learner = name
        self.attempts = list(attempts if attempts is not None else report.attempts_of(name))
        self.everyone = everyone if everyone is not None else (report.attempts if report else self.attempts)
        self.model = model  # the live model, when opened from the live view

    @classmethod
    def live(cls, model, name: str, report: Report | None = None) -> LearnerAttemptsScreen:
        """The learner's answers as the live view knows them, growing as new ones arrive."""
        return cls(report, name, list(model.attempts.get(name, [])), _every(model), model)

    def compose(self) -> ComposeResult:
        row = self.report.learner(self.learner) if self.report else None
        group = f" ({row.group})" if row and row.group else ""
        live = " · live" if self.model is not None else ""
        yield Static(f"{self.learner}{group}{live}", id="learner-title", classes="screen-title")
        if row is not None and self.model is None:
            why = "; ".join(row.help_reasons)
            verdict = f" · {row.verdict}" if row.verdict else ""
            yield Static(f"solved {row.solved} of {row.items} ({percent(row.score)}){verdict} · {row.answers} answers, "
                         f"{row.wrong} wrong · {minutes(row.seconds)} · {row.hints} hints · {row.solutions} "
                         f"solutions shown" + (f"\n⚑ {why}" if why else ""), id="learner-stats")
        yield Static("", id="learner-profile")
        yield DataTable(id="attempts-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="attempt-detail"):
            yield Static("", id="attempt-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*HEADINGS)
        self._add_rows(self.attempts, 0)
        self._profile()
        table.focus()

    def _add_rows(self, attempts: list[Attempt], first: int) -> None:
        table = self.query_one(DataTable)
        for i, a in enumerate(attempts, first):
            mark = "✓" if a.success else "✗"
            if a.solution_shown:
                mark += "s"  # after the worked solution: it does not count as solved
            table.add_row(clock(a.timestamp), clip(a.exercise, EXERCISE_WIDTH), str(a.try_number or ""),
                          clip(a.response, ANSWER_WIDTH), mark, a.diagnosis or "", key=str(i))

    def _profile(self) -> None:
        entries = profile(self.everyone, self.learner)
        if not entries:
            text = "no mistake named yet" if self.model is not None else "no mistake named"
        else:
            shown = [f"{e.code} {e.count}" + (f" ({e.ratio:.1f}× the class)" if e.ratio else "")
                     for e in entries[:PROFILE_SHOWN]]
            text = "mistakes: " + " · ".join(shown) + (f" +{len(entries) - PROFILE_SHOWN}" if len(entries) > PROFILE_SHOWN else "")
        self.query_one("#learner-profile", Static).update(text)

    def live_update(self, model, now: datetime) -> None:
        """New answers of this learner go at the end of the list (late ones too: the order is arrival).
        Opened from the report rather than the live view, the list stays the report's."""
        if self.model is None:
            return
        mine = model.attempts.get(self.learner, [])
        known = {id(a) for a in self.attempts}
        new = [a for a in mine if id(a) not in known]
        if new:
            self._add_rows(new, len(self.attempts))
            self.attempts.extend(new)
            self.everyone = _every(model)
            self._profile()

    @on(DataTable.RowHighlighted)
    def _show(self, event: DataTable.RowHighlighted) -> None:
        a = self.attempts[int(event.row_key.value)]
        facts = [f"{a.key} · {a.title}", f"variant: {a.params_text}" if a.params else "", f"typed: {a.response}"]
        if a.diagnosis:
            facts.append(f"mistake: {a.diagnosis}")
        if a.message:
            facts.append(f"the tutor said: {a.message}")
        extra = [f"{minutes(a.seconds)} on this try" if a.seconds is not None else "",
                 f"{a.hints} hints" if a.hints else "", "worked solution shown" if a.solution_shown else ""]
        facts.append(" · ".join(x for x in extra if x))
        self.query_one("#attempt-detail-text", Static).update("\n".join(f for f in facts if f))


def _every(model) -> list[Attempt]:
    return [a for mine in model.attempts.values() for a in mine]

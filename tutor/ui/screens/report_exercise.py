"""One exercise's response analysis: its wrong answers grouped by the checker, each with its diagnosis;
`v` shows its results per variant instead (one harder, or broken, stands out)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tutor.core.report import AnswerGroup, Report
from tutor.core.report.text import clip, exercise_label, minutes, number, percent, plural, signed

HEADINGS = ("count", "answer as typed", "diagnosis", "learners")
VARIANT_HEADINGS = ("variant", "learners", "success", "tries", "mistake", "note")
ANSWER_WIDTH = 36
VARIANT_WIDTH = 26


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
    BINDINGS = [Binding("escape,backspace", "app.pop_screen", "Back", key_display="esc"),
                Binding("v", "variants", "By variant")]

    def __init__(self, report: Report, key: str) -> None:
        super().__init__()
        self.report = report
        self.key = key
        self.groups = report.groups.get(key, [])
        self.variants = report.variants.get(key, [])
        self.by_variant = False

    def compose(self) -> ComposeResult:
        row = self.report.exercise(self.key)
        title = exercise_label(row) if row else self.key
        yield Static(f"{title} ({self.key})", id="analysis-title", classes="screen-title")
        if row is not None:
            wrong = sum(g.count for g in self.groups)
            discounted = f"\ndiscounted: {row.discounted}" if row.discounted else ""
            yield Static(f"{plural(row.attempted, 'learner')} · success {percent(row.success_rate)} · median "
                         f"{number(row.median_tries)} tries, {minutes(row.median_seconds)} · "
                         f"{plural(wrong, 'wrong answer')} in {plural(len(self.groups), 'group')} · index "
                         f"{signed(row.success_index, plus=False)} · discrimination {signed(row.discrimination)}"
                         f"{discounted}", id="analysis-stats")
        yield DataTable(id="groups-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="group-detail"):
            yield Static("No wrong answers." if not self.groups else "", id="group-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        if self.by_variant:
            table.add_columns(*VARIANT_HEADINGS)
            for i, v in enumerate(self.variants):
                table.add_row(clip(v.params or "—", VARIANT_WIDTH), str(v.learners), percent(v.success_rate),
                              number(v.median_tries), v.diagnosis or "—", "⚑" if v.note else "", key=str(i))
            empty = "No answers." if not self.variants else ""
        else:
            table.add_columns(*HEADINGS)
            for i, g in enumerate(self.groups):
                answer = g.representative + (f" +{len(g.forms) - 1}" if len(g.forms) > 1 else "")
                table.add_row(str(g.count), clip(answer, ANSWER_WIDTH), g.diagnosis or "—", str(len(g.learners)),
                              key=str(i))
            empty = "No wrong answers." if not self.groups else ""
        self.query_one("#group-detail-text", Static).update(empty)

    def action_variants(self) -> None:
        """Between the wrong answers' groups and the results per variant."""
        self.by_variant = not self.by_variant
        self._fill()

    @on(DataTable.RowHighlighted)
    def _show(self, event: DataTable.RowHighlighted) -> None:
        index = int(event.row_key.value)
        if self.by_variant:
            v = self.variants[index]
            text = (f"variant {v.params or '(no parameters)'}\n{plural(v.learners, 'learner')}, {v.solved} solved, "
                    f"{plural(v.answers, 'answer')}; commonest mistake: {v.diagnosis or 'none named'}"
                    + (f"\n⚑ {v.note}" if v.note else ""))
        else:
            text = group_detail(self.groups[index])
        self.query_one("#group-detail-text", Static).update(text)

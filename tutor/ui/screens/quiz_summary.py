"""The end of a quiz: score, time, each question with your answer and the right one; retry the missed."""

from __future__ import annotations

import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Header, Static

from tutor.core.maths.codes import label
from tutor.core.quiz import UNANSWERED, Outcome, QuizRun, format_clock
from tutor.core.study import Study

from ..widgets.prose import Prose
from .base import TutorScreen

HEADINGS = ("Lesson", "Exercise", "Your answer", "Right answer")
REVIEW_HEADINGS = ("Lesson", "Exercise", "Your answer", "Comes back")


def comes_back(due: float, now: float) -> str:
    """'tomorrow · 2 Jun', 'in 3 days · 4 Jun', 'in 5 weeks · 6 Jul': when a reviewed card is due again
    (short: it is the table's last column at 80 columns)."""
    days = max(1, round((due - now) / 86400))
    when = time.strftime("%d %b", time.localtime(due)).lstrip("0")
    if days == 1:
        return f"tomorrow · {when}"
    if days < 14:
        return f"in {days} days · {when}"
    if days < 60:
        return f"in {round(days / 7)} weeks · {when}"
    return f"in {round(days / 30)} months · {when}"
MIN_WIDTH = 6
_MARKDOWN = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|~$"})


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())  # a multi-line answer stays on its row
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def fit_widths(natural: list[int], room: int) -> list[int]:
    """Column widths within `room`: the widest columns give way first, none below MIN_WIDTH."""
    widths = list(natural)
    while sum(widths) > room and max(widths) > MIN_WIDTH:
        widths[widths.index(max(widths))] -= 1
    return widths


def plain(text: str) -> str:
    """Learner's text shown as typed in Markdown (x*y must not turn into emphasis)."""
    return text.translate(_MARKDOWN)


def detail_markdown(outcome: Outcome, total: int, tries: int) -> str:
    """Everything about one question; a choice question's options all explained, now that it is over."""
    instance = outcome.instance
    mark = "✓ right" if outcome.correct else "✗ missed"
    used = f", {outcome.tries} of {tries} tries" if tries > 1 and outcome.tries else ""
    parts = [f"**Question {outcome.number} of {total}** · {plain(outcome.lesson_title)} · "
             f"*{plain(outcome.title)}* · {mark}{used}"]
    if instance is not None:
        parts.append(instance.prompt)
        if instance.shows:
            parts.append(plain(instance.shows))
    yours = "not answered" if outcome.answer == UNANSWERED else f"**{plain(outcome.answer)}**"
    parts.append(f"- Your answer: {yours}\n- Right answer: **{plain(outcome.expected)}**")
    if instance is not None and instance.shape == "choice":
        parts.append("\n".join(f"- {'✓' if c.correct else '·'} {letter}) {plain(c.text)} — {c.explanation}"
                               for letter, c in zip("abcdefgh", instance.choices)))
    return "\n\n".join(parts)


class QuizSummaryScreen(TutorScreen):
    BINDINGS = [
        Binding("r", "retry", "Retry missed"),
        Binding("h,escape", "home", "Home", key_display="h"),
    ]

    def __init__(self, study: Study, run: QuizRun) -> None:
        super().__init__(study)
        self.run = run
        self.retrying = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="quiz-score", classes="screen-title", markup=False)
        yield DataTable(id="quiz-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="quiz-detail"):
            yield Prose(id="quiz-detail-text")
        with Horizontal(classes="buttons"):
            yield Button("Retry missed (r)", id="retry", variant="primary", action="screen.retry")
            yield Button("Home (h)", id="home", action="screen.home")
        yield Footer()

    def on_mount(self) -> None:
        run, result = self.run, self.run.result
        what = {"practice": "Practice", "review": "Review", "drill": "Drill"}.get(run.mode, "Quiz")
        self.sub_title = f"{what} summary"
        self.app.clear_notifications()  # the last question's "Right!" is not about the summary
        score = f"{what} done: {result.score} of {result.total} right ({result.fraction:.0%})"
        if run.timed:
            score += f" · time {format_clock(run.elapsed)}"
        if run.mode == "review":
            score = f"Review done: {result.score} of {result.total} recalled · when each comes back:"
        elif run.mode == "drill" and run.slip:
            score += f" · {label(run.slip)}"
        self.query_one("#quiz-score", Static).update(score)
        table = self.query_one("#quiz-table", DataTable)
        now = self.study.store.now()
        headings = REVIEW_HEADINGS if run.mode == "review" else HEADINGS
        rows = [(o.lesson_title, o.title, " ".join(o.answer.split()), self._last_column(o, now))
                for o in run.outcomes]
        natural = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headings)]
        # Number, mark, cell padding and a scrollbar take the rest: never a sideways scroll at 80 columns.
        widths = fit_widths(natural, self.app.size.width - 2 - 2 * (len(headings) + 2) - 3 - 2)
        table.add_column("#", width=2)
        for heading, width in zip(headings, widths):
            table.add_column(heading, width=width)
        table.add_column("", width=1)
        for o, row in zip(run.outcomes, rows):
            mark = Text("✓", style="bold green") if o.correct else Text("✗", style="bold red")
            # Text, not str: a cell holds the author's and the learner's words, never markup.
            table.add_row(str(o.number), *(Text(clip(c, w)) for c, w in zip(row, widths)), mark, key=str(o.number))
        retry = self.query_one("#retry", Button)
        retry.disabled = not run.retry_plan()
        if retry.disabled:
            retry.label = "Nothing missed"
        table.focus()

    def _last_column(self, outcome: Outcome, now: float) -> str:
        """The right answer; in a review, when the card comes back (the right answer is in the detail)."""
        q = outcome.question
        card = self.run.cards.get((q.lesson_id, q.exercise_id)) if self.run.mode == "review" else None
        if card is not None:
            return comes_back(card.due, now)
        return " ".join(outcome.expected.split())

    @on(DataTable.RowHighlighted, "#quiz-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        outcome = self.run.outcomes[event.cursor_row]
        self.query_one("#quiz-detail-text", Prose).show(detail_markdown(outcome, len(self.run.outcomes), self.run.tries))
        self.query_one("#quiz-detail").scroll_home(animate=False)

    def action_retry(self) -> None:
        if not self.run.retry_plan():
            self.notify("Nothing was missed: every question was right.")
            return
        if not self.retrying:
            self.retrying = True
            self.start_retry()

    @work(thread=True, exclusive=True, group="retry", exit_on_error=False)
    def start_retry(self) -> None:
        run = self.run.retry()  # writes the new run to the store: off the UI thread
        self.app.call_from_thread(self.tutor.start_quiz, run)

    def worker_failed(self, worker) -> None:
        self.retrying = False

    def action_home(self) -> None:
        self.tutor.action_home()

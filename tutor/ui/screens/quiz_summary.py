"""The end of a quiz: score, time, each question with your answer and the right one; retry the missed."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Header, Static

from tutor.core.quiz import UNANSWERED, Outcome, QuizRun, format_clock
from tutor.core.study import Study

from ..widgets.prose import Prose
from .base import TutorScreen

HEADINGS = ("Lesson", "Exercise", "Your answer", "Right answer")
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
        self.sub_title = "Practice summary" if self.run.mode == "practice" else "Quiz summary"
        self.app.clear_notifications()  # the last question's "Right!" is not about the summary
        run, result = self.run, self.run.result
        what = "Practice" if run.mode == "practice" else "Quiz"
        self.query_one("#quiz-score", Static).update(
            f"{what} done: {result.score} of {result.total} right ({result.fraction:.0%}) · "
            f"time {format_clock(run.elapsed)}")
        table = self.query_one("#quiz-table", DataTable)
        rows = [(o.lesson_title, o.title, " ".join(o.answer.split()), " ".join(o.expected.split()))
                for o in run.outcomes]
        natural = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(HEADINGS)]
        # Number, mark, cell padding and a scrollbar take the rest: never a sideways scroll at 80 columns.
        widths = fit_widths(natural, self.app.size.width - 2 - 2 * (len(HEADINGS) + 2) - 3 - 2)
        table.add_column("#", width=2)
        for heading, width in zip(HEADINGS, widths):
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

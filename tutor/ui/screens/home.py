"""Home: reviews due first, then the course in order with each lesson's progress, the learner's usual
slips with a key to drill each; "continue" follows the one rule the help states."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.core.maths.codes import label
from tutor.core.next_step import NextStep

from .base import TutorScreen
from .home_runs import ReviewAndDrill

BAR = 10
SLIPS_SHOWN = 3  # keys 1–3 drill them
COMPACT_FOOTER_BELOW = 100  # columns: narrower, the footer drops its spacing so every key still shows
# The lesson list's tooltip: what each row's marks mean (the help says the same at more length).
LESSONS_TOOLTIP = (
    "Bar and n/m: exercises solved (right without the worked solution).\n"
    "Mastery % (below the list): how reliably you answer the lesson's exercises lately; each right "
    "answer moves an exercise 30% of the way to 100%, each wrong one takes 30% of it away; "
    "exercises never tried count 0. Reviews raise it too.\n"
    "★ mastered: every exercise solved, and each one's latest spaced review passed and not due again yet.\n"
    "◦ a lesson to study first (advice, not a lock)."
)


def progress_bar(fraction: float) -> str:
    filled = round(fraction * BAR)
    return "█" * filled + "░" * (BAR - filled)


def _fit(title: str, width: int) -> str:
    return (title if len(title) <= width else title[: width - 1] + "…").ljust(width)


def row_text(number: int, row, width: int = 44) -> Text:
    text = Text()
    if row.broken:
        text.append(f"{'⚠':>3} ", style="yellow")
        text.append(_fit(row.title, width), style="yellow")
        text.append("  broken: see below", style="yellow")
        return text
    mark = "★" if row.mastered else "✓" if row.total and row.solved == row.total else f"{number:>2}."
    text.append(f"{mark:>3} ")
    text.append(_fit(row.title, width), style="bold" if row.solved < row.total else "")
    text.append(f"  {progress_bar(row.fraction)} ", style="green")
    text.append(f"{row.solved:>2}/{row.total:<2}", style="dim")
    # A prerequisite not studied yet: a quiet mark here; the line under the list says which.
    text.append(" ◦" if row.missing else "  ", style="dim")
    return text


class HomeScreen(ReviewAndDrill, TutorScreen):
    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("c", "continue", "Continue"),
        Binding("r", "review", "Review"),
        Binding("1", "drill(0)", "Drill", key_display="1-3"),
        Binding("2", "drill(1)", "Drill slip 2", show=False),
        Binding("3", "drill(2)", "Drill slip 3", show=False),
        Binding("z", "quiz", "Quiz"),
        Binding("l", "lab", "Lab"),
        Binding("m", "map", "Map"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("", id="review", markup=False)
            yield Static("Loading the course…", id="continue", markup=False)
            yield OptionList(id="lessons")
            yield Static("", id="detail", markup=False)
            yield Static("", id="slips", markup=False)
        yield Footer()


    def on_mount(self) -> None:
        self.refresh_rows()

    def on_resize(self) -> None:
        # Below 100 columns the footer's keys would run into the palette's: the compact footer keeps them all.
        self.query_one(Footer).compact = self.size.width < COMPACT_FOOTER_BELOW

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    waiting = None  # what the learner asked for before the lessons were read, done once they are

    def refresh_rows(self) -> None:
        study = self.study
        if study.ready and self.waiting is not None:
            waiting, self.waiting = self.waiting, None
            self.call_later(waiting)
        rows = study.rows()
        self.rows = {row.id: row for row in rows}
        lessons = self.query_one("#lessons", OptionList)
        highlighted = lessons.highlighted
        lessons.clear_options()
        # Title width: what is left of the row after the number, bar, count and mark (no wrapping).
        width = max(16, min(48, self.size.width - 8 - 26))
        starts = self._track_starts()
        options = []
        for i, row in enumerate(rows):
            if row.id in starts:  # a later track begins here: a heading, so the two parts show
                options.append(Option(Text(starts[row.id], style="bold"), disabled=True))
            options.append(Option(row_text(i + 1, row, width), id=row.id))
        lessons.add_options(options)
        if rows:
            index = min(highlighted or 0, len(options) - 1)
            lessons.highlighted = index + 1 if options[index].disabled else index
        lessons.tooltip = LESSONS_TOOLTIP
        lessons.focus()
        step = study.next_step()
        self.step = step
        self.query_one("#review", Static).update(self._review_line(step))
        due = step is not None and step.kind == "review"
        self.query_one("#review", Static).display = due
        self.query_one("#continue", Static).set_class(due, "after-review")
        self.query_one("#continue", Static).update(self._continue_line(step, rows, study))
        self.slips = study.slips(SLIPS_SHOWN)
        self.query_one("#slips", Static).update(self._slips_text())
        self.query_one("#slips", Static).display = bool(self.slips)

    def _track_starts(self) -> dict[str, str]:
        """{first lesson of each track after the first: its heading} (course_map.py's tracks)."""
        tracks = self.study.course_map().tracks
        return {min(t.rows, key=lambda r: r.number).id: f"── {t.name} · {t.numbers} · m: the prerequisite map"
                for t in tracks[1:] if t.rows}

    def _review_line(self, step: NextStep | None) -> str:
        if step is None or step.kind != "review":
            return ""
        return f"Review: {step.due} due  (press r: fresh numbers, no timer)"

    def _continue_line(self, step: NextStep | None, rows, study) -> str:
        if step is None:
            if not rows and study.ready and study.course.empty_reason:
                return study.course.empty_reason  # an empty folder, or a path that holds no lessons
            if any(r.solved for r in rows):
                return "Every lesson is done. Pick one to revise, or take a quiz (z)."
            return "Welcome! Pick a lesson and press Enter, or press F1 for help."
        if step.kind == "review":
            after = self.study.continue_target()
            return "Continue (c): the reviews, then " + (self._where(after) if after else "a lesson of your choice")
        if step.kind == "lesson":
            return f"Next (c): {self._where(step.position)}"
        return f"Continue (c): {self._where(step.position)}"

    def _where(self, position) -> str:
        """'Lesson, exercise 2 of 7' or 'Lesson, page 3'; a lesson not begun: its title alone."""
        last = self.study.store.last_position()
        if position.exercise_id is None and not position.page and (last is None or last.lesson_id != position.lesson_id):
            return self.study.title(position.lesson_id) or position.lesson_id
        return self.study.describe(position)

    def _slips_text(self) -> Text:
        text = Text("Your usual slips (a key drills one):", style="bold")
        for number, slip in enumerate(self.slips, 1):
            text.append(f"\n {number}  ", style="bold")
            text.append(f"{label(slip.code)} ×{slip.count}")
            if slip.count and not slip.since_drill:
                text.append("  drilled", style="green")
        return text

    @on(OptionList.OptionHighlighted, "#lessons")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        row = getattr(self, "rows", {}).get(event.option_id)
        if row is None:
            return
        detail = Text()
        if row.broken:
            detail.append("This lesson file has errors and cannot be opened:\n", style="bold yellow")
            detail.append(row.broken)
        else:
            detail.append(row.summary)
            if row.missing:
                detail.append(f"\n◦ Study first (recommended, not required): {', '.join(row.missing)}",
                              style="italic")
            if row.broken_exercises:
                detail.append(f"\n{row.broken_exercises} exercise(s) left out: they have errors "
                              "(run tutor validate)", style="yellow")
            if row.total:
                held = "★ mastered" if row.mastered else f"reviews holding {row.holding} of {row.total}"
                detail.append(f"\nSolved {row.solved} of {row.total} · mastery {row.mastery:.0%} · {held}", style="dim")
        self.query_one("#detail", Static).update(detail)

    @on(OptionList.OptionSelected, "#lessons")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_id)

    def action_open(self) -> None:
        lessons = self.query_one("#lessons", OptionList)
        if lessons.highlighted is not None:
            self._open(lessons.get_option_at_index(lessons.highlighted).id)

    def _open(self, lesson_id: str | None) -> None:
        row = getattr(self, "rows", {}).get(lesson_id)
        if row is None:
            return
        if row.broken:
            self.notify(row.broken, title="Broken lesson file", severity="error", timeout=10)
            return
        if not self.study.ready:
            # Pressed before the lessons are read (a second at most): done as soon as they are.
            self.waiting = lambda: self.tutor.open_lesson(row.id)
            self.notify("Reading the lessons: it opens in a moment.", timeout=3)
            return
        self.tutor.open_lesson(row.id)

    def action_continue(self) -> None:
        step = self.study.next_step()
        if step is not None and step.kind == "review":
            self.action_review()
            return
        target = step.position if step is not None else None
        if target is None:
            self.notify("Nothing to continue yet: open a lesson.")
        elif not self.study.ready:
            self.waiting = self.action_continue
            self.notify("Reading the lessons: it opens in a moment.", timeout=3)
        elif target.exercise_id:
            self.tutor.open_exercise(target.lesson_id, target.exercise_id)
        else:
            self.tutor.open_lesson(target.lesson_id, target.page or 0)

    def action_quiz(self) -> None:
        self.tutor.action_quiz()

    def action_lab(self) -> None:
        self.tutor.action_lab()

    def action_map(self) -> None:
        self.tutor.action_map()

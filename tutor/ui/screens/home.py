"""Home: the course in order, each lesson with its progress; continue where you left off."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from .base import TutorScreen

BAR = 10


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
    mark = "✓" if row.total and row.solved == row.total else f"{number:>2}."
    text.append(f"{mark:>3} ")
    text.append(_fit(row.title, width), style="bold" if row.solved < row.total else "")
    text.append(f"  {progress_bar(row.fraction)} ", style="green")
    text.append(f"{row.solved:>2}/{row.total:<2}", style="dim")
    # A prerequisite not studied yet: a quiet mark here; the line under the list says which.
    text.append(" ◦" if row.missing else "  ", style="dim")
    return text


class HomeScreen(TutorScreen):
    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("c", "continue", "Continue"),
        Binding("z", "quiz", "Quiz"),
        Binding("l", "lab", "Lab"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("Loading the course…", id="continue", markup=False)
            yield OptionList(id="lessons")
            yield Static("", id="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_rows()

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
        lessons.add_options([Option(row_text(i + 1, row, width), id=row.id) for i, row in enumerate(rows)])
        if rows:
            lessons.highlighted = min(highlighted or 0, len(rows) - 1)
        lessons.focus()
        target = study.continue_target()
        where = ""
        if target is not None:
            where = f"Continue: {study.describe(target)}  (press c)"
        elif not rows and study.ready and study.course.empty_reason:
            where = study.course.empty_reason  # an empty folder, or a path that holds no lessons
        elif any(r.solved for r in rows):
            where = "Every lesson is done. Pick one to revise, or take a quiz (z)."
        else:
            where = "Welcome! Pick a lesson and press Enter, or press F1 for help."
        self.query_one("#continue", Static).update(where)

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
                detail.append(f"\nSolved {row.solved} of {row.total} · mastery {row.mastery:.0%}", style="dim")
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
        target = self.study.continue_target()
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

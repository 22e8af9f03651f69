"""A lab sheet: its items with status and score, time left in a test; Enter works on an exercise.

The root screen when the tutor is started on a sheet (`tutor SHEET.yaml`). Its table comes from
the sheet's progress in the core (SheetSession.progress), read again whenever the learner comes
back from an exercise; in a timed test the clock ticks here and the sheet is handed in when the
time is up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Footer, Header, Static

from tutor.core.study import Study

from .base import TutorScreen
from .confirm import ConfirmScreen

if TYPE_CHECKING:
    from tutor.core.sheets.progress import ExerciseProgress, SheetProgress

TICK = 1.0  # seconds between redraws of the time left
STATUS = {"todo": ("·", "dim"), "tried": ("…", "yellow"), "solved": ("✓", "bold green"),
          "completed": ("✓", "green"), "out of tries": ("✗", "red")}


def clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60:02d}:{seconds % 60:02d}"


def heading(progress: SheetProgress, class_name: str) -> str:
    parts = [f"{progress.title} · {class_name} · {progress.mode}",
             f"{progress.solved} of {progress.total} solved ({progress.score:.0%})"]
    if progress.finished:
        parts.append("handed in")
    elif progress.time_left is not None:
        parts.append(f"⏱ {clock(progress.time_left)} left")
    if progress.due is not None:
        parts.append(("overdue: was due " if progress.overdue else "due ") + progress.due.strftime("%a %d %b %H:%M"))
    return " · ".join(parts)


class SheetScreen(TutorScreen):
    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("f10", "hand_in", "Hand in"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, study: Study) -> None:
        super().__init__(study)
        self.progress: SheetProgress | None = None
        self.rows: list[ExerciseProgress] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening the sheet…", id="sheet-title", classes="screen-title", markup=False)
        yield Static("", id="sheet-note", markup=False)
        yield DataTable(id="sheet-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(classes="buttons"):
            yield Button("Open ⏎", id="open", variant="primary", action="screen.open")
            yield Button("Hand in F10", id="hand-in", action="screen.hand_in")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "lab sheet"
        table = self.query_one("#sheet-table", DataTable)
        # The exercise column takes what the others leave: no sideways scrolling at 80 columns.
        fixed = {"": 1, "Tries": 5, "Status": 12}
        room = max(20, self.app.size.width - sum(fixed.values()) - 2 * (len(fixed) + 1) - 4)
        for name, width in (("", 1), ("Exercise", room), ("Tries", 5), ("Status", 12)):
            table.add_column(name, width=width)
        self.exercise_width = room
        self.ticker = self.set_interval(TICK, self.refresh_progress, pause=True)
        self.refresh_progress()

    def on_screen_resume(self) -> None:
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """Read the sheet's progress again (a worker: a test whose time is up is handed in there)."""
        if self.study.sheet is not None:
            self.read_progress()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def read_progress(self) -> None:
        progress = self.study.sheet.progress()
        self.app.call_from_thread(self._show, progress)

    def show_progress(self, progress: SheetProgress) -> None:
        """Show the sheet's progress as read elsewhere (the app reads it once the sheet is opened)."""
        self._show(progress)

    def _show(self, progress: SheetProgress) -> None:
        first = self.progress is None
        was_finished = self.progress is not None and self.progress.finished
        self.progress = progress
        sheet = self.study.sheet.sheet
        self.query_one("#sheet-title", Static).update(heading(progress, sheet.class_name))
        note = sheet.file.description.strip() if first and sheet.file.description else ""
        if progress.finished:
            note = f"Handed in: {progress.solved} of {progress.total} solved. Your answers are saved" + (
                " and sent to your teacher's folder." if self.study.submit else ".")
        if note or first or progress.finished:
            self.query_one("#sheet-note", Static).update(note)
        self.query_one("#hand-in", Button).disabled = progress.finished
        if progress.finished and not was_finished and not first and self.is_current:  # else the exercise said it
            self.notify(f"The sheet is handed in: {progress.solved} of {progress.total} solved.", timeout=10)
        self.ticker.pause() if progress.finished or progress.time_left is None else self.ticker.resume()
        self._fill(progress)

    def _fill(self, progress: SheetProgress) -> None:
        table = self.query_one("#sheet-table", DataTable)
        cursor = table.cursor_row
        table.clear()
        self.rows = list(progress.exercises)
        for n, exercise in enumerate(self.rows, start=1):
            mark, style = STATUS[exercise.status]
            tries = f"{exercise.tries}" + (f"/{exercise.tries + exercise.tries_left}"
                                          if exercise.tries_left is not None and exercise.status in ("todo", "tried")
                                          else "")
            # Text, not str: titles are the author's words, never markup.
            title = self._exercise_title(exercise)
            if len(title) > self.exercise_width:
                title = title[: self.exercise_width - 1] + "…"
            table.add_row(Text(mark, style=style), Text(title), tries, Text(exercise.status, style=style), key=str(n))
        if self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))
        table.focus()

    def _exercise_title(self, exercise: ExerciseProgress) -> str:
        """'lesson title · 5. exercise-id': where it is in the course, in words the author chose."""
        entry = next((e for e in self.study.catalog if e.id == exercise.lesson_id), None)
        ids = entry.exercise_ids if entry is not None else ()
        number = f"{ids.index(exercise.exercise_id) + 1}. " if exercise.exercise_id in ids else ""
        lesson = entry.title if entry is not None else exercise.lesson_id
        return f"{lesson} · {number}{exercise.exercise_id}"

    # -- working -----------------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#sheet-table")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if not self.rows or not self.study.ready or self.study.sheet is None:
            self.notify("The sheet is still opening: one moment.")
            return
        exercise = self.rows[self.query_one("#sheet-table", DataTable).cursor_row]
        sequence = tuple((e.lesson_id, e.exercise_id) for e in self.rows)
        self.tutor.open_exercise(exercise.lesson_id, exercise.exercise_id, exercise.seed, sequence=sequence)

    def action_hand_in(self) -> None:
        if self.progress is None or self.progress.finished:
            return
        left = self.progress.total - sum(e.done for e in self.progress.exercises)
        note = f" {left} exercise{'s are' if left != 1 else ' is'} not done yet." if left else ""
        self.app.push_screen(ConfirmScreen(f"Hand in the sheet now? Answers after this do not count.{note}",
                                           "Hand in", "Not yet"), self._hand_in)

    def _hand_in(self, yes: bool | None) -> None:
        if yes:
            self.hand_in()

    @work(thread=True, exclusive=True, group="hand-in", exit_on_error=False)
    def hand_in(self) -> None:
        warning = self.study.hand_in()
        if warning:
            self.app.call_from_thread(self.notify, warning, title="Submit folder", severity="warning")
        self.app.call_from_thread(self.refresh_progress)

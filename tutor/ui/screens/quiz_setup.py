"""Quiz setup: which lessons, how many questions, how many tries each; then Start."""

from __future__ import annotations

import random
import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.validation import Number
from textual.widgets import Button, Footer, Header, Input, Label, RadioButton, RadioSet, SelectionList, Static
from textual.worker import Worker

from tutor.core.quiz import QuizRun, plan_quiz
from tutor.core.study import Study

from .base import TutorScreen

DEFAULT_COUNT = 10
MAX_COUNT = 50
MAX_TRIES = 3


class QuizSetupScreen(TutorScreen):
    BINDINGS = [
        # Function keys: a letter would be typed into the number box.
        Binding("f5", "start", "Start"),
        Binding("f2", "toggle_all", "All/none"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, study: Study, rng_seed: int | None = None, clock=None) -> None:
        """`rng_seed` and `clock` fix the questions and the timer (tests); by default both are live."""
        super().__init__(study)
        self.rng_seed = rng_seed
        self.clock = clock
        self.starting = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Quiz: fresh variants, no hints, timed", classes="screen-title")
        # Only the lesson list scrolls, so the options and the note stay in view at 80×24.
        with Vertical(id="quiz-setup"):
            yield Label("Lessons to ask from (space or click to toggle):")
            yield SelectionList[str](id="quiz-lessons")
            with Horizontal(id="quiz-options"):
                yield Label("Questions", classes="quiz-label")
                yield Input(str(DEFAULT_COUNT), type="integer", max_length=2, id="quiz-count",
                            validators=[Number(1, MAX_COUNT)], validate_on=["changed", "submitted"])
                yield Label("Tries each", classes="quiz-label")
                with RadioSet(id="quiz-tries"):
                    for tries in range(1, MAX_TRIES + 1):
                        yield RadioButton(str(tries), value=tries == 1)
            yield Static("", id="quiz-note")
        with Horizontal(classes="buttons"):
            yield Button("Start F5", id="start", variant="primary", action="screen.start")
            yield Button("Back", id="back", action="app.pop_screen")
        yield Footer()

    def on_mount(self) -> None:
        study = self.study
        self.sub_title = "Quiz"
        lessons = self.query_one("#quiz-lessons", SelectionList)
        self.counts = {}
        for lesson in study.course.lessons:  # broken files are not in course.lessons
            count = len(study.exercise_ids(lesson))
            if count:
                self.counts[lesson.id] = count
                noun = "exercise" if count == 1 else "exercises"
                lessons.add_option((Text.assemble(lesson.title, (f"  {count} {noun}", "dim")), lesson.id, True))
        self.left_out = [b.title for b in study.course.broken]
        lessons.focus()
        self._describe()

    # -- what the choices add up to ----------------------------------------------------------------
    def choices(self) -> tuple[list[str], int | None, int]:
        """(lesson ids, number of questions or None when not a valid number, tries)."""
        ids = list(self.query_one("#quiz-lessons", SelectionList).selected)
        box = self.query_one("#quiz-count", Input)
        count = int(box.value) if box.value.isdigit() and 1 <= int(box.value) <= MAX_COUNT else None
        tries = (self.query_one("#quiz-tries", RadioSet).pressed_index or 0) + 1
        return ids, count, tries

    def _describe(self) -> None:
        ids, count, tries = self.choices()
        total = sum(self.counts[i] for i in ids)
        note = Text()
        if not ids:
            note.append("Choose at least one lesson.", style="bold yellow")
        elif count is None:
            note.append(f"Type a number of questions from 1 to {MAX_COUNT}.", style="bold yellow")
        else:
            note.append(f"{count} questions from {total} exercises in {len(ids)} lesson(s), "
                        f"{tries} {'try' if tries == 1 else 'tries'} each.")
            if count > total:
                note.append("\nThere are fewer exercises than that: some will come more than once.", style="dim")
        if self.left_out:
            note.append(f"\nNot offered (the file has errors): {', '.join(self.left_out)}", style="dim yellow")
        self.query_one("#quiz-note", Static).update(note)
        self.query_one("#start", Button).disabled = not ids or count is None

    @on(SelectionList.SelectedChanged)
    @on(Input.Changed)
    @on(RadioSet.Changed)
    def _changed(self) -> None:
        self._describe()

    def action_toggle_all(self) -> None:
        lessons = self.query_one("#quiz-lessons", SelectionList)
        if len(lessons.selected) == len(self.counts):
            lessons.deselect_all()
        else:
            lessons.select_all()

    # -- starting --------------------------------------------------------------------------------
    @on(Input.Submitted, "#quiz-count")
    def _start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        ids, count, tries = self.choices()
        if not ids or count is None or self.starting:
            self._describe()
            return
        self.starting = True
        self.query_one("#quiz-note", Static).update("Preparing the questions…")
        seed = self.rng_seed if self.rng_seed is not None else random.randrange(2**32)
        self.plan(ids, count, tries, seed)

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def plan(self, ids: list[str], count: int, tries: int, seed: int) -> None:
        # Reading the lessons' maths (sympy) may not have finished yet, and starting a run writes to
        # the store: never on the UI thread.
        questions = plan_quiz(self.study.course, ids, count, seed)
        run = None
        if questions:
            run = QuizRun(self.study.store, self.study.course, questions, tries=tries, lesson_ids=ids,
                          clock=self.clock or time.monotonic)
        self.app.call_from_thread(self._planned, run)

    def _planned(self, run: QuizRun | None) -> None:
        self.starting = False
        if run is None:
            self.notify("The chosen lessons have no exercises that can be asked.", severity="warning")
            self._describe()
            return
        self.tutor.start_quiz(run)

    def worker_failed(self, worker: Worker) -> None:
        self.starting = False
        self._describe()

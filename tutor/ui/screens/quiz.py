"""Taking a quiz: one question at a time, timed, no hints; each answer checked off the UI thread and stored.

The QuizRun (core) keeps the score; this screen only shows it. Checks run in a worker thread,
as on the exercise screen, and each graded answer is in the store before its feedback shows.
"""

from __future__ import annotations

import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from tutor.core.lessons.instance import Instance
from tutor.core.maths.verdict import Verdict
from tutor.core.progress import ProgressError
from tutor.core.quiz import Question, QuizRun, format_clock

from ..widgets.answer_area import AnswerArea
from ..widgets.feedback import Feedback
from ..widgets.prose import Prose
from .confirm import ConfirmScreen
from .exercise import WORKING_AFTER

TICK = 0.5  # seconds between timer redraws: often enough that mm:ss never skips a second


class QuizScreen(Screen):
    BINDINGS = [
        Binding("ctrl+n", "next", "Next"),
        Binding("escape", "leave", "Leave quiz"),
    ]

    def __init__(self, questions: list[Question], tries: int = 1, lesson_ids: list[str] | None = None,
                 clock=None) -> None:
        super().__init__()
        self.questions = questions
        self.tries = tries
        self.lesson_ids = lesson_ids
        self.clock = clock
        self.run: QuizRun | None = None
        self.instance: Instance | None = None
        self.checking = False
        self.closing = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="quiz-top"):
            yield Static("Preparing the quiz…", id="quiz-title", classes="screen-title")
            yield Static("⏱ 00:00", id="quiz-timer", classes="screen-title")
        with VerticalScroll(id="quiz-body"):
            yield Prose(id="prompt")
            yield Static("", id="shows")
            yield AnswerArea(id="answer-area")
            yield Feedback(id="feedback")
            yield Static("", id="quiz-status")
        with Horizontal(classes="buttons"):
            yield Button("Check ⏎", id="check", variant="primary")
            yield Button("Skip →", id="next")
            yield Button("Leave quiz", id="leave")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Quiz"
        study = self.app.study
        try:
            self.run = QuizRun(study.store, study.course, self.questions, tries=self.tries,
                               lesson_ids=self.lesson_ids, clock=self.clock or time.monotonic)
        except ProgressError as error:  # without a place to keep the answers there is no quiz
            self.notify(f"The quiz cannot start: {error}", severity="error", timeout=10)
            self.call_later(self.app.pop_screen)
            return
        self.ticker = self.set_interval(TICK, self._tick)
        self.prepare(self.run.number)

    def _tick(self) -> None:
        self.query_one("#quiz-timer", Static).update(f"⏱ {format_clock(self.run.elapsed)}")

    # -- showing a question -------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="prepare")
    def prepare(self, number: int) -> None:
        try:
            instance = self.run.instance(number)
        except Exception as error:  # a broken variant must not end the quiz
            self.app.call_from_thread(self._unavailable, number, error)
            return
        self.app.call_from_thread(self._show, number, instance)
        if number < len(self.run.questions):
            try:
                self.run.instance(number + 1)  # ready before the learner gets there
            except Exception:
                pass  # reported when that question is shown

    def _title(self, number: int, what: str) -> None:
        lesson = self.app.study.course.lesson(self.run.questions[number - 1].lesson_id)
        self.query_one("#quiz-title", Static).update(
            f"Question {number} of {len(self.run.questions)} · {lesson.title if lesson else ''} · {what}")

    async def _show(self, number: int, instance: Instance) -> None:
        if number != self.run.number or self.closing:
            return
        self.instance = instance
        self._title(number, instance.title)
        self.query_one("#prompt", Prose).show(instance.prompt)
        self.query_one("#shows", Static).update(instance.shows or "")
        await self.query_one("#answer-area", AnswerArea).show(instance)
        self.query_one("#feedback", Feedback).clear()
        tries = f"{self.run.tries} {'try' if self.run.tries == 1 else 'tries'} for this question."
        how = "Pick with a, b, c… or the arrows and Enter." if instance.shape == "choice" else "Enter checks your answer."
        self._status(f"{tries} {how}")
        self._buttons(done=False)
        self.query_one("#quiz-body").scroll_home(animate=False)

    def _unavailable(self, number: int, error: Exception) -> None:
        if number != self.run.number or self.closing:
            return
        self.instance = None
        self._title(number, "cannot be shown")
        self.query_one("#prompt", Prose).show(
            f"This question cannot be shown ({error}). It counts as missed; ctrl+n moves on.")
        self.query_one("#shows", Static).update("")
        self.run_worker(self.query_one("#answer-area", AnswerArea).show(None))
        self.query_one("#feedback", Feedback).clear()
        self._status("")
        self._buttons(done=True)

    def _status(self, text: str) -> None:
        self.query_one("#quiz-status", Static).update(text)

    def _buttons(self, done: bool) -> None:
        last = self.run.number == len(self.run.questions)
        next_button = self.query_one("#next", Button)
        next_button.label = ("Finish ✓" if last else "Next →") if done else "Skip →"
        next_button.variant = "primary" if done else "default"
        self.query_one("#check", Button).disabled = done
        self.query_one("#answer-area", AnswerArea).set_enabled(not done)
        if done:
            next_button.focus()

    # -- checking -----------------------------------------------------------------------------------
    @on(AnswerArea.Answered)
    def _answered(self, event: AnswerArea.Answered) -> None:
        self.submit(event.text)

    @on(Button.Pressed, "#check")
    def _check_button(self) -> None:
        if self.instance is not None:
            self.query_one("#answer-area", AnswerArea).submit()

    def submit(self, text: str) -> None:
        if self.instance is None or self.checking or self.closing:
            return
        if self.run.done():
            self.action_next()
            return
        self.checking = True
        self._working = self.set_timer(WORKING_AFTER, self.query_one("#feedback", Feedback).working)
        self.check(self.instance, text)

    @work(thread=True, exclusive=True, group="check")
    def check(self, instance: Instance, text: str) -> None:
        verdict = instance.check(text)
        problem = None
        try:
            self.run.record(instance, text, verdict)
        except ProgressError as error:
            problem = f"This answer could not be saved: {error}"
        except ValueError:
            pass  # the quiz was left while this answer was being checked: nothing to show
        self.app.call_from_thread(self._checked, verdict, problem)

    def _checked(self, verdict: Verdict, problem: str | None) -> None:
        self._working.stop()
        self.checking = False
        if self.closing:
            return
        if problem:
            self.notify(problem, severity="error", timeout=10)
        # Choice questions keep the other options' explanations for the summary.
        self.query_one("#feedback", Feedback).show(verdict, self.instance, reveal_choices=False)
        last = self.run.number == len(self.run.questions)
        onward = "Enter: see the summary." if last else "Enter or ctrl+n: next question."
        if verdict.status == "invalid":
            self._status("That could not be read, so it used no try: fix it and press Enter.")
        elif self.run.done():
            self._status(onward)
            self._buttons(done=True)
        else:
            left = self.run.tries_left()
            self._status(f"{left} {'try' if left == 1 else 'tries'} left: change your answer and press Enter.")

    # -- moving on ----------------------------------------------------------------------------------
    @on(Button.Pressed, "#next")
    def _next_button(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#leave")
    def _leave_button(self) -> None:
        self.action_leave()

    def action_next(self) -> None:
        if self.run is None or self.checking or self.closing:
            return
        if self.instance is not None and not self.run.done():
            self.app.push_screen(ConfirmScreen("Skip this question? It counts as missed.", "Skip", "Stay"),
                                 self._skip)
            return
        self._advance()

    def _skip(self, yes: bool | None) -> None:
        if yes:
            self._advance()

    def _advance(self) -> None:
        if self.run.advance() is None:
            self.finish()
            return
        self.instance = None
        self._title(self.run.number, "preparing…")
        self.prepare(self.run.number)

    def action_leave(self) -> None:
        if self.run is None or self.closing:
            return
        unanswered = sum(1 for n in range(1, len(self.run.questions) + 1) if n not in self.run.answers)
        note = (f" {unanswered} unanswered question{'s count' if unanswered > 1 else ' counts'} as missed."
                if unanswered else "")
        self.app.push_screen(ConfirmScreen(f"Leave the quiz and see the summary?{note}", "Leave", "Stay"),
                             self._leave)

    def _leave(self, yes: bool | None) -> None:
        if yes:
            self.finish()

    def finish(self) -> None:
        if self.closing:
            return
        self.closing = True
        self.ticker.stop()
        self._status("Finishing…")
        self._finish()

    @work(thread=True, exclusive=True, group="finish")
    def _finish(self) -> None:
        # The summary may need the right answer of questions never shown: their variants are built here.
        try:
            self.run.finish()
        except ProgressError as error:
            self.app.call_from_thread(self.notify, f"The quiz could not be saved: {error}", severity="error")
        self.app.call_from_thread(self._finished)

    def _finished(self) -> None:
        from .quiz_summary import QuizSummaryScreen

        if self.run.result is None:  # the store failed: the answers checked so far are all it had
            self.app.action_home()
            return
        self._tick()
        self.app.switch_screen(QuizSummaryScreen(self.run))

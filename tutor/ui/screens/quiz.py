"""Taking a quiz: one question at a time, timed, no hints; each answer checked off the UI thread and stored.

The QuizRun (core) keeps the score; this screen only shows it. Checks run in a worker thread,
as on the exercise screen, one after another, and each graded answer is in the store before its
feedback shows. An answer given while another is checked waits its turn; if the question is
settled by then (right, or out of tries) it is not counted, and the learner is told so.
"""

from __future__ import annotations

from collections import deque

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Static
from textual.worker import Worker

from tutor.core.lessons.instance import Instance
from tutor.core.maths.codes import label
from tutor.core.maths.verdict import Verdict
from tutor.core.quiz import QuizRun, format_clock
from tutor.core.study import Study

from ..widgets.answer_area import AnswerArea
from ..widgets.feedback import Feedback
from ..widgets.prose import Prose
from .base import TutorScreen
from .confirm import ConfirmScreen
from .exercise import WORKING_AFTER

TICK = 0.5  # seconds between timer redraws: often enough that mm:ss never skips a second


def run_title(run: QuizRun) -> str:
    """What kind of run this is, for the screen's subtitle."""
    if run.mode == "review":
        return "Review: what you solved before, on new numbers"
    if run.mode == "drill":
        return f"Drill: {label(run.slip) if run.slip else 'your slip'}"
    return "Practice: the missed questions" if run.mode == "practice" else "Quiz"


class QuizScreen(TutorScreen):
    BINDINGS = [
        Binding("ctrl+n,pagedown", "next", "Next", key_display="^n", priority=True),
        Binding("escape", "leave", "Leave quiz"),
    ]

    def __init__(self, study: Study, run: QuizRun) -> None:
        super().__init__(study)
        self.run = run
        self.instance: Instance | None = None
        self.waiting: deque[tuple[int, str]] = deque()  # (question number, answer) given while checking
        self.checking = False
        self.closing = False
        self._working = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="quiz-top"):
            yield Static("Preparing the quiz…", id="quiz-title", classes="screen-title", markup=False)
            yield Static("⏱ 00:00", id="quiz-timer", classes="screen-title", markup=False)
        with VerticalScroll(id="quiz-body"):
            yield Prose(id="prompt")
            yield Static("", id="shows", markup=False)
            yield AnswerArea(id="answer-area")
            yield Feedback(id="feedback")
            yield Static("", id="quiz-status", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Check ⏎", id="check", variant="primary", action="screen.check_answer")
            yield Button("Skip →", id="next", action="screen.next")
            yield Button("Leave quiz", id="leave", action="screen.leave")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = run_title(self.run)
        self.app.clear_notifications()  # a notice from the screen before is about something else
        self.ticker = self.set_interval(TICK, self._tick)
        # A review or a drill is untimed: no clock on screen (the run still knows its length).
        self.query_one("#quiz-timer", Static).display = self.run.timed
        if self.run.mode in ("review", "drill"):
            self.query_one("#leave", Button).label = "Leave"
        self.prepare(self.run.number)

    def _tick(self) -> None:
        self.query_one("#quiz-timer", Static).update(f"⏱ {format_clock(self.run.elapsed)}")

    # -- showing a question -------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
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
        lesson = self.study.course.lesson(self.run.questions[number - 1].lesson_id)
        title = f"Q{number}/{len(self.run.questions)} · {what}"
        if self.size.width >= 90 and lesson is not None:  # the lesson's title, where there is room
            title = f"Question {number} of {len(self.run.questions)} · {lesson.title} · {what}"
        self.query_one("#quiz-title", Static).update(title)

    async def _show(self, number: int, instance: Instance) -> None:
        if number != self.run.number or self.closing:
            return
        self.app.clear_notifications()  # "Right!" of the question before is not about this one
        self.instance = instance
        self.run.showing(number)  # a review's first try is timed from here (quick and right is "easy")
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

    # -- checking, one answer after another ----------------------------------------------------------
    def action_check_answer(self) -> None:
        if self.instance is not None:
            self.query_one("#answer-area", AnswerArea).submit()

    @on(AnswerArea.Answered)
    def _answered(self, event: AnswerArea.Answered) -> None:
        self.submit(event.text)

    def submit(self, text: str) -> None:
        if self.instance is None or self.closing:
            return
        if self.run.done() and not self.checking:
            self.action_next()
            return
        self.waiting.append((self.run.number, text))
        if not self.checking:
            self._check_next()

    def _check_next(self) -> None:
        while self.waiting and not self.checking:
            number, text = self.waiting.popleft()
            if number != self.run.number or self.instance is None:
                continue  # given for a question left behind
            if self.run.done():
                self._status("This question is settled: that answer was not counted. "
                             + ("Enter: see the summary." if self._last else "Enter or ctrl+n: next question."))
                continue
            self.checking = True
            self._working = self.set_timer(WORKING_AFTER, self.query_one("#feedback", Feedback).working)
            self.check(self.instance, text)

    @property
    def _last(self) -> bool:
        return self.run.number == len(self.run.questions)

    @work(thread=True, group="check", exit_on_error=False)
    def check(self, instance: Instance, text: str) -> None:
        verdict = instance.check(text)
        try:
            self.run.record(instance, text, verdict)
        except ValueError:
            pass  # the quiz was left while this answer was being checked: nothing to show
        self.app.call_from_thread(self._checked, verdict)

    def _checked(self, verdict: Verdict) -> None:
        self._working.stop()
        self.checking = False
        if self.closing:
            return
        self.saved_notice()
        # Choice questions keep the other options' explanations for the summary.
        feedback = self.query_one("#feedback", Feedback)
        feedback.show(verdict, self.instance, reveal_choices=False)
        self.call_after_refresh(self.query_one("#quiz-body", VerticalScroll).scroll_to_widget, feedback,
                                animate=False, top=False)
        onward = "Enter: see the summary." if self._last else "Enter or ctrl+n: next question."
        if verdict.status == "invalid":
            self._status("That could not be read, so it used no try: fix it and press Enter.")
        elif self.run.done():
            self._status(onward)
            self._buttons(done=True)
        else:
            left = self.run.tries_left()
            self._status(f"{left} {'try' if left == 1 else 'tries'} left: change your answer and press Enter.")
        self._check_next()

    def worker_failed(self, worker: Worker) -> None:
        if worker.group == "check":
            if self._working is not None:
                self._working.stop()
            self.checking = False
            self.query_one("#feedback", Feedback).clear()
            self._check_next()
        elif worker.group == "finish":
            self.tutor.action_home()

    # -- moving on ----------------------------------------------------------------------------------
    def action_next(self) -> None:
        if self.run is None or self.checking or self.closing:
            return
        if self.instance is not None and not self.run.done():
            what = "not remembered: it comes back soon" if self.run.mode == "review" else "missed"
            self.app.push_screen(ConfirmScreen(f"Skip this question? It counts as {what}.", "Skip", "Stay"),
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
        self.waiting.clear()
        self._title(self.run.number, "preparing…")
        self.prepare(self.run.number)

    def action_leave(self) -> None:
        if self.run is None or self.closing:
            return
        unanswered = sum(1 for n in range(1, len(self.run.questions) + 1) if n not in self.run.answers)
        note = (f" {unanswered} unanswered question{'s count' if unanswered > 1 else ' counts'} as missed."
                if unanswered else "")
        what = {"review": "review", "drill": "drill"}.get(self.run.mode, "quiz")
        self.app.push_screen(ConfirmScreen(f"Leave the {what} and see the summary?{note}", "Leave", "Stay"),
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

    @work(thread=True, exclusive=True, group="finish", exit_on_error=False)
    def _finish(self) -> None:
        # The summary may need the right answer of questions never shown: their variants are built here.
        self.run.finish()
        self.app.call_from_thread(self._finished)

    def _finished(self) -> None:
        self._tick()
        self.saved_notice()
        self.tutor.show_quiz_summary(self.run)

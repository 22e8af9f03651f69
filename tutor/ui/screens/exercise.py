"""One exercise: the prompt, an answer box that shows how it reads you, feedback, hints, the solution.

Checks run in a worker thread (the UI never waits on sympy), one answer after another in the order
they were given: an answer typed while the previous one is being checked waits its turn, it is
never dropped. Each checked answer is written to the progress store in that thread before its
feedback shows, so quitting loses nothing checked. Every other write (position, hints, solution)
runs in a worker too: a write may wait seconds for another tutor's lock on the file.
"""

from __future__ import annotations

from collections import deque

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Static
from textual.worker import Worker

from tutor.core.lessons.instance import Instance
from tutor.core.maths.verdict import Verdict
from tutor.core.progress import ExerciseState
from tutor.core.study import Study

from ..widgets.answer_area import AnswerArea
from ..widgets.feedback import Feedback
from ..widgets.prose import Prose
from .base import TutorScreen

HINT_OFFER_AFTER = 2   # wrong tries before a hint is offered
WORKING_AFTER = 0.1    # seconds before "Checking…" shows
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class ExerciseScreen(TutorScreen):
    BINDINGS = [
        Binding("f2", "hint", "Hint"),
        Binding("f3", "solution", "Solution"),
        # Priority: a choice list or a scrolled body would take the page keys for itself.
        Binding("ctrl+n,pagedown", "next", "Next", key_display="^n", priority=True),
        Binding("pageup", "previous", "Previous", show=False, priority=True),
        Binding("f4", "variant", "New variant", show=False),
        Binding("escape", "back", "Back"),
    ]
    ONE_STEP = False  # descent steps asked one at a time (the descent screen), or all in one answer

    def __init__(self, study: Study, lesson_id: str, exercise_id: str, seed: int | None = None) -> None:
        super().__init__(study)
        self.lesson = study.course.lesson(lesson_id)
        self.lesson_id, self.exercise_id, self.seed = lesson_id, exercise_id, seed
        self.ids = study.exercise_ids(self.lesson)
        self.position = self.ids.index(exercise_id) if exercise_id in self.ids else 0
        self.instance: Instance | None = None
        self.wrong = 0
        self.hints_shown = 0
        self.solved = False
        self.revealed = False            # the worked solution is on screen
        self.waiting: deque[str] = deque()  # answers given while another is being checked
        self.checking = False
        self._working = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="exercise-title", classes="screen-title", markup=False)
        with VerticalScroll(id="exercise-body"):
            yield Prose(id="prompt")
            yield Static("", id="shows", markup=False)
            yield AnswerArea(id="answer-area")
            yield Feedback(id="feedback")
            yield Static("", id="hints", markup=False)
            yield Prose(id="solution")
        with Horizontal(classes="buttons"):
            yield Button("Check ⏎", id="check", variant="primary", action="screen.check_answer")
            yield Button("Hint F2", id="hint", action="screen.hint")
            yield Button("Solution F3", id="solution-button", action="screen.solution")
            yield Button("Next →", id="next", action="screen.next")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.lesson.title
        self._title("preparing…")
        self.query_one("#solution", Prose).display = False
        self.save_position()
        self.prepare()

    def _title(self, what: str) -> None:
        self.query_one("#exercise-title", Static).update(
            f"{self.lesson.title} · exercise {self.position + 1} of {len(self.ids)} · {what}")

    # -- writes that must not hold up the UI ---------------------------------------------------------
    @work(thread=True, group="write", exit_on_error=False)
    def save_position(self) -> None:
        self.study.store.save_position(self.lesson_id, exercise_id=self.exercise_id)
        self.app.call_from_thread(self.saved_notice)

    @work(thread=True, group="write", exit_on_error=False)
    def save_hint_used(self) -> None:
        self.study.store.mark_hint_used(self.lesson_id, self.exercise_id)

    @work(thread=True, group="write", exit_on_error=False)
    def save_revealed(self, seed: int) -> None:
        self.study.store.mark_solution_revealed(self.lesson_id, self.exercise_id, seed)
        self.app.call_from_thread(self.saved_notice)

    # -- showing the exercise -------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def prepare(self) -> None:
        seed = self.seed if self.seed is not None else self.study.study_seed(self.lesson_id, self.exercise_id)
        try:
            instance = self.study.instance(self.lesson_id, self.exercise_id, seed)
        except Exception as error:  # a broken exercise must not take the app down
            self.app.call_from_thread(self._title, "cannot be shown")
            self.app.call_from_thread(self.notify, f"This exercise cannot be shown: {error}", severity="error")
            return
        state = self.study.state(self.lesson_id, self.exercise_id)
        restored = self.restore(instance)
        self.app.call_from_thread(self._show, instance, state, restored)

    def restore(self, instance: Instance) -> object:
        """Work kept from an earlier visit, rebuilt in the worker (the descent screen's steps)."""
        return None

    async def _show(self, instance: Instance, state: ExerciseState, restored: object) -> None:
        self.instance = instance
        self.solved = state.solved
        self._title(instance.title + (" · ✓ solved before" if state.solved else ""))
        self.query_one("#prompt", Prose).show(instance.prompt)
        self.query_one("#shows", Static).update(instance.shows or "")
        self.query_one("#feedback", Feedback).clear()
        self.query_one("#hint", Button).disabled = not instance.hints
        await self.query_one(AnswerArea).show(instance, one_step=self.ONE_STEP)
        self.shown(restored)

    def shown(self, restored: object) -> None:
        """The exercise is on screen (the descent screen puts back the steps done before)."""

    def reveal_into_view(self, widget: Widget, top: bool = False) -> None:
        """Scroll the body so `widget` (feedback, the solution) is seen, even at 80×24; `top`: its
        first line at the top of the view (a long solution is read from its start)."""
        body = self.query_one("#exercise-body", VerticalScroll)
        self.call_after_refresh(body.scroll_to_widget, widget, animate=False, top=top)

    # -- checking, one answer after another ----------------------------------------------------------
    def action_check_answer(self) -> None:
        self.query_one(AnswerArea).submit()

    @on(AnswerArea.Answered)
    def _answered(self, event: AnswerArea.Answered) -> None:
        self.submit(event.text)

    def submit(self, text: str) -> None:
        if self.instance is None:
            return
        self.waiting.append(text)
        if not self.checking:
            self._check_next()

    def _check_next(self) -> None:
        if not self.waiting or self.instance is None:
            return
        self.checking = True
        self._working = self.set_timer(WORKING_AFTER, self.query_one("#feedback", Feedback).working)
        self.check(self.instance, self.waiting.popleft())

    @work(thread=True, group="check", exit_on_error=False)
    def check(self, instance: Instance, text: str) -> None:
        verdict, state = self.judge(instance, text)
        self.app.call_from_thread(self._checked, text, verdict, state)

    def judge(self, instance: Instance, text: str) -> tuple[Verdict, ExerciseState | None]:
        """Check one answer and record it (in the worker); the descent screen checks a step."""
        verdict = instance.check(text)
        return verdict, self.study.record(instance, text, verdict)

    def _checked(self, text: str, verdict: Verdict, state: ExerciseState | None) -> None:
        self._working.stop()
        self.checking = False
        self.saved_notice()
        self.show_verdict(text, verdict, state)
        self._check_next()

    def show_verdict(self, text: str, verdict: Verdict, state: ExerciseState | None) -> None:
        feedback = self.query_one("#feedback", Feedback)
        # A wrong choice shows only its own explanation: the others would give the answer away.
        feedback.show(verdict, self.instance, reveal_choices=verdict.status == "correct" or self.revealed)
        self.reveal_into_view(feedback)
        if verdict.status == "correct":
            self.solved = bool(state and state.solved) or self.solved
            self.right()
        elif verdict.status == "incorrect":
            self.count_wrong()

    def right(self) -> None:
        self.notify("Right! Next exercise: ctrl+n (or the Next button).", timeout=4)

    def worker_failed(self, worker: Worker) -> None:
        if worker.group == "check":
            if self._working is not None:
                self._working.stop()
            self.checking = False
            self.query_one("#feedback", Feedback).clear()
            self._check_next()

    def count_wrong(self) -> None:
        """One more wrong try; after two, a hint is offered (once, if there are hints)."""
        self.wrong += 1
        if self.wrong == HINT_OFFER_AFTER and self.instance.hints and self.hints_shown == 0:
            self.notify("Stuck? Press F2 for a hint.", timeout=6)
            self.query_one("#hint", Button).variant = "warning"

    # -- help -----------------------------------------------------------------------------------------
    def action_hint(self) -> None:
        if self.instance is None or not self.instance.hints:
            return
        if self.hints_shown >= len(self.instance.hints):
            self.notify("No more hints: F3 shows the worked solution.")
            return
        self.hints_shown += 1
        hints = self.query_one("#hints", Static)
        hints.update("\n".join(f"Hint {i + 1}: {h}" for i, h in enumerate(self.instance.hints[: self.hints_shown])))
        self.reveal_into_view(hints)
        self.save_hint_used()

    async def action_solution(self) -> None:
        if self.instance is None:
            return
        solution = self.query_one("#solution", Prose)
        solution.display = True
        self.revealed = True
        self.save_revealed(self.instance.seed)
        await solution.show(self.solution_markdown(self.instance))  # laid out before it is scrolled to
        self.reveal_into_view(solution, top=True)

    def solution_markdown(self, instance: Instance) -> str:
        parts = [f"**Solution.** {instance.solution or ''}", f"**Answer:** {instance.expected}"]
        if instance.shape == "choice":  # every option's reason, now that the answer is out
            parts.append("\n".join(f"- {'✓' if c.correct else '·'} {LETTERS[i]}) {c.text}: {c.explanation}"
                                   for i, c in enumerate(instance.choices)))
        return "\n\n".join(parts)

    # -- moving ---------------------------------------------------------------------------------------
    def action_next(self) -> None:
        if self.position + 1 < len(self.ids):
            self.tutor.open_exercise(self.lesson_id, self.ids[self.position + 1], replace=True)
            return
        row = next(r for r in self.study.rows() if r.id == self.lesson_id)
        self.notify(f"End of the lesson: {row.solved} of {row.total} exercises solved.", title="Lesson done")
        self.tutor.action_home()

    def action_previous(self) -> None:
        if self.position > 0:
            self.tutor.open_exercise(self.lesson_id, self.ids[self.position - 1], replace=True)

    def action_variant(self) -> None:
        if self.instance is not None:
            self.tutor.open_exercise(self.lesson_id, self.exercise_id, self.instance.seed + 1, replace=True)

    def action_back(self) -> None:
        self.app.pop_screen()

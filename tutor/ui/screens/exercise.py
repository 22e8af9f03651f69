"""One exercise: the prompt, an answer box that shows how it reads you, feedback, hints, the solution.

Checks run in a worker thread (the UI never waits on sympy), one answer after another in the order
they were given: an answer typed while the previous one is being checked waits its turn, it is
never dropped. Each checked answer is written to the progress store in that thread before its
feedback shows, so quitting loses nothing checked. Every other write (position, hints, solution)
runs in a worker too: a write may wait seconds for another tutor's lock on the file.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING
from collections.abc import Sequence

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

if TYPE_CHECKING:
    from tutor.core.recording import Recorded
    from tutor.core.sheets.progress import ExerciseProgress

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
        Binding("f7", "drill", "Drill that slip"),  # shown only while a drill is offered
        Binding("escape", "back", "Back"),
    ]
    ONE_STEP = False  # descent steps asked one at a time (the descent screen), or all in one answer

    def __init__(self, study: Study, lesson_id: str, exercise_id: str, seed: int | None = None, *,
                 sequence: Sequence[tuple[str, str]] | None = None) -> None:
        """`sequence`: the exercises Next and Previous go through (a lab sheet's), as (lesson, exercise);
        by default the lesson's own."""
        super().__init__(study)
        self.lesson = study.course.lesson(lesson_id)
        self.lesson_id, self.exercise_id, self.seed = lesson_id, exercise_id, seed
        self.from_sheet = sequence is not None
        self.sequence = tuple(sequence) if sequence is not None else tuple(
            (lesson_id, e) for e in study.exercise_ids(self.lesson))
        here = (lesson_id, exercise_id)
        self.position = self.sequence.index(here) if here in self.sequence else 0
        self.instance: Instance | None = None
        self.help_allowed = True         # hints, the solution, other variants (not in a test sheet)
        self.sheet_exercise: ExerciseProgress | None = None  # this exercise in the open sheet, if it is one
        self.wrong = 0
        self.hints_shown = 0
        self.solved = False
        self.revealed = False            # the worked solution is on screen
        self.drill_offer: str | None = None  # a slip (diagnosis code) made twice: F7 drills it
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
        where = "sheet" if self.from_sheet else self.lesson.title
        self.query_one("#exercise-title", Static).update(
            f"{where} · exercise {self.position + 1} of {len(self.sequence)} · {what}")

    # -- writes that must not hold up the UI ---------------------------------------------------------
    @work(thread=True, group="write", exit_on_error=False)
    def save_position(self) -> None:
        self.study.store.save_position(self.lesson_id, exercise_id=self.exercise_id)
        self.app.call_from_thread(self.saved_notice)

    @work(thread=True, group="write", exit_on_error=False)
    def save_hint_used(self, instance: Instance) -> None:
        self.study.hint(instance)

    @work(thread=True, group="write", exit_on_error=False)
    def save_revealed(self, instance: Instance) -> None:
        self.study.reveal(instance)
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
        sheet_exercise = self.study.in_sheet(instance)
        self.study.shown(instance)  # the first try's time counts from now
        self.app.call_from_thread(self._show, instance, state, restored, sheet_exercise)

    def restore(self, instance: Instance) -> object:
        """Work kept from an earlier visit, rebuilt in the worker (the descent screen's steps)."""
        return None

    async def _show(self, instance: Instance, state: ExerciseState, restored: object,
                    sheet_exercise: ExerciseProgress | None) -> None:
        self.instance = instance
        self.solved = state.solved
        self.help_allowed = self.study.help_allowed(instance)
        self.query_one("#prompt", Prose).show(instance.prompt)
        self.query_one("#shows", Static).update(instance.shows or "")
        self.query_one("#feedback", Feedback).clear()
        self.query_one("#hint", Button).disabled = not instance.hints
        for button in ("#hint", "#solution-button"):  # a test sheet gives no help
            self.query_one(button, Button).display = self.help_allowed
        self.refresh_bindings()
        await self.query_one(AnswerArea).show(instance, one_step=self.ONE_STEP)
        self._sheet(sheet_exercise, state)
        self.shown(restored)

    def _sheet(self, sheet_exercise: ExerciseProgress | None, state: ExerciseState | None = None) -> None:
        """The title with this exercise's standing; the box closed when it can no longer be answered."""
        self.sheet_exercise = sheet_exercise
        title = self.instance.title
        if sheet_exercise is not None:
            left = sheet_exercise.tries_left
            title += f" · {sheet_exercise.status}" + (f" · {left} {'try' if left == 1 else 'tries'} left"
                                                       if left is not None and not sheet_exercise.done else "")
            if sheet_exercise.done and sheet_exercise.status == "out of tries":
                self.query_one(AnswerArea).set_enabled(False)
        elif state is not None and state.solved:
            title += " · ✓ solved before"
        self._title(title)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("hint", "solution", "variant"):
            return self.help_allowed  # hidden from the footer, and inert, in a test sheet
        if action == "drill":
            return self.drill_offer is not None
        return True

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
        verdict, recorded = self.judge(instance, text)
        self.app.call_from_thread(self._checked, text, verdict, recorded)

    def judge(self, instance: Instance, text: str) -> tuple[Verdict, Recorded | None]:
        """Check one answer and record it (in the worker); the descent screen checks a step."""
        verdict = instance.check(text)
        return verdict, self.study.record(instance, text, verdict)

    def _checked(self, text: str, verdict: Verdict, recorded: Recorded | None) -> None:
        self._working.stop()
        self.checking = False
        self.saved_notice()
        if recorded is not None and recorded.warning:
            self.notify(recorded.warning, title="Submit folder", severity="warning", timeout=10)
        if recorded is not None and recorded.refusal:
            self.query_one("#feedback", Feedback).refused(recorded.refusal)
        else:
            self.show_verdict(text, verdict, recorded)
        if recorded is not None and recorded.drill is not None:
            self.offer_drill(recorded.drill.code, recorded.drill.count)
        if recorded is not None and recorded.sheet is not None:
            self._sheet(recorded.exercise(self.lesson_id, self.exercise_id))
            if recorded.handed_in:
                self.notify(f"Sheet done and handed in: {recorded.sheet.solved} of {recorded.sheet.total} "
                            "solved.", title="Lab sheet", timeout=10)
        self._check_next()

    def show_verdict(self, text: str, verdict: Verdict, recorded: Recorded | None) -> None:
        feedback = self.query_one("#feedback", Feedback)
        # A wrong choice shows only its own explanation: the others would give the answer away.
        feedback.show(verdict, self.instance, reveal_choices=verdict.status == "correct" or self.revealed)
        self.reveal_into_view(feedback)
        if verdict.status == "correct":
            self.solved = bool(recorded and recorded.solved) or self.solved
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
        """One more wrong try; after two, a hint is offered (once, if there are hints and help is allowed)."""
        self.wrong += 1
        if self.wrong == HINT_OFFER_AFTER and self.instance.hints and self.hints_shown == 0 and self.help_allowed:
            self.notify("Stuck? Press F2 for a hint.", timeout=6)
            self.query_one("#hint", Button).variant = "warning"

    # -- a drill on a slip made twice (answering.DRILL_OFFER_AFTER) ------------------------------------
    def offer_drill(self, code: str, count: int) -> None:
        from tutor.core.maths.codes import label

        self.drill_offer = code
        self.refresh_bindings()
        self.notify(f"That is {label(code)} again ({count} times now). F7: a short drill on it "
                    "(3 items); or later from home.", title="A slip you keep making", timeout=12)

    def action_drill(self) -> None:
        if self.drill_offer is None:
            return
        code, self.drill_offer = self.drill_offer, None
        self.refresh_bindings()
        self.start_drill(code)

    @work(thread=True, exclusive=True, group="drill", exit_on_error=False)
    def start_drill(self, code: str) -> None:
        run = self.tutor.make_drill_run(code)  # plans variants and writes the run: off the UI thread
        if run is not None:
            self.app.call_from_thread(self.tutor.show_run, run)

    # -- help -----------------------------------------------------------------------------------------
    def action_hint(self) -> None:
        if self.instance is None or not self.instance.hints or not self.help_allowed:
            return
        if self.hints_shown >= len(self.instance.hints):
            self.notify("No more hints: F3 shows the worked solution.")
            return
        self.hints_shown += 1
        hints = self.query_one("#hints", Static)
        hints.update("\n".join(f"Hint {i + 1}: {h}" for i, h in enumerate(self.instance.hints[: self.hints_shown])))
        self.reveal_into_view(hints)
        self.save_hint_used(self.instance)

    async def action_solution(self) -> None:
        if self.instance is None or not self.help_allowed:
            return
        solution = self.query_one("#solution", Prose)
        solution.display = True
        self.revealed = True
        self.save_revealed(self.instance)
        await solution.show(self.solution_markdown(self.instance))  # laid out before it is scrolled to
        self.reveal_into_view(solution, top=True)

    def solution_markdown(self, instance: Instance) -> str:
        parts = [f"**Solution.** {instance.solution or ''}", f"**Answer:** {instance.expected}"]
        if instance.shape == "choice":  # every option's reason, now that the answer is out
            parts.append("\n".join(f"- {'✓' if c.correct else '·'} {LETTERS[i]}) {c.text}: {c.explanation}"
                                   for i, c in enumerate(instance.choices)))
        return "\n\n".join(parts)

    # -- moving ---------------------------------------------------------------------------------------
    def _go(self, position: int) -> None:
        lesson_id, exercise_id = self.sequence[position]
        self.tutor.open_exercise(lesson_id, exercise_id, replace=True,
                                 sequence=self.sequence if self.from_sheet else None)

    def action_next(self) -> None:
        if self.position + 1 < len(self.sequence):
            self._go(self.position + 1)
            return
        if not self.from_sheet:
            row = next(r for r in self.study.rows() if r.id == self.lesson_id)
            self.notify(f"End of the lesson: {row.solved} of {row.total} exercises solved.", title="Lesson done")
        self.tutor.action_home()

    def action_previous(self) -> None:
        if self.position > 0:
            self._go(self.position - 1)

    def action_variant(self) -> None:
        if self.instance is not None and self.help_allowed:
            self.tutor.open_exercise(self.lesson_id, self.exercise_id, self.instance.seed + 1, replace=True)

    def action_back(self) -> None:
        self.app.pop_screen()

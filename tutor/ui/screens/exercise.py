"""One exercise: the prompt, an answer box that shows how it reads you, feedback, hints, the solution.

Checks run in a worker thread (the UI never waits on sympy); each checked answer is written to the
progress store in that thread before the feedback shows, so quitting loses nothing checked.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from tutor.core.lessons.instance import Instance
from tutor.core.maths.verdict import Verdict

from ..widgets.answer_area import AnswerArea
from ..widgets.feedback import Feedback
from ..widgets.prose import Prose

HINT_OFFER_AFTER = 2   # wrong tries before a hint is offered
WORKING_AFTER = 0.1    # seconds before "Checking…" shows

class ExerciseScreen(Screen):
    BINDINGS = [
        Binding("f2", "hint", "Hint"),
        Binding("f3", "solution", "Solution"),
        Binding("ctrl+n,pagedown", "next", "Next"),
        Binding("ctrl+p,pageup", "previous", "Previous", show=False),
        Binding("f4", "variant", "New variant", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, lesson_id: str, exercise_id: str, seed: int | None = None) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.exercise_id = exercise_id
        self.seed = seed
        self.instance: Instance | None = None
        self.wrong = 0
        self.hints_shown = 0
        self.solved = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="exercise-title", classes="screen-title")
        with VerticalScroll(id="exercise-body"):
            yield Prose(id="prompt")
            yield Static("", id="shows")
            yield AnswerArea(id="answer-area")
            yield Feedback(id="feedback")
            yield Static("", id="hints")
            yield Prose(id="solution")
        with Horizontal(classes="buttons"):
            yield Button("Check ⏎", id="check", variant="primary")
            yield Button("Hint F2", id="hint")
            yield Button("Solution F3", id="solution-button")
            yield Button("Next →", id="next")
        yield Footer()

    def on_mount(self) -> None:
        study = self.app.study
        lesson = study.course.lesson(self.lesson_id)
        ids = study.exercise_ids(lesson)
        self.ids = ids
        self.position = ids.index(self.exercise_id) if self.exercise_id in ids else 0
        self.sub_title = lesson.title
        self.query_one("#exercise-title", Static).update(
            f"{lesson.title} · exercise {self.position + 1} of {len(ids)} · preparing…")
        study.store.save_position(self.lesson_id, exercise_id=self.exercise_id)
        self.prepare()

    @work(thread=True, exclusive=True, group="prepare")
    def prepare(self) -> None:
        study = self.app.study
        seed = self.seed if self.seed is not None else study.study_seed(self.lesson_id, self.exercise_id)
        try:
            instance = study.instance(self.lesson_id, self.exercise_id, seed)
        except Exception as error:  # a broken exercise must not take the app down
            self.app.call_from_thread(self.notify, f"This exercise cannot be shown: {error}", severity="error")
            return
        state = study.state(self.lesson_id, self.exercise_id)
        self.app.call_from_thread(self._show, instance, state)

    def _show(self, instance: Instance, state) -> None:
        if instance.shape == "steps" and type(self) is ExerciseScreen:
            # Descent by hand asks one step at a time, on its own screen (imported here: it extends this one).
            from .descent_exercise import DescentExerciseScreen

            self.app.switch_screen(DescentExerciseScreen(self.lesson_id, self.exercise_id, instance.seed))
            return
        self.instance = instance
        self.solved = state.solved
        lesson_title = self.app.study.course.lesson(self.lesson_id).title
        status = " · ✓ solved before" if state.solved else ""
        self.query_one("#exercise-title", Static).update(
            f"{lesson_title} · exercise {self.position + 1} of {len(self.ids)} · {instance.title}{status}")
        self.query_one("#prompt", Prose).show(instance.prompt)
        self.query_one("#shows", Static).update(instance.shows or "")
        self.run_worker(self.query_one("#answer-area", AnswerArea).show(instance), exclusive=True, group="show")
        self.query_one("#feedback", Feedback).clear()
        self.query_one("#hints", Static).update("")
        self.query_one("#solution", Prose).display = False
        self.query_one("#hint", Button).disabled = not instance.hints

    # -- checking -------------------------------------------------------------------------------------
    @on(AnswerArea.Answered)
    def _answered(self, event: AnswerArea.Answered) -> None:
        self.submit(event.text)

    @on(Button.Pressed, "#check")
    def _check_button(self) -> None:
        self.query_one("#answer-area", AnswerArea).submit()

    def submit(self, text: str) -> None:
        if self.instance is None:
            return
        feedback = self.query_one("#feedback", Feedback)
        self._working = self.set_timer(WORKING_AFTER, feedback.working)
        self.check(self.instance, text)

    @work(thread=True, exclusive=True, group="check")
    def check(self, instance: Instance, text: str) -> None:
        verdict = instance.check(text)
        state = self.app.study.record(instance, text, verdict)
        self.app.call_from_thread(self._checked, verdict, state)

    def _checked(self, verdict: Verdict, state) -> None:
        self._working.stop()
        self.query_one("#feedback", Feedback).show(verdict, self.instance)
        if verdict.status == "correct":
            self.solved = state.solved or self.solved
            self.notify("Right! Next exercise: ctrl+n (or the Next button).", timeout=4)
        elif verdict.status == "incorrect":
            self.count_wrong()

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
        shown = "\n".join(f"Hint {i + 1}: {h}" for i, h in enumerate(self.instance.hints[: self.hints_shown]))
        self.query_one("#hints", Static).update(shown)
        self.app.study.store.mark_hint_used(self.lesson_id, self.exercise_id)

    def action_solution(self) -> None:
        if self.instance is None:
            return
        solution = self.query_one("#solution", Prose)
        body = self.instance.solution or ""
        solution.show(f"**Solution.** {body}\n\n**Answer:** {self.instance.expected}")
        solution.display = True
        self.app.study.store.mark_solution_revealed(self.lesson_id, self.exercise_id, self.instance.seed)
        self.call_after_refresh(self.query_one("#exercise-body").scroll_end)

    @on(Button.Pressed, "#hint")
    def _hint_button(self) -> None:
        self.action_hint()

    @on(Button.Pressed, "#solution-button")
    def _solution_button(self) -> None:
        self.action_solution()

    @on(Button.Pressed, "#next")
    def _next_button(self) -> None:
        self.action_next()

    # -- moving ---------------------------------------------------------------------------------------
    def action_next(self) -> None:
        if self.position + 1 < len(self.ids):
            self.app.switch_screen(ExerciseScreen(self.lesson_id, self.ids[self.position + 1]))
            return
        study = self.app.study
        row = next(r for r in study.rows() if r.id == self.lesson_id)
        self.notify(f"End of the lesson: {row.solved} of {row.total} exercises solved.", title="Lesson done")
        self.app.action_home()

    def action_previous(self) -> None:
        if self.position > 0:
            self.app.switch_screen(ExerciseScreen(self.lesson_id, self.ids[self.position - 1]))

    def action_variant(self) -> None:
        if self.instance is not None:
            self.app.switch_screen(ExerciseScreen(self.lesson_id, self.exercise_id, self.instance.seed + 1))

    def action_back(self) -> None:
        self.app.pop_screen()

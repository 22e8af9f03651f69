"""Gradient descent by hand: the exercise asks one step at a time; then the lab runs the rest.

An ExerciseScreen in everything else (hints, solution, moving between exercises). A wrong step is
recorded as an attempt; the exercise counts as solved once every hand step is right.
"""

from __future__ import annotations

from textual import on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from tutor.core.descent import show
from tutor.core.lessons.instance import Instance
from tutor.core.maths.verdict import Verdict

from ..widgets.answer_box import AnswerBox
from ..widgets.feedback import Feedback
from ..widgets.hand_steps import HandSteps
from ..widgets.prose import Prose
from .exercise import ExerciseScreen
from .lab import LabConfig, LabScreen


def screen_for(app, lesson_id: str, exercise_id: str, seed: int | None = None) -> Screen:
    """The screen that asks this exercise: this one for `descent`, the general one for the rest."""
    course = app.study.course if app.study is not None else None
    lesson = course.lesson(lesson_id) if course is not None else None
    model = next((m for m in lesson.lesson.exercises if m.id == exercise_id), None) if lesson else None
    kind = DescentExerciseScreen if getattr(model, "type", None) == "descent" else ExerciseScreen
    return kind(lesson_id, exercise_id, seed)


class DescentExerciseScreen(ExerciseScreen):
    BINDINGS = [Binding("f6", "lab", "Lab")]

    def __init__(self, lesson_id: str, exercise_id: str, seed: int | None = None) -> None:
        super().__init__(lesson_id, exercise_id, seed)
        self.answers: list[str] = []
        self.accepted: list[tuple[float, ...] | None] = []
        self.revealed = False

    @property
    def total(self) -> int:
        return len(self.instance.extra["steps"]) if self.instance is not None else 0

    @property
    def done(self) -> bool:
        return self.instance is not None and len(self.answers) == self.total

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(".buttons").mount(Button("Lab F6", id="lab-button", disabled=True), before="#next")

    def _show(self, instance: Instance, state) -> None:
        self.instance, self.solved = instance, state.solved
        lesson_title = self.app.study.course.lesson(self.lesson_id).title
        status = " · ✓ solved before" if state.solved else ""
        self.query_one("#exercise-title", Static).update(
            f"{lesson_title} · exercise {self.position + 1} of {len(self.ids)} · {instance.title}{status}")
        self.query_one("#prompt", Prose).show(instance.prompt)
        self.query_one("#shows", Static).update(instance.shows or "")
        names = instance.component_names
        example = ", ".join(f"{n} = …" for n in names)
        box = AnswerBox(instance.vocabulary, f"{example}  or  ({', '.join('…' for _ in names)})", id="answer")
        area = self.query_one("#answer-area", Vertical)
        area.remove_children()
        area.mount(HandSteps(instance.extra["steps"], names, id="hand-steps"), box)
        self.call_after_refresh(box.focus_input)
        self.query_one("#feedback", Feedback).clear()
        self.query_one("#hints", Static).update("")
        self.query_one("#solution", Prose).display = False
        self.query_one("#hint", Button).disabled = not instance.hints

    # -- one step at a time ---------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="check")
    def check(self, instance: Instance, text: str) -> None:
        k = len(self.answers) + 1
        if k > self.total:
            return
        previous = self.accepted[-1] if self.accepted else None
        verdict = instance.extra["check_step"](k, text, previous)
        study, state = self.app.study, None
        if verdict.status == "incorrect":
            state = study.record(instance, f"step {k}: {text}", verdict)
        elif verdict.status == "correct" and k == self.total:
            whole = Verdict("correct", "tolerance", f"All {k} steps right.", ms=verdict.ms)
            state = study.record(instance, "; ".join([*self.answers, text]), whole)
        self.app.call_from_thread(self._step_checked, k, text, verdict, state)

    def _step_checked(self, k: int, text: str, verdict: Verdict, state) -> None:
        self._working.stop()
        if k != len(self.answers) + 1:
            return  # an older check, overtaken by a newer one
        self.query_one("#feedback", Feedback).show(verdict, self.instance)
        if verdict.status == "correct":
            self.answers.append(text)
            self.accepted.append(self.instance.extra["read_step"](text))
            self.query_one(HandSteps).answered = len(self.answers)
            box = self.query_one(AnswerBox)
            box.clear()
            if self.done:
                self.solved = bool(state and state.solved) or self.solved
                box.display = False
                self.query_one("#check", Button).disabled = True
                self._offer_lab()
                self.notify("All steps right! F6 runs the rest in the lab.", timeout=5)
        elif verdict.status == "incorrect":
            self.count_wrong()

    def _offer_lab(self) -> None:
        button = self.query_one("#lab-button", Button)
        button.disabled, button.variant = False, "success"

    # -- help, the lab, moving on -------------------------------------------------------------------------
    def action_solution(self) -> None:
        if self.instance is None:
            return
        extra = self.instance.extra
        body = self.instance.solution or "The partial derivatives, then each step:"
        lines = [f"**Solution.** {body}", "  \n".join(extra["partials"])]
        for step in extra["steps"]:
            gradient = ", ".join(show(g) for g in step.gradient)
            lines.append(f"**Step {step.index}**, ∇L = ({gradient}):  \n" + "  \n".join(step.updates))
        solution = self.query_one("#solution", Prose)
        solution.show("\n\n".join(lines))
        solution.display = True
        self.revealed = True
        self._offer_lab()
        self.app.study.store.mark_solution_revealed(self.lesson_id, self.exercise_id, self.instance.seed)
        self.call_after_refresh(self.query_one("#exercise-body").scroll_end)

    def action_lab(self) -> None:
        if self.instance is None:
            return
        if not (self.done or self.revealed):
            self.notify("Do the steps by hand first; then the lab runs the rest.")
            return
        config = LabConfig.exercise({**self.instance.extra["lab"], "ahead": self.total})
        self.app.push_screen(LabScreen(config))

    @on(Button.Pressed, "#lab-button")
    def _lab_button(self) -> None:
        self.action_lab()

    def action_next(self) -> None:
        if self.position + 1 < len(self.ids):
            self.app.switch_screen(screen_for(self.app, self.lesson_id, self.ids[self.position + 1]))
        else:
            super().action_next()

    def action_previous(self) -> None:
        if self.position > 0:
            self.app.switch_screen(screen_for(self.app, self.lesson_id, self.ids[self.position - 1]))

    def action_variant(self) -> None:
        if self.instance is not None:
            self.app.switch_screen(DescentExerciseScreen(self.lesson_id, self.exercise_id, self.instance.seed + 1))

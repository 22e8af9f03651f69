"""Exercises done one entry at a time (descent steps, backprop blanks, optimizer values).

An ExerciseScreen in everything else (hints, solution, moving on). Each entry is checked as it is
typed against the entries already right; a wrong one is recorded as an attempt, and the exercise
counts as solved once every entry is right. Each right entry is kept in the store as it is given,
so a learner who quits halfway comes back to the entry they were on. A lab button (F6) opens the
lab on the exercise's run once the entries are done or the solution was shown.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Button

from tutor.core.lessons.instance import Instance
from tutor.core.maths.verdict import Verdict
from tutor.core.recording import Recorded

from .exercise import ExerciseScreen

Restored = list[tuple[str, tuple[float, ...]]]  # entries already right: as typed, as read


class StepwiseExerciseScreen(ExerciseScreen):
    """The entry-by-entry flow; a subclass says how its kind reads, checks and shows an entry."""

    BINDINGS = [Binding("f6", "lab", "Lab")]
    ONE_STEP = True
    ALL_DONE = "Every entry is done."  # what a check after the last entry says
    NOUN = "entries"                   # "All 3 entries right."
    LAB_FIRST = "Do the entries by hand first; then the lab runs the rest."

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.answers: list[str] = []
        self.accepted: list[tuple[float, ...]] = []

    # -- what a kind supplies ------------------------------------------------------------------------------
    def entries(self, instance: Instance) -> int:
        raise NotImplementedError

    def read(self, instance: Instance, k: int, text: str) -> tuple[float, ...] | None:
        raise NotImplementedError

    def check_entry(self, instance: Instance, k: int, text: str, accepted: list) -> Verdict:
        raise NotImplementedError

    def attempt_text(self, instance: Instance, k: int, text: str) -> str:
        raise NotImplementedError

    def lab_config(self, instance: Instance):
        """What the lab opens on, or None when this exercise has no run to watch."""
        raise NotImplementedError

    def show_done(self) -> None:
        """The answer area shows the entries right so far."""
        raise NotImplementedError

    def welcome_back(self) -> str:
        raise NotImplementedError

    def all_right(self, lab: bool) -> str:
        raise NotImplementedError

    # -- the flow ------------------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self.entries(self.instance) if self.instance is not None else 0

    @property
    def done(self) -> bool:
        return self.instance is not None and len(self.answers) == self.total

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(".buttons").mount(
            Button("Lab F6", id="lab-button", disabled=True, action="screen.lab"), before="#next")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lab":  # only an exercise with a run has a lab to open
            return self.instance is None or self.lab_config(self.instance) is not None
        return super().check_action(action, parameters)

    def restore(self, instance: Instance) -> Restored:
        """Entries kept for this variant, checked again (a lesson fixed since may reject one)."""
        kept: Restored = []
        for k, text in enumerate(self.study.work(instance), start=1):
            if k > self.entries(instance):
                break
            values = self.read(instance, k, text)
            if values is None or self.check_entry(instance, k, text, [v for _, v in kept]).status != "correct":
                break
            kept.append((text, values))
        return kept

    def shown(self, restored: Restored) -> None:
        self.answers = [text for text, _ in restored]
        self.accepted = [values for _, values in restored]
        self.show_done()
        self.query_one("#lab-button", Button).display = self.lab_config(self.instance) is not None
        self.refresh_bindings()
        if restored and not self.done:
            self.notify(self.welcome_back(), timeout=6)

    def judge(self, instance: Instance, text: str) -> tuple[Verdict, Recorded | None]:
        k = len(self.answers) + 1  # answers are checked one after another, so this is settled
        if k > self.entries(instance):
            return Verdict("invalid", None, self.ALL_DONE), None
        verdict = self.check_entry(instance, k, text, self.accepted)
        state = None
        if verdict.status == "incorrect":
            state = self.study.record(instance, self.attempt_text(instance, k, text), verdict)
        elif verdict.status == "correct" and k == self.entries(instance):
            whole = Verdict("correct", "tolerance", f"All {k} {self.NOUN} right.", ms=verdict.ms)
            state = self.study.record(instance, "; ".join([*self.answers, text]), whole)
            self.study.save_work(instance, ())
        elif verdict.status == "correct":
            self.study.save_work(instance, (*self.answers, text))
        return verdict, state

    def show_verdict(self, text: str, verdict: Verdict, state: Recorded | None) -> None:
        if verdict.status == "correct" and not self.done:
            self.answers.append(text)
            self.accepted.append(self.read(self.instance, len(self.answers), text))
            self.show_done()
        super().show_verdict(text, verdict, state)

    def right(self) -> None:
        if self.done:  # an entry in between needs no notice: the feedback says it was right
            self.query_one("#check", Button).disabled = True
            lab = self.lab_config(self.instance) is not None
            if lab:
                self._offer_lab()
            self.notify(self.all_right(lab), timeout=5)

    def _offer_lab(self) -> None:
        button = self.query_one("#lab-button", Button)
        button.disabled, button.variant = False, "success"

    async def action_solution(self) -> None:
        await super().action_solution()
        if self.instance is not None and self.lab_config(self.instance) is not None:
            self._offer_lab()

    def action_lab(self) -> None:
        if self.instance is None or self.lab_config(self.instance) is None:
            return
        if not (self.done or self.revealed):
            self.notify(self.LAB_FIRST)
            return
        self.tutor.action_lab(self.lab_config(self.instance))

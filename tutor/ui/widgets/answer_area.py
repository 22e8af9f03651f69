"""Where an answer is given: a box that reads you as you type, the options of a choice question, or
descent steps one at a time (the steps done so far above the box).

Used by the exercise and quiz screens alike; it posts AnswerArea.Answered with the text to check,
however it was given (Enter in a box, a letter or a click on an option, or the Check button).
"""

from __future__ import annotations

from textual import on
from textual.containers import Vertical
from textual.message import Message

from tutor.core.lessons.instance import Instance

from .answer_box import AnswerBox
from .choice_list import ChoiceList
from .hand_steps import HandSteps


class AnswerArea(Vertical):
    DEFAULT_CSS = """
    AnswerArea { height: auto; }
    """

    class Answered(Message):
        def __init__(self, area: AnswerArea, text: str) -> None:
            super().__init__()
            self.area = area
            self.text = text

        @property
        def control(self) -> AnswerArea:
            return self.area

    async def show(self, instance: Instance | None, *, one_step: bool = False) -> None:
        """Replace what is there with the right input for this instance (nothing for None).

        `one_step`: a descent exercise asked a step at a time (else every step in one answer).
        """
        await self.remove_children()  # the old box must be gone before the new one mounts
        if instance is None:
            return
        if instance.shape == "choice":
            choices = ChoiceList(instance.choices, id="choices")
            await self.mount(choices)
            choices.focus()
            return
        if instance.shape == "steps":
            names = instance.component_names
            one = ", ".join(f"{n} = …" for n in names)
            if one_step:
                await self.mount(HandSteps(instance.descent.steps, names, id="hand-steps"))
                box = AnswerBox(instance.vocabulary, f"{one}  or  ({', '.join('…' for _ in names)})", id="answer")
            else:
                steps = len(instance.descent.steps)
                box = AnswerBox(instance.vocabulary, "; ".join([one] * steps) + "  (one group per step)",
                                groups=True, id="answer")
        else:
            names = instance.component_names if instance.shape in ("vector", "numbers") else ()
            box = AnswerBox(instance.vocabulary, instance.input_hint, names, id="answer")
        await self.mount(box)
        box.focus_input()

    def steps_done(self, count: int) -> None:
        """Descent by hand: `count` steps are right; the box asks the next, or goes once all are."""
        for steps in self.query(HandSteps):
            steps.answered = count
            for box in self.query(AnswerBox):
                box.clear()
                box.display = count < len(steps.steps)

    def current(self) -> str | None:
        """What would be checked now: the highlighted option's letter, or the box's text."""
        for choices in self.query(ChoiceList):
            return choices.letters[choices.highlighted] if choices.highlighted is not None else None
        for box in self.query(AnswerBox):
            return box.text if box.text.strip() else None
        return None

    def submit(self) -> None:
        text = self.current()
        if text is not None:
            self.post_message(self.Answered(self, text))

    def set_enabled(self, enabled: bool) -> None:
        for widget in self.children:
            widget.disabled = not enabled

    @on(AnswerBox.Submitted)
    def _typed(self, event: AnswerBox.Submitted) -> None:
        event.stop()
        self.post_message(self.Answered(self, event.text))

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.post_message(self.Answered(self, event.letter))

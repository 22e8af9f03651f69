"""Where an answer is given: a box that reads you as you type, or the options of a choice question.

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

PLACEHOLDERS = {
    "expression": "your answer, e.g. 2x + y",
    "vector": "(first component, second component)",
    "number": "a number, e.g. 4 or -1/2",
    "numbers": "numbers, e.g. (4, 5)",
    "steps": "w = …, b = …; w = …, b = … (one group per step)",
}


class AnswerArea(Vertical):
    DEFAULT_CSS = """
    AnswerArea { height: auto; }
    """

    class Answered(Message):
        def __init__(self, area: AnswerArea, text: str) -> None:
            super().__init__()
            self.area = area
            self.text = text

    async def show(self, instance: Instance | None) -> None:
        """Replace what is there with the right input for this instance (nothing for None)."""
        await self.remove_children()  # the old box must be gone before the new one mounts
        if instance is None:
            return
        if instance.shape == "choice":
            choices = ChoiceList(instance.choices, id="choices")
            await self.mount(choices)
            choices.focus()
        else:
            names = instance.component_names if instance.shape in ("vector", "numbers") else ()
            box = AnswerBox(instance.vocabulary, PLACEHOLDERS.get(instance.shape, "your answer"), names, id="answer")
            await self.mount(box)
            box.focus_input()

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

"""Where an answer is given: a box that reads you as you type, the options of a choice question, or
descent steps one at a time (the steps done so far above the box).

Used by the exercise and quiz screens alike; it posts AnswerArea.Answered with the text to check,
however it was given (Enter in a box, a letter or a click on an option, or the Check button).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.containers import Vertical
from textual.message import Message

from tutor.core.lessons.instance import Instance
from tutor.core.maths.names import Vocabulary

from .answer_box import AnswerBox
from .choice_list import ChoiceList
from .hand_entries import HandEntries
from .hand_steps import HandSteps

if TYPE_CHECKING:
    from tutor.core.lessons.types.entries import HandWork

# The other shapes' hints come from the instance (core), whose example is never the answer.
MATRIX_PLACEHOLDER = "[[a, b], [c, d]]  or  a, b; c, d  (a row after each ';')"


def blank_vocabulary(hand: HandWork, index: int) -> Vocabulary:
    blank = hand.blanks[index]
    return Vocabulary((*blank.names, *(n for n, _ in blank.known if n not in blank.names)))


def blank_placeholder(hand: HandWork, index: int) -> str:
    blank = hand.blanks[index]
    if len(blank.names) > 1:
        return f"{blank.key}:  {', '.join(f'{n} = …' for n in blank.names)}  or  ({', '.join('…' for _ in blank.names)})"
    return f"{blank.key}: a number"


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
        elif instance.shape == "entries":
            hand = instance.hand
            if one_step:
                await self.mount(HandEntries(hand, id="hand-entries"))
                box = AnswerBox(blank_vocabulary(hand, 0), blank_placeholder(hand, 0), id="answer")
            else:
                box = AnswerBox(Vocabulary(), "; ".join(b.key for b in hand.blanks) + "  (in order, ';' between)",
                                groups=True, id="answer")
        elif instance.shape == "matrix":
            box = AnswerBox(instance.vocabulary, MATRIX_PLACEHOLDER, matrix=True, id="answer")
        else:
            names = instance.component_names if instance.shape in ("vector", "numbers") else ()
            box = AnswerBox(instance.vocabulary, instance.input_hint, names, id="answer")
        await self.mount(box)
        box.focus_input()

    def entries_done(self, accepted: tuple) -> None:
        """Work by hand: these blanks are right; the box asks the next, or goes once all are."""
        for entries in self.query(HandEntries):
            entries.accepted = accepted
            done = len(accepted)
            for box in self.query(AnswerBox):
                if done < entries.hand.total:
                    box.ask(blank_vocabulary(entries.hand, done), blank_placeholder(entries.hand, done))
                else:
                    box.clear()
                box.display = done < entries.hand.total

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

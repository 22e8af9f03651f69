"""Descent by hand: the steps already right (with their update written out) and the one asked now."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tutor.core.descent import show

if TYPE_CHECKING:
    from tutor.core.lessons.types.descent_judge import HandStep


def point(names: Sequence[str], values: Sequence[float]) -> str:
    return ", ".join(f"{n} = {show(v)}" for n, v in zip(names, values))


def hand_steps_text(steps: Sequence[HandStep], names: Sequence[str], answered: int) -> Text:
    text = Text()
    for step in steps[:answered]:
        text.append(f"✓ step {step.index}: ", style="bold green")
        text.append(point(names, step.after) + "\n")
        for update in step.updates:
            text.append(f"    {update}\n", style="dim")
    if answered < len(steps):
        step = steps[answered]
        asked = ", ".join(f"{n} = ?" for n in names)
        text.append(f"Step {step.index} of {len(steps)}", style="bold")
        text.append(f" from {point(names, step.before)}: type the new {asked}")
    else:
        text.append(f"All {len(steps)} step(s) done by hand. ", style="bold green")
        text.append("F6 runs the rest in the lab.")
    return text


class HandSteps(Static):
    """`answered` counts the steps done; the widget redraws itself when it changes."""

    DEFAULT_CSS = """
    HandSteps { height: auto; padding: 0 1; margin: 1 0 0 0; }
    """

    answered: reactive[int] = reactive(0)

    def __init__(self, steps: Sequence[HandStep], names: Sequence[str], **kwargs) -> None:
        super().__init__(hand_steps_text(steps, names, 0), **kwargs)
        self.steps, self.names = tuple(steps), tuple(names)

    def watch_answered(self, answered: int) -> None:
        self.update(hand_steps_text(self.steps, self.names, answered))

"""The options of a choice question: pick with a/b/c, 1/2/3, the arrows and Enter, or the mouse."""

from __future__ import annotations

import string

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.core.lessons.instance import Choice


class ChoiceList(OptionList):
    DEFAULT_CSS = """
    ChoiceList { height: auto; max-height: 12; margin: 1 0 0 0; }
    """

    class Chosen(Message):
        def __init__(self, choice_list: ChoiceList, letter: str) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.letter = letter

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(self, choices: tuple[Choice, ...], **kwargs) -> None:
        letters = string.ascii_lowercase
        # Option text is the lesson author's: plain text, never markup.
        super().__init__(*[Option(Text(f"{letters[i]}) {c.text}"), id=letters[i]) for i, c in enumerate(choices)],
                         markup=False, **kwargs)
        self.letters = letters[: len(choices)]

    def on_key(self, event: events.Key) -> None:
        # a/b/c or 1/2/3 pick directly; the arrows and Enter work as in any option list.
        key = event.character or ""
        if key in self.letters and key:
            event.stop()
            self.pick(key)
        elif key.isdigit() and 1 <= int(key) <= len(self.letters):
            event.stop()
            self.pick(self.letters[int(key) - 1])

    def pick(self, letter: str) -> None:
        self.highlighted = self.letters.index(letter)
        self.post_message(self.Chosen(self, letter))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.post_message(self.Chosen(self, event.option_id))

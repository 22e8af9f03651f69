"""A box for one of the lab's settings: Escape leaves it, and "?" is never typed into it."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SettingBox(Input):
    """A setting's box. Escape leaves it, so that the lab's keys (digits for the charts) work again;
    without this binding Escape would go on to the screen and close the lab."""

    BINDINGS = [Binding("escape", "leave", "Leave the box", show=False)]

    class Left(Message):
        def __init__(self, box: SettingBox) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> SettingBox:
            return self.box

    def action_leave(self) -> None:
        self.post_message(self.Left(self))

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """A question mark is never part of a setting: it is left to the lab's help key."""
        return character != "?" and super().check_consume_key(key, character)

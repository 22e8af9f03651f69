"""Who is studying? The learners of this machine's data, and a box for a new name; dismisses with a name.

Shown first when a shared machine holds several learners, when a lab sheet is opened without a
name, in a browser tab of `tutor serve`, and from the palette to switch learner.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tutor.core.learners import LearnerNameError, normalize
from tutor.core.progress import Learner

from ..widgets.answer_input import AnswerInput


def when(at: float | None, now: float) -> str:
    """'today', 'yesterday', '3 days ago', or the date: when a learner last studied here."""
    if at is None:
        return "not yet"
    days = int((now - at) // 86400)
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago" if days < 30 else time.strftime("%Y-%m-%d", time.localtime(at))


class NameList(OptionList):
    """The learners; a name typed while it has the focus goes into the box below, letter by letter."""

    async def _on_key(self, event: events.Key) -> None:
        # Here, in the list's own handler, so the letters keep their order (a screen's handler
        # runs after the key has bubbled up, when the next letters may already be in the list).
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            box = self.screen.query_one("#learner-name", Input)
            box.focus()
            box.insert_text_at_cursor(event.character)
            return
        await super()._on_key(event)


class LearnerScreen(Screen[str]):
    """Dismissed with the chosen (normalised) name; Escape only when there is a learner to go back to."""

    BINDINGS = [Binding("escape", "cancel", "Back", show=False)]

    def __init__(self, known: Sequence[Learner], *, purpose: str = "", cancel: bool = False) -> None:
        super().__init__()
        self.known = tuple(known)
        self.purpose = purpose
        self.can_cancel = cancel

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="learner"):
            yield Static("Who is studying?", classes="screen-title", markup=False)
            if self.purpose:
                yield Static(self.purpose, id="learner-purpose", markup=False)
            if self.known:
                yield Label("Pick your name (↑ ↓ and Enter), or type it below if you are new here:")
                now = time.time()
                yield NameList(*[Option(Text.assemble(learner.name, ("  last here: " + when(learner.last_active, now),
                                                                         "dim")), id=str(i))
                                   for i, learner in enumerate(self.known)], id="learner-list")
            yield Label("New learner: type your name and press Enter")
            yield AnswerInput(placeholder="your name, as your teacher knows it", id="learner-name",
                              select_on_focus=False)  # a letter typed in the list must not be selected away
            yield Static("", id="learner-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "learners"
        self.query_one("#learner-name").focus()  # typing a name works at once; ↑ ↓ go to the list

    def on_key(self, event: events.Key) -> None:
        if self.known and event.key in ("up", "down") and self.query_one("#learner-name").has_focus:
            event.stop()
            self.query_one("#learner-list").focus()

    @on(OptionList.OptionSelected, "#learner-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.known[int(event.option_id)].name)

    @on(Input.Submitted, "#learner-name")
    def _typed(self, event: Input.Submitted) -> None:
        try:
            name = normalize(event.value)
        except LearnerNameError as error:
            self.query_one("#learner-error", Static).update(str(error).capitalize() + ".")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        if self.can_cancel:
            self.dismiss(None)

"""Work by hand a blank at a time (backprop, optimizer steps): the blanks already right, each written out
from the learner's own values, and the one asked now."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from tutor.core.lessons.types.entries import HandWork, Values


def hand_entries_text(hand: HandWork, accepted: Sequence[Values]) -> Text:
    """The blanks done (✓ and their working), then what is asked next; plain data in, for tests."""
    text = Text()
    group = None
    done = len(accepted)
    for k, blank in enumerate(hand.blanks[:done], start=1):
        if blank.group != group:
            group = blank.group
            text.append(f"{group}\n", style="bold")
        text.append("  ✓ ", style="bold green")
        text.append(hand.worked(k, accepted[:k]) + "\n")
    if done < hand.total:
        blank = hand.blanks[done]
        if blank.group != group:
            text.append(f"{blank.group}\n", style="bold")
        asked = ", ".join(f"{n} = ?" for n in blank.names) if len(blank.names) > 1 else "?"
        text.append(f"  {done + 1} of {hand.total}: ", style="bold")
        text.append(f"{blank.key} = {asked}", style="bold yellow")
        text.append(f"  ({blank.asks})", style="dim")
    else:
        text.append(f"All {hand.total} values done by hand.", style="bold green")
        if hand.lab is not None:
            text.append(" F6 watches them run in the lab.")
    return text


class HandEntries(Static):
    """Redraws itself when the learner's accepted values change."""

    DEFAULT_CSS = """
    HandEntries { height: auto; padding: 0 1; margin: 1 0 0 0; }
    """

    accepted: reactive[tuple] = reactive((), always_update=True)

    def __init__(self, hand: HandWork, **kwargs) -> None:
        super().__init__(hand_entries_text(hand, ()), **kwargs)
        self.hand = hand

    def watch_accepted(self, accepted: tuple) -> None:
        self.update(hand_entries_text(self.hand, accepted))

"""Feedback on a checked answer: right or wrong, the named mistake, and a point to see it at."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tutor.core.lessons.instance import Instance
from tutor.core.maths.verdict import Verdict

_HEAD = {
    "correct": ("✓ Correct", "bold green"),
    "incorrect": ("✗ Not right", "bold red"),
    "invalid": ("⚠ Cannot read that", "bold yellow"),
}


def verdict_text(verdict: Verdict, instance: Instance | None = None, reveal_choices: bool = True) -> Text:
    head, style = _HEAD[verdict.status]
    text = Text()
    text.append(head, style=style)
    if verdict.diagnosis:
        text.append(f"  ({verdict.diagnosis.code})", style="dim")
    text.append("\n")
    message = verdict.message
    if verdict.status == "correct" and message == "Correct.":
        message = "Checked symbolically." if verdict.method == "symbolic" else (
            "Checked at many points to 60 digits." if verdict.method == "numeric" else "")
    if message:
        text.append(message)
    elif verdict.status == "correct" and verdict.method == "tolerance":
        text.append("Within the tolerance.")
    if verdict.interpreted and verdict.status != "correct":
        text.append(f"\nYour answer was read as {verdict.interpreted}", style="dim")
    if verdict.column and verdict.status == "invalid":
        text.append(f"  (column {verdict.column})", style="dim")
    for note in verdict.notes:
        text.append(f"\nNote: {note}", style="italic")
    if instance is not None and instance.shape == "choice" and reveal_choices and verdict.status != "invalid":
        text.append("\n")
        for letter, choice in zip("abcdefgh", instance.choices):
            mark, mark_style = ("✓", "green") if choice.correct else ("·", "dim")
            text.append(f"\n{mark} {letter}) {choice.text}: ", style=mark_style)
            text.append(choice.explanation)
    return text


class Feedback(Static):
    """Shows the latest verdict; empty until there is one."""

    DEFAULT_CSS = """
    Feedback { height: auto; padding: 0 1; margin: 1 0 0 0; }
    Feedback.-correct { border-left: thick $success; }
    Feedback.-incorrect { border-left: thick $error; }
    Feedback.-invalid { border-left: thick $warning; }
    Feedback.-working { color: $text-muted; }
    """

    def show(self, verdict: Verdict, instance: Instance | None = None, reveal_choices: bool = True) -> None:
        self.remove_class("-correct", "-incorrect", "-invalid", "-working")
        self.add_class(f"-{verdict.status}")
        self.update(verdict_text(verdict, instance, reveal_choices))

    def refused(self, why: str) -> None:
        """An answer that did not count (a test sheet handed in, its time up, no tries left)."""
        self.remove_class("-correct", "-incorrect", "-working")
        self.add_class("-invalid")
        self.update(Text.assemble(("⚠ Not counted\n", "bold yellow"), why))

    def working(self) -> None:
        self.remove_class("-correct", "-incorrect", "-invalid")
        self.add_class("-working")
        self.update("Checking…")

    def clear(self) -> None:
        self.remove_class("-correct", "-incorrect", "-invalid", "-working")
        self.update("")

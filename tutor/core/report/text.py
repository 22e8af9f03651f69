"""How the report's numbers read in every format: durations, rates, times, the help mark."""

from __future__ import annotations

from datetime import datetime

from .model import ExerciseRow

HELP_MARK = "⚑"  # a learner who may need help


def minutes(seconds: float | None) -> str:
    """12 s, 4 min, 1 h 05: short enough for a table cell."""
    if seconds is None:
        return "—"
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    hours, rest = divmod(round(seconds / 60), 60)
    return f"{hours} h {rest:02d}"


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


def clock(when: datetime | None) -> str:
    """The time of day (the date is the lab's); UTC, as the statements give it."""
    return "—" if when is None else when.strftime("%H:%M")


def stamp(when: datetime | None) -> str:
    return "" if when is None else when.isoformat().replace("+00:00", "Z")


def number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def signed(value: float | None, plus: bool = True) -> str:
    """+0.41, −0.12, 0.62: two decimals, with a real minus sign; — when there is no value."""
    if value is None:
        return "—"
    text = f"{value:+.2f}" if plus else f"{value:.2f}"
    return text.replace("-", "−")


def exercise_label(row: ExerciseRow) -> str:
    """`dfdx-basic ∂f/∂x`: the id says which, the title what it asks."""
    exercise = row.key.partition("/")[2]
    return f"{exercise} {row.title}" if row.title and row.title != exercise else exercise


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def clip(text: str, width: int) -> str:
    """At most `width` characters, an ellipsis marking a cut."""
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"

"""A chart: draws a ChartSpec with plotext at the widget's own size, its notes on the lines below."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tutor.core.charts import ChartSpec, render
from tutor.core.charts.layout import small

NOTE_ROWS = (12, 16, 24)  # chart heights from which one, two, three lines of notes are shown


class Chart(Widget):
    """Owns no plotext state: each render builds the whole figure from `spec` (render() holds the lock)."""

    DEFAULT_CSS = """
    Chart { width: 1fr; height: 1fr; min-height: 8; }
    Chart .chart--note { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"chart--note"}

    spec: reactive[ChartSpec | None] = reactive(None, always_update=True)
    placeholder: reactive[str] = reactive("")

    class Resized(Message):
        """The chart's size changed: a spec that depends on it (a heat map's grid) needs rebuilding."""

        def __init__(self, chart: Chart, size: Size) -> None:
            super().__init__()
            self.chart = chart
            self.size = size

        @property
        def control(self) -> Chart:
            return self.chart

    def __init__(self, placeholder: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(Chart.placeholder, placeholder)
        self._cached: tuple[ChartSpec, Size, Text] | None = None
        self.draws = 0  # how many times plotext built a figure (tests and the benchmark read it)

    def render(self) -> Text:
        spec = self.spec
        width, height = self.content_size
        if spec is None:
            return Text(self.placeholder, style="dim")
        size = Size(width, height)
        if self._cached is not None and self._cached[0] is spec and self._cached[1] == size:
            return self._cached[2]  # a repaint for another reason: the figure has not changed
        notes = note_lines(spec, width, height)
        text = Text.from_ansi(render(spec, width, height - len(notes)), no_wrap=True, end="")
        style = self.get_component_rich_style("chart--note", partial=True)
        for note in notes:
            text.append("\n")
            text.append(note, style=style)
        self.draws += 1
        self._cached = (spec, size, text)
        return text

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized(self, event.size))


def note_lines(spec: ChartSpec, width: int, height: int) -> list[str]:
    """The lines under the plot of a chart `height` rows high: its notes wrapped to the width.

    Up to one line from 12 rows, two from 16, three from 24; what does not fit ends in "…".
    """
    room = sum(height >= rows for rows in NOTE_ROWS)
    notes = list(spec.notes)
    if small(width, height - max(room, 1)):
        # render() leaves out the axis labels at this size: say which way each axis runs
        axes = f"{spec.xlabel} →, {spec.ylabel} ↑"
        notes = [f"{axes} · {notes[0]}", *notes[1:]] if notes else [axes]
    lines = [line for note in notes for line in textwrap.wrap(note, max(width, 1), subsequent_indent="  ")]
    if len(lines) > room:
        lines = lines[:room]
        if lines:
            last = lines[-1]
            lines[-1] = (last if len(last) < width else last[: max(width - 1, 0)]) + "…"
    return lines

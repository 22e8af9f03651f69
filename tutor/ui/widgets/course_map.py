"""The course's prerequisite map, drawn: a heading per track, then its lessons as a tree with their progress."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.core.lessons.course_map import CourseMap, MapRow, Track
from tutor.core.study import LessonRow

COUNT_WIDTH = 7  # " 12/14 ": the progress column at the right edge, a space before the scrollbar


def mark(progress: LessonRow | None) -> tuple[str, str]:
    """The progress mark and its style: ★ mastered, ✓ every exercise solved, ◐ begun, · not yet."""
    if progress is None or not progress.total:
        return "·", "dim"
    if progress.mastered:
        return "★", "bold yellow"
    if progress.solved == progress.total:
        return "✓", "green"
    return ("◐", "green") if progress.solved else ("·", "dim")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def fitted_prefix(prefix: str, width: int) -> str:
    """The tree's lines before a title, at most a third of the row: a deep one keeps its last levels."""
    most = max(6, width // 3)
    return prefix if len(prefix) <= most else "…" + prefix[len(prefix) - most + 1:]


def row_text(row: MapRow, progress: LessonRow | None, width: int) -> Text:
    """`✓ 13 └─ MSE over many data points   after 6   9/9`, fitted to `width` columns."""
    symbol, style = mark(progress)
    after = _clip(f"  after {', '.join(map(str, row.after))}", width // 4) if row.after else ""
    count = f"{progress.solved}/{progress.total}" if progress is not None and progress.total else ""
    head = f"{symbol} {row.number:>2} "
    prefix = fitted_prefix(row.prefix, width)
    room = width - len(head) - len(prefix) - len(after) - max(COUNT_WIDTH, len(count) + 2)
    title = _clip(row.title, max(2, room))
    text = Text()
    text.append(symbol, style=style)
    text.append(f" {row.number:>2} ")
    text.append(prefix, style="dim")
    unfinished = progress is None or progress.solved < progress.total
    text.append(title, style="bold" if unfinished else "")
    text.append(after, style="italic dim")
    used = len(head) + len(prefix) + len(title) + len(after)
    text.append(count.rjust(max(len(count) + 1, width - used - 1)) + " ", style="dim")
    return text


def heading_text(track: Track, width: int) -> Text:
    """`── ML depth · lessons 15–20 ────────`."""
    label = f"── {track.name} · {track.numbers} "
    return Text(_clip(label, width).ljust(width, "─"), style="bold")


class CourseMapView(OptionList):
    """The map as a list: track headings (not selectable) and one row per lesson, its id the lesson's."""

    DEFAULT_CSS = """
    CourseMapView > .option-list--option-disabled { color: $text; }
    """

    def show(self, course_map: CourseMap, progress: Mapping[str, LessonRow], width: int) -> None:
        """Draw `course_map` for a list `width` columns wide, keeping the highlighted lesson."""
        chosen = self.highlighted_lesson
        self.clear_options()
        options: list[Option] = []
        for track in course_map.tracks:
            options.append(Option(heading_text(track, width), disabled=True))
            options += [Option(row_text(row, progress.get(row.id), width), id=row.id) for row in track.rows]
        self.add_options(options)
        ids = [option.id for option in options]
        if chosen is not None and chosen in ids:
            self.highlighted = ids.index(chosen)
        elif len(options) > 1:
            self.highlighted = 1  # the first lesson (option 0 is a heading)

    @property
    def highlighted_lesson(self) -> str | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        return self.get_option_at_index(self.highlighted).id

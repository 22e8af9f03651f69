"""The prerequisite map: the course's tracks, each lesson under the one it builds on, with its progress."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, OptionList, Static

from ..widgets.course_map import CourseMapView
from .base import TutorScreen

INTRO = ("Each lesson hangs under the one it builds on; \"after 5, 8\" names others.\n"
         "✓ done · ◐ begun · ★ mastered · Enter opens a lesson")
SCROLLBAR = 2  # kept free for the list's scrollbar: a long map scrolls at 80×24
MARGINS = 10   # before layout: the screen's padding, the list's border, padding and scrollbar


class CourseMapScreen(TutorScreen):
    BINDINGS = [
        # priority: the list's own Enter (hidden) would otherwise shadow this one in the footer
        Binding("enter", "open", "Open", priority=True),
        Binding("escape", "back", "Back"),
        Binding("m", "back", "Back", show=False),  # the key that opened it closes it
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="course-map"):
            yield Static(INTRO, id="map-intro", markup=False)
            yield CourseMapView(id="map")
            yield Static("", id="map-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Prerequisite map"
        self.redraw()
        self.call_after_refresh(self.redraw)  # again once the list's width is laid out

    def on_screen_resume(self) -> None:
        self.redraw()  # progress may have changed in a lesson opened from here

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        view = self.query_one("#map", CourseMapView)
        self.course_map = self.study.course_map()
        self.progress = {row.id: row for row in self.study.rows()}
        laid_out = view.scrollable_content_region.width
        if laid_out > 0:  # keep room for the scrollbar the map may need once it is filled
            width = laid_out - (0 if view.show_vertical_scrollbar else SCROLLBAR)
        else:
            width = self.size.width - MARGINS
        view.show(self.course_map, self.progress, max(40, width))
        view.focus()
        self._describe(view.highlighted_lesson)

    @on(OptionList.OptionHighlighted, "#map")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe(event.option_id)

    def _describe(self, lesson_id: str | None) -> None:
        row = next((r for r in self.course_map.rows if r.id == lesson_id), None)
        detail = Text()
        if row is not None:
            # What it builds on and how far the learner is first: at 80×24 the summary may be cut.
            names = {r.id: f"{r.number} {r.title}" for r in self.course_map.rows}
            detail.append("Builds on: " + "; ".join(names[i] for i in row.needs) if row.needs
                          else "Builds on no other lesson: a place to start.", style="italic")
            progress = self.progress.get(row.id)
            if progress is not None and progress.total:
                detail.append(f"\nSolved {progress.solved} of {progress.total} · mastery {progress.mastery:.0%}",
                              style="dim")
            if progress is not None and progress.summary:
                detail.append("\n" + progress.summary)
        self.query_one("#map-detail", Static).update(detail)

    @on(OptionList.OptionSelected, "#map")
    def _selected(self) -> None:
        self.action_open()  # Enter in the list, or a click (which highlights the row first)

    def action_open(self) -> None:
        lesson_id = self.query_one("#map", CourseMapView).highlighted_lesson
        if lesson_id is None:
            return
        if not self.study.ready:
            self.notify("Reading the lessons: try again in a moment.", timeout=3)
            return
        self.tutor.open_lesson(lesson_id)

    def action_back(self) -> None:
        self.app.pop_screen()

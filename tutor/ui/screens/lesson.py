"""A lesson's concept pages, one at a time, then on to its exercises."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Button, Footer, Header, Static

from tutor.core.study import Study

from ..widgets.prose import Prose
from .base import TutorScreen


class LessonScreen(TutorScreen):
    BINDINGS = [
        Binding("right,n", "next", "Next page"),
        Binding("left,p", "previous", "Previous"),
        Binding("e", "exercises", "Exercises"),
        Binding("f6", "lab", "Open in the lab"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    page = reactive(0, init=False)

    def __init__(self, study: Study, lesson_id: str, page: int = 0) -> None:
        super().__init__(study)
        self.lesson = study.course.lesson(lesson_id)
        self.pages = self.lesson.lesson.pages
        self.set_reactive(LessonScreen.page, max(0, min(page, len(self.pages) - 1)) if self.pages else 0)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="page-title", classes="screen-title", markup=False)
        with VerticalScroll(id="page-body"):
            yield Prose(id="prose")
        with Horizontal(classes="buttons"):
            yield Button("← Previous", id="previous", action="screen.previous")
            yield Button("Next →", id="next", variant="primary", action="screen.next")
            yield Button(f"Exercises ({len(self.study.exercise_ids(self.lesson))})", id="exercises",
                         action="screen.exercises")
            yield Button("Lab F6", id="lab", action="screen.lab")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.lesson.title
        self._show()

    def watch_page(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.pages:
            self.query_one("#page-title", Static).update(f"{self.lesson.title}: no pages, straight to the exercises")
            return
        page = self.pages[self.page]
        self.query_one("#page-title", Static).update(
            f"{self.lesson.title} · page {self.page + 1} of {len(self.pages)}: {page.title}")
        self.query_one("#prose", Prose).show(page.body, page.code, page.output)
        self.query_one("#page-body").scroll_home(animate=False)
        self.query_one("#previous", Button).disabled = self.page == 0
        last = self.page == len(self.pages) - 1
        self.query_one("#next", Button).label = "Exercises →" if last else "Next →"
        self.query_one("#lab", Button).display = bool(page.lab)
        self.refresh_bindings()
        self.save_position(self.page)

    @work(thread=True, exclusive=True, group="position", exit_on_error=False)
    def save_position(self, page: int) -> None:
        # A write waits for the file lock (up to seconds if another tutor holds it): never on the UI thread.
        self.study.store.save_position(self.lesson.id, page=page)
        self.app.call_from_thread(self.saved_notice)

    def action_next(self) -> None:
        if self.page < len(self.pages) - 1:
            self.page += 1
        else:
            self.action_exercises()

    def action_previous(self) -> None:
        if self.page > 0:
            self.page -= 1

    def action_exercises(self) -> None:
        ids = self.study.exercise_ids(self.lesson)
        if not ids:
            self.notify("This lesson has no exercises.")
            return
        states = self.study.store.lesson_states(self.lesson.id)
        first_open = next((i for i in ids if i not in states or not states[i].solved), ids[0])
        self.tutor.open_exercise(self.lesson.id, first_open)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lab":  # only on a page that names a lab preset
            return bool(self.pages and self.pages[self.page].lab)
        return True

    def action_lab(self) -> None:
        from tutor.core.descent.config import LabConfig

        key = self.pages[self.page].lab if self.pages else None
        if key:
            self.tutor.action_lab(LabConfig.preset(key))

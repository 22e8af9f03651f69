"""The app: built by a factory that takes its lessons folder and data directory (tests pass tmp paths).

The home screen paints first; the course is read in a thread, then its maths (sympy) is loaded in
the background, so `tutor` is on screen before the heavy imports finish.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from .commands import LessonCommands
from .screens.home import HomeScreen


class TutorApp(App[None]):
    CSS_PATH = "tutor.tcss"
    TITLE = "tutor"
    SUB_TITLE = "partial derivatives · gradients · gradient descent"
    COMMANDS = App.COMMANDS | {LessonCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    study = reactive(None, init=False, always_update=True)  # tutor.core.study.Study once loaded
    built = reactive(False, init=False)                      # the exercises' maths is loaded

    def __init__(self, lessons: Path | str | None = None, data_dir: Path | str | None = None,
                 warm_symbolic: bool = True) -> None:
        super().__init__()
        self.lessons_path = Path(lessons) if lessons else None
        self.data_dir = data_dir
        self.warm_symbolic = warm_symbolic
        self.store = None

    def on_mount(self) -> None:
        # The quick listing (a few milliseconds: libyaml and one SQLite file) happens before the first
        # paint, so the home screen's first frame already lists the lessons; the rest comes after.
        study, message = self.list_lessons()
        self.push_screen(HomeScreen())
        self._listed(study, message)

    def list_lessons(self):
        from tutor.core.lessons.catalog import read_catalog
        from tutor.core.progress import ProgressStore, database_path
        from tutor.core.study import Study

        store, message = ProgressStore.open(database_path(self.data_dir))
        self.store = store
        return Study(None, store, read_catalog(self.lessons_path)), message

    def _listed(self, study, message: str | None) -> None:
        self.study = study
        if message:
            self.notify(message, title="Progress", severity="warning", timeout=12)
        # Heavy imports hold the GIL: start them only once the first screen is on the terminal.
        self.call_after_refresh(self.load_course)

    @work(thread=True, exclusive=True, group="course", name="load course")
    def load_course(self) -> None:
        from tutor.core.lessons.loader import load_course
        from tutor.core.study import Study

        course = load_course(self.lessons_path, build=False)
        self.call_from_thread(setattr, self, "study", Study(course, self.store))
        # Load the maths engine now (sympy, numpy) so the first exercise opens at once; each lesson's
        # exercises are read when it is first opened, which keeps memory to what is studied.
        import tutor.core.lessons.types.calculus  # noqa: F401
        # Everything loaded so far lives as long as the app: keep the garbage collector from
        # re-scanning it (full collections of a heap holding sympy paused animations ~0.2 s).
        gc.collect()  # what is garbage now would otherwise be frozen with the rest, never freed
        gc.freeze()
        self.call_from_thread(setattr, self, "built", True)
        if self.warm_symbolic:
            from tutor.core.maths.worker import default_worker

            default_worker().warm()

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    # -- navigation ----------------------------------------------------------------------------------
    def action_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def open_lesson(self, lesson_id: str, page: int = 0) -> None:
        from .screens.lesson import LessonScreen

        if self.study is None or not self.study.ready or self.study.course.lesson(lesson_id) is None:
            self.notify("That lesson is not available.", severity="warning")
            return
        self.action_home()
        self.push_screen(LessonScreen(lesson_id, page))

    def open_exercise(self, lesson_id: str, exercise_id: str) -> None:
        from .screens.exercise import ExerciseScreen

        self.push_screen(ExerciseScreen(lesson_id, exercise_id))

    def action_quiz(self) -> None:
        from .screens.quiz_setup import QuizSetupScreen

        if self.study is None or not self.study.ready:
            self.notify("The course is still loading.")
            return
        self.push_screen(QuizSetupScreen())

    def action_lab(self) -> None:
        from .screens.lab import LabScreen

        self.push_screen(LabScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and the answer syntax", self.action_help)


def make_app(lessons: Path | str | None = None, data_dir: Path | str | None = None, **kwargs) -> TutorApp:
    """The app for a lessons folder (default: the bundled course) and a data directory."""
    return TutorApp(lessons, data_dir, **kwargs)


def run_app(lessons: str | None = None, data_dir: str | None = None) -> int:
    from tutor.core.lessons.files import path_problem
    from tutor.core.lessons.safetext import clean

    problem = path_problem(Path(lessons)) if lessons is not None else None
    if problem is not None:  # a FIFO or a device is no more a lessons folder than a missing path
        print(clean(f"tutor: {problem}: {lessons}"), file=sys.stderr)
        return 2
    app = make_app(lessons, data_dir)  # TUTOR_HOME and the default are resolved by the progress core
    app.run()
    return 0

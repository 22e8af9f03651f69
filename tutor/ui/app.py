"""The app: built by a factory that takes its lessons folder and data directory (tests pass tmp paths).

The home screen paints first; the course is read in a thread, then its maths (sympy) is loaded in
the background, so `tutor` is on screen before the heavy imports finish. Screens are given the
Study they show; navigation between them goes through the app's methods below.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tutor.core.study import Study

from .commands import LessonCommands
from .screens.home import HomeScreen

if TYPE_CHECKING:
    from tutor.core.descent.config import LabConfig
    from tutor.core.quiz import QuizRun

THEME_SETTING = "theme"


class TutorApp(App[None]):
    CSS_PATH = "tutor.tcss"
    TITLE = "tutor"
    SUB_TITLE = "partial derivatives · gradients · gradient descent"
    COMMANDS = App.COMMANDS | {LessonCommands}
    BINDINGS = [
        # F1 is shown: it works in an answer box too, where ? is a character to type.
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, lessons: Path | str | None = None, data_dir: Path | str | None = None,
                 warm_symbolic: bool = True, ask_learner: bool = False) -> None:
        super().__init__()
        self.lessons_path = Path(lessons) if lessons else None
        self.data_dir = data_dir
        self.warm_symbolic = warm_symbolic
        self.ask_learner = ask_learner  # a shared session (tutor serve): ask who is studying first
        self.study: Study | None = None  # set in on_mount, before any screen is shown
        self.home: HomeScreen | None = None

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        # Notices carry lesson titles, file paths and learners' answers: text, never markup (a
        # "[/]" in a title would crash the app, "[@click=app.quit]" would run an action).
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        # The quick listing (a few milliseconds: libyaml and one SQLite file) happens before the first
        # paint, so the home screen's first frame already lists the lessons; the rest comes after.
        from tutor.core.lessons.catalog import read_catalog
        from tutor.core.progress import ProgressStore, database_path

        store, message = ProgressStore.open(database_path(self.data_dir))
        self.study = Study(None, store, read_catalog(self.lessons_path))
        theme = store.setting(THEME_SETTING)
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.home = HomeScreen(self.study)
        self.push_screen(self.home)
        if message:
            self.notify(message, title="Progress", severity="warning", timeout=12)
        # Heavy imports hold the GIL: start them only once the first screen is on the terminal.
        self.call_after_refresh(self.load_course)

    @work(thread=True, exclusive=True, group="course", name="load course", exit_on_error=False)
    def load_course(self) -> None:
        from tutor.core.lessons.loader import load_course

        course = load_course(self.lessons_path, build=False)
        self.call_from_thread(self._course_loaded, course)
        # Load the maths engine now (sympy, numpy) so the first exercise opens at once; each lesson's
        # exercises are read when it is first opened, which keeps memory to what is studied.
        import tutor.core.lessons.types.calculus  # noqa: F401
        # Everything loaded so far lives as long as the app: keep the garbage collector from
        # re-scanning it (full collections of a heap holding sympy paused animations ~0.2 s).
        gc.collect()  # what is garbage now would otherwise be frozen with the rest, never freed
        gc.freeze()
        if self.warm_symbolic:
            from tutor.core.maths.worker import default_worker

            default_worker().warm()

    def _course_loaded(self, course) -> None:
        self.study.load(course)
        self.home.refresh_rows()

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.notify(f"Reading the course failed ({event.worker.error}). Restart the tutor; "
                        "if it happens again, run `tutor validate`.", severity="error", timeout=20)

    def _theme_changed(self, theme) -> None:
        self.save_theme(theme.name)

    @work(thread=True, exclusive=True, group="settings", exit_on_error=False)
    def save_theme(self, name: str) -> None:
        self.study.store.save_setting(THEME_SETTING, name)

    def on_unmount(self) -> None:
        if self.study is not None:
            self.study.store.close()

    # -- navigation ----------------------------------------------------------------------------------
    def action_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def open_lesson(self, lesson_id: str, page: int = 0) -> None:
        from .screens.lesson import LessonScreen

        if not self.study.ready or self.study.course.lesson(lesson_id) is None:
            self.notify("That lesson is not available.", severity="warning")
            return
        self.action_home()
        self.push_screen(LessonScreen(self.study, lesson_id, page))

    def open_exercise(self, lesson_id: str, exercise_id: str, seed: int | None = None, *,
                      replace: bool = False) -> None:
        """The one way to show an exercise: the screen that suits its type, pushed or in place."""
        from .screens.descent_exercise import DescentExerciseScreen
        from .screens.exercise import ExerciseScreen

        if not self.study.ready or exercise_id not in self.study.exercise_ids_of(lesson_id):
            self.notify("That exercise is not available.", severity="warning")
            return
        kind = DescentExerciseScreen if self.study.exercise_kind(lesson_id, exercise_id) == "descent" else ExerciseScreen
        screen = kind(self.study, lesson_id, exercise_id, seed)
        if replace:
            self.clear_notifications()  # "Right! Next exercise…" was about the one being left
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_quiz(self) -> None:
        from .screens.quiz_setup import QuizSetupScreen

        if not self.study.ready:
            self.notify("The course is still loading.")
            return
        self.push_screen(QuizSetupScreen(self.study))

    def start_quiz(self, run: QuizRun) -> None:
        """Show a quiz run (made off the UI thread: it writes to the store) in place of this screen."""
        from .screens.quiz import QuizScreen

        self.switch_screen(QuizScreen(self.study, run))

    def show_quiz_summary(self, run: QuizRun) -> None:
        from .screens.quiz_summary import QuizSummaryScreen

        self.switch_screen(QuizSummaryScreen(self.study, run))

    def action_lab(self, config: LabConfig | None = None) -> None:
        from .screens.lab import LabScreen

        self.push_screen(LabScreen(config))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and the answer syntax", self.action_help)


def make_app(lessons: Path | str | None = None, data_dir: Path | str | None = None, *, learner: str | None = None,
             sheet=None, submit_dir: Path | None = None, **kwargs) -> TutorApp:
    """The app for a lessons folder (default: the bundled course) and a data directory.

    `learner`: who studies (None: decided by tutor.core.learners.choose_learner); `sheet`: a lab
    sheet (tutor.core.sheets.Sheet) to open; `submit_dir`: the submit folder (default: the sheet's).
    """
    app = TutorApp(lessons, data_dir, **kwargs)
    app.learner, app.sheet, app.submit_dir = learner, sheet, submit_dir
    return app


def run_app(lessons: str | None = None, data_dir: str | None = None, *, learner: str | None = None,
            sheet=None, submit_dir: Path | None = None) -> int:
    if lessons is not None and not Path(lessons).exists():
        print(f"tutor: no such file or folder: {lessons}", file=sys.stderr)
        return 2
    # TUTOR_HOME and the default are resolved by the progress core
    app = make_app(lessons, data_dir, learner=learner, sheet=sheet, submit_dir=submit_dir)
    app.run()
    # A crash inside the app (shown as a traceback by Textual) must not look like success to a script.
    return app.return_code or 0

"""The app: built by a factory that takes its lessons folder and data directory (tests pass tmp paths).

The home screen paints first; the course is read in a thread, then its maths (sympy) is loaded in
the background, so `tutor` is on screen before the heavy imports finish. Screens are given the
Study they show; navigation between them goes through the app's methods below.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Sequence
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
from .screens.learner import LearnerScreen

if TYPE_CHECKING:
    from tutor.core.descent.config import LabConfig
    from tutor.core.progress import ProgressDatabase
    from tutor.core.quiz import QuizRun
    from tutor.core.sheets.load import Sheet

    from .screens.sheet import SheetScreen

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
                 warm_symbolic: bool = True, ask_learner: bool = False, *, learner: str | None = None,
                 sheet: Sheet | None = None, submit_dir: Path | None = None) -> None:
        super().__init__()
        self.lessons_path = Path(lessons) if lessons else None
        self.data_dir = data_dir
        self.warm_symbolic = warm_symbolic
        self.ask_learner = ask_learner  # a shared session (tutor serve): ask who is studying first
        self.learner = learner          # --learner / TUTOR_LEARNER: who studies, without asking
        self.sheet = sheet              # tutor SHEET.yaml: the lab sheet to work on
        self.submit_dir = submit_dir    # --submit-dir: where every checked answer also goes
        self.db: ProgressDatabase | None = None
        self.study: Study | None = None  # the learner's, once chosen (before any screen uses it)
        self.home: HomeScreen | SheetScreen | None = None

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        # Notices carry lesson titles, file paths and learners' answers: text, never markup (a
        # "[/]" in a title would crash the app, "[@click=app.quit]" would run an action).
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        from tutor.core.learners import LearnerChoice, LearnerNameError, choose_learner
        from tutor.core.progress import ProgressDatabase, database_path

        self.db, message = ProgressDatabase.open(database_path(self.data_dir))
        if message:
            self.notify(message, title="Progress", severity="warning", timeout=12)
        theme = self.db.setting(THEME_SETTING)
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        try:
            choice = choose_learner(self.db, self.learner, sheet=self.sheet is not None)
        except LearnerNameError as error:
            self.notify(f"--learner: {error}.", severity="error")
            choice = LearnerChoice(None, self.db.learners())
        if self.ask_learner or choice.ask:
            purpose = f"Lab sheet: {self.sheet.title}" if self.sheet is not None else ""
            self.push_screen(LearnerScreen(choice.known, purpose=purpose), self.begin)
        else:
            self.begin(choice.name)

    def begin(self, name: str | None) -> None:
        """Study as `name` from the first screen on: their progress, the course, the sheet if any.

        The quick listing (a few milliseconds: libyaml and one SQLite file) happens before the first
        paint, so the first frame already lists the lessons; the rest is read after it.
        """
        if name is None:
            return  # the picker was left: the learner studying before goes on
        from tutor.core.lessons.catalog import read_catalog

        store = self.db.learner(name)
        if self.sheet is not None:
            from tutor.core.sheets.resolve import sheet_catalog

            catalog = sheet_catalog(self.sheet)
        else:
            catalog = read_catalog(self.lessons_path, memo=True)
        self.study = Study(None, store, catalog, submit=self.submit_dir)
        self.title = f"tutor · {store.learner.name}"  # every screen's header says who is studying
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.sheet is not None:
            from .screens.sheet import SheetScreen  # read only when a sheet is open: a lab's own first screen

            self.home = SheetScreen(self.study)
        else:
            self.home = HomeScreen(self.study)
        self.push_screen(self.home)
        # Heavy imports hold the GIL: start them only once the first screen is on the terminal.
        self.call_after_refresh(self.load_course, self.study)

    @work(thread=True, exclusive=True, group="course", name="load course", exit_on_error=False)
    def load_course(self, study: Study) -> None:
        if self.sheet is not None:
            # The sheet's items and this learner's run first, from a quick read of the course (a few
            # milliseconds), so the sheet's table is on screen long before the lessons are all read.
            self.open_sheet(study)
            from tutor.core.sheets.resolve import sheet_course

            course = sheet_course(self.sheet, build=False)
        else:
            from tutor.core.lessons.loader import load_course

            course = load_course(self.lessons_path, build=False)
        self.call_from_thread(self._course_loaded, study, course)
        warning = study.send_pending()  # answers that waited for the submit folder since last time
        if warning:
            self.call_from_thread(self.notify, warning, title="Submit folder", severity="warning")
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

    def open_sheet(self, study: Study) -> None:
        """In the course worker: the sheet's exercises for this learner, and its run started (a write)."""
        from tutor.core.sheets.resolve import resolve
        from tutor.core.sheets.session import SheetSession

        index: dict[str, tuple[str, ...]] = {}
        for entry in study.catalog:  # the quick read made for the first screen: no second read
            if entry.readable:
                index.setdefault(entry.id, entry.exercise_ids)
        exercises, errors = resolve(self.sheet, index)
        for error in errors:
            self.call_from_thread(self.notify, f"The sheet: {error}", severity="warning", timeout=15)
        session = SheetSession(self.sheet, exercises, study.store,
                               lesson_titles={entry.id: entry.title for entry in study.catalog},
                               submit=self.submit_dir or self.sheet.submit_dir)
        progress = session.progress()
        self.call_from_thread(self._sheet_opened, study, session, progress)

    def _course_loaded(self, study: Study, course) -> None:
        study.load(course)
        if study is self.study:
            self.home.refresh_rows() if isinstance(self.home, HomeScreen) else self.home.refresh_progress()

    def _sheet_opened(self, study: Study, session, progress) -> None:
        study.open_sheet(session, self.submit_dir)
        if study is self.study and not isinstance(self.home, HomeScreen):
            self.home.show_progress(progress)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.notify(f"Reading the course failed ({event.worker.error}). Restart the tutor; "
                        "if it happens again, run `tutor validate`.", severity="error", timeout=20)

    def _theme_changed(self, theme) -> None:
        self.save_theme(theme.name)

    @work(thread=True, exclusive=True, group="settings", exit_on_error=False)
    def save_theme(self, name: str) -> None:
        self.db.save_setting(THEME_SETTING, name)

    def on_unmount(self) -> None:
        if self.db is not None:
            self.db.close()

    def action_switch_learner(self) -> None:
        """The palette's "Switch learner": pick or type another name; their progress from then on."""
        if self.db is not None:
            self.push_screen(LearnerScreen(self.db.learners(), cancel=True), self.begin)

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
                      replace: bool = False, sequence: Sequence[tuple[str, str]] | None = None) -> None:
        """The one way to show an exercise: the screen that suits its type, pushed or in place;
        `sequence`: what Next and Previous go through (a sheet's exercises; default the lesson's)."""
        from .screens.descent_exercise import DescentExerciseScreen
        from .screens.entries_exercise import EntriesExerciseScreen
        from .screens.exercise import ExerciseScreen

        if not self.study.ready or exercise_id not in self.study.exercise_ids_of(lesson_id):
            self.notify("That exercise is not available.", severity="warning")
            return
        screens = {"descent": DescentExerciseScreen, "backprop": EntriesExerciseScreen,
                   "optimizer": EntriesExerciseScreen}
        kind = screens.get(self.study.exercise_kind(lesson_id, exercise_id), ExerciseScreen)
        screen = kind(self.study, lesson_id, exercise_id, seed, sequence=sequence)
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

    def show_run(self, run: QuizRun) -> None:
        """Show a review session or a drill (a run made off the UI thread) over the home screen."""
        from .screens.quiz import QuizScreen

        self.action_home()
        self.push_screen(QuizScreen(self.study, run))

    def make_review_run(self, due: Sequence[tuple[str, str]]) -> QuizRun | None:
        """In a worker: a review session of the due cards (fresh variants; the run is written)."""
        from tutor.core.quiz import review_run

        return review_run(self.study.store, self.study.course, due, rng_seed=time.time_ns())

    def make_drill_run(self, code: str) -> QuizRun | None:
        """In a worker: a drill on the slip `code`."""
        from tutor.core.quiz import drill_run

        return drill_run(self.study.store, self.study.course, code, rng_seed=time.time_ns())

    def show_quiz_summary(self, run: QuizRun) -> None:
        from .screens.quiz_summary import QuizSummaryScreen

        self.switch_screen(QuizSummaryScreen(self.study, run))

    def action_lab(self, config: LabConfig | None = None) -> None:
        from .screens.lab import LabScreen

        self.push_screen(LabScreen(config))

    def action_map(self) -> None:
        """The prerequisite map: the course's tracks, each lesson under the one it builds on."""
        from .screens.course_map import CourseMapScreen

        if not isinstance(self.screen, CourseMapScreen):
            self.push_screen(CourseMapScreen(self.study))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and the answer syntax", self.action_help)
        if self.db is not None:
            yield SystemCommand("Switch learner", "Study as someone else on this machine (pick or type a name)",
                                self.action_switch_learner)


def make_app(lessons: Path | str | None = None, data_dir: Path | str | None = None, **kwargs) -> TutorApp:
    """The app for a lessons folder (default: the bundled course) and a data directory.

    Keywords: `learner` who studies (None: decided by tutor.core.learners.choose_learner), `sheet`
    a lab sheet (tutor.core.sheets.Sheet) to open, `submit_dir` the submit folder (default: the
    sheet's), `ask_learner` ask who studies first (a browser tab), `warm_symbolic`.
    """
    return TutorApp(lessons, data_dir, **kwargs)


def run_app(lessons: str | None = None, data_dir: str | None = None, *, learner: str | None = None,
            sheet=None, submit_dir: Path | None = None) -> int:
    from tutor.core.lessons.files import path_problem
    from tutor.core.lessons.safetext import clean

    problem = path_problem(Path(lessons)) if lessons is not None else None
    if problem is not None:  # a FIFO or a device is no more a lessons folder than a missing path
        print(clean(f"tutor: {problem}: {lessons}"), file=sys.stderr)
        return 2
    # TUTOR_HOME and the default are resolved by the progress core
    app = make_app(lessons, data_dir, learner=learner, sheet=sheet, submit_dir=submit_dir)
    app.run()
    # A crash inside the app (shown as a traceback by Textual) must not look like success to a script.
    return app.return_code or 0

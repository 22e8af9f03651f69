"""The app's seams, held while it runs: store writes off the UI thread, a choice's reasons after the
solution, the solution and feedback scrolled into view at 80×24, the help's keys bound, and a
reference too large to evaluate met with a message, not a hang."""

from __future__ import annotations

import asyncio
import re
import textwrap
import threading

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, OptionList

from tutor.core.progress import ProgressStore
from tutor.ui.app import TutorApp, make_app
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.feedback import Feedback
from tutor.ui.widgets.prose import Prose

from .conftest import settle, write_course

# Every write a study session makes to the learner's store (each one may wait seconds on the file's lock).
WRITES = ("save_position", "mark_hint_used", "mark_solution_revealed", "record_answer", "save_work", "clear_work")


async def open_first_exercise(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("enter")          # the first lesson's first page
    await settle(app, pilot)
    await pilot.press("e")              # its first exercise
    await settle(app, pilot)


# -- 1. store writes off the UI thread ----------------------------------------------------------------

async def test_no_store_write_runs_on_the_ui_thread(lessons_dir, data_dir, monkeypatch) -> None:
    calls: list[tuple[str, threading.Thread]] = []
    for name in WRITES:
        def wrapped(self, *args, _write=getattr(ProgressStore, name), _name=name, **kwargs):
            calls.append((_name, threading.current_thread()))
            return _write(self, *args, **kwargs)
        monkeypatch.setattr(ProgressStore, name, wrapped)
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_exercise(app, pilot)   # a lesson page, then an exercise: two positions
        assert isinstance(app.screen, ExerciseScreen)
        await pilot.press("f2")
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        await pilot.press(*"2x", "enter")
        await settle(app, pilot)
        assert app.study.state("first", "dfdx").revealed
    made = {name for name, _ in calls}
    assert {"save_position", "mark_hint_used", "mark_solution_revealed", "record_answer"} <= made, made
    on_ui = [name for name, thread in calls if thread is threading.main_thread()]
    assert not on_ui, f"written on the UI thread (a locked file would freeze the screen): {on_ui}"


# -- 8. a choice's reasons after F3; the solution and feedback scrolled into view -----------------------

def _shown(prose: Prose) -> str:
    """The text a Markdown widget has on screen (its blocks as rendered)."""
    return " ".join(str(block._content) for block in prose.query("MarkdownBlock") if hasattr(block, "_content"))


async def test_after_the_solution_every_choice_is_explained(lessons_dir, data_dir) -> None:
    reasons = ("its negative points downhill", "That is ∇f itself.", "Along a level curve the function")
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_exercise("first", "why")
        await settle(app, pilot)
        assert app.screen.instance.shape == "choice"
        await pilot.press("f3")
        await settle(app, pilot)
        solution = app.screen.query_one("#solution", Prose)
        assert solution.display
        shown = _shown(solution)
        assert all(reason in shown for reason in reasons), shown
        await pilot.press("c")                  # a wrong choice after the solution: every reason too
        await settle(app, pilot)
        feedback = str(app.screen.query_one(Feedback).render())
        assert "Not right" in feedback and all(reason in feedback for reason in reasons), feedback


LONG = """\
id: long
title: A long prompt
summary: The answer box sits low on a small terminal.
exercises:
  - id: d
    type: derivative
    prompt: |
      PROMPT
    function: x^2 + 3y
    wrt: x
    hints: ["3y is a constant."]
    solution: "Differentiate x² to 2x; 3y does not change with x, so its derivative is 0. SOLUTION"
"""


def _in_view(widget: Widget, body: VerticalScroll) -> bool:
    """The widget's first line is inside the body's visible window (body coordinates, scrolled)."""
    top = widget.virtual_region.y - body.virtual_region.y  # its offset within the body's content
    window = body.scrollable_content_region.height
    return body.scroll_y <= top < body.scroll_y + window


async def test_the_solution_and_the_feedback_are_scrolled_into_view_at_80x24(tmp_path, data_dir) -> None:
    prompt = "\n      ".join(f"Line {i} of a long statement of the problem." for i in range(1, 25))
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01-long.yaml").write_text(LONG.replace("PROMPT", prompt).replace(
        "SOLUTION", "A longer reason. " * 30), encoding="utf-8")
    app = make_app(folder, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_exercise("long", "d")
        await settle(app, pilot)
        screen = app.screen
        body = screen.query_one("#exercise-body", VerticalScroll)
        box = screen.query_one("#whole", Input)
        box.focus()
        await pilot.press(*"2x+3y", "enter")   # wrong: feedback below the box
        await settle(app, pilot)
        feedback = screen.query_one(Feedback)
        assert "Not right" in str(feedback.render())
        assert _in_view(feedback, body), (feedback.virtual_region, body.scroll_y)
        body.scroll_home(animate=False)         # the learner scrolls back up to reread the prompt
        await pilot.pause()
        await pilot.press("f3")
        await settle(app, pilot)
        solution = screen.query_one("#solution", Prose)
        assert body.scroll_y > 0 and _in_view(solution, body), (solution.virtual_region, body.scroll_y)


# -- 9. every key the help names is bound ------------------------------------------------------------

def _help_rows() -> dict[str, list[str]]:
    """The help's key table: where → the keys it names (each **bold** run, split on spaces)."""
    from tutor.ui.screens.help import HELP

    table = HELP.split("## Keys", 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in table.splitlines()[3:]:
        where, keys = (cell.strip() for cell in line.strip("|").split("|", 1))
        rows[where] = [key for run in re.findall(r"\*\*(.+?)\*\*", keys) for key in re.split(r"[ /]+", run)]
    return rows


# Help's names for keys → Textual's. A range like 1–6 is each digit; arrows as the symbols show them.
KEY_NAMES = {"↑": "up", "↓": "down", "→": "right", "←": "left", "enter": "enter", "esc": "escape",
             "pgdn": "pagedown", "pgup": "pageup", "tab": "tab", "?": "question_mark"}


def _keys(word: str) -> list[str]:
    word = word.strip().lower()
    if m := re.fullmatch(r"(\d)–(\d)", word):
        return [str(d) for d in range(int(m[1]), int(m[2]) + 1)]
    if m := re.fullmatch(r"f(\d+)–f(\d+)", word):
        return [f"f{d}" for d in range(int(m[1]), int(m[2]) + 1)]
    return [KEY_NAMES.get(word, word)]


def _screens_by_row():
    """Each row of the help table and the classes whose bindings serve it (the screen, and the
    widgets on it that take the keys: a list's arrows, a box's Enter)."""
    from textual.widgets import OptionList as Options
    from textual.widgets import SelectionList

    from tutor.ui.screens.course_map import CourseMapScreen
    from tutor.ui.screens.descent_exercise import DescentExerciseScreen
    from tutor.ui.screens.lab import LabScreen
    from tutor.ui.screens.quiz import QuizScreen
    from tutor.ui.screens.quiz_setup import QuizSetupScreen
    from tutor.ui.screens.quiz_summary import QuizSummaryScreen
    from tutor.ui.widgets.answer_box import AnswerBox
    from tutor.ui.widgets.choice_list import ChoiceList
    from tutor.ui.widgets.course_map import CourseMapView
    from tutor.ui.widgets.setting_box import SettingBox

    return {
        "everywhere": (TutorApp, TutorApp.COMMAND_PALETTE_BINDING),
        "home": (HomeScreen, Options),
        "prerequisite map": (CourseMapScreen, CourseMapView),
        "lesson pages": (LessonScreen,),
        "exercise": (ExerciseScreen, AnswerBox, Input),
        "choice": (ChoiceList, Options),
        "quiz setup": (QuizSetupScreen, SelectionList),
        "quiz, review, drill": (QuizScreen, Input),
        "quiz summary": (QuizSummaryScreen,),
        "lab": (LabScreen,),
        "lab settings": (LabScreen, SettingBox, Input),
        "descent by hand": (DescentExerciseScreen, Input),
    }


def _typed_keys(klass) -> set[str]:
    """Keys a widget takes in its own on_key, not as bindings: a choice list's letters and numbers."""
    if "on_key" not in vars(klass):
        return set()
    letters = "abcdefghijklmnopqrstuvwxyz"
    return set(letters) | set("123456789")


def _bound(holders) -> set[str]:
    from textual.binding import Binding

    keys = set()
    for holder in holders:
        if isinstance(holder, type):
            keys |= _typed_keys(holder)
        if isinstance(holder, str):  # the palette's key, held by the app as a name
            keys.add(holder)
            continue
        for klass in holder.__mro__:
            for binding in getattr(klass, "BINDINGS", []) or []:
                key = binding.key if isinstance(binding, Binding) else binding[0]
                keys |= {k.strip() for k in key.split(",")}
    return keys


def test_every_key_the_help_names_is_bound_where_it_says() -> None:
    by_row = _screens_by_row()
    rows = _help_rows()
    assert set(rows) == set(by_row), "a row of the help table this test does not know: add its screen"
    missing = {}
    for where, words in rows.items():
        bound = _bound(by_row[where])
        unbound = [w for w in words for key in _keys(w) if key not in bound]
        if unbound:
            missing[where] = unbound
    assert not missing, f"the help names keys nothing binds: {missing}"


def test_the_help_check_catches_a_key_no_binding_has(monkeypatch) -> None:
    import tutor.ui.screens.help as help_module

    monkeypatch.setattr(help_module, "HELP", help_module.HELP.replace("**ctrl+n** or **PgDn** next · **PgUp**",
                                                                     "**ctrl+p** previous · **PgUp**", 1))
    rows = _help_rows()
    assert "ctrl+p" in rows["exercise"] and "ctrl+p" not in _bound(_screens_by_row()["exercise"])


# -- 10. a reference too large to evaluate ------------------------------------------------------------

HUGE = """\
id: huge
title: A huge reference
summary: Its function cannot be evaluated in reasonable time.
exercises:
  - id: tower
    type: derivative
    prompt: "Find ∂f/∂x for f = {function}."
    function: e^e^e^e^e * x
    wrt: x
  - id: fine
    type: derivative
    prompt: "Find ∂f/∂x for f = {function}."
    function: x^2
    wrt: x
"""


async def test_a_reference_too_large_to_evaluate_gets_a_message_and_nothing_hangs(tmp_path, data_dir) -> None:
    folder = write_course(tmp_path / "lessons")
    (folder / "03-huge.yaml").write_text(textwrap.dedent(HUGE), encoding="utf-8")
    app = make_app(folder, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_lesson("huge")
        await settle(app, pilot)
        await pilot.press("e")                 # its first exercise is the tower
        # A hang would wait here for ever: bound it (the tower is refused by size, in milliseconds).
        await asyncio.wait_for(settle(app, pilot), timeout=20)
        screen = app.screen
        assert isinstance(screen, ExerciseScreen) and screen.exercise_id == "tower"
        assert screen.instance is None and "cannot be shown" in str(screen.query_one("#exercise-title").render())
        notices = [n.message for n in app._notifications]
        assert any("03-huge.yaml:8" in n and "over the limit" in n for n in notices), notices
        assert "tower" not in app.study.exercise_ids_of("huge")   # the lesson now leaves it out
        await pilot.press("ctrl+n")            # the app goes on: the next exercise opens and is checked
        await asyncio.wait_for(settle(app, pilot), timeout=20)
        assert app.screen.exercise_id == "fine"
        await pilot.press(*"2x", "enter")
        await asyncio.wait_for(settle(app, pilot), timeout=20)
        assert "Correct" in str(app.screen.query_one(Feedback).render())

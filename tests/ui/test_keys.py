"""Every key the footer shows works on its screen whatever has focus; the keys help names do too."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from textual.keys import _character_to_key
from textual.widgets import Input

from tutor.ui.app import make_app
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.help import HELP, HelpScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.answer_box import AnswerBox, read_as

from .conftest import press_quickly, settle

# Actions that leave the app or need a confirmation are pressed by other tests.
SKIPPED = {"quit", "app.quit", "command_palette", "app.command_palette"}


def pressed(binding) -> str:
    """The key a learner presses for a footer entry: the one it displays (a "?" shown means "?")."""
    display = binding.key_display
    if display and len(display) == 1:
        return _character_to_key(display)
    return binding.key


async def footer_keys_work(app, pilot, screen) -> list[str]:
    """With focus on each focusable widget in turn, press every key the footer shows then; return
    those whose action did not run."""
    missed = []
    kinds: dict[type, object] = {}
    for widget in screen.query("*"):  # one widget of each kind: it is the kind that takes keys or not
        if widget.focusable:
            kinds.setdefault(type(widget), widget)
    for target in list(kinds.values()) or [None]:
        if target is not None:
            target.focus()
            await pilot.pause()
        shown = [b.binding for b in app.active_bindings.values() if b.binding.show]
        for binding in shown:
            if binding.action in SKIPPED:
                continue
            key = pressed(binding)
            name = binding.action.split("(")[0].removeprefix("screen.").removeprefix("app.")
            owner = app if binding.action.startswith("app.") or name == "help" else screen
            calls = []
            original = getattr(owner, f"action_{name}")
            setattr(owner, f"action_{name}", lambda *a, calls=calls: calls.append(a))
            try:
                await press_quickly(app, pilot, key)
            finally:
                setattr(owner, f"action_{name}", original)
            if not calls:
                missed.append(f"{key} ({name}) with focus on {target!r}")
            if target is not None and not target.has_focus:
                target.focus()
                await pilot.pause()
    return missed


async def test_footer_keys_work_whatever_has_focus(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert await footer_keys_work(app, pilot, app.screen) == []
        app.open_lesson("first")
        await settle(app, pilot)
        assert isinstance(app.screen, LessonScreen)
        assert await footer_keys_work(app, pilot, app.screen) == []
        for exercise in ("dfdx", "grad", "why"):  # an answer box, component boxes, a choice list
            app.open_exercise("first", exercise)
            await settle(app, pilot, 3)
            assert isinstance(app.screen, ExerciseScreen)
            assert await footer_keys_work(app, pilot, app.screen) == []
            app.pop_screen()
            await settle(app, pilot)


async def test_page_keys_move_between_exercises_even_from_a_choice_list(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_exercise("first", "why")  # the third: a choice list has the focus
        await settle(app, pilot, 3)
        await pilot.press("pageup")
        await settle(app, pilot, 3)
        assert app.screen.exercise_id == "grad"
        await pilot.press("pagedown")
        await settle(app, pilot, 3)
        assert app.screen.exercise_id == "why"


async def test_question_mark_types_in_a_box_and_f1_opens_help_from_it(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_exercise("first", "dfdx")
        await settle(app, pilot, 3)
        box = app.screen.query_one("#whole", Input)
        assert box.has_focus
        await pilot.press("question_mark")
        assert box.value == "?" and not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_toast_does_not_follow_the_learner_to_the_next_exercise(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_exercise("first", "dfdx")
        await settle(app, pilot, 3)
        app.screen.query_one("#whole", Input).value = "2x"
        await pilot.press("enter")
        await settle(app, pilot)
        assert any("Right!" in n.message for n in app._notifications)
        await pilot.press("ctrl+n")
        await settle(app, pilot, 3)
        assert not any("Right!" in n.message for n in app._notifications)


async def test_the_theme_is_kept(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        other = next(name for name in app.available_themes if name != app.theme)
        app.theme = other
        await settle(app, pilot)
    again = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(again, pilot)
        assert again.theme == other


def test_every_row_of_the_help_tables_has_its_cells() -> None:
    tokens = MarkdownIt("commonmark").enable(["table"]).parse(HELP)
    rows, cells = [], 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("td_open", "th_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
    assert rows and set(rows) == {2}, rows  # "|x|" in a cell must not split its row
    assert "`\\|x\\|`" in HELP


@pytest.mark.parametrize("text", ["w = 0.8, b = 0.4; w = 1.2, b = 0.6", "(0.8, 0.4); (1.2, 0.6)"])
def test_every_descent_step_at_once_reads_without_an_error(text) -> None:
    from tutor.core.maths.names import Vocabulary

    state, line = read_as(text, Vocabulary(("w", "b")), groups=True)
    assert state == "ok" and line.count(";") == 1, line
    assert AnswerBox  # the box that reads with groups=True in a quiz


async def test_the_prerequisite_map_keys_work_whatever_has_focus(lessons_dir, data_dir) -> None:
    from tutor.ui.screens.course_map import CourseMapScreen

    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("m")  # home's footer key (pressed with the others above)
        await settle(app, pilot)
        assert isinstance(app.screen, CourseMapScreen)
        assert await footer_keys_work(app, pilot, app.screen) == []

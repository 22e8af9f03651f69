"""Pilot tests of studying: open a lesson, page through, answer wrong and right, hints, restart."""

from __future__ import annotations

import sqlite3

from textual.widgets import Input, OptionList, Static

from tutor.core.progress import ProgressStore, database_path
from tutor.ui.app import make_app
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.feedback import Feedback

from .conftest import answer, settle, write_course


def feedback_text(app) -> str:
    return str(app.screen.query_one(Feedback).render())


async def open_first_exercise(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("enter")          # open the first lesson
    await settle(app, pilot)
    await pilot.press("e")              # straight to its exercises
    await settle(app, pilot)


async def test_home_lists_lessons_with_progress_and_notes(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        lessons = app.screen.query_one("#lessons", OptionList)
        assert lessons.option_count == 2
        assert "First steps" in str(lessons.get_option_at_index(0).prompt)
        assert " 0/3" in str(lessons.get_option_at_index(0).prompt)
        await pilot.press("down")
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "Study first (recommended, not required): First steps" in detail


async def test_page_through_a_lesson(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, LessonScreen) and screen.page == 0
        title = str(screen.query_one("#page-title", Static).render())
        assert "page 1 of 2" in title
        await pilot.press("right")
        assert screen.page == 1
        await pilot.press("left")
        assert screen.page == 0
        await pilot.press("n", "n")           # past the last page: on to the exercises
        await settle(app, pilot)
        assert isinstance(app.screen, ExerciseScreen)


async def test_wrong_then_hint_then_right(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_exercise(app, pilot)
        screen = app.screen
        assert isinstance(screen, ExerciseScreen) and screen.instance is not None
        await pilot.press(*"2x+3y")
        assert "read as: 2·x + 3·y" in str(screen.query_one("#reading", Static).render())
        await pilot.press("enter")
        await settle(app, pilot)
        text = feedback_text(app)
        assert "Not right" in text and "kept-constant-term" in text
        assert "At x = 1, y = 2 your answer gives 8; ∂f/∂x is 2." in text
        await answer(app, pilot, "2x+")
        assert "Cannot read" in feedback_text(app)
        await answer(app, pilot, "x^2")
        assert screen.wrong == 2
        await pilot.press("f2")
        assert "Hint 1: When only x changes" in str(screen.query_one("#hints", Static).render())
        await answer(app, pilot, "2x")
        assert "Correct" in feedback_text(app)
        state = app.study.state("first", "dfdx")
        assert state.solved and state.attempts == 3 and state.hints_used == 1


async def test_gradient_as_tuple_and_as_component_boxes(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_exercise(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        screen = app.screen
        assert screen.instance.exercise_id == "grad"
        await answer(app, pilot, "(x+2y, 2x+y)")
        assert "swapped-components" in feedback_text(app)
        await pilot.press("ctrl+b")         # one box per component
        await pilot.pause()
        for i, part in enumerate(("2x + y", "x + 2y")):
            box = screen.query_one(f"#part-{i}", Input)
            box.focus()
            await pilot.press(*part)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Correct" in feedback_text(app)


async def test_a_wrong_choice_explains_only_itself_until_solved(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_exercise(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert app.screen.instance.shape == "choice"
        await pilot.press("b")
        await settle(app, pilot)
        text = feedback_text(app)
        assert "Not right" in text and "That is ∇f itself." in text
        assert "Along a level curve the function" not in text  # the others would give it away
        await pilot.press("a")
        await settle(app, pilot)
        text = feedback_text(app)
        assert "Correct" in text and "Along a level curve the function" in text  # now every reason
        assert app.study.state("first", "why").solved


async def test_solution_counts_as_not_solved(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_exercise(app, pilot)
        await pilot.press("f3")
        await pilot.pause()
        await answer(app, pilot, "2x")
        state = app.study.state("first", "dfdx")
        assert state.revealed and not state.solved and state.completed


async def test_progress_and_position_survive_a_restart(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_exercise(app, pilot)
        await answer(app, pilot, "2x")
    again = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert " 1/3" in str(again.screen.query_one("#lessons", OptionList).get_option_at_index(0).prompt)
        # Exercise 1 is solved: continuing goes on to the next one, not back to it.
        assert "Continue (c): First steps, exercise 2 of 3" in str(again.screen.query_one("#continue", Static).render())
        await pilot.press("c")
        await settle(again, pilot)
        assert isinstance(again.screen, ExerciseScreen) and again.screen.exercise_id == "grad"


async def test_a_broken_lesson_file_among_good_ones(tmp_path, data_dir) -> None:
    lessons = write_course(tmp_path / "lessons", broken=True)
    app = make_app(lessons, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        options = app.screen.query_one("#lessons", OptionList)
        assert options.option_count == 3
        await pilot.press("down", "down")
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "03-broken.yaml:6:5" in detail and "derivatve" in detail
        await pilot.press("enter")          # refused with the error, the app keeps working
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("up", "up", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LessonScreen)


async def test_a_corrupt_progress_database_is_moved_aside(lessons_dir, data_dir) -> None:
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(b"this is not a database" * 100)
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("corrupt" in m.lower() or "moved" in m.lower() for m in messages), messages
        await open_first_exercise(app, pilot)
        await answer(app, pilot, "2x")
    assert list(data_dir.glob("progress.sqlite3.corrupt-*"))
    with sqlite3.connect(database_path(data_dir)) as db:
        assert db.execute("select count(*) from attempts").fetchone()[0] == 1


async def test_every_answer_is_written_before_feedback(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_exercise(app, pilot)
        await answer(app, pilot, "2x+3y")
        # A second connection sees the attempt while the app is still running.
        store, _ = ProgressStore.open(database_path(data_dir))
        try:
            assert [a.answer for a in store.recent_attempts()] == ["2x+3y"]
        finally:
            store.close()


async def test_help_screen_opens_and_closes(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_page_can_open_the_lab_on_a_preset(tmp_path, data_dir) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01.yaml").write_text(
        "id: lab-page\ntitle: Surfaces\nsummary: s\npages:\n"
        "  - title: Plain\n    body: No lab here.\n"
        "  - title: Drawn\n    lab: elongated\n    body: Press F6.\n", encoding="utf-8")
    app = make_app(folder, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not app.screen.query_one("#lab").display
        await pilot.press("f6")              # no preset on this page: nothing happens
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.query_one("#lab").display
        await pilot.press("f6")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "LabScreen"
        assert app.screen.config.key == "elongated"


async def test_a_lesson_chosen_before_the_course_is_read_opens_once_it_is(lessons_dir, data_dir, monkeypatch) -> None:
    import threading

    from tutor.core.lessons import loader

    release = threading.Event()
    real = loader.load_course

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_course", slow)
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.study.ready and isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        assert any("opens in a moment" in n.message for n in app._notifications)
        release.set()
        await settle(app, pilot, 3)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "first"

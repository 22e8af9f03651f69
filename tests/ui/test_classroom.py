"""A lab from a student's chair, in the app: pick a name, open the sheet, answer, hand in, export;
the next student on the same machine sees none of it."""

from __future__ import annotations

import json
import subprocess
import sys

from textual.widgets import DataTable, Input, OptionList, Static

from tutor.core.progress import ProgressDatabase, database_path
from tutor.core.sheets import load_sheet
from tutor.ui.app import make_app
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.learner import LearnerScreen
from tutor.ui.screens.sheet import SheetScreen

from .conftest import settle

SHEET = """\
id: lab-1
title: Lab one
class: ML 2B
mode: test
tries: 2
submit: share
items:
  - exercise: basic-example/dfdx-basic
  - exercise: basic-example/dfdy-basic
"""


def write_sheet(folder):
    (folder / "share").mkdir(parents=True)
    path = folder / "lab.yaml"
    path.write_text(SHEET, encoding="utf-8")
    sheet, errors = load_sheet(path)
    assert errors == []
    return sheet


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def until(app, pilot, condition, times: int = 30) -> None:
    for _ in range(times):
        if condition():
            return
        await settle(app, pilot)
        await pilot.pause(0.1)
    assert condition()


async def answer(app, pilot, value: str) -> None:
    app.screen.query_one("#whole", Input).value = value
    await pilot.press("enter")
    await settle(app, pilot)


async def test_a_student_works_through_a_test_sheet_and_the_next_sees_none_of_it(tmp_path) -> None:
    sheet = write_sheet(tmp_path)
    data = tmp_path / "data"
    app = make_app(data_dir=data, sheet=sheet, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LearnerScreen)       # a sheet always asks who is there
        app.screen.query_one("#learner-name", Input).value = "Ana María"
        await pilot.press("enter")
        await settle(app, pilot, 3)
        screen = app.screen
        assert isinstance(screen, SheetScreen) and app.title == "tutor · Ana María"
        await until(app, pilot, lambda: screen.rows and app.study.ready)
        assert "Lab one · ML 2B · test · 0 of 2 solved" in text(screen, "#sheet-title")
        await pilot.press("enter")                           # the first exercise, her own variant
        await settle(app, pilot, 3)
        exercise = app.screen
        assert isinstance(exercise, ExerciseScreen)
        assert exercise.instance.seed == app.study.sheet.seed("basic-example", "dfdx-basic")
        assert not exercise.query_one("#hint").display and not exercise.help_allowed
        await pilot.press("f2", "f3")                        # a test gives no help
        assert not exercise.revealed and "Hint" not in text(exercise, "#hints")
        await answer(app, pilot, "2y")
        assert "1 try left" in text(exercise, "#exercise-title")
        await answer(app, pilot, "2x")
        assert "solved" in text(exercise, "#exercise-title")
        await pilot.press("ctrl+n")                          # on through the sheet, not the lesson
        await settle(app, pilot, 3)
        second = app.screen
        assert (second.lesson_id, second.exercise_id) == ("basic-example", "dfdy-basic")
        await answer(app, pilot, "1")
        await answer(app, pilot, "2")                        # out of tries: the box closes
        assert "out of tries" in text(second, "#exercise-title")
        assert second.query_one("#whole", Input).is_disabled
        await answer(app, pilot, "3")                        # Enter in a closed box gives nothing
        assert len(app.study.store.recent_attempts()) == 4
        await pilot.press("escape")
        await settle(app, pilot, 3)
        assert app.screen is screen
        await until(app, pilot, lambda: screen.progress is not None and screen.progress.finished)
        assert "1 of 2 solved" in text(screen, "#sheet-title") and "handed in" in text(screen, "#sheet-title")
    statements = [json.loads(line) for line in (tmp_path / "share" / "ML 2B" / "Ana María.lab-1.jsonl").read_text(
        encoding="utf-8").splitlines()]
    verbs = [s["verb"]["display"]["en-US"] for s in statements]
    assert verbs == ["answered"] * 4 + ["completed"]        # the refused answer is not among them
    assert {s["actor"]["name"] for s in statements} == {"Ana María"}

    out = subprocess.run([sys.executable, "-m", "tutor", "export", "--all", "--data-dir", str(data)],
                         capture_output=True, text=True, check=True)
    exported = [json.loads(line) for line in out.stdout.splitlines()]
    assert {s["id"] for s in exported} == {s["id"] for s in statements}

    again = make_app(data_dir=data, sheet=sheet, learner="Ben", warm_symbolic=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(again, pilot, 3)
        screen = again.screen
        assert isinstance(screen, SheetScreen) and again.title == "tutor · Ben"
        await until(again, pilot, lambda: screen.progress is not None)
        assert "0 of 2 solved" in text(screen, "#sheet-title")
        assert [row.status for row in screen.rows] == ["todo", "todo"]
        assert again.study.store.recent_attempts() == ()


async def test_several_learners_are_asked_who_studies_and_can_switch(lessons_dir, data_dir) -> None:
    db, _ = ProgressDatabase.open(database_path(data_dir))
    db.learner("Ana").record_attempt("first", "dfdx", seed=0, answer="2x", verdict="correct")
    db.learner("Ben")
    db.close()
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LearnerScreen)
        names = app.screen.query_one("#learner-list", OptionList)
        assert [str(names.get_option_at_index(i).prompt).split("  ")[0] for i in range(2)] == ["Ana", "Ben"]
        await pilot.press("down", "down", "enter")          # ↓ to the list (Ana), ↓ Ben, Enter
        await settle(app, pilot, 3)
        assert isinstance(app.screen, HomeScreen) and app.title == "tutor · Ben"
        assert " 0/3" in str(app.screen.query_one("#lessons", OptionList).get_option_at_index(0).prompt)
        app.action_switch_learner()                          # the palette's "Switch learner"
        await settle(app, pilot)
        await pilot.press("down", "enter")                   # Ana
        await settle(app, pilot, 3)
        assert isinstance(app.screen, HomeScreen) and app.title == "tutor · Ana"
        assert " 1/3" in str(app.screen.query_one("#lessons", OptionList).get_option_at_index(0).prompt)
        assert len(app.screen_stack) == 2                    # Ben's screens are gone


async def test_one_learner_alone_sees_no_extra_step(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and app.title == "tutor · student"


async def test_a_name_typed_while_the_list_has_the_focus_goes_into_the_box(lessons_dir, data_dir) -> None:
    db, _ = ProgressDatabase.open(database_path(data_dir))
    db.learner("Ana")
    db.learner("Ben")
    db.close()
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down")                            # the list
        await pilot.press(*"Chloé", "enter")
        await settle(app, pilot, 3)
        assert app.title == "tutor · Chloé"


async def test_a_bad_name_is_refused_in_the_picker(tmp_path) -> None:
    sheet = write_sheet(tmp_path)
    app = make_app(data_dir=tmp_path / "data", sheet=sheet, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#learner-name", Input).value = "   "
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        assert "empty" in text(app.screen, "#learner-error")
        assert DataTable  # the sheet screen's table is tested above

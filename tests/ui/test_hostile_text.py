"""Text from files is text: markup in a lesson, an answer or a path is shown as typed, never run."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from tutor.core.progress import database_path
from tutor.core.quiz import Question, QuizRun
from tutor.ui.app import make_app
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.quiz_summary import QuizSummaryScreen

from .conftest import settle

MARKUP = "[/] [@click=app.quit]quit[/] [link=https://x.y]link[/link] [bold red]"

LESSON = f"""\
id: hostile
title: "Markup {MARKUP}"
summary: "Summary {MARKUP}"
pages:
  - title: "Page {MARKUP}"
    body: "Body {MARKUP}"
exercises:
  - id: d
    type: derivative
    prompt: "Find it {MARKUP}"
    function: x^2
    wrt: x
    hints: ["Hint {MARKUP}"]
    solution: "Solution {MARKUP}"
  - id: c
    type: choice
    prompt: "Pick {MARKUP}"
    options:
      - text: "Right {MARKUP}"
        correct: true
        explanation: "Because {MARKUP}"
      - text: "Wrong {MARKUP}"
        explanation: "Not so {MARKUP}"
"""


def write(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "01-hostile.yaml").write_text(LESSON, encoding="utf-8")
    return folder


def shown(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static))


async def test_lesson_text_with_markup_is_shown_as_written_on_every_screen(tmp_path) -> None:
    app = make_app(write(tmp_path / "lessons"), tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "[/]" in str(app.screen.query_one("#lessons", OptionList).get_option_at_index(0).prompt)
        await pilot.press("enter")                       # the lesson page
        await settle(app, pilot)
        assert "Page [/]" in shown(app.screen)
        await pilot.press("e")                           # the exercise: title, prompt, hint, solution
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        await pilot.press("f2")
        await pilot.press("f3")
        await settle(app, pilot)
        assert "Hint 1: Hint [/] [@click=app.quit]quit[/]" in shown(screen)
        box = screen.query_one("#whole", Input)
        box.value = MARKUP                               # a learner typing markup: read, refused, shown
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("ctrl+n")                      # the choice exercise: options and reasons
        await settle(app, pilot)
        await pilot.press("b", "a")
        await settle(app, pilot)
        assert "Because [/]" in shown(app.screen)
        await pilot.press("ctrl+p")                      # the palette lists and highlights lesson titles
        await pilot.pause(0.3)
        await pilot.press(*"mark")
        await pilot.pause(0.5)
        await pilot.press("escape")
        await settle(app, pilot)
        run = QuizRun(app.study.store, app.study.course, [Question("hostile", "c", 1), Question("hostile", "d", 2)])
        choice = run.instance(1)
        run.record(choice, "b", choice.check("b"))
        run.advance()
        derivative = run.instance(2)
        run.record(derivative, MARKUP, derivative.check(MARKUP))
        run.finish()
        await app.push_screen(QuizSummaryScreen(app.study, run))
        await settle(app, pilot)
        assert app.is_running and app.return_code is None   # nothing crashed, nothing quit
    assert app.return_code in (None, 0)


async def test_a_data_directory_whose_name_is_markup(tmp_path) -> None:
    data = tmp_path / "data [" / "] [@click=app.quit]"  # a path that reads as markup: "[/] [@click…]"
    data.mkdir(parents=True)
    database_path(data).write_bytes(b"not a database" * 100)  # its notice names the path
    app = make_app(write(tmp_path / "lessons"), data, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        messages = [n.message for n in app._notifications]
        assert any("data [/] [@click=app.quit]" in m for m in messages), messages
        assert app.is_running


def test_a_crash_is_not_reported_as_success(tmp_path, monkeypatch) -> None:
    from tutor.ui import app as app_module

    def broken(self) -> None:
        raise RuntimeError("a bug")

    run = app_module.TutorApp.run
    monkeypatch.setattr(app_module.TutorApp, "on_mount", broken)
    monkeypatch.setattr(app_module.TutorApp, "run", lambda self: run(self, headless=True))
    assert app_module.run_app(str(write(tmp_path / "lessons")), str(tmp_path / "data")) == 1

"""The home screen when the lessons path holds no lessons: it says so instead of an empty welcome."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from tutor.ui.app import make_app

from .conftest import settle


async def test_an_empty_folder_says_there_are_no_lessons(tmp_path) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    app = make_app(lessons, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)  # the course is read by a worker started after the first paint
        assert app.screen.query_one("#lessons", OptionList).option_count == 0
        shown = str(app.screen.query_one("#continue", Static).render())
        assert shown.startswith(f"{lessons}: no lessons here")

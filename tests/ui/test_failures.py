"""A failing store or a failing worker never ends the app: one notice, and nothing the learner did is lost."""

from __future__ import annotations

import sqlite3

from textual.widgets import Input

from tutor.core.progress import database_path
from tutor.ui.app import make_app
from tutor.ui.screens.exercise import ExerciseScreen

from .conftest import settle


def stored(data) -> list[str]:
    with sqlite3.connect(database_path(data)) as db:
        return [r[0] for r in db.execute("SELECT answer FROM attempts ORDER BY id")]


async def give(app, pilot, text: str) -> None:
    app.screen.query_one("#whole", Input).value = text
    await pilot.press("enter")
    await settle(app, pilot)


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_full_disk_during_a_check_keeps_the_answer_and_says_so_once(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_exercise("first", "dfdx")
        await settle(app, pilot, 3)
        conn = app.study.store._conn  # the file stops growing, as on a full disk
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        for text in ["x" * 3000 + "+1", "y" * 3000 + "+2", "2x"]:
            await give(app, pilot, text)
        assert app.is_running and isinstance(app.screen, ExerciseScreen)
        assert "Correct" in str(app.screen.query_one("#feedback").render())
        warned = [m for m in notices(app) if "cannot be saved" in m]
        assert len(warned) == 1, notices(app)                      # one notice, not one per answer
        assert app.study.state("first", "dfdx").solved               # the app knows what was done
        assert len(stored(data_dir)) < 3
        conn.execute("PRAGMA max_page_count = 1073741823")          # space again
        app.open_exercise("first", "grad", replace=True)
        await settle(app, pilot, 3)
        await give(app, pilot, "(2x + y, x + 2y)")
        assert any("saved to disk again" in m for m in notices(app))
    assert [a[:1] for a in stored(data_dir)] == ["x", "y", "2", "("]


async def test_a_worker_that_raises_is_a_notice_and_the_next_answer_is_checked(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_exercise("first", "dfdx")
        await settle(app, pilot, 3)
        real = app.study.record
        calls = []

        def broken(*args, **kwargs):
            calls.append(args)
            if len(calls) == 1:
                raise RuntimeError("a bug in recording")
            return real(*args, **kwargs)

        app.study.record = broken
        await give(app, pilot, "2x+1")
        assert app.is_running
        assert any("a bug in recording" in m for m in notices(app))
        assert not app.screen.checking                              # the screen is usable again
        await give(app, pilot, "2x")
        assert "Correct" in str(app.screen.query_one("#feedback").render())
    assert stored(data_dir) == ["2x"]

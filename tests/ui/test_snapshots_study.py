"""Snapshots of the main study screens at 100×30 and 80×24: home, and an exercise with feedback."""

from __future__ import annotations

import pytest

from tutor.ui.app import make_app

from .conftest import settle

SIZES = [(100, 30), (80, 24)]


async def _settle(pilot) -> None:
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_home(snap_compare, lessons_dir, data_dir, size) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)

    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_exercise_with_feedback(snap_compare, lessons_dir, data_dir, size) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("enter", "e")
        await _settle(pilot)
        await pilot.press(*"2x+3y", "enter")
        await _settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_lesson_page_with_a_column_vector(snap_compare, lessons_dir, data_dir, size) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("enter", "right")
        await _settle(pilot)

    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)

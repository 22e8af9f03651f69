"""Snapshots of the gradient descent lab at 100×30 and 80×24: the loss chart and the surface."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from textual.worker import WorkerCancelled

from tutor.ui.app import make_app

SIZES = [(100, 30), (80, 24)]
LESSON = """\
id: one
title: One lesson
summary: The lab needs none, but the app wants a course.
pages:
  - title: A page
    body: Text.
"""


@pytest.fixture
def lessons_dir(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01-one.yaml").write_text(LESSON, encoding="utf-8")
    return folder


async def _settle(pilot) -> None:
    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # the app's course loader replaces its own first worker (exclusive group "load")
        await pilot.pause()


async def _open_lab(pilot) -> None:
    await _settle(pilot)
    await pilot.press("l")
    await _settle(pilot)
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_lab_loss_after_steps(snap_compare, lessons_dir, tmp_path, size) -> None:
    async def run_before(pilot) -> None:
        await _open_lab(pilot)
        pilot.app.screen.query_one("#lab-loss").value = "elongated"
        await _settle(pilot)
        await pilot.press("f5", "f5", "f5")
        await _settle(pilot)

    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_lab_surface_with_path_and_arrow(snap_compare, lessons_dir, tmp_path, size) -> None:
    async def run_before(pilot) -> None:
        await _open_lab(pilot)
        pilot.app.screen.query_one("#lab-loss").value = "two-minima"
        await _settle(pilot)
        await pilot.press("f5", "f5", "f5", "f5", "f8")
        await _settle(pilot)

    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)

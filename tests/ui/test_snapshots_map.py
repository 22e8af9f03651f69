"""Snapshots of the prerequisite map at 100×30 and 80×24: the course's shape, a learner part-way in."""

from __future__ import annotations

import pytest

from tutor.ui.app import make_app

from .conftest import settle
from .test_course_map import studied, write_map_course


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_prerequisite_map(snap_compare, tmp_path, size) -> None:
    lessons = write_map_course(tmp_path / "lessons")
    data = tmp_path / "data"
    studied(data)

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("m")
        await settle(pilot.app, pilot)
        await pilot.press("down", "down", "down")  # lesson 4, begun: its detail under the map

    app = make_app(lessons, data, warm_symbolic=False, learner="Ana")
    assert snap_compare(app, terminal_size=size, run_before=run_before)

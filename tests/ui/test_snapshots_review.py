"""Snapshot of home when reviews are due and slips are counted (state made by the core)."""

from __future__ import annotations

import pytest

from tutor.ui.app import make_app

from .conftest import settle
from .test_review import studied_days_ago


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_home_with_reviews_due_and_slips(snap_compare, lessons_dir, data_dir, size) -> None:
    studied_days_ago(data_dir, 3)

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)

    app = make_app(lessons_dir, data_dir, warm_symbolic=False, learner="Ana")
    assert snap_compare(app, terminal_size=size, run_before=run_before)

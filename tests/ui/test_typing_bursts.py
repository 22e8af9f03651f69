"""Answers typed in a burst are all checked and stored, in order: in the Pilot and in a real terminal."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual import events

from tutor.core.progress import database_path
from tutor.ui.app import make_app
from tutor.ui.screens.exercise import ExerciseScreen

from .conftest import settle

ANSWERS = [f"x^{n}+y" for n in range(3, 43)]


def keys_for(answer: str) -> list[events.Key]:
    """ctrl+u (clear the box), the answer, Enter: as a terminal delivers them, with no pause."""
    keys = [events.Key("ctrl+u", None)]
    keys += [events.Key({"^": "circumflex_accent", "+": "plus"}.get(c, c), c) for c in answer]
    return keys + [events.Key("enter", "\r")]


def stored(data: Path) -> list[str]:
    with sqlite3.connect(database_path(data)) as db:
        return [r[0] for r in db.execute("SELECT answer FROM attempts ORDER BY id")]


async def test_a_burst_of_answers_is_checked_in_order_and_nothing_is_lost(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_exercise("first", "dfdx")
        await settle(app, pilot, 3)
        assert isinstance(app.screen, ExerciseScreen)
        for answer in ANSWERS:  # posted at once: none waits for the one before to be handled
            for key in keys_for(answer):
                app.post_message(key)
        for _ in range(100):
            await settle(app, pilot)
            if len(stored(data_dir)) >= len(ANSWERS) and not app.screen.checking:
                break
    assert stored(data_dir) == ANSWERS


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is not installed: the real-terminal test needs it")
def test_a_burst_in_a_real_terminal(lessons_dir, tmp_path) -> None:
    data = tmp_path / "data"
    session = f"tutor-burst-{os.getpid()}"
    command = f"{sys.executable} -m tutor {lessons_dir} --data-dir {data}"
    env = dict(os.environ, TERM="xterm-256color")
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command],
                   check=True, env=env)
    try:
        def screen() -> str:
            return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True,
                                  text=True).stdout

        def wait_for(text: str) -> None:
            deadline = time.monotonic() + 30
            while text not in screen():
                assert time.monotonic() < deadline, f"never saw {text!r}:\n{screen()}"
                time.sleep(0.1)

        wait_for("First steps")
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        wait_for("page 1 of")
        subprocess.run(["tmux", "send-keys", "-t", session, "e"], check=True)
        wait_for("your answer")
        time.sleep(0.5)
        for answer in ANSWERS:  # one write to the terminal each: ctrl+u, the answer and Enter together
            subprocess.run(["tmux", "send-keys", "-t", session, "C-u", answer, "Enter"], check=True)
        deadline = time.monotonic() + 60
        while len(stored(data)) < len(ANSWERS) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert stored(data) == ANSWERS
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session])

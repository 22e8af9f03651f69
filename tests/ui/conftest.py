"""Fixtures for app tests: a small course in a temporary folder, a data directory beside it, and the
helpers every Pilot test uses (wait for workers, no blinking cursor)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input


async def settle(app, pilot, times: int = 2) -> None:
    """Let workers finish and the screen catch up, `times` over (a worker may start another)."""
    for _ in range(times):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def answer(app, pilot, text: str) -> None:
    """Put `text` in the exercise's answer box whole and press Enter, then settle. Each key a pilot
    presses costs ~50 ms of waiting for the app to go idle; typing key by key is held by the study
    tests (test_wrong_then_hint_then_right), the typing-burst tests and the snapshots."""
    box = app.screen.query_one("#whole", Input)
    box.value = text
    box.focus()
    await pilot.press("enter")
    await settle(app, pilot)


async def press_quickly(app, pilot, key: str) -> None:
    """Press `key` as the terminal sends it, then wait until the app and the screen have handled
    what it set off, without the ~50 ms of idle polling a pilot's press adds (a walk over every
    footer key presses hundreds). A key whose action did not run still shows: nothing ran."""
    app.post_message(events.Key(key, key if len(key) == 1 else None))
    for _ in range(3):  # the key, the binding's action, what the action posts
        await pilot.pause(0)


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch):
    # A blinking cursor makes snapshots depend on timing; no test needs it to blink.
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture(autouse=True)
def _no_animations(monkeypatch):
    # Textual's own animations (a tab's underline sliding, smooth scrolling) end where they would
    # jump to, but a pilot waits for each to finish: ~0.4 s per tab switched. The app's own timers
    # (the lab's frames, the quiz clock) are not animations and still run. TEXTUAL_ANIMATIONS=none
    # is Textual's setting for this, read when an app is made.
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")


FIRST = """\
id: first
title: First steps
summary: Hold one variable still.
pages:
  - title: One at a time
    body: |
      To find $\\frac{\\partial f}{\\partial x}$, treat $y$ as a constant.
  - title: The gradient
    body: |
      $$\\nabla f = \\begin{bmatrix} \\frac{\\partial f}{\\partial x} \\\\ \\frac{\\partial f}{\\partial y} \\end{bmatrix}$$
    code: |
      def df_dx(x, y):
          return 2*x
    output: "4"
exercises:
  - id: dfdx
    type: derivative
    prompt: "Find ∂f/∂x for f(x, y) = {function}."
    function: x^2 + 3y
    wrt: x
    hints: ["When only x changes, 3y is a constant.", "The derivative of x² is 2x."]
    solution: "∂f/∂x = 2x."
  - id: grad
    type: gradient
    prompt: "Type the gradient of f(x, y) = {function} as (∂f/∂x, ∂f/∂y)."
    function: x^2 + xy + y^2
    hints: ["One partial at a time."]
  - id: why
    type: choice
    prompt: Which way does −∇f point?
    options:
      - text: Towards the steepest decrease.
        correct: true
        explanation: The gradient points uphill; its negative points downhill.
      - text: Towards the steepest increase.
        explanation: That is ∇f itself.
      - text: Along a level curve.
        explanation: Along a level curve the function does not change.
"""

SECOND = """\
id: second
title: At a point
summary: Numbers from formulas.
requires: [first]
pages:
  - title: Evaluate
    body: Put the numbers in.
exercises:
  - id: value
    type: value
    prompt: "What is ∂f/∂x of x² + 3y at (2, 3)?"
    compute: {partial: x^2 + 3y, wrt: x, at: {x: 2, y: 3}}
    answer: 4
    hints: ["∂f/∂x = 2x."]
"""

BROKEN = """\
id: broken
title: Broken lesson
summary: A typo in the type.
exercises:
  - id: a
    type: derivatve
    prompt: x
"""


def write_course(folder: Path, broken: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "01-first.yaml").write_text(textwrap.dedent(FIRST), encoding="utf-8")
    (folder / "02-second.yaml").write_text(textwrap.dedent(SECOND), encoding="utf-8")
    if broken:
        (folder / "03-broken.yaml").write_text(textwrap.dedent(BROKEN), encoding="utf-8")
    return folder


@pytest.fixture
def lessons_dir(tmp_path) -> Path:
    return write_course(tmp_path / "lessons")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"

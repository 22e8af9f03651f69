"""A real Learning Record Store (Ralph) for the xAPI tests, one per test session and worker."""

from __future__ import annotations

import os

import pytest

from . import ralph_lrs as harness


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):
    env_dir = harness.venv()
    if env_dir is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test against Ralph: .ci/run makes its venv (TUTOR_RALPH_VENV)")
        pytest.skip("Ralph (the LRS) is not installed here: run .ci/ralph-venv.sh, as .ci/run does")
    process, server, _log = harness.start(tmp_path_factory.mktemp("ralph"), env_dir)
    try:
        yield server
    finally:
        harness.stop(process)

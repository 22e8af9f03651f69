"""Test-wide safety (no test ever reads or writes the real home directory's data) and how many workers run the tests."""

from __future__ import annotations

import os

import pytest


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto` (the project's default): two workers a core, at most four more than the cores.

    The Pilot tests spend about half their time waiting for the app to go idle between key
    presses; a second worker per core uses that time (here, 2 cores: 2:00 with 2 workers, 1:37
    with 4).
    """
    cores = os.cpu_count() or 1
    return min(2 * cores, cores + 4)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TUTOR_HOME", str(home / "tutor-data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))  # tutor validate's proved lessons
    monkeypatch.delenv("TUTOR_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(home))
    # The default learner is named after the login: the same name on every machine the tests run on.
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, "student")
    monkeypatch.delenv("TUTOR_LEARNER", raising=False)
    yield home

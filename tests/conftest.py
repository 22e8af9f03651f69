"""Test-wide safety: no test ever reads or writes the real home directory's data."""

from __future__ import annotations

import pytest


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

"""What a browser tab runs: the tutor asking for the learner first, on the server's data; the launcher's fallback."""

from __future__ import annotations

import sys

from tutor.serve import launch, tab
from tutor.ui.app import TutorApp, make_app


def test_a_tab_runs_the_app_asking_for_the_learner(monkeypatch, tmp_path) -> None:
    made = []

    class Recorder:
        def run(self) -> None:
            made.append("ran")

    def fake_make_app(lessons, data_dir, **kwargs):
        made.append((lessons, data_dir, kwargs))
        return Recorder()

    monkeypatch.setattr("tutor.ui.app.make_app", fake_make_app)
    assert tab.main(["--data-dir", str(tmp_path), "--lessons", "L"]) == 0
    assert made == [("L", str(tmp_path), {"ask_learner": True, "warm_symbolic": False}), "ran"]


def test_the_app_keeps_the_ask_learner_flag(tmp_path) -> None:
    app = make_app(None, tmp_path, ask_learner=True)
    assert isinstance(app, TutorApp) and app.ask_learner is True
    assert make_app(None, tmp_path).ask_learner is False


def test_without_the_zygote_the_launcher_runs_the_tab_itself(monkeypatch, tmp_path) -> None:
    calls = []
    monkeypatch.setattr(launch.os, "execv", lambda path, args: calls.append((path, args)) or sys.exit(0))
    try:
        launch.main([str(tmp_path / "no.sock"), "--data-dir", str(tmp_path)])
    except SystemExit:
        pass
    assert calls == [(sys.executable, [sys.executable, "-m", "tutor.serve.tab", "--data-dir", str(tmp_path)])]

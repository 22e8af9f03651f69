"""`tutor push` against a real LRS (Ralph): every statement arrives once, what was sent is remembered."""

from __future__ import annotations

import json
import uuid

import pytest

from tutor.cli import run
from tutor.core.xapi import vocabulary as v

from ..cli.test_classroom_cli import lab_day
from .test_lrs import comparable

pytestmark = pytest.mark.xdist_group("ralph")


def test_push_sends_what_the_lrs_lacks_once(ralph, tmp_path, capsys, monkeypatch):
    ana, bo = f"Ana {uuid.uuid4().hex[:6]}", f"Bo {uuid.uuid4().hex[:6]}"
    made = lab_day(tmp_path, ana) + lab_day(tmp_path, bo, finish=False)
    assert run(["push", "--lrs", ralph.url, "--user", ralph.user, "--data-dir", str(tmp_path), "--dry-run",
                "--password", ralph.password]) == 0
    assert f"would send {len(made)} statement(s)" in capsys.readouterr().out
    monkeypatch.setenv("TUTOR_LRS_PASSWORD", ralph.password)
    assert run(["push", "--lrs", ralph.url, "--user", ralph.user, "--data-dir", str(tmp_path), "--batch", "3"]) == 0
    assert f"sent {len(made)} statement(s) to {ralph.url}statements; 0 sent before" in capsys.readouterr().out
    stored = [comparable(s) for who in (ana, bo)
              for s in ralph.statements(agent=json.dumps({"account": {"homePage": v.LEARNER_HOME, "name": who}}))]
    assert sorted(stored, key=lambda s: s["id"]) == sorted(made, key=lambda s: s["id"])
    lab_day(tmp_path, bo, finish=True)  # Bo goes on: only the new statements go
    assert run(["push", "--lrs", ralph.url, "--user", ralph.user, "--data-dir", str(tmp_path)]) == 0
    assert f"sent 5 statement(s) to {ralph.url}statements; {len(made)} sent before" in capsys.readouterr().out
    assert len(ralph.statements(registration=v.registration("week-3-gradients", bo))) == 3 + 4


def test_a_refused_push_says_why_and_sends_again_later(ralph, tmp_path, capsys):
    lab_day(tmp_path, f"Cy {uuid.uuid4().hex[:6]}")
    assert run(["push", "--lrs", ralph.url, "--user", ralph.user, "--password", "wrong",
                "--data-dir", str(tmp_path)]) == 1
    assert "HTTP 401: the user name or password was refused" in capsys.readouterr().err
    assert run(["push", "--lrs", ralph.url, "--user", ralph.user, "--password", ralph.password,
                "--data-dir", str(tmp_path)]) == 0
    assert "sent 5 statement(s)" in capsys.readouterr().out
    assert run(["push", "--lrs", "lrs.example/xAPI"]) == 2

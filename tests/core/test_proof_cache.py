"""Lessons proved before are not proved again while the file, the seeds and the engine are unchanged."""

from __future__ import annotations

import json
import textwrap

import pytest

from tutor.cli import run
from tutor.core.lessons import proofs
from tutor.core.lessons.proofs import ProofCache
from tutor.core.lessons.types.base import ExerciseType
from tutor.core.lessons.validate import validate_course

GOOD = """\
id: good
title: Good
summary: Valid.
exercises:
  - id: d
    type: derivative
    prompt: "d/dx of {function}"
    function: a x^2
    wrt: x
    params: {a: {randint: [2, 5]}}
"""
BAD = GOOD.replace("id: good", "id: bad").replace("title: Good", "title: Bad").replace(
    "    params:", "    answer: 3x\n    params:")


@pytest.fixture
def proved(monkeypatch):
    """Counts the exercises proved (ExerciseType.validate calls)."""
    calls = []
    original = ExerciseType.validate

    def counted(self, seeds, *rules):
        calls.append(self.model.id)
        return original(self, seeds, *rules)

    monkeypatch.setattr(ExerciseType, "validate", counted)
    return calls


def course(tmp_path, *texts):
    folder = tmp_path / "lessons"
    folder.mkdir(exist_ok=True)
    for i, text in enumerate(texts, start=1):
        (folder / f"0{i}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_an_unchanged_valid_lesson_is_not_proved_again(tmp_path, proved):
    folder = course(tmp_path, GOOD, BAD)
    cache_file = tmp_path / "cache" / "proofs.json"
    first = validate_course(folder, seeds=3, cache=ProofCache(cache_file))
    assert len(first.errors) == 1 and proved == ["d", "d"]
    again = validate_course(folder, seeds=3, cache=ProofCache(cache_file))
    assert [str(e) for e in again.errors] == [str(e) for e in first.errors]
    assert proved == ["d", "d", "d"]  # only the broken lesson again
    assert again.counts == first.counts and again.with_variants == first.with_variants == 2
    validate_course(folder, seeds=4, cache=ProofCache(cache_file))  # other seeds: proved again
    assert len(proved) == 5


def test_a_changed_file_or_engine_is_proved_again(tmp_path, proved, monkeypatch):
    folder = course(tmp_path, GOOD)
    cache_file = tmp_path / "proofs.json"
    validate_course(folder, seeds=2, cache=ProofCache(cache_file))
    (folder / "01.yaml").write_text(textwrap.dedent(GOOD).replace("[2, 5]", "[2, 6]"), encoding="utf-8")
    validate_course(folder, seeds=2, cache=ProofCache(cache_file))
    assert len(proved) == 2
    validate_course(folder, seeds=2, cache=ProofCache(cache_file))
    assert len(proved) == 2
    monkeypatch.setattr(proofs, "engine_fingerprint", lambda: "another engine")
    validate_course(folder, seeds=2, cache=ProofCache(cache_file))
    assert len(proved) == 3
    assert json.loads(cache_file.read_text())["engine"] == "another engine"


def test_a_damaged_or_unwritable_cache_only_costs_time(tmp_path, proved):
    folder = course(tmp_path, GOOD)
    damaged = tmp_path / "proofs.json"
    damaged.write_text("{not json", encoding="utf-8")
    assert validate_course(folder, seeds=2, cache=ProofCache(damaged)).ok
    blocked = tmp_path / "a-file" / "proofs.json"
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    assert validate_course(folder, seeds=2, cache=ProofCache(blocked)).ok
    assert validate_course(folder, seeds=2, cache=ProofCache(blocked)).ok
    assert len(proved) == 3  # the damaged cache was replaced; the unwritable one never held anything


def test_the_command_uses_the_cache_and_no_cache_proves_everything(tmp_path, proved, monkeypatch, capsys):
    folder = course(tmp_path, GOOD)
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("tutor.cli.validate._cores", lambda: 1)  # in process, so the calls are counted
    assert run(["validate", str(folder), "--seeds", "2"]) == 0
    assert run(["validate", str(folder), "--seeds", "2"]) == 0
    assert "good: Good (1 exercises)" in capsys.readouterr().out
    assert len(proved) == 1 and (tmp_path / "cache" / "proofs.json").exists()
    assert run(["validate", str(folder), "--seeds", "2", "--no-cache"]) == 0
    assert len(proved) == 2


def test_a_course_proved_before_is_validated_without_the_maths_engine(tmp_path):
    # The point of the cache is a quick `tutor validate` while an author edits one lesson: the
    # others, unchanged, must not even import sympy (half a second) to be passed.
    import os
    import subprocess
    import sys

    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "good.yaml").write_text(GOOD, encoding="utf-8")
    script = textwrap.dedent("""
        import sys
        from tutor.core.lessons.proofs import ProofCache
        from tutor.core.lessons.validate import validate_course
        report = validate_course(sys.argv[1], cache=ProofCache())
        print(report.ok, 'sympy' in sys.modules)
    """)
    env = dict(os.environ, TUTOR_CACHE_DIR=str(tmp_path / "cache"))
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / "lessons")], env=env,
                           capture_output=True, text=True, check=True).stdout.split() for _ in range(2)]
    assert runs == [["True", "True"], ["True", "False"]]

"""`tutor validate` and `tutor schema`: exit codes, file:line:column, the JSON a script reads."""

from __future__ import annotations

import json
import shutil

from tutor.cli import run
from tutor.core.lessons.files import bundled_lessons_dir


def test_the_bundled_course_is_valid(capsys) -> None:
    assert run(["validate", "--seeds", "2"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert "valid" in last and "error" not in last


def test_json_lists_lessons_and_exercises(capsys) -> None:
    assert run(["validate", "--seeds", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == []
    assert sum(len(lesson["exercises"]) for lesson in data["lessons"]) >= 60
    first = data["lessons"][0]
    assert set(first) == {"id", "title", "path", "exercises"}
    assert set(first["exercises"][0]) == {"id", "type"}


def test_a_broken_copy_fails_with_file_line_column(tmp_path, capsys) -> None:
    copy = tmp_path / "course"
    shutil.copytree(bundled_lessons_dir(), copy, ignore=shutil.ignore_patterns("*.md"))
    lesson = copy / "03-basic-example.yaml"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("wrt: x", "wrtt: x", 1), encoding="utf-8")
    assert run(["validate", str(copy), "--seeds", "1", "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert errors and errors[0]["path"].endswith("03-basic-example.yaml")
    assert errors[0]["line"] and errors[0]["column"]
    assert any("did you mean 'wrt'" in e["message"] for e in errors)
    assert run(["validate", str(copy), "--seeds", "1"]) == 1
    out = capsys.readouterr().out
    assert "03-basic-example.yaml:" in out and "unknown key 'wrtt'" in out


def test_schema_is_json_schema(capsys) -> None:
    assert run(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "exercises" in json.dumps(schema)

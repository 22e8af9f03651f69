"""`tutor report`: formats to stdout or a file, warnings on stderr, exit codes a script can use."""

from __future__ import annotations

import json

from tutor.cli import run

from .conftest import statement, write_jsonl

A = "basic-example/dfdx-basic"


def test_json_to_stdout_and_warnings_to_stderr(tmp_path, capsys) -> None:
    write_jsonl(tmp_path / "s.jsonl", [statement("Ann", A, "2x", True), statement("Bob", A, "2", False, minute=1)])
    (tmp_path / "bad.jsonl").write_text("oops\n", encoding="utf-8")
    assert run(["report", str(tmp_path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert [x["name"] for x in json.loads(out)["learners"]] == ["Ann", "Bob"]
    assert "not JSON" in err and "bad.jsonl:1" in err


def test_out_takes_its_format_from_the_suffix(tmp_path, capsys) -> None:
    write_jsonl(tmp_path / "in" / "s.jsonl", [statement("Ann", A, "2x", True)])
    out = tmp_path / "class.html"
    assert run(["report", str(tmp_path / "in"), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "wrote" in capsys.readouterr().err
    assert run(["report", str(tmp_path / "in"), "--out", str(tmp_path / "class.pdf")]) == 2
    assert "--format" in capsys.readouterr().err


def test_exit_codes(tmp_path, capsys) -> None:
    assert run(["report", str(tmp_path / "missing"), "--format", "md"]) == 1  # nothing to report
    assert "no such file or folder" in capsys.readouterr().err
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text("title: no items\n", encoding="utf-8")
    assert run(["report", str(tmp_path), "--sheet", str(sheet), "--format", "md"]) == 2
    assert "no exercises found" in capsys.readouterr().err
    write_jsonl(tmp_path / "s.jsonl", [statement("Ann", A, "2x", True)])
    assert run(["report", str(tmp_path / "s.jsonl"), "--out", str(sheet / "x.csv")]) == 2  # under a file
    assert "cannot write" in capsys.readouterr().err


def test_the_screen_is_not_opened_for_a_sheet_that_cannot_be_read(tmp_path, capsys, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr("tutor.ui.report_app.run_report_app", lambda *args: opened.append(args) or 0)
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text("id: [broken\n", encoding="utf-8")
    assert run(["report", str(tmp_path), "--sheet", str(sheet)]) == 2
    assert "not valid YAML" in capsys.readouterr().err and not opened
    sheet.write_text("id: lab\nitems: [{exercise: basic-example/dfdx-basic}]\n", encoding="utf-8")
    assert run(["report", str(tmp_path), "--sheet", str(sheet)]) == 0
    assert len(opened) == 1 and opened[0][:3] == ([str(tmp_path)], str(sheet), None)

"""The command-line contract scripts and teachers rely on: output, JSON and exit status."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tutor.cli import run


def tutor(capsys, *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


def test_done_when_examples(capsys) -> None:
    code, out = tutor(capsys, "check", "6xy", "--diff", "3x^2y+2y", "--wrt", "x")
    assert code == 0 and out.startswith("correct")
    code, out = tutor(capsys, "check", "3x^2+2", "--diff", "3x^2y+2y", "--wrt", "x", "--json")
    data = json.loads(out)
    assert code == 1 and data["diagnosis"] == "wrong-variable" and data["counterexample"]["at"] == {"x": "1", "y": "2"}
    assert json.loads(tutor(capsys, "check", "6xy+2y", "--diff", "3x^2y+2y", "--wrt", "x", "--json")[1])["diagnosis"] == "kept-constant-term"
    code, out = tutor(capsys, "check", "-6xy", "--diff", "3x^2y+2y", "--wrt", "x", "--json")
    assert code == 1 and json.loads(out)["diagnosis"] == "sign"


def test_exit_status_for_invalid_answers(capsys) -> None:
    code, out = tutor(capsys, "check", "2x +", "--expected", "2x")
    assert code == 2 and "ends after '+'" in out
    code, out = tutor(capsys, "check", "--expected", "-x^2", "-x^2")
    assert code == 0


def test_json_keys(capsys) -> None:
    _, out = tutor(capsys, "check", "2x", "--expected", "2*x", "--json")
    data = json.loads(out)
    assert {"verdict", "method", "message", "diagnosis", "interpreted", "ms"} <= set(data)
    assert data["verdict"] == "correct" and data["diagnosis"] is None


def test_batch_keeps_order_and_exit_status(tmp_path, capsys) -> None:
    lines = [
        {"answer": "6xy", "diff": "3x^2y+2y", "wrt": "x"},
        {"answer": "2x", "expected": "x+x", "extra": "ignored"},
        {"answer": "2x+", "expected": "2x"},
        {"answer": "4.0000001", "expected": "4", "tolerance": 0.001},
        {"answer": "(4, 5)", "expected": "(4, 5)", "vars": ["x", "y"]},
    ]
    batch = tmp_path / "answers.jsonl"
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    code, out = tutor(capsys, "check", "--batch", str(batch), "--json")
    verdicts = [json.loads(line)["verdict"] for line in out.splitlines()]
    assert code == 0
    assert verdicts == ["correct", "correct", "invalid", "correct", "correct"]


def test_batch_reports_unusable_lines(tmp_path, capsys) -> None:
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"answer": "x", "expected": "x"}\nnot json\n{"expected": "x"}\n', encoding="utf-8")
    code, out = tutor(capsys, "check", "--batch", str(batch), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and len(rows) == 3
    assert rows[0]["verdict"] == "correct" and "line 2" in rows[1]["message"]


def test_grad_and_numdiff(capsys) -> None:
    code, out = tutor(capsys, "grad", "x^2+xy+y^2", "--at", "x=1,y=2")
    assert code == 0 and "∇f(1, 2) = (4, 5)" in out
    assert "∂f/∂x = 2·x + y" in out
    code, out = tutor(capsys, "numdiff", "x^2-y^2", "--wrt", "x", "--at", "x=1,y=2")
    assert code == 0 and out.startswith("2.0000000000131024")
    code, out = tutor(capsys, "numdiff", "x^2-y^2", "--wrt", "y", "--at", "x=1,y=2")
    assert out.startswith("-4.000000000026205")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "x"],
        ["check", "x", "--diff", "x^2"],
        ["grad", "x^2+", "--at", "x=1"],
        ["grad", "x^2+y", "--at", "x=1"],
        ["numdiff", "x^2", "--wrt", "x", "--at", "x=one"],
        ["check", "--batch", "/nonexistent/file.jsonl"],
    ],
)
def test_usage_errors_exit_two_with_a_message(args, capsys) -> None:
    assert run(args) == 2
    assert capsys.readouterr().err.startswith("tutor: ")


def test_console_entry_point_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tutor", "check", "6xy", "--diff", "3x^2y+2y", "--wrt", "x"],
        capture_output=True, text=True,
    )
    assert out.returncode == 0 and "correct" in out.stdout
    help_text = subprocess.run([sys.executable, "-m", "tutor", "--help"], capture_output=True, text=True).stdout
    assert "check" in help_text and "grad" in help_text

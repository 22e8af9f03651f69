"""`check --batch`: every line gets its own result, bad lines are invalid with a reason, the run goes on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tutor.cli import run

GOOD = b'{"answer": "2x", "expected": "x+x"}'
BAD = {
    "invalid UTF-8": (b'{"answer": "x\xff", "expected": "x"}', "not valid UTF-8"),
    "lone surrogate": (b'{"answer": "\\ud800", "expected": "x"}', "unpaired surrogate"),
    "vars a number": (b'{"answer": "x", "expected": "x", "vars": 5}', "'vars' must be a list"),
    "deep brackets": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "4301-digit integer": (b'{"answer": "x", "expected": "x", "n": ' + b"9" * 4301 + b"}", "4,300 digits"),
    "not JSON": (b"not json", "not valid JSON"),
    "not an object": (b'"2x"', "expected a JSON object"),
    "answer a number": (b'{"answer": 2, "expected": "x"}', "'answer' must be a string"),
    "both targets": (b'{"answer": "x", "expected": "x", "diff": "x^2", "wrt": "x"}', "one of them"),
    "diff without wrt": (b'{"answer": "x", "diff": "x^2"}', "needs wrt"),
    "bad wrt": (b'{"answer": "x", "diff": "x^2", "wrt": "__class__"}', "not a variable name"),
    "duplicate vars": (b'{"answer": "x", "expected": "x", "vars": ["x", "x"]}', "x is given twice"),
    "negative tolerance": (b'{"answer": "1", "expected": "1", "tolerance": -1}', "cannot be negative"),
    "tolerance true": (b'{"answer": "1", "expected": "1", "tolerance": true}', "expected a number"),
    "reference too large": (b'{"answer": "x", "expected": "x*10^5000"}', "the limit is 4,000"),
    "reference a tower": (b'{"answer": "x", "expected": "e^e^e^e^e"}', "over the limit"),
    "reference undefined": (b'{"answer": "x", "expected": "1/0"}', "division by zero"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_line_is_invalid_and_the_run_goes_on(tmp_path, capsys, name):
    line, reason = BAD[name]
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(b"\n".join([GOOD, line, GOOD]) + b"\n")
    assert run(["check", "--batch", str(batch), "--json"]) == 2
    rows = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert [r["verdict"] for r in rows] == ["correct", "invalid", "correct"]
    assert rows[1]["message"].startswith("line 2: ") and reason in rows[1]["message"]
    assert run(["check", "--batch", str(batch)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("line 1: correct") and out[2].startswith("line 2: invalid: ") and reason in out[2]
    assert out[3].startswith("line 3: correct")


def test_every_bad_line_at_once(tmp_path, capsys):
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(b"\n".join(line for line, _ in BAD.values()) + b"\n\n" + GOOD + b"\n")
    assert run(["check", "--batch", str(batch), "--json"]) == 2
    rows = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    assert len(rows) == len(BAD) + 1  # the blank line has no result
    assert all(r["verdict"] == "invalid" for r in rows[:-1]) and rows[-1]["verdict"] == "correct"


def test_every_line_judged_is_exit_0_even_with_invalid_answers(tmp_path, capsys):
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(GOOD + b'\n{"answer": "2x+", "expected": "x"}\n')
    assert run(["check", "--batch", str(batch), "--json"]) == 0
    assert [json.loads(r)["verdict"] for r in capsys.readouterr().out.splitlines()] == ["correct", "invalid"]


def test_results_are_flushed_as_they_go(tmp_path):
    """A reader sees line 1's result before line 2 has been written: nothing waits in a buffer."""
    process = subprocess.Popen([sys.executable, "-m", "tutor", "check", "--batch", "-", "--json"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        process.stdin.write(GOOD + b"\n")
        process.stdin.flush()
        first = json.loads(process.stdout.readline())
        assert first["verdict"] == "correct" and first["line"] == 1
        process.stdin.write(b"\xff\n")
        process.stdin.close()
        second = json.loads(process.stdout.readline())
        assert second["verdict"] == "invalid" and "UTF-8" in second["message"]
        assert process.wait(timeout=60) == 2
    finally:
        process.kill()
        process.wait()
        for stream in (process.stdout, process.stderr):
            stream.close()

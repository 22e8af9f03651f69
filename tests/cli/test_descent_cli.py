"""`tutor descent`: the JSON contract scripts rely on, the table, the chart, and the exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tutor.cli import run

COURSE = ["descent", "--loss", "(2w+b-4)^2", "--start", "w=0,b=0", "--lr", "0.1", "--steps", "10"]


def test_json_reports_the_course_figure(capsys):
    assert run([*COURSE, "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)  # exactly one object: json.loads refuses anything after it
    assert err == ""
    assert data["final"] == {"w": 1.6, "b": 0.8} and data["loss"] == 0
    assert data["outcome"] == "converged" and data["outcome_step"] == 1
    assert len(data["steps"]) == 11
    first, second = data["steps"][:2]
    assert first == {"step": 0, "params": {"w": 0.0, "b": 0.0}, "loss": 16.0,
                     "gradient": {"w": -16.0, "b": -8.0}, "norm": pytest.approx(17.888543819998318)}
    assert second["params"] == {"w": 1.6, "b": 0.8} and second["lr"] == 0.1 and second["norm"] == 0


def test_json_through_python_dash_m():
    done = subprocess.run([sys.executable, "-m", "tutor", *COURSE, "--json"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["final"]["w"], data["final"]["b"], data["loss"]) == (1.6, 0.8, 0.0)


def test_the_data_set_is_averaged(capsys):
    args = ["descent", "--loss", "(wx+b-y)^2", "--data", "x=1,2,3;y=2,4,5", "--start", "w=0,b=0",
            "--lr", "0.05", "--steps", "3", "--json"]
    assert run(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["steps"][0]["loss"] == pytest.approx((4 + 16 + 25) / 3)
    assert data["steps"][0]["gradient"]["w"] == pytest.approx(-2 * (2 + 8 + 15) / 3)
    assert set(data["final"]) == {"w", "b"} and data["outcome"] == "max-steps"


def test_a_divergence_is_a_result_with_exit_0(capsys):
    assert run(["descent", "--loss", "x^2", "--start", "x=1", "--lr", "1.1", "--steps", "50", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "diverged" and data["outcome_step"] == 7 and len(data["steps"]) == 8


def test_nan_and_infinity_become_null(capsys):
    assert run(["descent", "--loss", "exp(w^2)", "--start", "w=3", "--lr", "1", "--json"]) == 0
    out = capsys.readouterr().out
    assert "Infinity" not in out and "NaN" not in out
    assert json.loads(out)["loss"] is None


def test_the_table_and_the_outcome(capsys):
    assert run(COURSE) == 0
    out = capsys.readouterr().out
    assert "L(w, b) = (2·w + b − 4)²" in out
    assert "converged at step 1" in out and "final: w = 1.6, b = 0.8, loss = 0" in out
    rows = [line.split() for line in out.splitlines() if line.strip().startswith(("0 ", "1 "))]
    assert rows[0] == ["0", "0", "0", "16", "−16", "−8", "17.888544"]
    assert rows[1] == ["1", "1.6", "0.8", "0", "0", "0", "0"]


def test_plot_draws_the_loss_curve(capsys):
    assert run([*COURSE, "--plot"]) == 0
    out = capsys.readouterr().out
    assert "loss per step" in out and "┤" in out and "\x1b[" not in out  # no colour when not a terminal


@pytest.mark.parametrize("option, value", [
    ("--start", "w=0,q=0"), ("--start", "w=0"), ("--start", "w"), ("--start", "w=0,b=0,x=1"),
    ("--steps", "0"), ("--steps", "-3"), ("--steps", "ten"),
    ("--lr", "0"), ("--lr", "-0.1"), ("--lr", "fast"),
    ("--loss", "(2w+"), ("--data", "x=1,2;y=3"), ("--data", "z=1"), ("--data", "x=1;y"),
])
def test_bad_input_exits_2_with_one_line(capsys, option, value):
    options = {"--loss": "(wx+b-y)^2", "--data": "x=2;y=4", "--start": "w=0,b=0", option: value}
    assert run(["descent", *(item for pair in options.items() for item in pair)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith(f"tutor: {option}:")


def test_missing_loss_or_start_is_one_line(capsys):
    assert run(["descent", "--start", "w=0"]) == 2
    assert run(["descent", "--loss", "w^2"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == ["tutor: give the loss to descend: --loss EXPR",
                                "tutor: give the start point: --start w=0,b=0"]


def test_help_lists_descent(capsys):
    with pytest.raises(SystemExit):
        run(["--help"])
    assert "descent" in capsys.readouterr().out

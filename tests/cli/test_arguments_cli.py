"""Every value from the command line is checked, and every usage error is one line on stderr, exit 2."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from tutor.cli import COMMANDS, run


def usage_error(capsys, args: list[str]) -> str:
    assert run(args) == 2, args
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("tutor: "), (args, out, err)
    return err.strip()


@pytest.mark.parametrize("wrt", ["__class__", "x" * 5000, "\udcff", "sin", "1x", "x y", ""])
def test_wrt_is_checked_as_a_variable_name(capsys, wrt):
    for args in (["check", "1", "--diff", "x^2", "--wrt", wrt], ["numdiff", "x^2", "--wrt", wrt, "--at", "x=1"]):
        err = usage_error(capsys, args)
        assert err.startswith("tutor: --wrt: "), err


@pytest.mark.parametrize("names", ["x,__class__", "x,x", "x,sin", ","])
def test_vars_are_checked_as_variable_names(capsys, names):
    err = usage_error(capsys, ["check", "x", "--expected", "x", "--vars", names])
    assert err.startswith("tutor: --vars: ")


@pytest.mark.parametrize(("args", "flag"), [
    (["check", "1", "--expected", "1", "--tolerance", "-0.1"], "--tolerance"),
    (["check", "1", "--expected", "1", "--rtol", "-1/2"], "--rtol"),
    (["descent", "--loss", "w^2", "--start", "w=1", "--tol", "-1"], "--tol"),
    (["numdiff", "x^2", "--wrt", "x", "--at", "x=1", "--h", "-1e-5"], "--h"),
    (["descent", "--loss", "w^2", "--start", "w=1", "--lr", "-0.1"], "--lr"),
])
def test_negative_tolerances_and_steps_are_refused(capsys, args, flag):
    assert usage_error(capsys, args).startswith(f"tutor: {flag}: ")


@pytest.mark.parametrize("digits", ["٣", "３", "²", "1_000", "3.0", "+3", " ", "10" * 20])
def test_counts_take_ascii_digits_only(capsys, digits):
    for args, flag in ((["descent", "--loss", "w^2", "--start", "w=1", "--steps", digits], "--steps"),
                       (["check", "1", "--expected", "1", "--seed", digits], "--seed"),
                       (["validate", "--seeds", digits], "--seeds"),
                       # type=int in any subcommand reads the same way (the parser maps it for them all)
                       (["serve", "--port", digits], "--port"),
                       (["push", "--lrs", "http://127.0.0.1:9/xAPI/", "--batch", digits], "--batch")):
        assert usage_error(capsys, args).startswith(f"tutor: {flag}: "), (flag, digits)


@pytest.mark.parametrize(("args", "message"), [
    (["descent", "--loss", "w^2+b^2", "--start", "w=0,w=1,b=0"], "tutor: --start: w is given twice"),
    (["grad", "x^2", "--at", "x=1,x=2"], "tutor: --at: x is given twice"),
    (["numdiff", "x^2", "--wrt", "x", "--at", "x=1,x=2"], "tutor: --at: x is given twice"),
    (["check", "x", "--expected", "x", "--vars", "x,y,x"], "tutor: --vars: x is given twice"),
    (["descent", "--loss", "w^2+b^2", "--start", "w=0,b=0", "--params", "w,b,w"], "tutor: --params: w is given twice"),
    (["descent", "--loss", "(wx-y)^2", "--start", "w=0", "--data", "x=1;y=2;x=3"],
     "tutor: --data: the column x is given twice"),
    (["grad", "x^2", "--at", "x=1,y=2"], "tutor: --at: y is not a variable of the function (x)"),
])
def test_duplicates_and_strangers_are_refused(capsys, args, message):
    assert usage_error(capsys, args) == message


def test_the_work_of_a_descent_is_capped(capsys):
    data = "x=" + ",".join(map(str, range(10_000))) + ";y=" + ",".join("1" for _ in range(10_000))
    err = usage_error(capsys, ["descent", "--loss", "(wx+b-y)^2", "--data", data, "--start", "w=0,b=0",
                               "--steps", "100000"])
    assert err.startswith("tutor: --steps: the number of steps times the data points must be at most 1,000,000")


def test_ctrl_c_stops_a_run_with_exit_130_and_no_traceback():
    data = "x=" + ",".join(map(str, range(1000))) + ";y=" + ",".join("1" for _ in range(1000))
    process = subprocess.Popen([sys.executable, "-m", "tutor", "descent", "--loss", "(wx+b-y)^2", "--data", data,
                                "--start", "w=0,b=0", "--lr", "1e-9", "--steps", "1000"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)  # past start-up and into the descent, which takes several seconds
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err == "tutor: interrupted\n" and "Traceback" not in out


@pytest.mark.parametrize(("typed", "command"), [("chek", "check"), ("gard", "grad"), ("numdif", "numdiff"),
                                                ("decent", "descent"), ("valdate", "validate"), ("shema", "schema")])
def test_a_mistyped_command_gets_a_suggestion(capsys, tmp_path, monkeypatch, typed, command):
    monkeypatch.chdir(tmp_path)  # no file of that name here
    err = usage_error(capsys, [typed, "2x", "--expected", "x"])
    assert err == f"tutor: unknown command '{typed}' (did you mean '{command}'?)"


def test_a_word_that_is_no_command_lists_them(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert usage_error(capsys, ["zzz"]) == f"tutor: unknown command 'zzz'; the commands are {', '.join(COMMANDS)}"


def test_an_existing_path_is_still_opened_as_lessons(tmp_path, monkeypatch):
    # A folder called "chek" is a path, not a typo: the app gets it (here stubbed, no terminal).
    import tutor.cli as cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "chek").mkdir()
    opened = []
    monkeypatch.setattr(cli, "_open_app", lambda args: opened.append(args.path) or 0)
    assert run(["chek"]) == 0 and opened == ["chek"]


@pytest.mark.parametrize(("args", "message"), [
    (["check", "2x", "--dif", "x^2", "--wrt", "x"], "tutor: unknown option '--dif' (did you mean '--diff'?)"),
    (["descent", "--loss", "w^2", "--start", "w=1", "--step", "3"],
     "tutor: unknown option '--step' (did you mean '--steps'?)"),
    (["check", "2x", "--expectd=x"], "tutor: unknown option '--expectd' (did you mean '--expected'?)"),
    (["grad", "x^2", "--att", "x=1"], "tutor: unknown option '--att' (did you mean '--at'?)"),
    (["--data-dri", "here"], "tutor: unknown option '--data-dri' (did you mean '--data-dir'?)"),
    (["check", "2x", "--expected", "x", "--zzzzzz"], "tutor: unknown option '--zzzzzz'"),
])
def test_a_mistyped_option_gets_a_suggestion(capsys, args, message):
    assert usage_error(capsys, args) == message


def test_a_tolerance_that_is_no_number_says_so(capsys):
    assert usage_error(capsys, ["check", "1", "--expected", "1", "--tolerance", "abc"]) == \
        "tutor: --tolerance: 'abc' is not a number"


@pytest.mark.parametrize("args", [
    ["check", "x", "--expected"], ["check", "x", "--expected", "x", "--diff", "x"], ["numdiff", "x^2"],
    ["grad"], ["descent", "--loss", "w^2", "--start", "w=1", "--stop=yes"], ["validate", "a", "b"],
    ["check", "x", "--expected", "x", "--json", "--batch"],
])
def test_argparse_errors_are_one_line_too(capsys, args):
    err = usage_error(capsys, args)
    assert err.endswith(f"(see 'tutor {args[0]} --help')")


def test_answers_may_still_start_with_a_minus_sign(capsys):
    assert run(["check", "-6xy", "--diff", "3x^2y+2y", "--wrt", "x"]) == 1
    assert run(["check", "--expected", "-x^2", "-x^2"]) == 0
    assert run(["check", "--x", "--expected", "x"]) == 2  # --x looks like an option: refused, not misread
    capsys.readouterr()

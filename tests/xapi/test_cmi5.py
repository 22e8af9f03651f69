"""cmi5's conventions in the statements of a sheet run: one registration, completed then passed or failed, params."""

from __future__ import annotations

import json

from tests.core.test_sheet_session import Clock, answer, open_sheet
from tutor.core.progress import ProgressDatabase
from tutor.core.results.export import lines
from tutor.core.results.importing import import_files
from tutor.core.sheets import load_sheet
from tutor.core.xapi import vocabulary as v

from .schema import problems

VERBS = {v.ANSWERED: "answered", v.COMPLETED: "completed", v.PASSED: "passed", v.FAILED: "failed"}


def run(tmp_path, mastery: str, right: bool):
    """A study sheet of three exercises: one solved, then handed in."""
    study, _ = open_sheet(tmp_path, mode="study", extra=f"mastery: {mastery}\n" if mastery else "")
    answer(study, "dfdx-basic", "3x^2")
    answer(study, "dfdx-basic", "2x" if right else "x")
    study.hand_in()
    return study, list(study.store.statements())


def test_a_run_shares_one_registration_and_ends_completed_then_passed(tmp_path):
    study, statements = run(tmp_path, "0.3", right=True)
    assert [VERBS[s["verb"]["id"]] for s in statements] == ["answered", "answered", "completed", "passed"]
    assert {s["context"]["registration"] for s in statements} == {v.registration("lab-1", "Ana")}
    passed = statements[-1]
    assert problems(passed) == []
    assert passed["result"]["success"] is True and passed["result"]["score"]["scaled"] == round(1 / 3, 4)
    assert passed["context"]["extensions"] == {v.MASTERY_SCORE: 0.3}
    assert passed["object"]["id"] == "urn:tutor:sheet:lab-1"
    assert all(-1 <= s["result"]["score"]["scaled"] <= 1 for s in statements)


def test_below_the_mastery_score_a_run_is_failed_once_and_never_judged_again(tmp_path):
    study, statements = run(tmp_path, "0.5", right=True)
    assert [VERBS[s["verb"]["id"]] for s in statements][-2:] == ["completed", "failed"]
    assert statements[-1]["result"]["success"] is False and problems(statements[-1]) == []
    study.hand_in()  # handing in again judges nothing again: never a "passed" after a "failed"
    verdicts = [s for s in study.store.statements() if s["verb"]["id"] in (v.PASSED, v.FAILED)]
    assert len(verdicts) == 1


def test_a_sheet_without_a_mastery_score_ends_with_completed_alone(tmp_path):
    _, statements = run(tmp_path, "", right=True)
    assert [VERBS[s["verb"]["id"]] for s in statements][-1] == "completed"
    assert not any(s["verb"]["id"] in (v.PASSED, v.FAILED) for s in statements)


def test_the_verdict_goes_to_the_submit_folder_and_survives_an_export_and_import(tmp_path):
    submit = tmp_path / "submit"
    submit.mkdir()
    study, _ = open_sheet(tmp_path, mode="study", extra="mastery: 0.3\n", submit=submit)
    answer(study, "dfdx-basic", "2x")
    study.hand_in()
    written = [json.loads(line) for f in submit.rglob("*.jsonl") for line in f.read_text().splitlines()]
    assert [VERBS[s["verb"]["id"]] for s in written] == ["answered", "completed", "passed"]
    exported = tmp_path / "ana.jsonl"
    exported.write_bytes(b"".join(lines(study.store.db)))
    other, _ = ProgressDatabase.open(tmp_path / "other.sqlite3", clock=Clock())
    report = import_files(other, [exported])
    assert report.skipped == [] and report.added == 3
    again = [json.loads(line) for line in b"".join(lines(other)).decode().splitlines()]
    assert [VERBS[s["verb"]["id"]] for s in again] == ["answered", "completed", "passed"]
    assert import_files(other, [exported]).duplicates == 3  # nothing counted twice


def test_a_verdict_read_before_its_completed_statement_is_kept_after_it(tmp_path):
    study, statements = run(tmp_path, "0.3", right=True)
    reversed_file = tmp_path / "lrs-order.jsonl"  # an LRS answers newest first
    reversed_file.write_text("".join(json.dumps(s) + "\n" for s in reversed(statements)), encoding="utf-8")
    other, _ = ProgressDatabase.open(tmp_path / "other.sqlite3", clock=Clock())
    assert import_files(other, [reversed_file]).skipped == []
    again = [json.loads(line) for line in b"".join(lines(other)).decode().splitlines()]
    assert [VERBS[s["verb"]["id"]] for s in again][-2:] == ["completed", "passed"]


def test_a_randomised_answer_carries_its_variants_params(tmp_path):
    study, _ = open_sheet(tmp_path)
    instance, _ = answer(study, "dfdx-scaled", "x")
    assert instance.params  # the exercise is randomised: its numbers are in the statement
    (statement,) = study.store.statements()
    assert statement["result"]["extensions"][v.PARAMS] == dict(instance.params)
    assert problems(statement) == []


def test_the_mastery_score_is_validated_with_its_place(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: s\ntitle: S\nclass: C\nmastery: 1.5\nitems:\n  - exercise: basic-example/dfdx-basic\n",
                    encoding="utf-8")
    _, errors = load_sheet(path)
    assert errors and "mastery" in str(errors[0]) and ":4:" in str(errors[0])


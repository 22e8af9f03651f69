"""The classroom commands: export, import, variant, learners, validate/schema of sheets, `tutor SHEET.yaml`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import tutor.ui.app as app_module
from tutor.cli import run
from tutor.core.lessons.loader import load_course
from tutor.core.progress import ProgressDatabase, database_path
from tutor.core.sheets import load_sheet, resolve, variant_seed
from tutor.core.sheets.resolve import course_index
from tutor.core.sheets.session import SheetSession
from tutor.core.study import Study

from ..xapi.schema import problems

EXAMPLE = Path(__file__).parents[2] / "lessons" / "sheets" / "example-lab.yaml"
COURSE = load_course(build=False)


def lab_day(data: Path, learner: str = "Ana María", finish: bool = True) -> list[dict]:
    """A learner works through part of the example sheet; returns the statements made."""
    db, _ = ProgressDatabase.open(database_path(data))
    with db:
        sheet, _ = load_sheet(EXAMPLE)
        exercises, _ = resolve(sheet, course_index(COURSE))
        store = db.learner(learner)
        study = Study(COURSE, store, sheet=SheetSession(sheet, exercises, store))
        for exercise_id, text in (("dfdx-basic", "3x"), ("dfdx-basic", "2x"), ("dfdx-scaled", "x")):
            instance = study.instance("basic-example", exercise_id, study.study_seed("basic-example", exercise_id))
            study.record(instance, text, instance.check(text))
        plain = study.instance("basic-example", "why-dfdy-constant", 0)  # outside the sheet
        study.record(plain, "b", plain.check("b"))
        if finish:
            study.hand_in()
        return list(store.statements())


def test_export_writes_valid_statements_in_three_formats(tmp_path, capsys):
    made = lab_day(tmp_path)
    assert len(made) == 5  # four answers and one "completed"
    assert run(["export", "--data-dir", str(tmp_path)]) == 0  # one learner: no need to name her
    lines = capsys.readouterr().out.splitlines()
    statements = [json.loads(line) for line in lines]
    assert statements == made
    assert all(problems(s) == [] for s in statements)
    assert run(["export", "--data-dir", str(tmp_path), "--format", "csv", "--out", str(tmp_path / "a.csv")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8"))))
    assert [r["statement_id"] for r in rows] == [s["id"] for s in made]
    assert rows[0]["learner"] == "Ana María" and rows[0]["success"] == "false" and rows[0]["sheet"] == "week-3-gradients"
    assert rows[-1]["verb"] == "completed" and rows[-1]["class"] == "ML 2B"
    assert run(["export", "--data-dir", str(tmp_path), "--format", "json"]) == 0
    flat = json.loads(capsys.readouterr().out)
    assert flat[1]["success"] is True and flat[1]["try"] == 2 and flat[1]["mode"] == "test"


def test_export_filters_by_sheet_date_and_learner(tmp_path, capsys):
    lab_day(tmp_path)
    lab_day(tmp_path, "Bo", finish=False)
    assert run(["export", "--data-dir", str(tmp_path)]) == 2
    assert "--learner NAME, or --all (learners here: Ana María, Bo)" in capsys.readouterr().err
    assert run(["export", "--data-dir", str(tmp_path), "--all", "--sheet", "week-3-gradients"]) == 0
    ids = capsys.readouterr().out.splitlines()
    assert len(ids) == 4 + 3  # Ana: 3 answers in the sheet + completed; Bo: 3 answers
    assert run(["export", "--data-dir", str(tmp_path), "--learner", "Bo", "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out == ""
    assert run(["export", "--data-dir", str(tmp_path), "--learner", "Cy"]) == 2
    assert "no learner called 'Cy' here" in capsys.readouterr().err
    assert run(["export", "--data-dir", str(tmp_path), "--all", "--since", "yesterday"]) == 2


def test_a_learner_with_no_attempts_exports_nothing_and_succeeds(tmp_path, capsys):
    ProgressDatabase.open(database_path(tmp_path))[0].learner("Dee").close()
    for fmt, empty in (("xapi", ""), ("json", "[]\n"), ("csv", None)):
        assert run(["export", "--data-dir", str(tmp_path), "--learner", "Dee", "--format", fmt]) == 0
        captured = capsys.readouterr()
        assert captured.out == empty if empty is not None else captured.out.startswith("statement_id,")
        assert "0 statement(s)" in captured.err


def test_import_moves_a_learner_to_another_machine_once(tmp_path, capsys):
    made = lab_day(tmp_path / "pc1")
    run(["export", "--data-dir", str(tmp_path / "pc1"), "--out", str(tmp_path / "ana.jsonl")])
    capsys.readouterr()
    assert run(["import", str(tmp_path / "ana.jsonl"), "--data-dir", str(tmp_path / "pc2")]) == 0
    assert "added 5 statement(s) (learners: Ana María); already here: 0; skipped: 0" in capsys.readouterr().out
    assert run(["import", str(tmp_path / "ana.jsonl"), "--data-dir", str(tmp_path / "pc2")]) == 0
    assert "added 0 statement(s) (learners: nobody); already here: 5" in capsys.readouterr().out
    run(["export", "--data-dir", str(tmp_path / "pc2")])
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == made
    db, _ = ProgressDatabase.open(database_path(tmp_path / "pc2"))
    with db:  # her progress came along: the state, and the sheet handed in
        store = db.learner("Ana María")
        assert store.exercise_state("basic-example", "dfdx-basic").solved
        assert store.sheet_run("week-3-gradients").finished


def test_import_says_what_it_skipped_and_why(tmp_path, capsys):
    other_tool = {"actor": {"mbox": "mailto:zoe@example.com", "name": "Zoë"},
                  "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                  "object": {"id": "urn:tutor:exercise:basic-example/dfdx-basic"},
                  "result": {"success": True, "response": "2x"}, "timestamp": "2026-11-29T10:00:00Z"}
    video = {**other_tool, "object": {"id": "https://videos.example/lesson-1"}}
    no_result = {**other_tool, "result": {"completion": True}}
    lines = [json.dumps(other_tool), "{not json", json.dumps({"hello": 1}), json.dumps(video),
             json.dumps(no_result), "", json.dumps(other_tool)]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(["import", str(tmp_path / "mixed.jsonl"), "--data-dir", str(tmp_path / "d")]) == 1
    out = capsys.readouterr().out
    assert "added 1 statement(s) (learners: Zoë); already here: 1; skipped: 4" in out
    for reason in (":2: not JSON", ":3: not an xAPI statement", ":4: another tool's activity (https://videos.example",
                   ":5: no result.success"):
        assert reason in out
    assert run(["import", str(tmp_path / "nowhere.jsonl")]) == 2


def test_an_lrs_response_and_a_json_array_import_too(tmp_path, capsys):
    made = lab_day(tmp_path / "pc1")
    (tmp_path / "lrs.json").write_text(json.dumps({"statements": made[:2], "more": ""}), encoding="utf-8")
    (tmp_path / "array.json").write_text(json.dumps(made[2:]), encoding="utf-8")
    assert run(["import", str(tmp_path / "lrs.json"), str(tmp_path / "array.json"),
                "--data-dir", str(tmp_path / "pc2")]) == 0
    assert "added 5" in capsys.readouterr().out


def test_variant_rebuilds_a_learners_numbers(capsys):
    assert run(["variant", "--sheet", str(EXAMPLE), "--learner", "Ana María", "--exercise",
                "basic-example/dfdx-scaled", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    seed = variant_seed("week-3-gradients", "Ana María", "basic-example", "dfdx-scaled")
    assert shown["seed"] == seed
    assert shown["prompt"] == COURSE.lesson("basic-example").exercise("dfdx-scaled").instance(seed).prompt
    assert run(["variant", "--sheet", "week-3-gradients", "--learner", "Ana María", "--exercise",
                "basic-example/dfdx-scaled"]) == 0
    assert f"seed {seed}" in capsys.readouterr().out
    assert run(["variant", "--sheet", "x", "--learner", "A", "--exercise", "nope"]) == 2


def test_learners_lists_who_studies_here(tmp_path, capsys):
    lab_day(tmp_path)
    assert run(["learners", "--data-dir", str(tmp_path), "--json"]) == 0
    assert [(r["name"], r["answers"]) for r in json.loads(capsys.readouterr().out)] == [("Ana María", 4)]


def test_validate_and_schema_know_sheets(tmp_path, capsys):
    assert run(["validate", str(EXAMPLE), "--seeds", "2"]) == 0
    assert "10 exercises" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("lesson: gradient-vector", "lesson: gradient-vectr"),
                   encoding="utf-8")
    assert run(["validate", str(bad), "--json"]) == 1
    (error,) = json.loads(capsys.readouterr().out)["errors"]
    assert (error["line"], error["column"]) == (18, 5) and "did you mean 'gradient-vector'" in error["message"]
    assert run(["schema", "sheet"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.validate(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")) | {"due": "2026-12-05 17:00"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "title": "t", "class": "c", "items": [], "colour": 1}, schema)


def test_tutor_sheet_opens_the_app_with_the_sheet_and_the_learner(tmp_path, monkeypatch, capsys):
    seen = {}
    monkeypatch.setattr(app_module, "run_app", lambda lessons, data_dir, **kw: seen.update(kw, lessons=lessons) or 0)
    monkeypatch.setenv("TUTOR_LEARNER", " Ana  María ")
    assert run([str(EXAMPLE), "--submit-dir", str(tmp_path)]) == 0
    assert seen["sheet"].id == "week-3-gradients" and seen["lessons"] is None
    assert seen["learner"] == "Ana María" and seen["submit_dir"] == tmp_path
    assert run([str(EXAMPLE), "--learner", "Bo"]) == 0 and seen["learner"] == "Bo"
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("mode: test", "mode: exam"), encoding="utf-8")
    seen.clear()
    assert run([str(bad)]) == 1 and seen == {}
    err = capsys.readouterr().err
    assert f"{bad}:10:1: mode: 'exam' is not a mode" in err
    assert run(["--learner", "   "]) == 2

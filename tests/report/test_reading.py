"""Reading statements: files, folders, JSON arrays and LRS answers; duplicates once; bad input named, never fatal."""

from __future__ import annotations

import json

from tutor.core.report.reading import read_paths
from tutor.core.report.statement import learner_name, parse_duration, parse_time

from .conftest import statement, write_jsonl


def test_a_folder_is_read_recursively_and_duplicates_count_once(tmp_path) -> None:
    a = [statement("Ann", "basic-example/dfdx-basic", "2x", True)]
    b = [statement("Bob", "basic-example/dfdx-basic", "3", False, minute=1)]
    write_jsonl(tmp_path / "5B" / "Ann.lab.jsonl", a)
    write_jsonl(tmp_path / "5B" / "Bob.lab.jsonl", b)
    write_jsonl(tmp_path / "copy" / "Ann.lab.jsonl", a)  # the same file collected twice
    reading = read_paths([tmp_path, tmp_path / "5B"])      # and the folder named twice
    assert sorted(x.learner for x in reading.attempts) == ["Ann", "Bob"]
    assert reading.duplicates == 3
    assert any("3 duplicate statement(s) counted once" in w for w in reading.warnings())


def test_bad_input_is_counted_and_named_never_fatal(tmp_path) -> None:
    good = statement("Ann", "basic-example/dfdx-basic", "2x", True)
    other = {"id": "x-1", "actor": {"mbox": "mailto:ann@school.example"},
             "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"}, "object": {"id": "https://videos.example/3"}}
    path = tmp_path / "Ann.lab.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(other) + "\n[1, 2]\nnot json at all\n"
                    + json.dumps(good)[:50], encoding="utf-8")  # the last line cut by a crash
    (tmp_path / "photo.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "readme.txt").write_text("hello", encoding="utf-8")
    reading = read_paths([tmp_path, tmp_path / "missing"])
    assert [a.learner for a in reading.attempts] == ["Ann"]
    warnings = "\n".join(reading.warnings())
    assert f"another tool's activity ({path}:2)" in warnings
    assert f"not an xAPI statement ({path}:3)" in warnings
    assert f"{path}:4" in warnings and "not JSON" in warnings
    assert f"a truncated line ({path}:5)" in warnings
    assert str(tmp_path / "photo.json") in warnings
    assert f"not a statements file (.jsonl, .json) ({tmp_path / 'readme.txt'})" in warnings
    assert f"no such file or folder ({tmp_path / 'missing'})" in warnings


def test_a_json_array_and_an_lrs_answer_are_read(tmp_path) -> None:
    one = statement("Ann", "basic-example/dfdx-basic", "2x", True)
    two = statement("Bob", "basic-example/dfdx-basic", "2", False)
    (tmp_path / "array.json").write_text(json.dumps([one]), encoding="utf-8")
    (tmp_path / "lrs.json").write_text(json.dumps({"statements": [two], "more": ""}, indent=2), encoding="utf-8")
    reading = read_paths([tmp_path])
    assert sorted(a.learner for a in reading.attempts) == ["Ann", "Bob"]
    assert not reading.skipped


def test_another_tools_statement_about_our_exercise_is_used(tmp_path) -> None:
    """Liberal: no id, no context, no extensions, the learner named by a mailbox."""
    foreign = {"actor": {"mbox": "mailto:cem@school.example"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
               "object": {"id": "urn:tutor:exercise:basic-example/dfdx-basic"},
               "result": {"success": False, "response": "2x + 3"}}
    write_jsonl(tmp_path / "lms.jsonl", [foreign, foreign])
    reading = read_paths([tmp_path])
    (attempt,) = reading.attempts
    assert attempt.learner == "cem@school.example" and attempt.response == "2x + 3"
    assert attempt.diagnosis is None and not attempt.diagnosis_known and attempt.seed is None
    assert reading.duplicates == 1  # the same content twice, known by its content


def test_sheet_completions_are_read_not_skipped(tmp_path) -> None:
    done = {"id": "c-1", "actor": {"name": "Ann"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
            "object": {"id": "urn:tutor:sheet:lab", "definition": {"name": {"en-US": "The lab"}}},
            "result": {"completion": True, "score": {"scaled": 0.5}}}
    write_jsonl(tmp_path / "a.jsonl", [done])
    reading = read_paths([tmp_path])
    assert not reading.skipped and reading.completions[0].score == 0.5


def test_durations_times_and_names() -> None:
    assert parse_duration("PT12.4S") == 12.4
    assert parse_duration("PT1H2M3S") == 3723
    assert parse_duration("P1DT1S") == 86401
    assert parse_duration("PT") is None and parse_duration("12s") is None and parse_duration(None) is None
    assert parse_time("2026-11-29T21:00:00.000Z").utcoffset().total_seconds() == 0
    assert parse_time("2026-11-29T21:00:00").tzinfo is not None and parse_time("yesterday") is None
    assert learner_name({"account": {"name": "Ann"}, "name": "A. N."}) == "Ann"
    assert learner_name({"mbox": "mailto:b@x.example"}) == "b@x.example"
    assert learner_name({"name": "  "}) is None


def test_a_class_name_is_read_from_its_encoded_iri(tmp_path) -> None:
    s = statement("Ann", "basic-example/dfdx-basic", "2x", True, klass="ML%202B")
    reading = read_paths([write_jsonl(tmp_path / "a.jsonl", [s])])
    assert reading.attempts[0].group == "ML 2B"

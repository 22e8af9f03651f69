"""Every attempt's variant params (from the statement or rebuilt), --where, results grouped by variant."""

from __future__ import annotations

import json

import pytest

from tutor.cli import run
from tutor.core.lessons.loader import load_course
from tutor.core.report import build_report
from tutor.core.report.variants import WhereError, by_variant, matches, parse_where, same_value

from .conftest import statement, write_jsonl

SCALED = "basic-example/dfdx-scaled"   # f = a x² + b y, a and b drawn from the seed
COURSE = load_course(build=False)


def params_of(seed: int) -> tuple:
    return COURSE.lesson("basic-example").exercise("dfdx-scaled").instance(seed).params


def with_params(s: dict, params: dict) -> dict:
    s["result"]["extensions"]["urn:tutor:ext:params"] = params
    return s


def test_old_statements_get_their_params_rebuilt_and_new_ones_keep_theirs(tmp_path) -> None:
    write_jsonl(tmp_path / "s.jsonl", [
        statement("Ann", SCALED, "4x", False, seed=11),                                   # before params were written
        with_params(statement("Bob", SCALED, "6x", True, seed=12, minute=1), {"a": "3", "b": "7"}),
    ])
    report = build_report([tmp_path])
    ann, bob = report.attempts
    assert ann.params == params_of(11) and ann.params_text.startswith("a = ")
    assert bob.params == (("a", "3"), ("b", "7"))  # the statement's own, as the learner saw them


def test_where_finds_the_attempts_with_those_values(tmp_path, capsys) -> None:
    seeds = {}
    for seed in range(40):
        seeds.setdefault(dict(params_of(seed))["a"], seed)
    (a1, s1), (a2, s2) = list(seeds.items())[:2]
    write_jsonl(tmp_path / "s.jsonl", [statement("Ann", SCALED, "x", False, seed=s1),
                                       statement("Bob", SCALED, "x", False, seed=s2, minute=1),
                                       statement("Cem", "basic-example/dfdx-basic", "2x", True, minute=2)])
    assert run(["report", str(tmp_path), "--where", f"a={a1}", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)["attempts"]
    assert [x["learner"] for x in found] == ["Ann"] and found[0]["params"]["a"] == a1
    assert run(["report", str(tmp_path), "--where", "a=1000"]) == 1  # none: a script can tell
    assert "0 attempt(s)" in capsys.readouterr().out
    assert run(["report", str(tmp_path), "--where", "a"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err


def test_where_reads_values_as_numbers() -> None:
    assert parse_where("a=3, b = -2") == (("a", "3"), ("b", "-2"))
    assert same_value("0.5", "1/2") and same_value("−2", "-2") and not same_value("2", "3")
    with pytest.raises(WhereError):
        parse_where(" , ")


def test_results_by_variant_flag_one_nobody_solves(tmp_path) -> None:
    good, broken = {"a": "2", "b": "3"}, {"a": "5", "b": "5"}
    rows = []
    for i, name in enumerate(("Ann", "Bob", "Cem", "Dan")):
        rows.append(with_params(statement(name, SCALED, "x", True, seed=i, minute=i), good))
    for i, name in enumerate(("Eve", "Fay", "Gus")):
        rows.append(with_params(statement(name, SCALED, "x", False, seed=10 + i, minute=9 + i, diagnosis="sign"),
                                broken))
    write_jsonl(tmp_path / "s.jsonl", rows)
    report = build_report([tmp_path], show_variants=True)
    variants = report.variants[SCALED]
    assert [(v.params, v.learners, v.solved) for v in variants] == [("a = 2, b = 3", 4, 4), ("a = 5, b = 5", 3, 0)]
    assert variants[1].note == "nobody solved this variant: is it broken?" and variants[0].note is None
    assert variants[1].diagnosis == "sign"
    from tutor.core.report.formats import render

    assert "nobody solved this variant" in render(report, "term") and "By variant" in render(report, "md")
    assert render(report, "html").count("<h3>basic-example/dfdx-scaled</h3>") == 1
    assert "variants" not in json.loads(render(build_report([tmp_path]), "json"))["exercises"][0]  # only when asked


def test_matches_needs_every_condition(tmp_path) -> None:
    write_jsonl(tmp_path / "s.jsonl", [with_params(statement("Ann", SCALED, "x", False), {"a": "2", "b": "3"})])
    (attempt,) = build_report([tmp_path]).attempts
    assert matches(attempt, (("a", "2"),)) and matches(attempt, (("a", "2"), ("b", "3")))
    assert not matches(attempt, (("a", "2"), ("b", "4"))) and not matches(attempt, (("c", "1"),))
    assert by_variant([attempt])[SCALED][0].params == "a = 2, b = 3"

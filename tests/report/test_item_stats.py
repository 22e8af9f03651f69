"""Per item: success index and discrimination; per learner: a misconception profile against the class."""

from __future__ import annotations

from statistics import correlation

import pytest

from tutor.core.report import build_report
from tutor.core.report.misconceptions import profile
from tutor.core.report.model import Cell
from tutor.core.report.stats import discrimination, success_index

from .conftest import statement, write_jsonl

A, B, C, D = ("basic-example/dfdx-basic", "basic-example/dfdy-basic", "core-idea/added-constant",
              "core-idea/dfdy-mixed")


def cell(learner: str, key: str, tries: int, solved: bool) -> Cell:
    return Cell(learner, key, tries, tries, 0 if solved else tries, solved, False, 0, 0.0, None, None, "", ())


def test_success_index_is_webworks_mean_score_squared_over_mean_attempts() -> None:
    cells = [cell("a", A, 1, True), cell("b", A, 3, False), cell("c", A, 0, False)]  # c never tried it
    assert success_index(cells) == pytest.approx(0.5 ** 2 / 2)
    assert success_index([cell("a", A, 1, True)]) == 1.0
    assert success_index([cell("c", A, 0, False)]) is None


def sheet_of(solved: dict[str, set[str]], tried=(A, B, C, D)) -> dict[str, list[Cell]]:
    return {name: [cell(name, k, 1, k in keys) for k in tried] for name, keys in solved.items()}


def test_discrimination_follows_the_rest_of_the_sheet() -> None:
    strong_solve = sheet_of({"s1": {A, B, C, D}, "s2": {A, B, C}, "w1": {B}, "w2": set(), "w3": {C}})
    assert discrimination(A, strong_solve, {A, B, C, D}) > 0.5
    weak_solve = sheet_of({"s1": {B, C, D}, "s2": {B, C, D}, "w1": {A}, "w2": {A, B}, "w3": set()})
    assert discrimination(A, weak_solve, {A, B, C, D}) < -0.5  # a broken item: the weak get it
    everyone = sheet_of({n: {A} for n in ("a", "b", "c", "d", "e")})
    assert discrimination(A, everyone, {A, B, C, D}) is None  # nobody differs on it
    assert discrimination(A, sheet_of({"a": {A}, "b": set()}), {A, B}) is None  # too few learners


def test_learners_who_never_reached_an_item_are_left_out_of_its_discrimination() -> None:
    cells = sheet_of({"s1": {A, B, C}, "s2": {A, C}, "w1": {B}, "w4": set(), "w2": {B, C}, "w3": {B, C}})
    for name in ("w2", "w3"):  # the bell rang before they reached A
        cells[name] = [c if c.exercise != A else cell(name, A, 0, False) for c in cells[name]]
    tried = correlation([1, 1, 0, 0], [1, 0.5, 0.5, 0])  # s1, s2, w1, w4: solved A, rest score
    assert discrimination(A, cells, {A, B, C}) == pytest.approx(tried)


def test_the_report_carries_them_and_a_discounted_item_is_left_out_of_scores(tmp_path) -> None:
    statements = []
    for i, (name, solved) in enumerate([("Ann", {A, B, C}), ("Bob", {A, B}), ("Cem", {B}), ("Dan", set()),
                                        ("Eve", {A, B, C})]):
        for key in (A, B, C):
            statements.append(statement(name, key, "x", key in solved, minute=i))
    write_jsonl(tmp_path / "s.jsonl", statements)
    report = build_report([tmp_path], discounted={C: "the stated answer was wrong"})
    a = report.exercise(A)
    assert a.success_index == pytest.approx(0.6 ** 2) and a.discrimination > 0.5
    assert report.exercise(C).discounted == "the stated answer was wrong" and report.exercise(C).discrimination is None
    ann = report.learner("Ann")
    assert (ann.solved, ann.items, ann.score) == (2, 2, 1.0)  # C does not count
    from tutor.core.report.formats import render

    assert "the stated answer was wrong" in render(report, "md") and "(discounted)" in render(report, "term")
    assert "Discounted" in render(report, "html") and '"discounted": "the stated answer was wrong"' in render(report, "json")


def test_a_learners_misconceptions_against_the_class(tmp_path) -> None:
    write_jsonl(tmp_path / "s.jsonl", [
        statement("Ann", A, "2x+3", False, diagnosis="not-held-constant"),
        statement("Ann", A, "2x+3y", False, minute=1, diagnosis="not-held-constant"),
        statement("Ann", B, "-3", False, minute=2, diagnosis="sign"),
        statement("Bob", B, "-3", False, minute=3, diagnosis="sign"),
        statement("Bob", B, "3y", False, minute=4, diagnosis="sign"),
        statement("Cem", B, "0", False, minute=5, diagnosis=None),
    ])
    report = build_report([tmp_path])
    mine = profile(report.attempts, "Ann")
    assert [(e.code, e.count) for e in mine] == [("not-held-constant", 2), ("sign", 1)]
    assert mine[0].share == pytest.approx(2 / 3) and mine[0].class_share == pytest.approx(2 / 6)
    assert mine[0].ratio == pytest.approx(2.0) and mine[1].learners == 2
    assert profile(report.attempts, "Nobody") == []

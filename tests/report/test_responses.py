"""Response analysis: wrong answers grouped by the checker's own equivalence, each with its diagnosis."""

from __future__ import annotations

import pytest

from tutor.core.report.course import CourseSource
from tutor.core.report.equivalence import normal_text
from tutor.core.report.reading import read_paths
from tutor.core.report.responses import analyse

from .conftest import statement, write_jsonl

BASIC = "basic-example/dfdx-basic"  # f = x² + 3y, ∂f/∂x = 2x: no params, one variant


@pytest.fixture(scope="module")
def source() -> CourseSource:
    return CourseSource()


def groups_for(tmp_path, source, key: str, answers: list[tuple], **common):
    statements = [statement(learner, key, text, False, diagnosis=code, minute=i, **common)
                  for i, (learner, text, code) in enumerate(answers)]
    reading = read_paths([write_jsonl(tmp_path / "s.jsonl", statements)])
    return analyse(key, reading.attempts, source)


def test_equal_answers_typed_differently_are_one_group(tmp_path, source) -> None:
    groups = groups_for(tmp_path, source, BASIC, [
        ("Ann", "2x + 3", "not-held-constant"), ("Bob", "3+2*x", "not-held-constant"),
        ("Cem", "x + x + 3", "not-held-constant"), ("Dia", "2·x+3", "not-held-constant"),
        ("Hal", "(2x² + 3x)/x", "not-held-constant"),
        ("Eve", "x^2 + 3y", "not-differentiated"), ("Fay", "3y+x²", "not-differentiated"),
        ("Gus", "2x + 3y", "kept-constant-term"),
    ])
    assert [(g.count, g.diagnosis) for g in groups] == [
        (5, "not-held-constant"), (2, "not-differentiated"), (1, "kept-constant-term")]
    first = groups[0]
    assert first.decided_by == "checker"
    assert first.learners == ("Ann", "Bob", "Cem", "Dia", "Hal")
    assert {text for text, _ in first.forms} == {"2x + 3", "3+2*x", "x + x + 3", "2·x+3", "(2x² + 3x)/x"}
    # Not the same text, even normalised: only the checker can tell they are equal (the last one is
    # (2x² + 3x)/x, equal to 2x + 3 everywhere but x = 0, which the checker's comparison allows).
    assert normal_text("x + x + 3") != normal_text("2x + 3")


def test_the_representative_is_the_commonest_form_as_typed(tmp_path, source) -> None:
    groups = groups_for(tmp_path, source, BASIC, [
        ("Ann", "3 + 2x", None), ("Bob", "2x+3", None), ("Cem", "2x + 3", None), ("Dia", "2x+3", None)])
    (group,) = groups
    assert group.representative == "2x+3" and group.forms[0] == ("2x+3", 2)


def test_nearly_equal_is_not_equal(tmp_path, source) -> None:
    """The checker's 60-digit settling keeps 2x + 3.0000000001 apart from 2x + 3."""
    groups = groups_for(tmp_path, source, BASIC, [("Ann", "2x + 3", None), ("Bob", "2x + 3.0000000001", None)])
    assert len(groups) == 2


def test_the_same_mistake_on_different_variants_is_one_group(tmp_path, source) -> None:
    key = "core-idea/dfdx-product"  # f = a·x²·y + b·y with random a, b: ∂f/∂x = 2a·x·y
    variants = {}
    for seed in range(40):
        label = source.variant("core-idea", "dfdx-product", seed)[1]
        variants.setdefault(label, seed)
        if len(variants) == 2:
            break
    (l1, s1), (l2, s2) = variants.items()
    wrong = []
    for learner, seed in (("Ann", s1), ("Bob", s2)):
        instance = source.instance("core-idea", "dfdx-product", seed)
        verdict = instance.check("x")  # neither variant's answer
        assert verdict.status == "incorrect"
        wrong.append(statement(learner, key, "y", False, seed=seed, diagnosis="wrong-variable"))
        wrong.append(statement(learner, key, "x", False, seed=seed, minute=1, diagnosis=None))
    reading = read_paths([write_jsonl(tmp_path / "s.jsonl", wrong)])
    groups = analyse(key, reading.attempts, source)
    merged = [g for g in groups if g.diagnosis == "wrong-variable"]
    assert len(merged) == 1 and merged[0].variants == 2 and merged[0].count == 2 and merged[0].variant is None
    unnamed = [g for g in groups if g.diagnosis is None]
    assert len(unnamed) == 2 and {g.variant for g in unnamed} == {l1, l2}  # not merged: the checker named nothing


def test_choice_answers_naming_the_same_option_are_one_group(tmp_path, source) -> None:
    groups = groups_for(tmp_path, source, "core-idea/added-constant",
                        [("Ann", "a", None), ("Bob", "A)", None), ("Cem", "1", None), ("Dia", "c", None)])
    assert [(g.count, g.decided_by) for g in groups] == [(3, "choice"), (1, "choice")]
    assert groups[0].option and "3y²" in groups[0].option  # the option's words, from the course


def test_numbers_in_any_order_with_names_are_one_group(tmp_path, source) -> None:
    groups = groups_for(tmp_path, source, "quadratic-example/grad-f-1-2",  # ∇f(1, 2) = (4, 5)
                        [("Ann", "(5, 4)", None), ("Bob", "(5.0, 4)", None), ("Cem", "y = 4, x = 5", None),
                         ("Dia", "(4, 6)", None)])
    assert [g.count for g in groups] == [3, 1]


def test_an_exercise_not_in_the_course_is_grouped_by_text(tmp_path, source) -> None:
    groups = groups_for(tmp_path, source, "old-lesson/gone",
                        [("Ann", "2x + 3", None), ("Bob", "2x+3", None), ("Cem", "3 + 2x", None)])
    assert [(g.count, g.decided_by) for g in groups] == [(2, "text"), (1, "text")]


def test_a_foreign_statement_gets_its_diagnosis_from_the_checker(tmp_path, source) -> None:
    groups = groups_for(tmp_path, source, BASIC, [("Ann", "x^2 + 3y", None)], with_diagnosis=False)
    assert groups[0].diagnosis == "not-differentiated" and groups[0].message

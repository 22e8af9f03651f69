"""The report's tables: learners (who may need help), exercises (hardest first), misconceptions, the sheet."""

from __future__ import annotations

import pytest

from tutor.core.report import SheetError, build_report

from .conftest import statement, write_jsonl

A, B, C = "basic-example/dfdx-basic", "basic-example/dfdy-basic", "core-idea/added-constant"


def lab(tmp_path) -> list[dict]:
    s = [
        # Ann: A right first time; B wrong twice then right with a hint.
        statement("Ann", A, "2x", True, minute=0, seconds=40),
        statement("Ann", B, "0", False, minute=2, seconds=60, diagnosis="not-differentiated"),
        statement("Ann", B, "3y", False, minute=3, seconds=30, tries=2, diagnosis="not-differentiated"),
        statement("Ann", B, "3", True, minute=4, seconds=20, tries=3, hints=1),
        # Bob: five wrong tries on A and never solves it; B only after the worked solution.
        *[statement("Bob", A, f"{n}x", False, minute=n, tries=n, diagnosis="constant-factor") for n in range(3, 8)],
        statement("Bob", B, "3", True, minute=9, solution=True, hints=2),
        # Cem: eleven minutes on C without solving it.
        statement("Cem", C, "a", False, minute=1, seconds=400),
        statement("Cem", C, "c", False, minute=9, seconds=260, tries=2),
    ]
    write_jsonl(tmp_path / "submit" / "5B" / "all.jsonl", s)
    return s


def test_learners_solved_score_time_hints_solutions_and_help(tmp_path) -> None:
    lab(tmp_path)
    report = build_report([tmp_path / "submit"])
    ann, bob, cem = (report.learner(n) for n in ("Ann", "Bob", "Cem"))
    assert (ann.solved, ann.attempted, ann.items, ann.answers, ann.wrong) == (2, 2, 3, 4, 2)
    assert ann.seconds == 150 and ann.hints == 1 and ann.solutions == 0 and ann.group == "5B"
    assert ann.last.minute == 4 and not ann.needs_help
    assert bob.solved == 0 and bob.solutions == 1  # a shown solution does not count as solved
    assert bob.help_reasons == ("5 wrong tries on dfdx-basic, not solved",)
    assert cem.help_reasons == ("11 min on added-constant, not solved",)
    assert [r.name for r in report.learners] == ["Bob", "Cem", "Ann"]  # who may need help comes first


def test_exercises_hardest_first_with_medians(tmp_path) -> None:
    lab(tmp_path)
    report = build_report([tmp_path / "submit"])
    assert [r.key for r in report.exercises] == [C, A, B]
    a = report.exercise(A)
    assert (a.attempted, a.solved, a.success_rate) == (2, 1, 0.5)
    assert a.median_tries == 3.0      # Ann 1 try, Bob 5 (not solved): median of 1 and 5
    assert a.median_seconds == (40 + 150) / 2
    assert report.exercise(B).success_rate == 0.5  # Bob's right answer came after the solution


def test_misconceptions_by_frequency_with_where_and_who(tmp_path) -> None:
    lab(tmp_path)
    report = build_report([tmp_path / "submit"])
    codes = [(m.code, m.count, m.learners, m.exercises) for m in report.misconceptions]
    assert codes == [("constant-factor", 5, ("Bob",), ((A, 5),)), ("not-differentiated", 2, ("Ann",), ((B, 2),))]


def test_every_learner_exercise_pair_has_a_cell(tmp_path) -> None:
    lab(tmp_path)
    report = build_report([tmp_path / "submit"])
    assert len(report.cells) == 3 * 3
    cem_a = next(c for c in report.cells if c.learner == "Cem" and c.exercise == A)
    assert cem_a.tries == 0 and not cem_a.solved


def test_a_sheet_fixes_the_items_and_their_order(tmp_path) -> None:
    statements = lab(tmp_path)
    other = statement("Ann", "mse-loss/dl-dw", "2x", False, sheet=None)
    write_jsonl(tmp_path / "submit" / "extra.jsonl", [other, statement("Dan", A, "2x", True, sheet="another-lab")])
    sheet = tmp_path / "lab.yaml"
    sheet.write_text("id: lab\ntitle: Monday lab\nclass: 5B\nitems:\n  - exercise: basic-example/dfdx-basic\n"
                     "  - {lesson: basic-example, exercise: df-dx-2-3}\n  - core-idea/added-constant\n", encoding="utf-8")
    report = build_report([tmp_path / "submit"], sheet=sheet)
    assert report.title == "Monday lab" and report.sheet == "lab"
    assert {r.key for r in report.exercises} == {A, "basic-example/df-dx-2-3", C}
    assert report.exercise("basic-example/df-dx-2-3").attempted == 0  # on the sheet, done by nobody
    assert report.learner("Dan") is None  # another sheet's answers are not this lab's
    assert any("outside the sheet" in w for w in report.warnings)
    assert len(report.attempts) == len([s for s in statements if s["object"]["id"].split(":")[-1] != B])


def test_a_sheet_may_name_whole_lessons_and_add_lessons_of_its_own(tmp_path) -> None:
    lab(tmp_path)
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "mine.yaml").write_text(
        "id: mine\ntitle: Mine\nsummary: Mine.\nexercises:\n  - id: d\n    type: derivative\n    prompt: p\n"
        "    function: x^3\n    wrt: x\n", encoding="utf-8")
    write_jsonl(tmp_path / "submit" / "mine.jsonl", [
        statement("Ann", "mine/d", "3x", False, minute=20), statement("Bob", "mine/d", "x*3", False, minute=21),
        statement("Cem", "mine/d", "x^2", False, minute=22)])
    sheet = tmp_path / "lab.yaml"
    sheet.write_text("id: lab\ntitle: T\nclass: 5B\nlessons: [extra]\n"
                     "items:\n  - lesson: basic-example\n  - exercise: mine/d\n", encoding="utf-8")
    report = build_report([tmp_path / "submit"], sheet=sheet)
    keys = [r.key for r in report.exercises]
    assert A in keys and "mine/d" in keys and len(keys) == 8  # the lesson's seven, and the sheet's own
    groups = report.groups["mine/d"]  # the sheet's own lesson is known: 3x and x*3 are one answer
    assert [(g.count, g.decided_by) for g in groups] == [(2, "checker"), (1, "checker")]
    assert not any("not in the course" in w for w in report.warnings)


@pytest.mark.parametrize("text", ["id: lab\n", "- just\n- a list\n", "id: [unclosed\n"])
def test_a_sheet_that_cannot_be_used_is_an_error(tmp_path, text) -> None:
    sheet = tmp_path / "lab.yaml"
    sheet.write_text(text, encoding="utf-8")
    with pytest.raises(SheetError, match="lab.yaml"):
        build_report([tmp_path], sheet=sheet)


def test_no_statements_is_an_empty_report_with_a_warning(tmp_path) -> None:
    report = build_report([tmp_path / "nothing"])
    assert report.learners == [] and report.exercises == [] and report.warnings

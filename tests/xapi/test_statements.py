"""The statements the tutor writes keep xAPI 1.0.3's rules and the fixed names others rely on."""

from __future__ import annotations

import copy
import json

import pytest

from tutor.core.xapi import vocabulary as v
from tutor.core.xapi.statements import (AnswerRecord, CompletionRecord, SheetContext, answer_statement,
                                        completion_statement, duration, timestamp)

from .schema import problems

SHEET = SheetContext("week-3", "Week 3: gradients", "ML 2B")


def record(**changes) -> AnswerRecord:
    base = dict(statement_id=v.answer_id("Ana María", "basic-example", "dfdx-basic", 1_780_000_000.25, 7),
                learner="Ana María", lesson_id="basic-example", exercise_id="dfdx-basic",
                exercise_name="The basic example: ∂f/∂x", response="3x^2", success=False,
                diagnosis="wrong-variable", try_number=2, hints=1, solution_shown=False, seed=123456789,
                mode="test", message="That is ∂f/∂y.", duration_ms=12_400.0, at=1_780_000_000.25, sheet=SHEET)
    return AnswerRecord(**{**base, **changes})


def test_an_answer_in_a_sheet_is_a_valid_statement_with_the_fixed_names():
    s = answer_statement(record())
    assert problems(s) == []
    assert s["actor"] == {"objectType": "Agent", "name": "Ana María",
                          "account": {"homePage": "urn:tutor:learner", "name": "Ana María"}}
    assert s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert s["object"]["id"] == "urn:tutor:exercise:basic-example/dfdx-basic"
    assert s["object"]["definition"]["name"] == {"en-US": "The basic example: ∂f/∂x"}
    result = s["result"]
    assert (result["success"], result["response"], result["duration"]) == (False, "3x^2", "PT12.4S")
    assert result["score"] == {"scaled": 0.0, "raw": 0, "min": 0, "max": 1}
    assert result["extensions"] == {
        "urn:tutor:ext:diagnosis": "wrong-variable", "urn:tutor:ext:try": 2, "urn:tutor:ext:hints": 1,
        "urn:tutor:ext:solution-shown": False, "urn:tutor:ext:seed": 123456789, "urn:tutor:ext:mode": "test",
        "urn:tutor:ext:message": "That is ∂f/∂y."}
    context = s["context"]
    assert context["contextActivities"]["parent"] == [{"objectType": "Activity", "id": "urn:tutor:sheet:week-3",
                                                       "definition": {"name": {"en-US": "Week 3: gradients"}}}]
    assert context["contextActivities"]["grouping"] == [{"objectType": "Activity", "id": "urn:tutor:class:ML%202B",
                                                         "definition": {"name": {"en-US": "ML 2B"}}}]
    assert context["registration"] == v.registration("week-3", "Ana María")
    assert context["extensions"] == {"urn:tutor:ext:lesson": "basic-example"}
    assert s["timestamp"] == "2026-05-28T20:26:40.250Z"


def test_an_answer_outside_a_sheet_has_no_registration_or_parent():
    s = answer_statement(record(sheet=None, success=True, diagnosis=None, mode="study"))
    assert problems(s) == []
    assert "registration" not in s["context"] and "contextActivities" not in s["context"]
    assert s["result"]["score"] == {"scaled": 1.0, "raw": 1, "min": 0, "max": 1}


def test_a_choice_answer_is_its_letter_with_the_option_text_beside_it():
    s = answer_statement(record(response="b", choice_text="Because y is held fixed."))
    assert problems(s) == []
    assert s["result"]["response"] == "b"
    assert s["result"]["extensions"]["urn:tutor:ext:choice-text"] == "Because y is held fixed."


def test_a_finished_sheet_is_one_completed_statement():
    s = completion_statement(CompletionRecord(v.completion_id("week-3", "Ana María"), "Ana María", SHEET,
                                              solved=7, items=9, duration_ms=2_712_000.0, at=1_780_003_000.0))
    assert problems(s) == []
    assert s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert s["object"]["id"] == "urn:tutor:sheet:week-3"
    assert s["result"]["completion"] is True
    assert s["result"]["score"] == {"scaled": round(7 / 9, 4), "raw": 7, "min": 0, "max": 9}
    assert s["result"]["duration"] == "PT45M12S"
    assert s["context"]["registration"] == v.registration("week-3", "Ana María")


def test_ids_are_stable_uuids_that_differ_per_answer():
    a, b = v.answer_id("Ana", "l", "e", 1.5, 1), v.answer_id("Ana", "l", "e", 1.5, 2)
    assert a == v.answer_id("Ana", "l", "e", 1.5, 1) and a != b
    assert v.answer_id("Ana", "l", "e", 1.5, 1) != v.answer_id("Bo", "l", "e", 1.5, 1)
    assert v.registration("s", "Ana") != v.registration("s", "Bo")


@pytest.mark.parametrize("ms, text", [(0, "PT0S"), (12_400, "PT12.4S"), (59_994, "PT59.99S"),
                                       (65_000, "PT1M5S"), (3_600_000 + 3_250, "PT1H0M3.25S"), (-5, "PT0S")])
def test_durations_are_iso_8601(ms, text):
    assert duration(ms) == text


def test_timestamps_are_utc_with_milliseconds():
    assert timestamp(0) == "1970-01-01T00:00:00.000Z"


# The schema must be able to fail, or the tests above prove nothing.
@pytest.mark.parametrize("break_it, where", [
    (lambda s: s["result"]["score"].update(scaled=1.5), "scaled"),
    (lambda s: s.update(id="not-a-uuid"), "id"),
    (lambda s: s["actor"].pop("account"), "actor"),
    (lambda s: s["result"]["extensions"].update({"diagnosis": "x"}), "extensions"),
    (lambda s: s["result"].update(duration="12 seconds"), "duration"),
    (lambda s: s.update(timestamp="2026-11-29 21:00"), "timestamp"),
    (lambda s: s["verb"].update(id="answered"), "verb"),
    (lambda s: s.update(colour="blue"), "colour"),
    (lambda s: s["result"]["score"].update(raw=3), "raw"),
    (lambda s: s["object"]["definition"].update(interactionType="essay"), "interactionType"),
])
def test_the_schema_rejects_broken_statements(break_it, where):
    s = copy.deepcopy(answer_statement(record()))
    break_it(s)
    found = problems(s)
    assert found, f"the schema accepted a statement with a broken {where}"


def test_statements_are_plain_json():
    s = answer_statement(record())
    assert json.loads(json.dumps(s)) == s

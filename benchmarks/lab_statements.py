"""The generated lab's xAPI statements, shaped as the tutor's contract says (for make_class_lab.py)."""

from __future__ import annotations

import uuid
from datetime import datetime

SHEET_ID = "partials-lab"
SHEET_TITLE = "Partial derivatives lab"
CLASS = "5B"
MASTERY = 0.6    # the sheet's mastery score: a handed-in sheet is then "passed" or "failed" (cmi5)
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:tutor")


def iso_duration(seconds: float) -> str:
    return f"PT{seconds:.1f}S"


def statement(learner: str, key: str, title: str, answer: str, verdict, tries: int, hints: int,
              solution: bool, seed: int, seconds: float, when: datetime, params: tuple = ()) -> dict:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
    lesson, _ = key.split("/")
    return {
        "id": str(uuid.uuid5(NAMESPACE, f"{learner}\x1f{key}\x1f{stamp}")),
        "actor": {"objectType": "Agent", "name": learner, "account": {"homePage": "urn:tutor:learner", "name": learner}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {"objectType": "Activity", "id": f"urn:tutor:exercise:{key}",
                   "definition": {"name": {"en-US": title}, "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                                  "interactionType": "fill-in"}},
        "result": {
            "success": verdict.correct, "response": answer,
            "score": {"scaled": 1.0 if verdict.correct else 0.0, "raw": int(verdict.correct), "min": 0, "max": 1},
            "duration": iso_duration(seconds),
            "extensions": {
                "urn:tutor:ext:diagnosis": verdict.diagnosis.code if verdict.diagnosis else None,
                "urn:tutor:ext:try": tries, "urn:tutor:ext:hints": hints, "urn:tutor:ext:solution-shown": solution,
                "urn:tutor:ext:seed": seed, "urn:tutor:ext:mode": "study", "urn:tutor:ext:message": verdict.message,
                **({"urn:tutor:ext:params": dict(params)} if params else {}),
            },
        },
        "context": _context(learner, lesson),
        "timestamp": stamp,
    }


def _context(learner: str, lesson: str) -> dict:
    return {
        "registration": str(uuid.uuid5(NAMESPACE, f"{SHEET_ID}\x1f{learner}")), "platform": "tutor",
        "contextActivities": {
            "parent": [{"objectType": "Activity", "id": f"urn:tutor:sheet:{SHEET_ID}",
                        "definition": {"name": {"en-US": SHEET_TITLE}}}],
            "grouping": [{"objectType": "Activity", "id": f"urn:tutor:class:{CLASS}"}],
        },
        "extensions": {"urn:tutor:ext:lesson": lesson},
    }


def completed(learner: str, solved: int, items: int, seconds: float, when: datetime) -> list[dict]:
    """The end of a learner's run: "completed", then "passed" or "failed" against the mastery score."""
    return [_completed(learner, solved, items, seconds, when), _judged(learner, solved, items, seconds, when)]


def _completed(learner: str, solved: int, items: int, seconds: float, when: datetime) -> dict:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return {
        "id": str(uuid.uuid5(NAMESPACE, f"{learner}\x1fsheet:{SHEET_ID}\x1f{stamp}")),
        "actor": {"objectType": "Agent", "name": learner, "account": {"homePage": "urn:tutor:learner", "name": learner}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
        "object": {"objectType": "Activity", "id": f"urn:tutor:sheet:{SHEET_ID}",
                   "definition": {"name": {"en-US": SHEET_TITLE}}},
        "result": {"completion": True, "score": {"scaled": solved / items, "raw": solved, "min": 0, "max": items},
                   "duration": iso_duration(seconds)},
        "context": _context(learner, ""), "timestamp": stamp,
    }


def _judged(learner: str, solved: int, items: int, seconds: float, when: datetime) -> dict:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    passed = solved / items >= MASTERY
    verb = "passed" if passed else "failed"
    context = _context(learner, "")
    context["extensions"] = {"https://w3id.org/xapi/cmi5/context/extensions/masteryscore": MASTERY}
    return {
        "id": str(uuid.uuid5(NAMESPACE, f"{learner}\x1fsheet:{SHEET_ID}\x1fmastery")),
        "actor": {"objectType": "Agent", "name": learner, "account": {"homePage": "urn:tutor:learner", "name": learner}},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}", "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": f"urn:tutor:sheet:{SHEET_ID}",
                   "definition": {"name": {"en-US": SHEET_TITLE}}},
        "result": {"success": passed, "score": {"scaled": solved / items, "raw": solved, "min": 0, "max": items},
                   "duration": iso_duration(seconds)},
        "context": context, "timestamp": stamp,
    }

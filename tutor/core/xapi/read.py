"""Reading statements back (import, and any tool's statements): what they say, or why they are skipped.

Accepted: any valid xAPI statement whose object is `urn:tutor:exercise:<lesson>/<exercise>` and
whose result says success (an answer), or a tutor sheet's "completed" statement. The tutor's own
extensions are read when present; another tool's statement without them gets plain defaults.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from tutor.core.learners import LearnerNameError, normalize

from . import vocabulary as v
from .statements import SheetContext

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", re.I)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
_ID_PART = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


class Skip(Exception):
    """Why a statement is not imported (said to the user, one line)."""


@dataclass(frozen=True)
class ReadAnswer:
    statement_id: str
    learner: str
    lesson_id: str
    exercise_id: str
    exercise_name: str | None
    response: str
    success: bool
    diagnosis: str | None
    try_number: int | None
    hints: int | None
    solution_shown: bool | None
    seed: int
    mode: str
    message: str | None
    duration_ms: float | None
    at: float
    sheet: SheetContext | None
    choice_text: str | None
    raw: str       # the statement exactly as read, written back unchanged by exports


@dataclass(frozen=True)
class ReadCompletion:
    statement_id: str
    learner: str
    sheet: SheetContext
    solved: int
    items: int
    duration_ms: float | None
    at: float
    raw: str
    verb: str = v.COMPLETED  # or cmi5's passed / failed, the verdict that follows a completed sheet


SHEET_VERBS = (v.COMPLETED, v.PASSED, v.FAILED)


def read_statement(data: object) -> ReadAnswer | ReadCompletion:
    """What the statement says, or Skip with the reason."""
    if not isinstance(data, dict) or not all(k in data for k in ("actor", "verb", "object")):
        raise Skip("not an xAPI statement (it needs actor, verb and object)")
    statement_id = data.get("id") or str(uuid.uuid5(v.NAMESPACE, json.dumps(data, sort_keys=True)))
    if not isinstance(statement_id, str) or not _UUID.match(statement_id):
        raise Skip(f"its id {statement_id!r} is not a UUID")
    verb = _dict(data["verb"], "verb").get("id")
    if not isinstance(verb, str) or not _IRI.match(verb):
        raise Skip("its verb has no IRI id")
    if verb == VOIDED:
        raise Skip("a voiding statement (it cancels another; the tutor keeps every answer)")
    target = _dict(data["object"], "object").get("id")
    if not isinstance(target, str):
        raise Skip("its object has no id")
    learner = _learner(_dict(data["actor"], "actor"))
    at = _time(data.get("timestamp") or data.get("stored"))
    result = data.get("result") if isinstance(data.get("result"), dict) else {}
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    sheet = _sheet(data.get("context"))
    if target.startswith(v.SHEET) and verb in SHEET_VERBS:
        score = result.get("score") if isinstance(result.get("score"), dict) else {}
        sheet_id = target[len(v.SHEET):]
        name = _name(data["object"]) or sheet_id
        context = sheet or SheetContext(sheet_id, name, "")
        return ReadCompletion(statement_id, learner, SheetContext(sheet_id, name, context.class_name),
                              int(score.get("raw", 0) or 0), int(score.get("max", 0) or 0),
                              _duration(result.get("duration")), at, raw, verb)
    if not target.startswith(v.EXERCISE):
        raise Skip(f"another tool's activity ({target[:80]})")
    lesson_id, _, exercise_id = target[len(v.EXERCISE):].partition("/")
    if not (_ID_PART.match(lesson_id) and _ID_PART.match(exercise_id)):
        raise Skip(f"{target[:80]} does not name an exercise as lesson/exercise")
    if not isinstance(result.get("success"), bool):
        raise Skip("no result.success: not a checked answer")
    ext = result.get("extensions") if isinstance(result.get("extensions"), dict) else {}
    mode = ext.get(v.MODE) if ext.get(v.MODE) in ("study", "quiz", "practice", "test", "review", "drill") else "study"
    return ReadAnswer(
        statement_id=statement_id, learner=learner, lesson_id=lesson_id, exercise_id=exercise_id,
        exercise_name=_name(data["object"]), response=str(result.get("response", "")), success=result["success"],
        diagnosis=_text(ext.get(v.DIAGNOSIS)), try_number=_int(ext.get(v.TRY)), hints=_int(ext.get(v.HINTS)),
        solution_shown=ext.get(v.SOLUTION_SHOWN) if isinstance(ext.get(v.SOLUTION_SHOWN), bool) else None,
        seed=_int(ext.get(v.SEED)) or 0, mode=mode, message=_text(ext.get(v.MESSAGE)),
        duration_ms=_duration(result.get("duration")), at=at, sheet=sheet,
        choice_text=_text(ext.get(v.CHOICE_TEXT)), raw=raw)


def _dict(value: object, what: str) -> dict:
    if not isinstance(value, dict):
        raise Skip(f"its {what} is not an object")
    return value


def _learner(actor: dict) -> str:
    account = actor.get("account") if isinstance(actor.get("account"), dict) else {}
    if account.get("homePage") == v.LEARNER_HOME:
        name = account.get("name")
    else:
        name = actor.get("name") or account.get("name") or str(actor.get("mbox", "")).removeprefix("mailto:")
    if not isinstance(name, str):
        raise Skip("its actor has no name")
    try:
        return normalize(name)
    except LearnerNameError as err:
        raise Skip(f"its actor cannot be a learner ({err})") from None


def _time(text: object) -> float:
    if not isinstance(text, str):
        raise Skip("it has no timestamp")
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Skip(f"its timestamp {text!r} is not ISO 8601") from None
    if when.tzinfo is None:
        raise Skip(f"its timestamp {text!r} has no time zone")
    return when.timestamp()


def _sheet(context: object) -> SheetContext | None:
    activities = context.get("contextActivities") if isinstance(context, dict) else None
    if not isinstance(activities, dict):
        return None
    parents, groups = _list(activities.get("parent")), _list(activities.get("grouping"))
    sheet = next((p for p in parents if str(p.get("id", "")).startswith(v.SHEET)), None)
    group = next((g for g in groups if str(g.get("id", "")).startswith(v.CLASS)), None)
    if sheet is None:
        return None
    sheet_id = sheet["id"][len(v.SHEET):]
    return SheetContext(sheet_id, _name(sheet) or sheet_id, v.class_of(group["id"]) if group else "")


def _list(value: object) -> list[dict]:
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    return [i for i in items if isinstance(i, dict)]


def _name(activity: dict) -> str | None:
    definition = activity.get("definition") if isinstance(activity.get("definition"), dict) else {}
    names = definition.get("name") if isinstance(definition.get("name"), dict) else {}
    name = names.get(v.LANG) or next(iter(names.values()), None)
    return name if isinstance(name, str) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _duration(text: object) -> float | None:
    match = _DURATION.match(text) if isinstance(text, str) else None
    if not match:
        return None
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000

"""One xAPI statement read as an answer to an exercise (or a finished sheet), liberally.

The reader accepts any valid statement whose object is `urn:tutor:exercise:<lesson>/<exercise>`,
from this tutor or another tool; what it cannot use is refused with a short reason that the
report counts and names (it never raises on bad input).
"""

from __future__ import annotations

from urllib.parse import unquote

from .attempt import Attempt, Completion
from .values import learner_name, parse_duration, parse_time

EXERCISE_URN = "urn:tutor:exercise:"
SHEET_URN = "urn:tutor:sheet:"
CLASS_URN = "urn:tutor:class:"
EXT = "urn:tutor:ext:"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
SHEET_VERBS = {COMPLETED: "completed", "http://adlnet.gov/expapi/verbs/passed": "passed",
               "http://adlnet.gov/expapi/verbs/failed": "failed"}

class Refused(Exception):
    """A statement the report cannot use; the message is the reason, counted in the warnings."""


def _name(definition: object) -> str:
    names = definition.get("name") if isinstance(definition, dict) else None
    if isinstance(names, dict) and names:
        return str(names.get("en-US") or next(iter(names.values())))
    return ""


def _activities(context: dict, kind: str) -> list[dict]:
    found = (context.get("contextActivities") or {}).get(kind) if isinstance(context.get("contextActivities"), dict) else None
    if isinstance(found, dict):  # xAPI allows a single activity where a list is usual
        found = [found]
    return [a for a in found or [] if isinstance(a, dict) and isinstance(a.get("id"), str)]


def _context(statement: dict) -> tuple[str | None, str | None, str | None]:
    """(sheet id, sheet title, class) from the context, when the answer was given in a lab sheet."""
    context = statement.get("context") if isinstance(statement.get("context"), dict) else {}
    sheet = next((a for a in _activities(context, "parent") if a["id"].startswith(SHEET_URN)), None)
    group = next((a["id"] for a in _activities(context, "grouping") if a["id"].startswith(CLASS_URN)), None)
    # A class is free text ("ML 2B"), percent-encoded in its IRI.
    return (sheet["id"].removeprefix(SHEET_URN) if sheet else None, _name(sheet.get("definition")) if sheet else None,
            unquote(group.removeprefix(CLASS_URN)) if group else None)


def _integer(value: object) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def read_statement(statement: object, where: str = "") -> Attempt | Completion:
    """The statement as an Attempt or a Completion; raises Refused with the reason otherwise."""
    if not isinstance(statement, dict) or not all(isinstance(statement.get(k), dict) for k in ("actor", "verb", "object")):
        raise Refused("not an xAPI statement")
    learner = learner_name(statement["actor"])
    object_id = statement["object"].get("id")
    verb = statement["verb"].get("id")
    if not learner or not isinstance(object_id, str) or not isinstance(verb, str):
        raise Refused("not an xAPI statement")
    result = statement.get("result") if isinstance(statement.get("result"), dict) else {}
    sheet, sheet_title, group = _context(statement)
    when = parse_time(statement.get("timestamp"))
    if object_id.startswith(SHEET_URN) and verb in SHEET_VERBS:
        scaled = (result.get("score") or {}).get("scaled") if isinstance(result.get("score"), dict) else None
        return Completion(learner, object_id.removeprefix(SHEET_URN), _name(statement["object"].get("definition")) or sheet_title,
                          float(scaled) if isinstance(scaled, (int, float)) else None, when, SHEET_VERBS[verb])
    if not object_id.startswith(EXERCISE_URN):
        raise Refused("another tool's activity")
    lesson, _, exercise = object_id.removeprefix(EXERCISE_URN).partition("/")
    if not lesson or not exercise:
        raise Refused("an exercise id without lesson/exercise")
    success = result.get("success")
    if not isinstance(success, bool):
        raise Refused("no result.success (not an answer)")
    ext = result.get("extensions") if isinstance(result.get("extensions"), dict) else {}
    diagnosis = ext.get(EXT + "diagnosis")
    response = result.get("response")
    return Attempt(
        learner=learner, lesson=lesson, exercise=exercise, success=success,
        response=response if isinstance(response, str) else "" if response is None else str(response),
        title=_name(statement["object"].get("definition")),
        diagnosis=diagnosis if isinstance(diagnosis, str) and diagnosis else None,
        diagnosis_known=EXT + "diagnosis" in ext,
        try_number=_integer(ext.get(EXT + "try")),
        hints=max(0, _integer(ext.get(EXT + "hints")) or 0),
        solution_shown=ext.get(EXT + "solution-shown") is True,
        seed=_integer(ext.get(EXT + "seed")),
        mode=ext.get(EXT + "mode") if isinstance(ext.get(EXT + "mode"), str) else None,
        message=ext.get(EXT + "message") if isinstance(ext.get(EXT + "message"), str) else None,
        seconds=parse_duration(result.get("duration")),
        timestamp=when, sheet=sheet, sheet_title=sheet_title, group=group,
        choice_text=ext.get(EXT + "choice-text") if isinstance(ext.get(EXT + "choice-text"), str) else None,
        where=where, params=_params(ext.get(EXT + "params")), registration=_registration(statement),
    )


def _params(value: object) -> tuple[tuple[str, str], ...]:
    """The variant's parameters from the statement ({"a": "3"}), as (name, shown value) pairs."""
    if not isinstance(value, dict):
        return ()
    return tuple((str(k), v if isinstance(v, str) else str(v)) for k, v in value.items()
                 if isinstance(v, (str, int, float)) and not isinstance(v, bool))


def _registration(statement: dict) -> str | None:
    context = statement.get("context")
    found = context.get("registration") if isinstance(context, dict) else None
    return found if isinstance(found, str) else None

"""xAPI 1.0.3 statements from recorded answers and finished sheets (plain dicts, ready for JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from . import vocabulary as v


@dataclass(frozen=True)
class SheetContext:
    sheet_id: str
    title: str
    class_name: str


@dataclass(frozen=True)
class AnswerRecord:
    """Everything one "answered" statement says, as recorded when the answer was checked."""

    statement_id: str
    learner: str
    lesson_id: str
    exercise_id: str
    exercise_name: str
    response: str
    success: bool
    diagnosis: str | None
    try_number: int | None        # None: not known (answers checked before the tutor kept it)
    hints: int | None
    solution_shown: bool | None
    seed: int
    mode: str
    message: str | None
    duration_ms: float | None
    at: float                     # unix time (UTC seconds)
    sheet: SheetContext | None = None
    choice_text: str | None = None
    params: tuple[tuple[str, str], ...] = ()   # the variant's parameters as shown (name, value)


@dataclass(frozen=True)
class CompletionRecord:
    """A finished sheet: one "completed" statement."""

    statement_id: str
    learner: str
    sheet: SheetContext
    solved: int
    items: int
    duration_ms: float
    at: float
    mastery: float | None = None  # the sheet's mastery score (0…1): a "passed" or "failed" follows

    @property
    def scaled(self) -> float:
        return round(self.solved / self.items, 4) if self.items else 0.0


def actor(name: str) -> dict:
    return {"objectType": "Agent", "name": name, "account": {"homePage": v.LEARNER_HOME, "name": name}}


def timestamp(at: float) -> str:
    """ISO 8601 in UTC with milliseconds: 2026-11-29T21:00:00.000Z."""
    return datetime.fromtimestamp(at, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def duration(ms: float) -> str:
    """ISO 8601 duration to 0.01 s (xAPI's precision): PT12.4S, PT1M5S, PT2H0M3.25S."""
    centis = max(0, round(ms / 10))
    hours, centis = divmod(centis, 360_000)
    minutes, centis = divmod(centis, 6_000)
    seconds = f"{centis // 100}" + (f".{centis % 100:02d}".rstrip("0") if centis % 100 else "")
    if hours:
        return f"PT{hours}H{minutes}M{seconds}S"
    if minutes:
        return f"PT{minutes}M{seconds}S"
    return f"PT{seconds}S"


def _sheet_context(sheet: SheetContext, learner: str, parent: bool) -> dict:
    activities: dict = {"grouping": [{"objectType": "Activity", "id": v.class_iri(sheet.class_name),
                                      "definition": {"name": {v.LANG: sheet.class_name}}}]}
    if parent:
        activities["parent"] = [{"objectType": "Activity", "id": v.SHEET + sheet.sheet_id,
                                 "definition": {"name": {v.LANG: sheet.title}}}]
    return {"registration": v.registration(sheet.sheet_id, learner), "contextActivities": activities}


def answer_statement(r: AnswerRecord) -> dict:
    extensions = {v.DIAGNOSIS: r.diagnosis}
    # What was not recorded is left out rather than invented (a missing hint count is not 0).
    for key, value in ((v.TRY, r.try_number), (v.HINTS, r.hints), (v.SOLUTION_SHOWN, r.solution_shown)):
        if value is not None:
            extensions[key] = value
    extensions[v.SEED] = r.seed
    extensions[v.MODE] = r.mode
    if r.message is not None:
        extensions[v.MESSAGE] = r.message
    if r.choice_text is not None:
        extensions[v.CHOICE_TEXT] = r.choice_text
    if r.params:
        extensions[v.PARAMS] = dict(r.params)
    context: dict = {"platform": v.PLATFORM, "extensions": {v.LESSON: r.lesson_id}}
    if r.sheet is not None:
        context.update(_sheet_context(r.sheet, r.learner, parent=True))
    result = {"success": r.success, "response": r.response,
              "score": {"scaled": 1.0 if r.success else 0.0, "raw": int(r.success), "min": 0, "max": 1}}
    if r.duration_ms is not None:
        result["duration"] = duration(r.duration_ms)
    result["extensions"] = extensions
    return {
        "id": r.statement_id,
        "actor": actor(r.learner),
        "verb": {"id": v.ANSWERED, "display": {v.LANG: "answered"}},
        "object": {"objectType": "Activity", "id": v.exercise_iri(r.lesson_id, r.exercise_id),
                   "definition": {"name": {v.LANG: r.exercise_name}, "type": v.INTERACTION,
                                  "interactionType": "fill-in" if r.choice_text is None else "choice"}},
        "result": result,
        "context": context,
        "timestamp": timestamp(r.at),
    }


def completion_statement(r: CompletionRecord) -> dict:
    context = {"platform": v.PLATFORM, **_sheet_context(r.sheet, r.learner, parent=False)}
    return {
        "id": r.statement_id,
        "actor": actor(r.learner),
        "verb": {"id": v.COMPLETED, "display": {v.LANG: "completed"}},
        "object": _sheet_object(r.sheet),
        "result": {"completion": True,
                   "score": {"scaled": r.scaled, "raw": r.solved, "min": 0, "max": r.items},
                   "duration": duration(r.duration_ms)},
        "context": context,
        "timestamp": timestamp(r.at),
    }


def mastery_statement(r: CompletionRecord, statement_id: str) -> dict:
    """cmi5's "passed" or "failed": the run's score against the sheet's mastery score.

    Made once, when the sheet is handed in, in the same registration as every answer of the run;
    a run is judged once, so a "failed" never follows a "passed".
    """
    passed = r.items > 0 and r.solved / r.items >= (r.mastery or 0.0) - 1e-9  # 4/5 meets 0.8
    verb = v.PASSED if passed else v.FAILED
    context = {"platform": v.PLATFORM, **_sheet_context(r.sheet, r.learner, parent=False)}
    context["extensions"] = {v.MASTERY_SCORE: r.mastery}
    return {
        "id": statement_id,
        "actor": actor(r.learner),
        "verb": {"id": verb, "display": {v.LANG: "passed" if passed else "failed"}},
        "object": _sheet_object(r.sheet),
        "result": {"success": passed, "score": {"scaled": r.scaled, "raw": r.solved, "min": 0, "max": r.items},
                   "duration": duration(r.duration_ms)},
        "context": context,
        "timestamp": timestamp(r.at),
    }


def finished_statements(r: CompletionRecord, mastery_statement_id: str) -> list[dict]:
    """A finished sheet's statements: "completed", then "passed" or "failed" when the sheet has a mastery score."""
    out = [completion_statement(r)]
    if r.mastery is not None:
        out.append(mastery_statement(r, mastery_statement_id))
    return out


def _sheet_object(sheet: SheetContext) -> dict:
    return {"objectType": "Activity", "id": v.SHEET + sheet.sheet_id,
            "definition": {"name": {v.LANG: sheet.title}, "type": v.ASSESSMENT}}


def encode(statement: dict) -> bytes:
    """One JSON line (UTF-8, `\\n`-terminated): the form of every statement the tutor writes."""
    import msgspec

    return msgspec.json.encode(statement) + b"\n"

"""Exports: every checked answer (and finished sheet) as xAPI JSON lines, CSV rows or a JSON array."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO

from tutor.core.progress import ProgressDatabase
from tutor.core.xapi import vocabulary as v
from tutor.core.xapi.statements import encode

FORMATS = ("xapi", "csv", "json")
# One row per statement: what a spreadsheet needs; the xAPI form keeps everything.
COLUMNS = ("statement_id", "timestamp", "learner", "verb", "lesson", "exercise", "activity", "name",
           "response", "success", "score", "diagnosis", "try", "hints", "solution_shown", "seed", "mode",
           "duration", "message", "sheet", "class", "registration")


class UnknownLearner(LookupError):
    """A learner named for an export who has no progress here."""


def statements(db: ProgressDatabase, learners: Sequence[str] | None = None, *, since: float | None = None,
               sheet_id: str | None = None) -> Iterator[dict]:
    """The statements of `learners` (None: everyone here), learner by learner, oldest first."""
    for store in stores_of(db, learners):
        yield from store.statements(since=since, sheet_id=sheet_id)


def stores_of(db: ProgressDatabase, learners: Sequence[str] | None) -> list:
    """The stores of `learners` (None: everyone here); UnknownLearner for a name with no progress here."""
    if learners is None:
        stores = [db.existing(learner.name) for learner in db.learners()]
    else:
        stores = []
        for name in learners:
            store = db.existing(name)
            if store is None:
                known = ", ".join(learner.name for learner in db.learners()) or "none yet"
                raise UnknownLearner(f"no learner called {name!r} here (learners: {known})")
            stores.append(store)
    return stores


def lines(db: ProgressDatabase, learners: Sequence[str] | None = None, *, since: float | None = None,
          sheet_id: str | None = None) -> Iterator[bytes]:
    """The same statements as JSON lines, the text kept when each was made (nothing rebuilt)."""
    for store in stores_of(db, learners):
        yield from store.statement_lines(since=since, sheet_id=sheet_id)


def flat(statement: dict) -> dict:
    """A statement as one row of COLUMNS (any tool's statement: what it lacks stays empty)."""
    result = statement.get("result") or {}
    ext = result.get("extensions") or {}
    context = statement.get("context") or {}
    activities = context.get("contextActivities") or {}
    parent = next((p for p in _items(activities.get("parent")) if p.get("id", "").startswith(v.SHEET)), {})
    group = next((g for g in _items(activities.get("grouping")) if g.get("id", "").startswith(v.CLASS)), {})
    target = statement["object"].get("id", "")
    lesson, _, exercise = target[len(v.EXERCISE):].partition("/") if target.startswith(v.EXERCISE) else ("", "", "")
    names = (statement["object"].get("definition") or {}).get("name") or {}
    actor = statement["actor"]
    return {
        "statement_id": statement.get("id"), "timestamp": statement.get("timestamp"),
        "learner": (actor.get("account") or {}).get("name") or actor.get("name"),
        "verb": statement["verb"]["id"].rsplit("/", 1)[-1], "lesson": lesson or None, "exercise": exercise or None,
        "activity": target, "name": names.get(v.LANG), "response": result.get("response"),
        "success": result.get("success"), "score": (result.get("score") or {}).get("scaled"),
        "diagnosis": ext.get(v.DIAGNOSIS), "try": ext.get(v.TRY), "hints": ext.get(v.HINTS),
        "solution_shown": ext.get(v.SOLUTION_SHOWN), "seed": ext.get(v.SEED), "mode": ext.get(v.MODE),
        "duration": result.get("duration"), "message": ext.get(v.MESSAGE),
        "sheet": parent.get("id", "")[len(v.SHEET):] or (target[len(v.SHEET):] if target.startswith(v.SHEET) else None),
        "class": v.class_of(group["id"]) if group else None, "registration": context.get("registration"),
    }


def write(out: BinaryIO, items: Iterable[dict], fmt: str) -> int:
    """Write the statements to a binary stream in `fmt`; returns how many."""
    count = 0
    if fmt == "xapi":  # statements, or their lines as lines() gives them
        for statement in items:
            out.write(statement if isinstance(statement, bytes) else encode(statement))
            count += 1
        return count
    if fmt == "json":
        out.write(b"[")
        for statement in items:
            out.write((b",\n" if count else b"\n") + json.dumps(flat(statement), ensure_ascii=False).encode("utf-8"))
            count += 1
        out.write(b"\n]\n" if count else b"]\n")
        return count
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.DictWriter(text, fieldnames=COLUMNS)
        writer.writeheader()
        for statement in items:
            writer.writerow({k: _cell(val) for k, val in flat(statement).items()})
            count += 1
        text.detach()  # the caller owns `out`
        return count
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _items(value: object) -> list[dict]:
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    return [i for i in items if isinstance(i, dict)]


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value

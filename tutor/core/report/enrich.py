"""What the report adds to the statements from the course: each variant's params, titles, warnings, verdicts."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone

from .course import CourseSource

EARLY = datetime.min.replace(tzinfo=timezone.utc)  # sorts an attempt without a timestamp first


def with_params(attempts, source: CourseSource | None) -> list:
    """Every attempt with its variant's params: the statement's, or rebuilt from its seed with the course."""
    if source is None:
        return list(attempts)
    out = []
    for a in attempts:
        if not a.params and a.seed is not None:
            params = source.params(a.lesson, a.exercise, a.seed)
            if params:
                a = replace(a, params=params)
        out.append(a)
    return out


def verdicts(completions, sheet_id: str | None) -> dict[str, str]:
    """Each learner's passed/failed on the sheet; a pass stands whatever else was read (cmi5: never
    failed after passed)."""
    out: dict[str, str] = {}
    for c in completions:
        if c.verb in ("passed", "failed") and (sheet_id is None or c.sheet == sheet_id):
            out[c.learner] = "passed" if "passed" in (c.verb, out.get(c.learner)) else "failed"
    return out


def top(counter: Counter) -> str | None:
    return counter.most_common(1)[0][0] if counter else None


def titles_of(attempts, keys: list[str], source: CourseSource | None) -> dict[str, str]:
    """The exercise's title from the statements, else from the course, else its id."""
    found = {a.key: a.title for a in attempts if a.title}
    out = {}
    for key in keys:
        title = found.get(key)
        if not title and source is not None:
            lesson, _, exercise = key.partition("/")
            instance = source.instance(lesson, exercise, 0)
            title = instance.title if instance is not None else None
        out[key] = title or key.partition("/")[2]
    return out


def course_warnings(keys: list[str], source: CourseSource | None) -> list[str]:
    if source is None:
        return []
    missing = [k for k in keys if source.model(*k.split("/", 1)) is None]
    if not missing:
        return []
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    return [f"{len(missing)} exercise(s) not in the course, their wrong answers grouped by text: {shown}"]

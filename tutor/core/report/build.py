"""From statements to a Report: read, group per learner and exercise, analyse the wrong answers."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

from .course import CourseSource
from .misconceptions import misconceptions
from .model import Report
from .reading import Reading, read_paths
from .responses import analyse
from .rows import exercise_row, hardest_first, learner_row, make_cell, many_wrong
from .sheet import SheetItems, read_sheet

_EARLY = datetime.min.replace(tzinfo=timezone.utc)


def build_report(paths: list[str | Path], sheet: str | Path | None = None, lessons: str | Path | None = None,
                 analyse_answers: bool = True) -> Report:
    """The class report for statements at `paths`; `sheet` (a file) fixes the items and their order.

    Raises SheetError for a sheet that cannot be read (the teacher named it: they should know);
    bad statements are only counted in the warnings.
    """
    started = time.perf_counter()
    items = read_sheet(sheet) if sheet else None
    source = CourseSource(lessons, items.lessons if items else ())
    reading = read_paths(paths)
    report = make_report(reading, items, source if analyse_answers else None)
    report.seconds_to_build = time.perf_counter() - started
    return report


def make_report(reading: Reading, sheet: SheetItems | None, source: CourseSource | None) -> Report:
    attempts = sorted(reading.attempts, key=lambda a: (a.timestamp or _EARLY, a.where))
    outside = 0
    listed: tuple[str, ...] = ()
    if sheet is not None:  # another sheet's answers, or exercises it does not list, are not this lab's
        listed = sheet.expanded(source.lesson_exercises if source else lambda lesson: [])
        kept = [a for a in attempts if a.sheet in (None, sheet.id) and a.key in listed]
        outside, attempts = len(attempts) - len(kept), kept
    by_cell: dict[tuple[str, str], list] = defaultdict(list)
    for attempt in attempts:
        by_cell[attempt.learner, attempt.key].append(attempt)
    met = list(dict.fromkeys(a.key for a in attempts))
    items = list(listed) if sheet else met
    keys = items + [k for k in met if k not in items]
    titles = _titles(attempts, keys, source)
    learners = sorted({a.learner for a in attempts} | {c.learner for c in reading.completions})
    groups_of = {name: Counter(a.group for a in attempts if a.learner == name and a.group) for name in learners}
    cells = [make_cell(name, key, by_cell.get((name, key), [])) for name in learners for key in keys]
    cells_of: dict[str, list] = defaultdict(list)
    for cell in cells:
        cells_of[cell.learner].append(cell)
    in_items = set(items)
    threshold = many_wrong([sum(c.wrong for c in cells_of[name]) for name in learners])
    learner_rows = [
        learner_row(name, _top(groups_of[name]), cells_of[name], in_items, titles, threshold) for name in learners
    ]
    learner_rows.sort(key=lambda r: (not r.needs_help, r.name.lower()))
    exercise_rows = hardest_first([
        exercise_row(key, titles[key], [c for c in cells if c.exercise == key], key in in_items) for key in keys
    ])
    wrong: dict[str, list] = defaultdict(list)
    for attempt in attempts:
        if not attempt.success:
            wrong[attempt.key].append(attempt)
    groups = {key: analyse(key, wrong[key], source) for key in keys if wrong.get(key)}
    warnings = reading.warnings() + _course_warnings(keys, source)
    if outside:
        warnings.append(f"{outside} answer(s) to exercises outside the sheet left out")
    title = sheet.title if sheet else _top(Counter(a.sheet_title for a in attempts if a.sheet_title)) or "Class report"
    return Report(
        title=title, learners=learner_rows, exercises=exercise_rows, groups=groups,
        misconceptions=misconceptions(attempts), cells=cells, attempts=attempts, warnings=warnings,
        sheet=sheet.id if sheet else None, files=reading.files,
    )


def _top(counter: Counter) -> str | None:
    return counter.most_common(1)[0][0] if counter else None


def _titles(attempts, keys: list[str], source: CourseSource | None) -> dict[str, str]:
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


def _course_warnings(keys: list[str], source: CourseSource | None) -> list[str]:
    if source is None:
        return []
    missing = [k for k in keys if source.model(*k.split("/", 1)) is None]
    if not missing:
        return []
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    return [f"{len(missing)} exercise(s) not in the course, their wrong answers grouped by text: {shown}"]

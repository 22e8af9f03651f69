"""From statements read to a Report: grouped per learner and exercise, the wrong answers analysed."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import replace

from .course import CourseSource
from .enrich import EARLY, course_warnings, titles_of, top, verdicts, with_params
from .misconceptions import misconceptions
from .model import Report
from .reading import Reading
from .responses import analyse
from .rows import exercise_row, hardest_first, learner_row, make_cell, many_wrong
from .sheet import SheetItems
from .stats import discrimination, success_index
from .variants import by_variant


def make_report(reading: Reading, sheet: SheetItems | None, source: CourseSource | None, *,
                discounted: Mapping[str, str] | None = None, show_variants: bool = False) -> Report:
    attempts = sorted(with_params(reading.attempts, source), key=lambda a: (a.timestamp or EARLY, a.where))
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
    titles = titles_of(attempts, keys, source)
    completions = sorted(reading.completions, key=lambda c: c.timestamp or EARLY)
    learners = sorted({a.learner for a in attempts} | {c.learner for c in completions})
    groups_of = {name: Counter(a.group for a in attempts if a.learner == name and a.group) for name in learners}
    cells = [make_cell(name, key, by_cell.get((name, key), [])) for name in learners for key in keys]
    cells_of: dict[str, list] = defaultdict(list)
    for cell in cells:
        cells_of[cell.learner].append(cell)
    notes = {k: n for k, n in (discounted or {}).items() if k in keys}
    scored = set(items) - set(notes)
    threshold = many_wrong([sum(c.wrong for c in cells_of[name]) for name in learners])
    judged = verdicts(completions, sheet.id if sheet else None)
    learner_rows = [
        replace(learner_row(name, top(groups_of[name]), cells_of[name], scored, titles, threshold),
                verdict=judged.get(name)) for name in learners
    ]
    learner_rows.sort(key=lambda r: (not r.needs_help, r.name.lower()))
    by_key: dict[str, list] = defaultdict(list)
    for cell in cells:
        by_key[cell.exercise].append(cell)
    exercise_rows = hardest_first([
        replace(exercise_row(key, titles[key], by_key[key], key in items), success_index=success_index(by_key[key]),
                discrimination=discrimination(key, cells_of, scored) if key in scored else None,
                discounted=notes.get(key))
        for key in keys
    ])
    wrong: dict[str, list] = defaultdict(list)
    for attempt in attempts:
        if not attempt.success:
            wrong[attempt.key].append(attempt)
    groups = {key: analyse(key, wrong[key], source) for key in keys if wrong.get(key)}
    warnings = reading.warnings() + course_warnings(keys, source)
    if outside:
        warnings.append(f"{outside} answer(s) to exercises outside the sheet left out")
    title = sheet.title if sheet else top(Counter(a.sheet_title for a in attempts if a.sheet_title)) or "Class report"
    return Report(
        title=title, learners=learner_rows, exercises=exercise_rows, groups=groups,
        misconceptions=misconceptions(attempts), cells=cells, attempts=attempts, warnings=warnings,
        sheet=sheet.id if sheet else None, files=reading.files, completions=completions,
        variants=by_variant(attempts), show_variants=show_variants,
    )

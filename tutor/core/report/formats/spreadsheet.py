"""The report as CSV for spreadsheets: one row per learner × exercise."""

from __future__ import annotations

import csv
import io

from ..model import Report
from ..text import stamp

COLUMNS = ("learner", "class", "lesson", "exercise", "title", "tries", "tries_to_solve", "wrong", "solved",
           "solution_shown", "hints", "seconds", "first_answer", "last_answer", "last_response", "diagnoses",
           "may_need_help")


def render(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    learners = {r.name: r for r in report.learners}
    titles = {r.key: r.title for r in report.exercises}
    order = {r.key: i for i, r in enumerate(report.exercises)}
    for cell in sorted(report.cells, key=lambda c: (c.learner.lower(), order.get(c.exercise, 0))):
        row = learners[cell.learner]
        lesson, _, exercise = cell.exercise.partition("/")
        writer.writerow((
            cell.learner, row.group or "", lesson, exercise, titles.get(cell.exercise, ""), cell.tries,
            cell.tries_to_solve if cell.tries else "", cell.wrong, int(cell.solved), int(cell.solution_shown),
            cell.hints, round(cell.seconds, 1), stamp(cell.first), stamp(cell.last), safe_cell(cell.last_response),
            ";".join(cell.diagnoses), int(row.needs_help),
        ))
    return out.getvalue()


def safe_cell(text: str) -> str:
    """A typed answer like =1+2 or -x must stay text: spreadsheets run cells that start with = + - @."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text

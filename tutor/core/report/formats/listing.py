"""Lists beside the report: re-marking's changes and the attempts a --where finds, in any format.

term and md are tables for reading, csv one row per item for a spreadsheet, json records for
scripts (every field, the variant's params as an object).
"""

from __future__ import annotations

import csv
import io
import json

from ..attempt import Attempt
from ..recheck import Recheck
from ..sections import ATTEMPT_COLUMNS, CHANGE_COLUMNS, attempt_rows, change_rows, recheck_headline, skipped_lines
from . import markdown, terminal
from .spreadsheet import safe_cell

LIST_FORMATS = ("term", "md", "csv", "json")


def render_changes(found: Recheck, fmt: str) -> str:
    """Every change (verdicts first, then diagnoses) with what the answer was and is."""
    changes = found.verdicts + found.diagnoses
    if fmt == "json":
        return _json({"lessons": found.lessons, "checked": found.checked, "skipped": dict(found.skipped),
                      "changes": [c.to_json() for c in changes]})
    columns = ("change", *CHANGE_COLUMNS)
    rows = [(c.kind, *row) for c, row in zip(changes, change_rows(changes))]
    return _tabular(columns, rows, fmt, [recheck_headline(found), *skipped_lines(found)])


def render_attempts(attempts: list[Attempt], fmt: str, title: str) -> str:
    if fmt == "json":
        return _json({"title": title, "attempts": [{
            "learner": a.learner, "exercise": a.key, "params": dict(a.params), "seed": a.seed, "try": a.try_number,
            "response": a.response, "success": a.success, "diagnosis": a.diagnosis,
            "timestamp": a.timestamp.isoformat() if a.timestamp else None, "where": a.where} for a in attempts]})
    return _tabular(ATTEMPT_COLUMNS, attempt_rows(attempts), fmt, [title])


def _tabular(columns: tuple[str, ...], rows: list[tuple[str, ...]], fmt: str, heading: list[str]) -> str:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(tuple(safe_cell(v) for v in row) for row in rows)
        return out.getvalue()
    if fmt == "md":
        return "\n".join([*heading, "", *markdown.table(columns, rows)]) + "\n"
    if fmt == "term":
        return "\n".join([*heading, "", *(terminal.table(columns, rows) if rows else ["(none)"])]) + "\n"
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(LIST_FORMATS)}")


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

"""The report as plain text for a terminal or a pipe: aligned tables, no colour."""

from __future__ import annotations

import unicodedata

from ..model import Report
from ..summary import (EXERCISE_COLUMNS, GROUP_COLUMNS, LEARNER_COLUMNS, MISCONCEPTION_COLUMNS, exercise_rows,
                       group_rows, headline, learner_rows, misconception_rows)
from ..sections import (CHANGE_COLUMNS, VARIANT_COLUMNS, change_rows, discounted_lines, recheck_headline, recheck_of,
                        skipped_lines, variant_tables)
from ..text import exercise_label

MAX_CELL = 48  # a long answer is cut so a row still fits a wide terminal


def width(text: str) -> int:
    """Cells a string takes in a terminal: combining marks take none, wide characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    rows = [tuple(_cut(v) for v in row) for row in rows]
    widths = [max([width(c)] + [width(r[i]) for r in rows]) for i, c in enumerate(columns)]

    def line(values) -> str:
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()

    return [line(columns), line("─" * w for w in widths), *(line(r) for r in rows)]


def recheck_lines(report: Report) -> list[str]:
    found = recheck_of(report)
    if found is None:
        return []
    out = ["RE-MARKED", recheck_headline(found), *skipped_lines(found)]
    if found.verdicts:
        out += ["", "Verdicts changed", *table(CHANGE_COLUMNS, change_rows(found.verdicts))]
    if found.diagnoses:
        out += ["", "Same verdict, another diagnosis", *table(CHANGE_COLUMNS, change_rows(found.diagnoses))]
    return out + [""]


def render(report: Report) -> str:
    out = [report.title, headline(report), "", *recheck_lines(report)]
    for r in report.needing_help:
        out.append(f"⚑ {r.name}: {'; '.join(r.help_reasons)}")
    out += ["", "LEARNERS", *table(LEARNER_COLUMNS, learner_rows(report))]
    out += ["", "EXERCISES (hardest first)", *table(EXERCISE_COLUMNS, exercise_rows(report))]
    out += [f"discounted (left out of the scores): {line}" for line in discounted_lines(report)]
    if report.show_variants:
        out += ["", "BY VARIANT (exercises met in several variants)"]
        for key, rows in variant_tables(report):
            out += ["", key, *table(VARIANT_COLUMNS, rows)]
    out += ["", "MISCONCEPTIONS", *(table(MISCONCEPTION_COLUMNS, misconception_rows(report))
                                   if report.misconceptions else ["none named"])]
    out += ["", "RESPONSE ANALYSIS (wrong answers grouped by the checker)"]
    for row in report.exercises:
        if report.groups.get(row.key):
            out += ["", f"{exercise_label(row)}  ({row.key})", *table(GROUP_COLUMNS, group_rows(report, row.key))]
    if report.warnings:
        out += ["", "WARNINGS", *(f"! {w}" for w in report.warnings)]
    return "\n".join(out) + "\n"

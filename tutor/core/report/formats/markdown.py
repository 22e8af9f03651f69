"""The report as Markdown, for pasting into notes, an issue or a message."""

from __future__ import annotations

from ..model import Report
from ..summary import (EXERCISE_COLUMNS, GROUP_COLUMNS, LEARNER_COLUMNS, MISCONCEPTION_COLUMNS, exercise_rows,
                       group_rows, headline, learner_rows, misconception_rows)
from ..sections import (CHANGE_COLUMNS, VARIANT_COLUMNS, change_rows, discounted_lines, recheck_headline, recheck_of,
                        skipped_lines, variant_tables)
from ..text import HELP_MARK, exercise_label


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    out = ["| " + " | ".join(_cell(c) for c in columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return out


def render(report: Report) -> str:
    lines = [f"# {report.title}", "", headline(report), ""]
    found = recheck_of(report)
    if found is not None:
        lines += ["## Re-marked", "", recheck_headline(found), "", *[f"- {x}" for x in skipped_lines(found)], ""]
        for title, changes in (("Verdicts changed", found.verdicts), ("Same verdict, another diagnosis", found.diagnoses)):
            if changes:
                lines += [f"### {title}", "", *table(CHANGE_COLUMNS, change_rows(changes)), ""]
    if report.needing_help:
        lines += ["## May need help", ""]
        lines += [f"- **{r.name}**: {'; '.join(r.help_reasons)}" for r in report.needing_help]
        lines.append("")
    lines += ["## Learners", "", *table(LEARNER_COLUMNS, learner_rows(report)), "",
              f"{HELP_MARK} may need help. Score: solved of the sheet's items; a shown worked solution does not count.", ""]
    lines += ["## Exercises (hardest first)", "", *table(EXERCISE_COLUMNS, exercise_rows(report)), ""]
    if discounted_lines(report):
        lines += ["Discounted (left out of the scores):", "", *[f"- {x}" for x in discounted_lines(report)], ""]
    if report.show_variants:
        lines += ["## By variant", ""]
        for key, rows in variant_tables(report):
            lines += [f"### {key}", "", *table(VARIANT_COLUMNS, rows), ""]
    lines += ["## Misconceptions", ""]
    lines += table(MISCONCEPTION_COLUMNS, misconception_rows(report)) if report.misconceptions else ["None named."]
    lines += ["", "## Response analysis", ""]
    for row in report.exercises:
        if not report.groups.get(row.key):
            continue
        lines += [f"### {exercise_label(row)} ({row.key})", "", *table(GROUP_COLUMNS, group_rows(report, row.key, 8)), ""]
    if report.warnings:
        lines += ["## Warnings", "", *[f"- {w}" for w in report.warnings], ""]
    return "\n".join(lines)

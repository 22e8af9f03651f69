"""The HTML report's optional sections: re-marking's changes, results per variant, discounted items."""

from __future__ import annotations

from html import escape

from ..model import Report
from ..sections import (CHANGE_COLUMNS, VARIANT_COLUMNS, change_rows, discounted_lines, recheck_headline, recheck_of,
                        skipped_lines, variant_tables)


def _table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def recheck_section(report: Report) -> str:
    found = recheck_of(report)
    if found is None:
        return ""
    parts = [f"<section id=\"recheck\"><h2>Re-marked</h2><p>{escape(recheck_headline(found))}</p>"]
    parts += [f"<p class=\"note\">{escape(line)}</p>" for line in skipped_lines(found)]
    for title, changes in (("Verdicts changed", found.verdicts), ("Same verdict, another diagnosis", found.diagnoses)):
        if changes:
            parts.append(f"<h3>{escape(title)}</h3>{_table(CHANGE_COLUMNS, change_rows(changes))}")
    parts.append("<p class=\"note\">Nothing stored was rewritten: the report below uses today's verdicts.</p></section>")
    return "".join(parts)


def variants_section(report: Report) -> str:
    if not report.show_variants:
        return ""
    tables = "".join(f"<h3>{escape(key)}</h3>{_table(VARIANT_COLUMNS, rows)}" for key, rows in variant_tables(report))
    return (f"<section id=\"variants\"><h2>By variant</h2><p class=\"note\">Each exercise met in several variants, "
            f"its results per variant: one far below the others may be harder, or broken.</p>"
            f"{tables or '<p>Every exercise was met in one variant only.</p>'}</section>")


STATS_NOTE = ("<p class=\"note\">Success index (WeBWorK's): the mean score squared over the mean number of "
              "attempts, among learners who tried the item. Discrimination: the correlation between solving the "
              "item and the score on the rest of the sheet, among learners who tried it (near 0 or below: the "
              "item does not follow the rest of the sheet; above 0.3 it separates well).</p>")


def discounted_note(report: Report) -> str:
    lines = discounted_lines(report)
    if not lines:
        return STATS_NOTE
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return STATS_NOTE + f"<p class=\"note\">Discounted (left out of every score):</p><ul class=\"note\">{items}</ul>"

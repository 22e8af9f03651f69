"""The report as one self-contained HTML file: inline CSS and SVG charts, no script, nothing fetched.

It opens in any browser on an offline machine and prints well; every table is plain HTML, so it
can also be copied into a spreadsheet.
"""

from __future__ import annotations

from html import escape

from ..model import Report
from ..summary import (EXERCISE_COLUMNS, LEARNER_COLUMNS, MISCONCEPTION_COLUMNS, exercise_rows, headline,
                       learner_rows, misconception_rows)
from ..text import exercise_label, percent, plural
from .page_sections import discounted_note, recheck_section, variants_section
from .page_style import STYLE
from .svg import Bar, bar_chart

OPEN_ANALYSES = 6  # the hardest exercises' answer groups are shown open; the rest fold


def table(columns: tuple[str, ...], rows: list[tuple[str, ...]], classes: list[str] | None = None) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{classes[i]}"' if classes and classes[i] else ""
        body.append(f"<tr{cls}>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _help(report: Report) -> str:
    if not report.needing_help:
        return "<p>No one is marked: nobody has many wrong tries or a long stall on an unsolved exercise.</p>"
    items = "".join(f"<li><b>{escape(r.name)}</b>: {escape('; '.join(r.help_reasons))}</li>" for r in report.needing_help)
    return f"<ul class=\"help\">{items}</ul>"


def _success_chart(report: Report) -> str:
    bars = []
    for r in report.exercises:
        rate = r.success_rate
        tone = "bad" if rate is not None and rate < 0.5 else "warn" if rate is not None and rate < 0.8 else "bar"
        bars.append(Bar(exercise_label(r), (rate or 0.0) * 100, percent(rate), tone))
    return bar_chart(bars, "Success rate per exercise, hardest first", maximum=100)


def _misconception_chart(report: Report) -> str:
    bars = [Bar(m.code, m.count, f"{m.count} · {plural(len(m.learners), 'learner')}", "warn")
            for m in report.misconceptions]
    return bar_chart(bars, "Misconceptions: wrong answers per diagnosis") if bars else "<p>None named.</p>"


def _groups(report: Report) -> str:
    out = []
    shown = 0
    for row in report.exercises:
        groups = report.groups.get(row.key)
        if not groups:
            continue
        is_open = " open" if shown < OPEN_ANALYSES else ""
        shown += 1
        rows = []
        for g in groups:
            forms = "".join(f"<li><code>{escape(text)}</code> ×{n}</li>" for text, n in g.forms[1:6])
            more = f"<li>… {len(g.forms) - 6} more</li>" if len(g.forms) > 6 else ""
            option = f"<div class=\"note\">{escape(g.option)}</div>" if g.option else ""
            where = (f"<div class=\"note\">on {g.variants} variants</div>" if g.variants > 1 else
                     f"<div class=\"note\">variant {escape(g.variant)}</div>" if g.variant else "")
            diagnosis = (f"<b>{escape(g.diagnosis)}</b>" if g.diagnosis else "<span class=\"note\">not named</span>")
            message = f"<div class=\"note\">{escape(g.message)}</div>" if g.message else ""
            rows.append(
                f"<tr><td class=\"num\">{g.count}</td><td><code>{escape(g.representative)}</code>{option}{where}"
                f"{f'<ul class=forms>{forms}{more}</ul>' if forms else ''}</td><td>{diagnosis}{message}</td>"
                f"<td>{escape(', '.join(g.learners))}</td></tr>")
        wrong = sum(g.count for g in groups)
        out.append(
            f"<details{is_open} id=\"ex-{escape(row.key.replace('/', '-'))}\"><summary><b>{escape(exercise_label(row))}</b> "
            f"<span class=\"note\">{escape(row.key)} · success {percent(row.success_rate)} · "
            f"{plural(wrong, 'wrong answer')} in {plural(len(groups), 'group')}</span></summary>"
            "<table><thead><tr><th>count</th><th>answer as typed (other forms)</th><th>diagnosis</th>"
            f"<th>learners</th></tr></thead><tbody>{''.join(rows)}</tbody></table></details>")
    return "".join(out) or "<p>No wrong answers.</p>"


def render(report: Report) -> str:
    help_rows = ["help" if r.needs_help else "" for r in report.learners]
    warnings = "".join(f"<li>{escape(w)}</li>" for w in report.warnings)
    return "".join([
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        f"<title>{escape(report.title)}</title><style>{STYLE}</style></head><body>",
        f"<header><h1>{escape(report.title)}</h1><p>{escape(headline(report))}</p></header>",
        "<nav><a href=\"#help\">May need help</a> · <a href=\"#learners\">Learners</a> · "
        "<a href=\"#exercises\">Exercises</a> · <a href=\"#misconceptions\">Misconceptions</a> · "
        "<a href=\"#responses\">Response analysis</a></nav>",
        recheck_section(report),
        f"<section id=\"help\"><h2>May need help</h2>{_help(report)}</section>",
        f"<section id=\"learners\"><h2>Learners</h2>{table(LEARNER_COLUMNS, learner_rows(report), help_rows)}",
        "<p class=\"note\">⚑ may need help. Score: solved of the sheet's items; an exercise whose worked "
        "solution was shown does not count as solved. Times are UTC.</p></section>",
        f"<section id=\"exercises\"><h2>Exercises, hardest first</h2>{_success_chart(report)}",
        f"{table(EXERCISE_COLUMNS, exercise_rows(report))}{discounted_note(report)}</section>",
        variants_section(report),
        f"<section id=\"misconceptions\"><h2>Misconceptions</h2>{_misconception_chart(report)}",
        f"{table(MISCONCEPTION_COLUMNS, misconception_rows(report, 6)) if report.misconceptions else ''}</section>",
        "<section id=\"responses\"><h2>Response analysis</h2><p class=\"note\">Each exercise's wrong answers, "
        "grouped when the tutor's checker finds them mathematically equal (the same mistake on different "
        f"variants is one group).</p>{_groups(report)}</section>",
        f"<section id=\"warnings\"><h2>Warnings</h2><ul>{warnings}</ul></section>" if warnings else "",
        "</body></html>\n",
    ])

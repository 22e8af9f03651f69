"""The report's rows as plain values per column: one source for the terminal, Markdown and HTML tables."""

from __future__ import annotations

from .model import Report
from .text import HELP_MARK, clock, exercise_label, minutes, number, percent, signed

LEARNER_COLUMNS = ("", "learner", "solved", "attempted", "score", "time", "hints", "solutions", "last")
EXERCISE_COLUMNS = ("exercise", "lesson", "learners", "success", "median tries", "median time", "wrong answers",
                    "success index", "discrimination")
GROUP_COLUMNS = ("count", "answer (as typed)", "diagnosis", "learners")
MISCONCEPTION_COLUMNS = ("diagnosis", "wrong answers", "learners", "exercises")


def learner_rows(report: Report) -> list[tuple[str, ...]]:
    return [(HELP_MARK if r.needs_help else "", r.name, str(r.solved), f"{r.attempted}/{r.items}",
             percent(r.score) + (f" {r.verdict}" if r.verdict else ""), minutes(r.seconds), str(r.hints),
             str(r.solutions), clock(r.last)) for r in report.learners]


def exercise_rows(report: Report) -> list[tuple[str, ...]]:
    return [(exercise_label(r) + (" (discounted)" if r.discounted else ""), r.key.partition("/")[0], str(r.attempted),
             percent(r.success_rate), number(r.median_tries), minutes(r.median_seconds), str(r.wrong),
             signed(r.success_index, plus=False), signed(r.discrimination)) for r in report.exercises]


def group_rows(report: Report, key: str, learners_shown: int = 4) -> list[tuple[str, ...]]:
    out = []
    for g in report.groups.get(key, []):
        answer = g.representative + (f" — {g.option}" if g.option else "")
        if len(g.forms) > 1:
            answer += f" (+{len(g.forms) - 1} other form{'s' if len(g.forms) > 2 else ''})"
        if g.variants > 1:
            answer += f" [{g.variants} variants]"
        elif g.variant:
            answer += f" [{g.variant}]"
        names = ", ".join(g.learners[:learners_shown]) + (f" +{len(g.learners) - learners_shown}"
                                                         if len(g.learners) > learners_shown else "")
        out.append((str(g.count), answer, g.diagnosis or "—", names))
    return out


def misconception_rows(report: Report, exercises_shown: int = 3) -> list[tuple[str, ...]]:
    out = []
    for m in report.misconceptions:
        where = ", ".join(f"{k.partition('/')[2]} ({n})" for k, n in m.exercises[:exercises_shown])
        if len(m.exercises) > exercises_shown:
            where += f" +{len(m.exercises) - exercises_shown}"
        out.append((m.code, str(m.count), str(len(m.learners)), where))
    return out


def headline(report: Report) -> str:
    answers = len(report.attempts)
    return (f"{len(report.learners)} learners · {len(report.exercises)} exercises · {answers} answers · "
            f"{len(report.needing_help)} may need help")

"""The report's optional sections as plain rows: discounted items, results per variant, re-marking's changes.

One source for the terminal, Markdown and HTML forms (like summary.py for the main tables).
"""

from __future__ import annotations

from .attempt import Attempt
from .model import Report
from .recheck import Change, Recheck
from .text import clock, number, percent, plural

VARIANT_COLUMNS = ("variant", "learners", "success", "median tries", "commonest mistake", "note")
CHANGE_COLUMNS = ("learner", "exercise", "variant", "try", "answer", "was", "now", "diagnosis now")
ATTEMPT_COLUMNS = ("time", "learner", "exercise", "variant", "try", "answer", "✓", "diagnosis")


def discounted_lines(report: Report) -> list[str]:
    """`dl-dw: the stated answer was wrong` for each item left out of the scores."""
    return [f"{r.key}: {r.discounted}" for r in report.exercises if r.discounted]


def variant_tables(report: Report) -> list[tuple[str, list[tuple[str, ...]]]]:
    """(exercise key, rows) for each exercise met in more than one variant, in the report's order."""
    out = []
    for row in report.exercises:
        variants = report.variants.get(row.key, [])
        if len(variants) < 2:
            continue
        out.append((row.key, [(v.params or "—", str(v.learners), percent(v.success_rate), number(v.median_tries),
                               v.diagnosis or "—", v.note or "") for v in variants]))
    return out


def recheck_headline(found: Recheck) -> str:
    skipped = sum(found.skipped.values())
    return (f"Re-marked {plural(found.checked, 'answer')} against {found.lessons}: "
            f"{plural(len(found.verdicts), 'verdict')} changed, {len(found.diagnoses)} other diagnoses"
            + (f", {skipped} not re-marked" if skipped else "") + f" ({found.seconds:.1f} s).")


def change_rows(changes: list[Change]) -> list[tuple[str, ...]]:
    return [(c.attempt.learner, c.attempt.key.partition("/")[2], c.attempt.params_text or "—",
             str(c.attempt.try_number or ""), c.attempt.response, "right" if c.attempt.success else "wrong",
             c.kind.removeprefix("now "), c.diagnosis or "—") for c in changes]


def skipped_lines(found: Recheck) -> list[str]:
    return [f"{n} not re-marked: {why}" for why, n in found.skipped.most_common()]


def attempt_rows(attempts: list[Attempt]) -> list[tuple[str, ...]]:
    """One row per attempt, for --where listings."""
    return [(clock(a.timestamp), a.learner, a.key.partition("/")[2], a.params_text or "—", str(a.try_number or ""),
             a.response, "✓" if a.success else "✗", a.diagnosis or "") for a in attempts]


def recheck_of(report: Report) -> Recheck | None:
    return report.recheck if isinstance(report.recheck, Recheck) else None

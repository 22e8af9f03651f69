"""Rows of the report: one learner × exercise cell, then per learner and per exercise."""

from __future__ import annotations

from statistics import median

from .model import Cell, ExerciseRow, LearnerRow
from .attempt import Attempt

STUCK_WRONG_TRIES = 5   # wrong tries on one exercise, still not solved, that mark a learner "may need help"
STUCK_MINUTES = 10      # minutes spent on one exercise, still not solved, that mark one too
MANY_WRONG_FACTOR = 2   # wrong tries in all, against the class's median, that mark one too ...
MANY_WRONG_AT_LEAST = 10  # ... but never for fewer than this many (a class that rarely errs)


def solved_at(attempts: list[Attempt]) -> int | None:
    """Index of the first right answer that counts (a shown worked solution means not solved)."""
    return next((i for i, a in enumerate(attempts) if a.success and not a.solution_shown), None)


def make_cell(learner: str, key: str, attempts: list[Attempt]) -> Cell:
    first_right = solved_at(attempts)
    times = [a.timestamp for a in attempts if a.timestamp is not None]
    return Cell(
        learner=learner, exercise=key, tries=len(attempts),
        tries_to_solve=first_right + 1 if first_right is not None else len(attempts),
        wrong=sum(not a.success for a in attempts), solved=first_right is not None,
        solution_shown=any(a.solution_shown for a in attempts),
        hints=max((a.hints for a in attempts), default=0),  # the count is cumulative per exercise
        seconds=sum(a.seconds or 0.0 for a in attempts),
        first=min(times, default=None), last=max(times, default=None),
        last_response=attempts[-1].response if attempts else "",
        diagnoses=tuple(a.diagnosis for a in attempts if a.diagnosis),
    )


def many_wrong(wrong_per_learner: list[int]) -> int:
    """How many wrong tries in all make a learner stand out in this class."""
    typical = median(wrong_per_learner) if wrong_per_learner else 0
    return max(MANY_WRONG_AT_LEAST, int(MANY_WRONG_FACTOR * typical + 0.999))


def help_reasons(cells: list[Cell], titles: dict[str, str], threshold: int | None = None) -> tuple[str, ...]:
    out = []
    wrong = sum(c.wrong for c in cells)
    if threshold is not None and wrong >= threshold:
        out.append(f"{wrong} wrong tries in all")
    for cell in cells:
        if cell.solved or not cell.tries:
            continue
        parts = []
        if cell.wrong >= STUCK_WRONG_TRIES:
            parts.append(f"{cell.wrong} wrong tries")
        if cell.seconds >= STUCK_MINUTES * 60:
            parts.append(f"{cell.seconds / 60:.0f} min")
        if parts:
            exercise = cell.exercise.partition("/")[2]
            title = titles.get(cell.exercise)
            named = exercise if not title or title == exercise else f"{exercise} ({title})"
            out.append(f"{', '.join(parts)} on {named}, not solved")
    return tuple(out)


def learner_row(name: str, group: str | None, cells: list[Cell], items: set[str], titles: dict[str, str],
                threshold: int | None = None) -> LearnerRow:
    met = [c for c in cells if c.tries]
    times = [c.last for c in met if c.last is not None]
    return LearnerRow(
        name=name, group=group,
        solved=sum(c.solved for c in met if c.exercise in items),
        attempted=sum(1 for c in met if c.exercise in items),
        items=len(items), answers=sum(c.tries for c in met), wrong=sum(c.wrong for c in met),
        seconds=sum(c.seconds for c in met), hints=sum(c.hints for c in met),
        solutions=sum(c.solution_shown for c in met), last=max(times, default=None),
        help_reasons=help_reasons(met, titles, threshold),
    )


def exercise_row(key: str, title: str, cells: list[Cell], in_sheet: bool) -> ExerciseRow:
    met = [c for c in cells if c.tries]
    tries = [c.tries_to_solve for c in met]  # answers after solving it are practice, not struggle
    return ExerciseRow(
        key=key, title=title, attempted=len(met), solved=sum(c.solved for c in met),
        answers=sum(c.tries for c in met), wrong=sum(c.wrong for c in met),
        median_tries=float(median(tries)) if tries else None,
        median_seconds=float(median(c.seconds for c in met)) if met else None, in_sheet=in_sheet,
    )


def hardest_first(rows: list[ExerciseRow]) -> list[ExerciseRow]:
    def order(row: ExerciseRow):
        rate = row.success_rate
        return (rate is None, rate if rate is not None else 0.0, -(row.median_tries or 0), row.key)

    return sorted(rows, key=order)

"""The lab-sheet half of the store: a learner's run of a sheet, its tallies, finishing it, the statements."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from tutor.core.xapi.statements import (CompletionRecord, SheetContext, answer_statement, completion_statement, encode,
                                        finished_statements)
from tutor.core.xapi.vocabulary import completion_id, mastery_id

from . import answers
from .base import StoreBase

_RUN_COLUMNS = ("sheet_id", "title", "class_name", "mode", "started_at", "finished_at", "solved", "items", "statement")


@dataclass(frozen=True)
class SheetRun:
    """One learner's run of one sheet: opened at `started_at`, finished (handed in) or not."""

    sheet_id: str
    title: str
    class_name: str
    mode: str
    started_at: float
    finished_at: float | None
    solved: int | None     # at finishing: exercises solved, out of `items`
    items: int | None
    statement: str | None = None  # the "completed" statement as made at finishing (or imported)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def context(self) -> SheetContext:
        return SheetContext(self.sheet_id, self.title, self.class_name)


@dataclass(frozen=True)
class SheetTally:
    """One exercise's answers in a sheet: graded tries, solved (without the solution), answered right."""

    lesson_id: str
    exercise_id: str
    tries: int
    solved: bool
    correct: bool


class LabMethods(StoreBase):
    """Sheet runs: started once (the time limit counts from there), tallied, finished once."""

    def start_sheet(self, sheet: SheetContext, mode: str) -> SheetRun:
        """The learner's run of this sheet, begun now if it was never opened (reopening keeps the start)."""
        def work(conn, at):
            conn.execute("INSERT OR IGNORE INTO sheet_runs (learner_id, sheet_id, title, class_name, mode, started_at)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         (self.learner_id, sheet.sheet_id, sheet.title, sheet.class_name, mode, at))
            return _run(conn, self.learner_id, sheet.sheet_id)
        return self._apply(work)

    def sheet_run(self, sheet_id: str) -> SheetRun | None:
        with self._read() as conn:
            return _run(conn, self.learner_id, sheet_id)

    def sheet_tallies(self, sheet_id: str) -> dict[tuple[str, str], SheetTally]:
        """Every exercise answered in this sheet, by (lesson id, exercise id)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT lesson_id, exercise_id, count(*),"
                " max(verdict = 'correct' AND coalesce(solution_shown, 0) = 0 AND mode != 'practice'),"
                " max(verdict = 'correct') FROM attempts"
                " WHERE learner_id = ? AND sheet_id = ? AND verdict != 'invalid' GROUP BY lesson_id, exercise_id",
                (self.learner_id, sheet_id)).fetchall()
        return {(l_, e): SheetTally(l_, e, n, bool(s), bool(c)) for l_, e, n, s, c in rows}

    def finish_sheet(self, sheet_id: str, solved: int, items: int, *, finished_at: float | None = None,
                     submit: Path | None = None, mastery: float | None = None) -> SheetRun:
        """Hand the sheet in (the first time counts); its "completed" statement (and, with a `mastery`
        score, its "passed" or "failed") waits for `submit` too. The statements are kept as lines of
        one text, so every copy of them is the same."""
        def work(conn, at):
            run = _run(conn, self.learner_id, sheet_id)
            if run is None:
                raise ValueError(f"the sheet {sheet_id!r} was never opened")
            if run.finished:
                return run
            when = at if finished_at is None else min(at, finished_at)
            done = replace(run, finished_at=when, solved=solved, items=items)
            made = finished_statements(self._completion(done, mastery), mastery_id(sheet_id, self.learner.name))
            text = "\n".join(_text(statement) for statement in made)
            conn.execute("UPDATE sheet_runs SET finished_at = ?, solved = ?, items = ?, statement = ?"
                         " WHERE learner_id = ? AND sheet_id = ?", (when, solved, items, text, self.learner_id, sheet_id))
            if submit is not None:
                for line in text.split("\n"):
                    self._queue(conn, submit, done.context, line, at)
            return replace(done, statement=text)
        return self._apply(work)

    def statements(self, *, since: float | None = None, sheet_id: str | None = None) -> Iterator[dict]:
        """The learner's xAPI statements: one per checked answer, one per finished sheet, oldest first."""
        for lines in self.statement_lines(since=since, sheet_id=sheet_id):
            for line in lines.splitlines():  # a finished sheet keeps "completed" and "passed" as two lines
                yield json.loads(line)

    def statement_lines(self, *, since: float | None = None, sheet_id: str | None = None) -> Iterator[bytes]:
        """The same statements as JSON lines (UTF-8, `\n`-ended), the text kept when each was made.

        Read in one transaction, so an export is one consistent picture even while answers arrive.
        """
        with self._read() as conn:
            for kept, attempt_id in answers.kept_statements(conn, self.learner_id, since, sheet_id):
                # Answers from before statements were kept get theirs made the same way now.
                yield kept + b"\n" if kept else encode(answer_statement(answers.answer_record(
                    answers.row(conn, attempt_id), self.learner.name)))
            for run in _finished_runs(conn, self.learner_id, since, sheet_id):
                yield (run.statement + "\n").encode("utf-8") if run.statement else encode(
                    completion_statement(self._completion(run)))

    def _completion(self, run: SheetRun, mastery: float | None = None) -> CompletionRecord:
        return CompletionRecord(
            completion_id(run.sheet_id, self.learner.name), self.learner.name, run.context,
            solved=run.solved or 0, items=run.items or 0,
            duration_ms=max(0.0, (run.finished_at - run.started_at) * 1000.0), at=run.finished_at, mastery=mastery)


def _text(statement: dict) -> str:
    return encode(statement).decode("utf-8").rstrip("\n")


def _run(conn: sqlite3.Connection, learner: int, sheet_id: str) -> SheetRun | None:
    row = conn.execute(f"SELECT {', '.join(_RUN_COLUMNS)} FROM sheet_runs WHERE learner_id = ? AND sheet_id = ?",
                       (learner, sheet_id)).fetchone()
    return None if row is None else SheetRun(*row)


def _finished_runs(conn: sqlite3.Connection, learner: int, since: float | None,
                   sheet_id: str | None) -> list[SheetRun]:
    where, args = ["learner_id = ?", "finished_at IS NOT NULL"], [learner]
    if since is not None:
        where.append("finished_at >= ?")
        args.append(since)
    if sheet_id is not None:
        where.append("sheet_id = ?")
        args.append(sheet_id)
    rows = conn.execute(f"SELECT {', '.join(_RUN_COLUMNS)} FROM sheet_runs WHERE {' AND '.join(where)}"
                        " ORDER BY finished_at", args).fetchall()
    return [SheetRun(*row) for row in rows]

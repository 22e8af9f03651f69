"""The SQL behind answers: one checked answer with everything its xAPI statement says, and reading them back.

A statement is made from its row by one function (answer_record) when the answer is checked and
kept beside it (`statement`); the submit folder, exports and LRS pushes all send that text, so
every copy of a statement is the same. Answers from before statements were kept get theirs made
by the same function at export.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from tutor.core.xapi.statements import AnswerRecord, SheetContext, answer_statement, encode
from tutor.core.xapi.vocabulary import answer_id

from .records import Attempt, Learner

ATTEMPT_COLUMNS = ("id", "lesson_id", "exercise_id", "seed", "answer", "verdict", "diagnosis",
                   "method", "mode", "elapsed_ms", "at")
STATEMENT_COLUMNS = ("id", "lesson_id", "exercise_id", "seed", "answer", "verdict", "diagnosis", "mode",
                     "at", "statement_id", "try_number", "hints", "solution_shown", "duration_ms", "message",
                     "exercise_name", "response", "choice_text", "sheet_id", "sheet_title", "class_name",
                     "statement")


@dataclass(frozen=True)
class AnswerContext:
    """What an answer's statement says beyond the verdict, known when it is checked."""

    exercise_name: str | None = None  # the activity's name, e.g. "The basic example: ∂f/∂x"
    message: str | None = None        # the feedback the learner saw
    duration_ms: float | None = None  # time on this try
    response: str | None = None       # the response when it is not the text typed (a choice's letter)
    choice_text: str | None = None
    sheet: SheetContext | None = None
    params: tuple[tuple[str, str], ...] = ()  # the variant's parameters as shown, for the statement


def insert(conn: sqlite3.Connection, learner: Learner, values: dict, context: AnswerContext) -> dict:
    """Insert one attempt (`values`: lesson_id … at) with its context; return the full row."""
    row = dict(values, learner_id=learner.id, statement_id=None, try_number=None, hints=None,
               solution_shown=None, duration_ms=context.duration_ms, message=context.message,
               exercise_name=context.exercise_name, response=context.response,
               choice_text=context.choice_text, statement=None,
               sheet_id=context.sheet.sheet_id if context.sheet else None,
               sheet_title=context.sheet.title if context.sheet else None,
               class_name=context.sheet.class_name if context.sheet else None)
    if values["verdict"] != "invalid":  # a typo is no attempt: no statement, no try
        key = (learner.id, values["lesson_id"], values["exercise_id"], values["seed"], row["sheet_id"])
        row["try_number"] = 1 + conn.execute(
            "SELECT count(*) FROM attempts WHERE learner_id = ? AND lesson_id = ? AND exercise_id = ?"
            " AND seed = ? AND sheet_id IS ? AND verdict != 'invalid'", key).fetchone()[0]
        help_given = dict(conn.execute(
            "SELECT kind, count(*) FROM help_shown WHERE learner_id = ? AND lesson_id = ? AND exercise_id = ?"
            " AND seed = ? AND sheet_id IS ? GROUP BY kind", key).fetchall())
        row["hints"], row["solution_shown"] = help_given.get("hint", 0), int("solution" in help_given)
    columns = [c for c in row if c != "id"]
    cursor = conn.execute(f"INSERT INTO attempts ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                          [row[c] for c in columns])
    row["id"] = int(cursor.lastrowid)
    if row["try_number"] is not None:
        row["statement_id"] = answer_id(learner.name, row["lesson_id"], row["exercise_id"], row["at"], row["id"])
        # Kept as made: every later copy (submit folder, export, LRS) is this very text.
        record = answer_record(row, learner.name, context.params)
        row["statement"] = encode(answer_statement(record)).decode("utf-8").rstrip("\n")
        conn.execute("UPDATE attempts SET statement_id = ?, statement = ? WHERE id = ?",
                     (row["statement_id"], row["statement"], row["id"]))
    return row


def answer_record(row: Mapping, learner: str, params: tuple[tuple[str, str], ...] = ()) -> AnswerRecord:
    """The statement's content from a stored row (STATEMENT_COLUMNS) and the variant's params, when known."""
    sheet = (SheetContext(row["sheet_id"], row["sheet_title"] or row["sheet_id"], row["class_name"] or "")
             if row["sheet_id"] else None)
    solution = row["solution_shown"]  # NULL: an answer from before hints were counted per try
    return AnswerRecord(
        statement_id=row["statement_id"], learner=learner, lesson_id=row["lesson_id"],
        exercise_id=row["exercise_id"],
        exercise_name=row["exercise_name"] or f"{row['lesson_id']}/{row['exercise_id']}",
        response=row["response"] if row["response"] is not None else row["answer"],
        success=row["verdict"] == "correct", diagnosis=row["diagnosis"], try_number=row["try_number"],
        hints=row["hints"], solution_shown=None if solution is None else bool(solution),
        seed=row["seed"], mode=row["mode"], message=row["message"], duration_ms=row["duration_ms"],
        at=row["at"], sheet=sheet, choice_text=row["choice_text"], params=params)


def kept_statements(conn: sqlite3.Connection, learner: int, since: float | None = None,
                    sheet_id: str | None = None) -> Iterator[tuple[bytes | None, int]]:
    """(the kept statement as UTF-8 bytes or None, the attempt id) of the learner's graded answers, oldest first.

    Only the text is read, as bytes: an export of 100 000 answers is mostly copying it.
    """
    where, args = _where(learner, since, sheet_id)
    yield from conn.execute(f"SELECT CAST(statement AS BLOB), id FROM attempts WHERE {' AND '.join(where)}"
                            " ORDER BY id", args)


def row(conn: sqlite3.Connection, attempt_id: int) -> dict:
    values = conn.execute(f"SELECT {', '.join(STATEMENT_COLUMNS)} FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
    return dict(zip(STATEMENT_COLUMNS, values))


def _where(learner: int, since: float | None, sheet_id: str | None) -> tuple[list[str], list]:
    where, args = ["learner_id = ?", "verdict != 'invalid'"], [learner]
    if since is not None:
        where.append("at >= ?")
        args.append(since)
    if sheet_id is not None:
        where.append("sheet_id = ?")
        args.append(sheet_id)
    return where, args


def recent_attempts(conn: sqlite3.Connection, learner: int, limit: int, lesson_id: str | None,
                    exercise_id: str | None) -> tuple[Attempt, ...]:
    where, args = ["learner_id = ?"], [learner]
    if lesson_id is not None:
        where.append("lesson_id = ?")
        args.append(lesson_id)
    if exercise_id is not None:
        where.append("exercise_id = ?")
        args.append(exercise_id)
    # id, not time, orders them: ids only grow, while the clock can jump backwards.
    rows = conn.execute(
        f"SELECT {', '.join(ATTEMPT_COLUMNS)} FROM attempts WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ?",
        [*args, max(0, limit)])
    return tuple(Attempt(*row) for row in rows)


def add_help(conn: sqlite3.Connection, learner: int, lesson_id: str, exercise_id: str, seed: int | None,
             sheet_id: str | None, kind: str, at: float) -> None:
    conn.execute("INSERT INTO help_shown VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (learner, lesson_id, exercise_id, seed, sheet_id, kind, at))

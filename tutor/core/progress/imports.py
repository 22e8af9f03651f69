"""The import half of the store: statements from another machine become this learner's answers, once each."""

from __future__ import annotations

from dataclasses import replace

from tutor.core.xapi.read import ReadAnswer, ReadCompletion
from tutor.core.xapi.vocabulary import COMPLETED

from . import cards, queries, rules, slips
from .base import StoreBase


class ImportMethods(StoreBase):
    """Merging exports: idempotent by statement id; states move as if the answers were given here."""

    def import_answer(self, read: ReadAnswer) -> bool:
        """Add an answer read from a statement; False (and nothing changed) when its id is already here."""
        def work(conn, at):
            if conn.execute("SELECT 1 FROM attempts WHERE statement_id = ?", (read.statement_id,)).fetchone():
                return False
            learner = self.learner_id
            before = state = queries.load_state(conn, learner, read.lesson_id, read.exercise_id)
            if read.solution_shown:
                state = rules.after_reveal(state, read.seed)
            state = rules.after_attempt(state, "correct" if read.success else "incorrect", read.seed, read.mode, read.at)
            if read.hints:  # a count of hints on that variant, not more hints: the larger count stands
                state = replace(state, hints_used=max(state.hints_used, read.hints))
            sheet = read.sheet
            conn.execute(
                "INSERT INTO attempts (learner_id, lesson_id, exercise_id, seed, answer, verdict, diagnosis,"
                " elapsed_ms, at, mode, method, statement_id, try_number, hints, solution_shown, duration_ms,"
                " message, exercise_name, response, choice_text, sheet_id, sheet_title, class_name, statement)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)",
                (learner, read.lesson_id, read.exercise_id, read.seed, read.response,
                 "correct" if read.success else "incorrect", read.diagnosis, read.at, read.mode,
                 read.statement_id, read.try_number, read.hints,
                 None if read.solution_shown is None else int(read.solution_shown), read.duration_ms,
                 read.message, read.exercise_name, read.choice_text, sheet.sheet_id if sheet else None,
                 sheet.title if sheet else None, sheet.class_name if sheet else None, read.raw))
            queries.save_state(conn, learner, state)
            # Slips and review cards as if answered here: the mistake counted, a first completion's card.
            if not read.success and read.diagnosis:
                slips.count(conn, learner, read.diagnosis, read.lesson_id, read.exercise_id, read.at)
            rating = self._rating(conn, before, state, {"mode": read.mode, "duration_ms": read.duration_ms,
                                                        "hints": read.hints}, None)
            if rating is not None:
                cards.schedule(conn, learner, read.lesson_id, read.exercise_id, rating, mode=read.mode,
                               seed=read.seed, attempt_id=None, at=read.at)
            if sheet is not None:
                # The sheet was opened there: its time limit counts from that first answer (or earlier).
                started = read.at - (read.duration_ms or 0.0) / 1000.0
                conn.execute("INSERT OR IGNORE INTO sheet_runs (learner_id, sheet_id, title, class_name, mode,"
                             " started_at) VALUES (?, ?, ?, ?, ?, ?)",
                             (learner, sheet.sheet_id, sheet.title, sheet.class_name,
                              "test" if read.mode == "test" else "study", started))
                conn.execute("UPDATE sheet_runs SET started_at = min(started_at, ?) WHERE learner_id = ? AND sheet_id = ?",
                             (started, learner, sheet.sheet_id))
            return True
        return self._apply(work)

    def import_completion(self, read: ReadCompletion) -> bool:
        """Mark the sheet handed in as the statement says; False when it already is here.

        A "passed" or "failed" joins the run's kept lines (after its "completed", whichever comes first)."""
        def work(conn, at):
            sheet, learner = read.sheet, self.learner_id
            started = read.at - (read.duration_ms or 0.0) / 1000.0
            conn.execute("INSERT OR IGNORE INTO sheet_runs (learner_id, sheet_id, title, class_name, mode, started_at)"
                         " VALUES (?, ?, ?, ?, 'study', ?)", (learner, sheet.sheet_id, sheet.title, sheet.class_name,
                                                              started))
            if read.verb != COMPLETED:
                return bool(conn.execute(
                    "UPDATE sheet_runs SET statement = coalesce(statement || char(10), '') || ?"
                    " WHERE learner_id = ? AND sheet_id = ? AND instr(coalesce(statement, ''), ?) = 0",
                    (read.raw, learner, sheet.sheet_id, read.statement_id)).rowcount)
            changed = conn.execute(
                "UPDATE sheet_runs SET finished_at = ?, solved = ?, items = ?,"
                " statement = ? || coalesce(char(10) || statement, '')"
                " WHERE learner_id = ? AND sheet_id = ? AND finished_at IS NULL",
                (read.at, read.solved, read.items, read.raw, learner, sheet.sheet_id)).rowcount
            return bool(changed)
        return self._apply(work)

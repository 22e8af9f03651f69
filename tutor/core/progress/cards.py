"""The SQL behind review cards: schedule one (FSRS, in the answer's transaction), read them, count what is due."""

from __future__ import annotations

import sqlite3

from .records import ReviewCard

_COLUMNS = ("lesson_id", "exercise_id", "card", "due", "reps", "lapses", "last_rating", "last_review")


def _card(row: tuple) -> ReviewCard:
    lesson_id, exercise_id, card, due, reps, lapses, last_rating, last_review = row
    if card is None:  # from before reviews: not scheduled by FSRS yet
        return ReviewCard(lesson_id, exercise_id, due, reps, lapses, last_rating, last_review, "new", 0.0, 0.0)
    from tutor.core.review.schedule import read

    s = read(card)
    return ReviewCard(lesson_id, exercise_id, due, reps, lapses, last_rating, last_review, s.state,
                      s.stability, s.difficulty, card)


def load(conn: sqlite3.Connection, learner: int, lesson_id: str, exercise_id: str) -> ReviewCard | None:
    row = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM review_cards"
                       " WHERE learner_id = ? AND lesson_id = ? AND exercise_id = ?",
                       (learner, lesson_id, exercise_id)).fetchone()
    return None if row is None else _card(row)


def schedule(conn: sqlite3.Connection, learner: int, lesson_id: str, exercise_id: str, rating: int, *,
             mode: str, seed: int | None, attempt_id: int | None, at: float) -> ReviewCard:
    """Rate the exercise's card (creating it on its first rating) and log the rating; the new card."""
    from tutor.core.review.schedule import review

    before = load(conn, learner, lesson_id, exercise_id)
    after = review(before.card if before else None, rating, at)
    reps = (before.reps if before else 0) + 1
    lapses = (before.lapses if before else 0) + (rating == 1 and before is not None and before.reps > 0)
    conn.execute(
        "INSERT INTO review_cards (learner_id, lesson_id, exercise_id, card, due, reps, lapses, last_rating,"
        " last_review, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (learner_id, lesson_id, exercise_id) DO UPDATE SET card = excluded.card,"
        " due = excluded.due, reps = excluded.reps, lapses = excluded.lapses,"
        " last_rating = excluded.last_rating, last_review = excluded.last_review",
        (learner, lesson_id, exercise_id, after.card, after.due, reps, int(lapses), rating, at, at))
    conn.execute("INSERT INTO review_log (learner_id, lesson_id, exercise_id, rating, mode, seed, attempt_id, at, due)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (learner, lesson_id, exercise_id, rating, mode, seed, attempt_id, at, after.due))
    return load(conn, learner, lesson_id, exercise_id)


def all_cards(conn: sqlite3.Connection, learner: int) -> list[ReviewCard]:
    rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM review_cards WHERE learner_id = ? ORDER BY due, rowid",
                        (learner,))
    return [_card(r) for r in rows]


def due(conn: sqlite3.Connection, learner: int, now: float) -> list[tuple[str, str, float]]:
    """(lesson, exercise, due) of every card due at `now`, most overdue first; read from the index alone."""
    return conn.execute("SELECT lesson_id, exercise_id, due FROM review_cards WHERE learner_id = ? AND due <= ?"
                        " ORDER BY due", (learner, now)).fetchall()


def next_due(conn: sqlite3.Connection, learner: int, now: float) -> float | None:
    row = conn.execute("SELECT min(due) FROM review_cards WHERE learner_id = ? AND due > ?", (learner, now)).fetchone()
    return row[0]


def seeds_seen(conn: sqlite3.Connection, learner: int, lesson_id: str, exercise_id: str) -> set[int]:
    """The variants already answered right: a review asks for other numbers."""
    return {r[0] for r in conn.execute(
        "SELECT DISTINCT seed FROM attempts WHERE learner_id = ? AND lesson_id = ? AND exercise_id = ?"
        " AND verdict = 'correct'", (learner, lesson_id, exercise_id))}


def holding(conn: sqlite3.Connection, learner: int, now: float) -> set[tuple[str, str]]:
    """(lesson, exercise) of the cards holding at `now` (records.ReviewCard.holding, in SQL)."""
    return set(conn.execute("SELECT lesson_id, exercise_id FROM review_cards WHERE learner_id = ? AND due > ?"
                            " AND reps >= 2 AND last_rating > 1", (learner, now)).fetchall())


def log(conn: sqlite3.Connection, learner: int) -> list[tuple]:
    """Every rating, oldest first: (lesson, exercise, rating, mode, seed, attempt id, at, due after it)."""
    return conn.execute("SELECT lesson_id, exercise_id, rating, mode, seed, attempt_id, at, due FROM review_log"
                        " WHERE learner_id = ? ORDER BY id", (learner,)).fetchall()

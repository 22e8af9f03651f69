"""A schema-4 database (the committed fixture) gains review cards and slip counts, with nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tutor.core.progress import LATEST_VERSION, ProgressDatabase

FIXTURE = Path(__file__).parents[1] / "fixtures" / "progress-v4.sqlite3"
DAY = 86400.0
OLD_TABLES = ("learners", "attempts", "exercise_state", "positions", "quiz_runs", "quiz_answers", "work",
              "help_shown", "sheet_runs", "outbox", "pushed")


def _rows(path: Path, table: str) -> list[tuple]:
    raw = sqlite3.connect(path)
    try:
        return raw.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
    finally:
        raw.close()


def test_the_fixture_is_schema_4():
    raw = sqlite3.connect(FIXTURE)
    assert raw.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("4",)
    raw.close()


def test_schema_4_gains_cards_for_completed_exercises_and_counted_slips(tmp_path):
    path = tmp_path / "progress.sqlite3"
    shutil.copy(FIXTURE, path)
    before = {t: _rows(FIXTURE, t) for t in OLD_TABLES}
    states = {(r[0], r[1], r[2]): r for r in before["exercise_state"]}
    db, message = ProgressDatabase.open(path, clock=lambda: 1_790_000_000.0)
    with db:
        assert message is None
        ana, bo = db.existing("Ana María"), db.existing("Bo")
        # Every exercise completed (solved, copied, or finished in practice) has a card, due a day
        # after its last answer; its first review will schedule it with FSRS.
        cards = {(c.lesson_id, c.exercise_id): c for c in ana.review_cards()}
        assert set(cards) == {("basic-example", "dfdx-basic"), ("basic-example", "dfdy-basic"),
                              ("core-idea", "dfdx-product"), ("gradient-vector", "grad-basic"),
                              ("gradient-vector", "minus-gradient")}
        for (lesson, exercise), card in cards.items():
            last_attempt = states[(ana.learner_id, lesson, exercise)][11]
            assert card.due == last_attempt + DAY and card.state == "new" and card.reps == 0 and card.card is None
        assert [(c.lesson_id, c.exercise_id) for c in bo.review_cards()] == [("mse-loss", "dl-dw")]
        # Slips are counted from the answers already kept, per learner.
        assert [(s.code, s.count, s.exercise_id) for s in ana.slips()] == [
            ("wrong-variable", 2, "dfdx-product"), ("sign", 1, "grad-basic")]
        assert [(s.code, s.count) for s in bo.slips()] == [("dropped-chain-factor", 1)]
        assert ana.slip("wrong-variable").since_drill == 2
        # Due now (a year later): all of them, most overdue first.
        assert len(ana.due_reviews()) == 5
    for table in OLD_TABLES:  # the old tables, row for row
        assert _rows(path, table) == before[table], table
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(LATEST_VERSION)
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()


def test_a_migrated_card_is_scheduled_by_its_first_review(tmp_path):
    path = tmp_path / "progress.sqlite3"
    shutil.copy(FIXTURE, path)
    now = [1_790_000_000.0]
    db, _ = ProgressDatabase.open(path, clock=lambda: now[0])
    with db:
        ana = db.existing("Ana María")
        card = ana.review_missed("basic-example", "dfdy-basic")
        assert card.state == "review" and card.reps == 1 and card.lapses == 0 and card.last_rating == 1
        assert card.due == now[0] + DAY  # "again": tomorrow

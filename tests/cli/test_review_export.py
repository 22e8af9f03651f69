"""`tutor export --format review`: every learner's review cards (FSRS state as the fsrs package reads
it), ratings in order, and slip counts, as one JSON document."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fsrs import Card

from tutor.core.progress import AnswerContext, ProgressDatabase, database_path

ROOT = Path(__file__).resolve().parents[2]
T0 = 1_780_000_000.0


def tutor(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, cwd=ROOT)


def test_review_export_holds_cards_ratings_and_slips(tmp_path):
    now = [T0]
    db, _ = ProgressDatabase.open(database_path(tmp_path), clock=lambda: now[0])
    with db:
        ana = db.learner("Ana")
        ana.record_attempt("basic-example", "dfdx-basic", seed=0, answer="3", verdict="incorrect", diagnosis="wrong-variable")
        ana.record_attempt("basic-example", "dfdx-basic", seed=0, answer="2x", verdict="correct",
                           context=AnswerContext(duration_ms=90_000))
        now[0] += 3 * 86400
        ana.review_missed("basic-example", "dfdx-basic", seed=4)
        stored = ana.review_card("basic-example", "dfdx-basic")
        db.learner("Bo")
    out = tmp_path / "review.json"
    done = tutor("export", "--all", "--format", "review", "--out", str(out), "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "1 review card(s) of 2 learner(s)" in done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "tutor-review/1"
    ana, bo = document["learners"]
    assert (ana["learner"], bo["learner"], bo["cards"], bo["slips"]) == ("Ana", "Bo", [], [])
    (card,) = ana["cards"]
    assert (card["lesson"], card["exercise"], card["reps"], card["lapses"], card["last_rating"]) == (
        "basic-example", "dfdx-basic", 2, 1, "again")
    assert Card.from_dict(card["fsrs"]) == Card.from_json(stored.card)  # the FSRS state, exactly
    assert [(r["rating"], r["mode"]) for r in ana["ratings"]] == [("hard", "study"), ("again", "review")]
    assert [(s["code"], s["count"], s["label"]) for s in ana["slips"]] == [
        ("wrong-variable", 1, "differentiating by the wrong variable")]


def test_review_export_refuses_answer_filters(tmp_path):
    db, _ = ProgressDatabase.open(database_path(tmp_path))
    with db:
        db.learner("Ana")
    done = tutor("export", "--learner", "Ana", "--format", "review", "--since", "2026-01-01", "--data-dir", str(tmp_path))
    assert done.returncode == 2 and "--format review exports every card" in done.stderr


def test_import_counts_slips_and_makes_cards_as_if_answered_here(tmp_path, capsys):
    from tests.cli.test_classroom_cli import lab_day, run

    lab_day(tmp_path / "pc1")
    run(["export", "--data-dir", str(tmp_path / "pc1"), "--out", str(tmp_path / "ana.jsonl")])
    assert run(["import", str(tmp_path / "ana.jsonl"), "--data-dir", str(tmp_path / "pc2")]) == 0
    capsys.readouterr()
    seen = []
    for machine in ("pc1", "pc2"):
        db, _ = ProgressDatabase.open(database_path(tmp_path / machine))
        with db:
            ana = db.existing("Ana María")
            seen.append(([(s.code, s.count) for s in ana.slips()],
                         sorted((c.exercise_id, c.last_rating, c.reps) for c in ana.review_cards())))
    assert seen[0] == seen[1] and seen[0][0] and seen[0][1]

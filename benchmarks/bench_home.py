"""Home with a long history: 5000 review cards and 50 000 answers, first screen in a real pseudo-terminal.

Run: python benchmarks/bench_home.py [--runs 15]

One learner's database holds 50 000 checked answers (with their diagnoses, so 20 slips are
counted) and 5000 review cards, a third of them due: the bundled course's 122 exercises and 4878
of a course no longer here (a card whose exercise is gone waits, unseen, and must not slow home
down). The figure is the time from starting `tutor` to the moment "Review: N due" is drawn (so
the due count, the lesson rows with mastery and the usual slips are all read), median of the runs;
beside it the same for a learner with nothing yet (first lesson drawn), and the reads home makes
timed in process. Budget: the first screen's ≤ 0.7 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from userenv import user_env

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import time_in_pty

from tutor.core.lessons.catalog import read_catalog
from tutor.core.lessons.loader import load_course
from tutor.core.maths.codes import LABELS
from tutor.core.progress import ProgressDatabase, database_path
from tutor.core.review.schedule import review
from tutor.core.study import Study

CARDS, ANSWERS, DAY = 5000, 50_000, 86400.0


def make(data: Path, now: float) -> int:
    """The big learner's database; returns how many cards are due at `now`."""
    course = load_course(None, build=False)
    real = [(lesson.id, m.id) for lesson in course.lessons for m in lesson.lesson.exercises]
    gone = [(f"old-course-{i // 40}", f"exercise-{i % 40}") for i in range(CARDS - len(real))]
    rng = random.Random(7)
    codes = sorted(LABELS)
    db, _ = ProgressDatabase.open(database_path(data), clock=lambda: now)
    with db:
        ana = db.learner("Ana")
        learner = ana.learner_id
        # Each answer keeps its xAPI statement (about 1 KB): the file is as large as a real one.
        ana.record_attempt("basic-example", "dfdx-basic", seed=0, answer="3", verdict="incorrect",
                           diagnosis="wrong-variable", method="numeric")
        statement = next(iter(ana.statements()))
        text = json.dumps(statement, ensure_ascii=False)

        def fill(conn, at):
            rows = []
            for i in range(ANSWERS - 1):
                lesson, exercise = rng.choice(real + gone)
                wrong = rng.random() < 0.3
                rows.append((learner, lesson, exercise, i % 50, "x", "incorrect" if wrong else "correct",
                             rng.choice(codes) if wrong else None, now - (ANSWERS - i) * 60.0, "study",
                             f"{i:08d}" + statement["id"][8:], text))
            conn.executemany("INSERT INTO attempts (learner_id, lesson_id, exercise_id, seed, answer, verdict,"
                             " diagnosis, at, mode, statement_id, statement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             rows)
            conn.execute("DELETE FROM slips")
            conn.execute("INSERT INTO slips (learner_id, code, count, last_at) SELECT learner_id, diagnosis,"
                         " count(*), max(at) FROM attempts WHERE diagnosis IS NOT NULL GROUP BY diagnosis")
            cards = []
            for i, (lesson, exercise) in enumerate(real + gone):
                made = now - rng.uniform(1, 60) * DAY
                s = review(None, rng.choice((1, 2, 3, 4)), made)
                due = now - DAY if i % 3 == 0 else now + rng.uniform(1, 30) * DAY
                cards.append((learner, lesson, exercise, s.card, due, 2, 0, 3, made, made))
            conn.executemany("INSERT INTO review_cards (learner_id, lesson_id, exercise_id, card, due, reps, lapses,"
                             " last_rating, last_review, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cards)
            conn.executemany("INSERT OR REPLACE INTO exercise_state (learner_id, lesson_id, exercise_id, attempts,"
                             " correct, solved, completed, mastery, last_attempt_at) VALUES (?, ?, ?, 3, 2, 1, 1, 0.6, ?)",
                             [(learner, lesson, exercise, now - DAY) for lesson, exercise in real])
            conn.execute("INSERT INTO positions VALUES (?, 'basic-example', NULL, 'dfdx-basic', ?)", (learner, now))
        db.write(fill)
        study = Study(None, ana, read_catalog(None))
        return len(study.due_cards())


def reads(data: Path) -> float:
    """The reads home makes (rows, the next step, slips), in process, in ms: median of 20."""
    db, _ = ProgressDatabase.open(database_path(data))
    with db:
        study = Study(None, db.existing("Ana"), read_catalog(None))
        times = []
        for _ in range(20):
            started = time.perf_counter()
            study.rows()
            study.next_step()
            study.slips()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big, empty = Path(tmp) / "big", Path(tmp) / "empty"
        due = make(big, time.time())
        size = database_path(big).stat().st_size / 1e6
        print(f"a learner with {ANSWERS} answers and {CARDS} cards ({due} of them due in this course), "
              f"database {size:.1f} MB; home's reads in process: {reads(big):.1f} ms (median of 20)")
        argv = [sys.executable, "-m", "tutor", "--learner", "Ana"]
        figures = {}
        for name, data, marker in (("long history", big, f"Review: {due} due"), ("nothing yet", empty, "Welcome! Pick a lesson")):
            env = user_env(TERM="xterm-256color", TUTOR_HOME=str(data))
            time_in_pty(argv, env, marker)  # warm the file cache
            figures[name] = [time_in_pty(argv, env, marker) for _ in range(args.runs)]
        for name, drawn in figures.items():
            print(f"first screen, {name}: median {statistics.median(drawn):.2f} s (min {min(drawn):.2f}, "
                  f"max {max(drawn):.2f}) of {args.runs}; budget ≤ 0.7 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time to export 100 000 checked answers as xAPI statements: the whole `tutor export` command.

Run: python benchmarks/bench_export.py [--answers 100000] [--runs 5]

Budget: ≤ 2 s. A class of 30 with a term of labs has that many answers. The database is made once
(in a temporary folder) with every answer as Study.record stores it: a sheet, a message, a
duration, hints; then `tutor export --all --format xapi --out FILE` runs --runs times, whole process
included (Python, imports, reading, building and writing every statement). CSV is timed once too.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tutor.core.progress import AnswerContext, ProgressDatabase, database_path
from tutor.core.progress.answers import insert
from tutor.core.xapi.statements import SheetContext

LEARNERS = 30


def make(data: Path, answers: int) -> None:
    db, _ = ProgressDatabase.open(database_path(data))
    sheet = SheetContext("week-3", "Week 3: gradients", "ML 2B")
    with db:
        stores = [db.learner(f"Student {i:02d} Ñandú") for i in range(LEARNERS)]
        context = AnswerContext(exercise_name="A first example: ∂f/∂x (dfdx-basic)", duration_ms=12_400.0,
                                message="That is ∂f/∂y: you differentiated with respect to y instead of x.",
                                sheet=sheet)

        def fill(conn, at):  # one transaction: making the data is not what is measured
            for n in range(answers):
                store = stores[n % LEARNERS]
                insert(conn, store.learner, dict(
                    lesson_id="basic-example", exercise_id=f"ex-{n % 40}", seed=n % 7, answer="3x^2 + 2y",
                    verdict="correct" if n % 3 else "incorrect", diagnosis=None if n % 3 else "wrong-variable",
                    method="numeric", mode="test", elapsed_ms=1.5, at=1_780_000_000.0 + n), context)
        db.write(fill)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out.jsonl"
        started = time.perf_counter()
        make(data, args.answers)
        print(f"made {args.answers} answers of {LEARNERS} learners in {time.perf_counter() - started:.1f} s")
        times = {}
        for fmt, runs in (("xapi", args.runs), ("csv", 1)):
            command = [sys.executable, "-m", "tutor", "export", "--all", "--format", fmt, "--data-dir", str(data),
                       "--out", str(out)]
            times[fmt] = []
            for _ in range(runs):
                started = time.perf_counter()
                done = subprocess.run(command, capture_output=True, text=True)
                times[fmt].append(time.perf_counter() - started)
                if done.returncode != 0:
                    print(done.stderr[-2000:])
                    return 1
            lines = sum(1 for _ in out.open("rb"))
            print(f"tutor export --format {fmt}, whole process, median of {runs}: {statistics.median(times[fmt]):.2f} s "
                  f"(min {min(times[fmt]):.2f}, max {max(times[fmt]):.2f}); {lines} lines, "
                  f"{out.stat().st_size / 1e6:.0f} MB" + ("; budget ≤ 2 s" if fmt == "xapi" else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

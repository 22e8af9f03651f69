"""Time to open a 40-item lab sheet: what `tutor SHEET.yaml` does before its first screen can paint.

Run: python benchmarks/bench_sheet.py [--runs 15]

Budget: within the first screen's (≤ 0.7 s for `tutor`, whose bare Textual app with the same
widgets paints in ~0.23 s here). Measured, as a whole process each run: starting Python, reading
the sheet and checking its 40 items against a quick read of the course (the same checks as
`tutor SHEET.yaml`), opening a data directory shared by 30 learners, starting the learner's run and
building the sheet's progress (status, tries, time left of every item).

Then the same in the app, as a student sees it: `tutor SHEET --learner NAME` started in a
pseudo-terminal (as bench_startup.py measures the first screen), timed until the sheet's first
item is drawn in its table, median of the runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from bench_startup import time_in_pty
from userenv import user_env

from tutor.core.lessons.catalog import read_catalog
from tutor.core.progress import ProgressDatabase, database_path

OPEN = textwrap.dedent("""
    import sys, time
    started = time.perf_counter()
    from tutor.cli.sheet_check import open_for_app
    from tutor.core.lessons.catalog import read_catalog
    from tutor.core.progress import ProgressDatabase, database_path
    from tutor.core.sheets import resolve
    from tutor.core.sheets.resolve import catalog_index
    from tutor.core.sheets.session import SheetSession
    sheet, status = open_for_app(sys.argv[1])
    db, _ = ProgressDatabase.open(database_path(sys.argv[2]))
    store = db.learner("Student 07")
    exercises, _ = resolve(sheet, catalog_index(sheet))
    titles = {e.id: e.title for e in read_catalog()}
    progress = SheetSession(sheet, exercises, store, lesson_titles=titles).progress()
    assert progress.total == 40, progress.total
    print(f"{time.perf_counter() - started:.4f}")
""")


def make(folder: Path) -> Path:
    exercises = [f"{entry.id}/{e}" for entry in read_catalog() for e in entry.exercise_ids][:40]
    sheet = folder / "lab.yaml"
    sheet.write_text("id: big-lab\ntitle: Forty items\nclass: ML 2B\nmode: test\ntries: 3\ntime_limit: 90\nitems:\n"
                     + "".join(f"  - exercise: {e}\n" for e in exercises), encoding="utf-8")
    db, _ = ProgressDatabase.open(database_path(folder / "data"))
    with db:
        for i in range(30):
            store = db.learner(f"Student {i:02d}")
            for e in exercises[:10]:
                lesson, exercise = e.split("/")
                store.record_attempt(lesson, exercise, seed=i, answer="x", verdict="incorrect")
    return sheet


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sheet = make(Path(tmp))
        whole, inside = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", OPEN, str(sheet), str(Path(tmp) / "data")],
                                 capture_output=True, text=True)
            whole.append(time.perf_counter() - started)
            if out.returncode != 0:
                print(out.stderr[-2000:])
                return 1
            inside.append(float(out.stdout))
        print(f"open a 40-item sheet, whole process, median of {args.runs}: {statistics.median(whole):.2f} s "
              f"(min {min(whole):.2f}, max {max(whole):.2f}); of which the tutor's work (imports included): "
              f"{statistics.median(inside) * 1000:.0f} ms; budget: within the first screen's ≤ 0.7 s")
        first_item = next(line.split("/", 1)[1].strip() for line in sheet.read_text().splitlines()
                          if line.strip().startswith("- exercise:"))
        env = user_env(TERM="xterm-256color", TUTOR_HOME=str(Path(tmp) / "data"))
        argv = [sys.executable, "-m", "tutor", str(sheet), "--learner", "Student 07"]
        time_in_pty(argv, env, first_item)  # warm the file cache
        drawn = [time_in_pty(argv, env, first_item) for _ in range(args.runs)]
    print(f"the app: `tutor SHEET --learner NAME` until the sheet's first item is drawn, median of "
          f"{args.runs}: {statistics.median(drawn):.2f} s (min {min(drawn):.2f}, max {max(drawn):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

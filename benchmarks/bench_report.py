"""Time of the class report on a 30-learner, 20-item lab (response analysis included), median of runs.

Run: python benchmarks/bench_report.py [LAB_DIR] [--runs 5]

With no LAB_DIR a lab is generated first (benchmarks/make_class_lab.py, seed 1, with noise) in a
temporary folder. Budget: ≤ 1 s. Two figures: the whole `tutor report ... --format html --out`
command (starting Python and importing the maths engine included: what a teacher waits for), and
the report's own work inside that process (reading, grouping, writing the HTML).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSIDE = """
import json, sys, time
t0 = time.perf_counter()
from tutor.core.report import build_report
from tutor.core.report.formats import write
t1 = time.perf_counter()
report = build_report([sys.argv[1]], sheet=sys.argv[2])
t2 = time.perf_counter()
write(report, "html", sys.argv[3])
t3 = time.perf_counter()
groups = sum(len(g) for g in report.groups.values())
print(json.dumps({"imports": t1 - t0, "build": t2 - t1, "html": t3 - t2, "learners": len(report.learners),
                  "exercises": len(report.exercises), "answers": len(report.attempts), "groups": groups,
                  "warnings": len(report.warnings)}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lab", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-report-"))
    lab = args.lab or scratch / "lab"
    if args.lab is None:
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_class_lab.py"), str(lab), "--noise"],
                       check=True, cwd=ROOT)
    sheet, submit, out = lab / "partials-lab.yaml", lab / "submit", scratch / "report.html"
    command = [sys.executable, "-m", "tutor", "report", str(submit), "--sheet", str(sheet), "--format", "html",
               "--out", str(out)]
    whole, cpu, inside = [], [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        whole.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU seconds are what the run costs whatever else the machine is doing (a shared machine's
        # wall time grows with its load; on an idle core the two are about equal).
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            print(done.stderr[-2000:])
            return 1
        parts = subprocess.run([sys.executable, "-c", INSIDE, str(submit), str(sheet), str(out)],
                               capture_output=True, text=True, check=True, cwd=ROOT)
        inside.append(json.loads(parts.stdout))
    last = inside[-1]
    med = {k: statistics.median(x[k] for x in inside) for k in ("imports", "build", "html")}
    print(f"lab: {last['learners']} learners, {last['exercises']} exercises, {last['answers']} answers, "
          f"{last['groups']} answer groups, {last['warnings']} warnings")
    print(f"tutor report --format html, whole process, median of {args.runs}: {statistics.median(whole):.2f} s "
          f"(min {min(whole):.2f}, max {max(whole):.2f}; budget ≤ 1 s); CPU time median {statistics.median(cpu):.2f} s "
          f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"inside the process (median): imports {med['imports']:.2f} s, reading + grouping {med['build']:.2f} s, "
          f"HTML {med['html'] * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

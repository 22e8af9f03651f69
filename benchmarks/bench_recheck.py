"""Re-marking 10 000 stored answers against the current lessons (`tutor report --recheck`).

Run: python benchmarks/bench_recheck.py [--learners 280] [--runs 3] [LAB_DIR]

A generated lab (benchmarks/make_class_lab.py) of `--learners` learners on the 20-item sheet,
about 10 000 answers, marked by the faulty course (df-dx-2-3 computed at the wrong point, see
benchmarks/lab_live.py), is re-marked against the bundled (fixed) course. Two figures: the whole
`tutor report --recheck --changes FILE --format json --out FILE` command (starting Python and
importing the maths engine included), and the re-marking inside it: answers, distinct checks
(each exercise variant is built once and each distinct response on it checked once), changes.
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

from userenv import user_env

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

INSIDE = """
import json, sys, time
from tutor.core.report.course import CourseSource
from tutor.core.report.enrich import with_params
from tutor.core.report.reading import read_paths
from tutor.core.report.recheck import recheck
t0 = time.perf_counter()
reading = read_paths([sys.argv[1]])
t1 = time.perf_counter()
source = CourseSource()
found, _ = recheck(with_params(reading.attempts, source), source, "bundled")
t2 = time.perf_counter()
again, _ = recheck(reading.attempts, source, "bundled")  # variants built: the checks alone
t3 = time.perf_counter()
print(json.dumps({"read": t1 - t0, "recheck": t2 - t1, "warm": t3 - t2, "answers": found.checked,
                  "checks": found.checks, "verdicts": len(found.verdicts), "diagnoses": len(found.diagnoses),
                  "skipped": sum(found.skipped.values())}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lab", nargs="?", type=Path)
    parser.add_argument("--learners", type=int, default=280)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-recheck-"))
    lab = args.lab or scratch / "lab"
    if not (lab / "submit").exists():
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_class_lab.py"), str(lab), "--faulty",
                        "--learners", str(args.learners)], check=True, cwd=ROOT)
        print(f"(generated in {time.perf_counter() - started:.0f} s)")
    sheet, submit = lab / "partials-lab.yaml", lab / "submit"
    command = [sys.executable, "-m", "tutor", "report", str(submit), "--sheet", str(sheet), "--recheck",
               "--changes", str(scratch / "changes.csv"), "--format", "json", "--out", str(scratch / "report.json")]
    env = user_env(PYTHONPATH=str(ROOT))
    whole, cpu, inside = [], [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
        whole.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            print(done.stderr[-2000:])
            return 1
        parts = subprocess.run([sys.executable, "-c", INSIDE, str(submit)], capture_output=True, text=True,
                               check=True, cwd=ROOT, env=env)
        inside.append(json.loads(parts.stdout))
    last = inside[-1]
    med = {k: statistics.median(x[k] for x in inside) for k in ("read", "recheck", "warm")}
    print(f"{last['answers']} answers re-marked ({last['skipped']} not re-markable), {last['checks']} distinct "
          f"checks; {last['verdicts']} verdicts changed, {last['diagnoses']} other diagnoses")
    print(f"tutor report --recheck (whole process, report and changes written), median of {args.runs}: "
          f"{statistics.median(whole):.2f} s (min {min(whole):.2f}); CPU {statistics.median(cpu):.2f} s "
          f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"inside: reading {med['read']:.2f} s, re-marking {med['recheck']:.2f} s (variants built, maths "
          f"imported), the same again warm {med['warm']:.2f} s = {med['warm'] / last['checks'] * 1000:.2f} ms "
          "per distinct check")
    return 0


if __name__ == "__main__":
    sys.exit(main())

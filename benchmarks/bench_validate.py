"""Time to validate the bundled course: the whole `tutor validate` command, median of runs.

Run: python benchmarks/bench_validate.py [--runs 5] [--seeds 20]

Budget: ≤ 3 s. The figure counts everything a teacher waits for: starting Python, importing the
engine, reading every lesson, and proving every exercise over --seeds variants. Two figures:
"every lesson proved" (--no-cache: what a first run, or a run after the engine changed, costs) and
"proved before" (the lessons found valid earlier and unchanged since are not proved again: the next
run). The CPU time (the process and its workers) is printed too: on this shared 2-core machine the
wall time follows the other work running on it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from userenv import user_env  # benchmarks/ is on the path when run as a script


def timed(command: list[str], env: dict) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the command and its children, its last line)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        print(out.stdout[-2000:], out.stderr[-2000:])
        raise SystemExit(1)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    command = [sys.executable, "-m", "tutor", "validate", "--seeds", str(args.seeds)]
    with tempfile.TemporaryDirectory() as cache:
        env = user_env(TUTOR_CACHE_DIR=cache)
        cold = [timed([*command, "--no-cache"], env) for _ in range(args.runs)]
        timed(command, env)  # fills the cache
        warm = [timed(command, env) for _ in range(args.runs)]
    print(cold[-1][2])
    for name, runs in (("every lesson proved (--no-cache)", cold), ("proved before, unchanged", warm)):
        walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
        print(f"tutor validate, {name}, median of {args.runs}: {statistics.median(walls):.2f} s "
              f"(min {min(walls):.2f}, max {max(walls):.2f}); CPU {statistics.median(cpus):.2f} s; budget ≤ 3 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time to validate the bundled course: the whole `tutor validate` command, median of runs.

Run: python benchmarks/bench_validate.py [--runs 5] [--seeds 20]

Budget: ≤ 3 s. The figure counts everything a teacher waits for: starting Python, importing the
engine, reading every lesson, and proving every exercise over --seeds variants.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    command = [sys.executable, "-m", "tutor", "validate", "--seeds", str(args.seeds)]
    times, summary = [], ""
    for _ in range(args.runs):
        started = time.perf_counter()
        out = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if out.returncode != 0:
            print(out.stdout[-2000:], out.stderr[-2000:])
            return 1
        summary = out.stdout.strip().splitlines()[-1]
    print(summary)
    print(f"tutor validate, whole process, median of {args.runs}: {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}; budget ≤ 3 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

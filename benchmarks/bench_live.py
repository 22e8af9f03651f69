"""The live report under load: 30 learners' machines appending to a submit folder every few seconds.

Run: python benchmarks/bench_live.py [--writers 30] [--seconds 60] [--app]

A generated lab (benchmarks/make_class_lab.py, 30 learners) is written up to its 30th minute, then
`--writers` processes each append their learner's next statements, one every 1–5 s (random),
through the tutor's own submit-folder writer, each stamped with the moment it is written. This
process follows the folder as `tutor report --watch` does (the system's notifications, only the
new bytes read, the live model updated, the live tables computed as the screen would) and measures:
- update latency: from a line's timestamp (when it was written) to the live model holding it;
- CPU: this process's CPU time over the run, as a share of one core; and idle CPU once the
  writers stop (nothing changes: it should cost nothing).
With --app it also runs the real `tutor report --watch` in tmux (80×24) under the same load and
reads its CPU time from /proc: the whole app, screen redraws included.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.make_class_lab import START, class_lines  # noqa: E402
from benchmarks.lab_statements import CLASS, SHEET_ID  # noqa: E402

BEFORE_MINUTES = 30   # the lab had been going this long when the teacher opened the live view
IDLE_SECONDS = 10


def stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def writer(submit: Path, name: str, statements: list[dict], seconds: float, seed: int) -> int:
    """One machine: its learner's next statements, one every 1–5 s, each stamped as it is written."""
    from tutor.core.xapi.submit import append_lines

    rng = random.Random(seed)
    end = time.time() + seconds
    written = 0
    for s in statements:
        time.sleep(rng.uniform(1.0, 5.0))
        if time.time() >= end:
            break
        s["timestamp"] = stamp(datetime.now(timezone.utc))
        append_lines(submit, submit / CLASS / name, [json.dumps(s, ensure_ascii=False).encode() + b"\n"])
        written += 1
    return written


def warm(_: int) -> None:
    """A writer process ready before the clock starts (Python started, the writer imported)."""
    import tutor.core.xapi.submit  # noqa: F401


def prepare(folder: Path) -> tuple[Path, Path, dict[str, list[dict]]]:
    """The sheet, the submit folder with the first half hour written, and each learner's rest."""
    from benchmarks.make_class_lab import write_sheet

    items, files = class_lines(30, 20, 1)
    sheet = folder / f"{SHEET_ID}.yaml"
    write_sheet(sheet, items)
    submit = folder / "submit"
    (submit / CLASS).mkdir(parents=True)
    cut = stamp(START + timedelta(minutes=BEFORE_MINUTES))
    shift = datetime.now(timezone.utc) - (START + timedelta(minutes=BEFORE_MINUTES))
    rest = {}
    for name, statements in files.items():
        early = []
        for s in statements:
            if s["timestamp"] < cut:
                when = datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00")) + shift
                early.append(dict(s, timestamp=stamp(when)))
        (submit / CLASS / name).write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in early),
                                           encoding="utf-8")
        rest[name] = [s for s in statements if s["timestamp"] >= cut]
    return sheet, submit, rest


def follow(submit: Path, sheet: Path, stop: threading.Event, latencies: list[float], batches: list[float]) -> None:
    """What `tutor report --watch` does in its watcher thread and on each refresh, minus the drawing."""
    from tutor.core.report import ReportFeed
    from tutor.core.report.live import LiveModel
    from tutor.core.report.watch import changes, plan

    feed = ReportFeed([submit], sheet)
    model = LiveModel()
    report = feed.start()
    model.add(report.attempts, report.completions)
    for changed in changes([submit], stop, plan([submit])):
        started = time.perf_counter()
        batch = feed.update(changed)
        model.add(batch.attempts, batch.completions)
        now = datetime.now(timezone.utc)
        model.working(now), model.recent(now), model.pace(now)  # what the live screen shows
        arrived = time.time()
        latencies.extend(arrived - a.timestamp.timestamp() for a in batch.attempts)
        batches.append(time.perf_counter() - started)


def cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def app_pid(session: str) -> int | None:
    out = subprocess.run(["tmux", "list-panes", "-t", session, "-F", "#{pane_pid}"], capture_output=True, text=True)
    shell = out.stdout.strip()
    if not shell:
        return None
    children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    return int(children[0]) if children else int(shell)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--app", action="store_true", help="also measure the real app in tmux (80×24)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-live-"))
    sheet, submit, rest = prepare(folder)
    names = sorted(rest)[: args.writers]
    session = f"bench-live-{os.getpid()}"
    if args.app:
        env = f"PYTHONPATH={ROOT}"
        subprocess.run(["tmux", "new", "-d", "-s", session, "-x", "80", "-y", "24",
                        f"cd {ROOT} && {env} {sys.executable} -m tutor report {submit} --sheet {sheet} --watch"],
                       check=True)
        time.sleep(8)  # the app reads the first half hour and opens the live view
    stop = threading.Event()
    latencies: list[float] = []
    batches: list[float] = []
    thread = threading.Thread(target=follow, args=(submit, sheet, stop, latencies, batches), daemon=True)
    thread.start()
    time.sleep(6)  # the follower reads the first half hour (and imports the maths) before the writers start
    app = app_pid(session) if args.app else None
    with multiprocessing.get_context("spawn").Pool(len(names)) as pool:
        pool.map(warm, range(len(names)), chunksize=1)
        app_before = cpu_of(app) if app else 0.0
        before, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        jobs = [(submit, n, rest[n], args.seconds, i) for i, n in enumerate(names)]
        written = sum(pool.starmap(writer, jobs, chunksize=1))
    time.sleep(1.0)  # the last lines arrive
    after, elapsed = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter() - wall
    app_busy = (cpu_of(app) - app_before) / elapsed if app else None
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) / elapsed
    idle_before, app_idle_before = resource.getrusage(resource.RUSAGE_SELF), cpu_of(app) if app else 0.0
    time.sleep(IDLE_SECONDS)
    idle_after = resource.getrusage(resource.RUSAGE_SELF)
    idle = (idle_after.ru_utime - idle_before.ru_utime + idle_after.ru_stime - idle_before.ru_stime) / IDLE_SECONDS
    app_idle = (cpu_of(app) - app_idle_before) / IDLE_SECONDS if app else None
    stop.set()
    thread.join(2)
    if args.app:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    shutil.rmtree(folder, ignore_errors=True)
    lat = sorted(latencies)
    print(f"{len(names)} writers, {written} lines in {elapsed:.0f} s ({written / elapsed:.1f} lines/s); "
          f"{len(lat)} answers seen in {len(batches)} batches (load average now {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores)")
    if lat:
        print(f"update latency (written → in the live model): median {statistics.median(lat) * 1000:.0f} ms, "
              f"p95 {lat[int(0.95 * (len(lat) - 1))] * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms")
        print(f"work per batch (read new bytes, update the model, compute the live tables): median "
              f"{statistics.median(batches) * 1000:.1f} ms, max {max(batches) * 1000:.1f} ms")
    print(f"follower CPU under load: {cpu * 100:.1f}% of one core; idle (nothing written for {IDLE_SECONDS} s): "
          f"{idle * 100:.2f}%")
    if app:
        print(f"the app (tutor report --watch in tmux, 80×24) under load: {app_busy * 100:.1f}% of one core; "
              f"idle: {app_idle * 100:.2f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())

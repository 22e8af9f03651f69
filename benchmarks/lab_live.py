"""A class lab played live into a submit folder, and a lab run with a faulty lesson (for make_class_lab.py).

The lab's statements (make_class_lab.class_lines) are given real timestamps: lab minute
`start_at` is now, so what came before is written at once (the lab was already going when the
teacher opened the live view) and the rest is appended as its time comes, `speed` times faster
than the lab went (durations shrink with it). Each line goes through the tutor's own submit-folder
writer (tutor.core.xapi.submit.append_lines: one whole line, locked, synced), from `writers`
processes, each owning some learners' files as each machine of a lab owns its students'.

The faulty course is the bundled one with an author's slip in basic-example/df-dx-2-3: the prompt
asks for df_dx(2, 3) but the lesson computes it at (3, 3), so the class's right answer (4) is
marked wrong and 6 right. Fixing it (the bundled course) and `tutor report --recheck` must list
exactly those verdicts.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

FAULTY_FILE = "03-basic-example.yaml"
FAULTY_EXERCISE = "basic-example/df-dx-2-3"
RIGHT = "compute: {partial: x^2 + 3y, wrt: x, at: {x: 2, y: 3}}\n    answer: 4\n"
SLIP = "compute: {partial: x^2 + 3y, wrt: x, at: {x: 3, y: 3}}\n    answer: 6\n"


def write_faulty_course(folder: Path) -> Path:
    """The bundled lessons with the slip in df-dx-2-3 (consistent, so `tutor validate` passes it)."""
    from tutor.core.lessons.loader import bundled_lessons_dir

    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(bundled_lessons_dir(), folder, ignore=shutil.ignore_patterns("sheets", "*.md"))
    path = folder / FAULTY_FILE
    text = path.read_text(encoding="utf-8")
    if RIGHT not in text:
        raise SystemExit(f"{path}: the exercise to make faulty has changed; update benchmarks/lab_live.py")
    path.write_text(text.replace(RIGHT, SLIP, 1), encoding="utf-8")
    return folder


def retimed(files: dict[str, list[dict]], start: datetime, start_at: float, speed: float, now: datetime
            ) -> list[tuple[float, str, dict]]:
    """(real unix time to write it, file name, statement with real timestamps), in writing order."""
    zero = start + timedelta(minutes=start_at)
    out = []
    for name, statements in files.items():
        for s in statements:
            lab_time = datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00"))
            real = now + (lab_time - zero) / speed
            s = json.loads(json.dumps(s))
            s["timestamp"] = real.strftime("%Y-%m-%dT%H:%M:%S.") + f"{real.microsecond // 1000:03d}Z"
            duration = s.get("result", {}).get("duration")
            if duration and speed != 1:
                s["result"]["duration"] = f"PT{float(duration[2:-1]) / speed:.2f}S"
            out.append((real.timestamp(), name, s))
    return sorted(out, key=lambda x: x[0])


def play(submit: Path, files: dict[str, list[dict]], start: datetime, start_at: float = 0.0, speed: float = 1.0,
         writers: int = 1, folder: str = "5B") -> int:
    """Write the lab into `submit` as it happens; returns the lines written."""
    now = datetime.now(timezone.utc)
    plan = retimed(files, start, start_at, speed, now)
    (submit / folder).mkdir(parents=True, exist_ok=True)
    names = sorted(files)
    shares = [[n for i, n in enumerate(names) if i % writers == w] for w in range(writers)]
    jobs = [[(at, name, s) for at, name, s in plan if name in share] for share in shares]
    if writers == 1:
        return _write(submit, folder, jobs[0])
    with multiprocessing.get_context("spawn").Pool(writers) as pool:
        return sum(pool.starmap(_write, [(submit, folder, job) for job in jobs]))


def _write(submit: Path, folder: str, job: list[tuple[float, str, dict]]) -> int:
    from tutor.core.xapi.submit import append_lines

    for at, name, statement in job:
        wait = at - time.time()
        if wait > 0:
            time.sleep(wait)
        line = json.dumps(statement, ensure_ascii=False).encode("utf-8") + b"\n"
        append_lines(submit, submit / folder / name, [line])
    return len(job)

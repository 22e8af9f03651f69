"""Start-up time and peak memory of the app, whole process, in a real pseudo-terminal.

Run: python benchmarks/bench_startup.py [--runs 15] [--lessons PATH]

First screen: `tutor` is started in a pty, as a terminal would start it, and the benchmark reads
what it draws; the figure is the time from starting the process to the moment the first lesson's
title arrives on the terminal (so it counts interpreter start, imports, reading the lessons and the
first paint), median of the runs. Nothing in the app knows it is measured. The baseline is a bare
Textual app with the same widgets as home (Header, four Statics and an OptionList with as many
rows in a Vertical, a Footer showing as many keys), measured the same way on its first row's text. Budgets: ≤ 0.7 s and ≤ 1.25× the bare app.

Peak memory: a headless run that opens an exercise, waits for sympy to load, checks a wrong and a
right answer and opens the lab, then reports its peak resident set size (ru_maxrss); median of 3
runs. Budget ≤ 120 MB.
The symbolic worker process is separate and reported on its own.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from userenv import user_env

ROOT = Path(__file__).resolve().parents[1]

# The home screen's widgets, one for one (tutor/ui/screens/home.py): a header, a column of two
# lines, the lessons' list and two more lines, and a footer showing as many keys as home's.
BARE_APP = r'''
import sys
from textual.app import App
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, OptionList, Static

class Bare(App):
    BINDINGS = [Binding(key, "bell", name) for key, name in
                [("f1", "Help"), ("c", "Continue"), ("r", "Review"), ("1", "Drill"), ("z", "Quiz"),
                 ("l", "Lab"), ("m", "Map"), ("q", "Quit")]]

    def compose(self):
        yield Header()
        with Vertical():
            yield Static("Review: nothing due yet.")
            yield Static("Welcome! Pick a lesson and press Enter, or press ? for help.")
            yield OptionList(*[f"{i:>2}. A lesson title of a typical length   ░░░░░░░░░░ 0/5" for i in range({rows})])
            yield Static("A summary line of the highlighted lesson.")
            yield Static("Your usual slips: none yet.")
        yield Footer()

Bare().run()
'''

PEAK = r'''
import asyncio, resource, sys
from tutor.ui.app import make_app

async def main():
    app = make_app({lessons!r}, {data!r}, warm_symbolic=True)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete(); await pilot.pause()
        await pilot.press("enter", "e")
        for _ in range(3):
            await app.workers.wait_for_complete(); await pilot.pause()
        screen = app.screen
        if screen.instance is not None and screen.instance.shape != "choice":
            for text in ("x^3 + 1", screen.instance.expected.replace("·", "*")):
                box = screen.query_one("#whole")
                box.value = ""
                box.focus()
                await pilot.press(*text, "enter")
                await app.workers.wait_for_complete(); await pilot.pause()
        try:
            app.action_lab()
            for _ in range(3):
                await app.workers.wait_for_complete(); await pilot.pause(0.2)
        except Exception:
            pass
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)

asyncio.run(main())
'''


def time_in_pty(argv: list[str], env: dict[str, str], marker: str, timeout: float = 30.0) -> float:
    """Seconds from starting a process in a 100×30 pseudo-terminal until `marker` is drawn."""
    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    deadline = started + timeout
    seen, drawn = b"", None
    wanted = marker.encode()
    while drawn is None and proc.poll() is None and time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.01)
        if ready:
            try:
                seen += os.read(master, 65536)  # what it draws, read as a terminal would
            except OSError:
                break
            if wanted in seen:
                drawn = time.perf_counter() - started
    # Quit as a learner does (ctrl+q): the tutor closes its database cleanly, as in real use, so
    # the next start may skip the full integrity check (see tutor/core/progress/cleanclose.py).
    os.write(master, b"\x11")
    quit_by = time.perf_counter() + 10
    try:
        while proc.poll() is None:  # keep reading, or a full pty would block its exit
            if time.perf_counter() > quit_by:
                proc.terminate()
                quit_by = float("inf")
            if select.select([master], [], [], 0.05)[0]:
                os.read(master, 65536)
    except OSError:
        pass
    proc.wait(timeout=10)
    os.close(master)
    if drawn is None:
        raise RuntimeError(f"{argv[-1]} never drew {marker!r}")
    return drawn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--lessons", default=str(ROOT / "lessons"))
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="tutor-bench-")
    env = user_env(TUTOR_HOME=data, TERM="xterm-256color")
    tutor = [sys.executable, "-m", "tutor", args.lessons]

    from tutor.core.lessons.loader import load_course

    lessons = load_course(args.lessons, build=False).lessons
    rows = len(lessons) or 10
    first_title = lessons[0].title[:24] if lessons else "Welcome"
    bare_script = Path(data) / "bare.py"
    bare_script.write_text(BARE_APP.replace("{rows}", str(rows)))
    bare = [sys.executable, str(bare_script)]

    bare_row = "A lesson title of a typical length"
    time_in_pty(tutor, env, first_title)  # warm the file cache for both
    time_in_pty(bare, env, bare_row)
    ours, base = [], []
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        ours.append(time_in_pty(tutor, env, first_title))
        base.append(time_in_pty(bare, env, bare_row))
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    print(f"first screen (lessons listed), median of {args.runs}: tutor {m_ours:.3f} s, "
          f"bare Textual app {m_base:.3f} s, ratio {m_ours / m_base:.2f} (budget ≤ 0.7 s and ≤ 1.25×)")

    script = PEAK.replace("{lessons!r}", repr(args.lessons)).replace("{data!r}", repr(data))
    peaks = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env=user_env(TUTOR_HOME=data), cwd=ROOT, timeout=300)
        if out.returncode != 0:
            print("peak memory run failed:", out.stderr[-2000:])
            return 1
        peaks.append(int(out.stdout.split()[-1]) / 1024)
    print(f"peak memory of the app process (study, check, lab), median of 3: {statistics.median(peaks):.0f} MB "
          f"(runs: {', '.join(f'{p:.0f}' for p in peaks)}; budget ≤ 120 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

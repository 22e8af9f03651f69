"""`tutor serve` with 10 sessions at once on loopback: memory per session and time to first screen.

Run: python benchmarks/bench_serve.py [--sessions 10] [--runs 3] [--settle 10]

Starts the server on a free port, opens every session's websocket at the same moment (as a class
does when the teacher says "go"), and times each until its first screen arrives (the learner
picker: a served tab asks who is studying), then types a student's name and Enter in each and
times it until home's lesson list arrives. With all sessions open, after --settle seconds (each tutor loads the maths engine in the
background after its first screen), it reads each tab process's memory from /proc: RSS and peak
RSS (VmHWM), and PSS (shared pages split between the processes that share them). Then it stops
the server with Ctrl+C (SIGINT) and checks that no tab's tutor is left behind.
Budget: ≤ 120 MB each, first screen ≤ 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from userenv import user_env

ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[a-zA-Z~]")
FIRST_SCREEN = b"Who is studying?"  # the learner picker: a served tab asks the name first
FIRST_LESSON = b"Why partial derivatives"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    """Child processes of every thread (a process started from a worker thread is that thread's child)."""
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    out = [pid]
    for child in children(pid):
        out += tree(child)
    return out


def cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def processes(server: int) -> dict[str, list[int]]:
    """The server's processes by role: each tab's launcher, the zygote, the tabs' tutors (its forks)."""
    roles: dict[str, list[int]] = {"launcher": [], "zygote": [], "tutor": [], "other": []}
    for pid in children(server):
        role = "launcher" if "serve/launch.py" in cmdline(pid) else "zygote" if "tutor.serve.zygote" in cmdline(pid) \
            else "tutor" if "tutor.serve.tab" in cmdline(pid) else "other"
        roles[role].append(pid)
        if role == "zygote":
            roles["tutor"] += children(pid)
    return roles


def memory_mb(pid: int) -> dict[str, float]:
    """RSS, peak RSS and PSS of a process, in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            out["Pss"] = int(line.split()[1]) / 1024
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    out["cpu"] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime, seconds
    return out


async def until(ws: aiohttp.ClientWebSocketResponse, text: bytes) -> None:
    """Read the session's screen updates until `text` is on it."""
    seen = b""
    while True:
        message = await asyncio.wait_for(ws.receive(), 60)
        if message.type != aiohttp.WSMsgType.BINARY:
            raise RuntimeError(f"session closed before {text!r} was drawn: {message.type}")
        seen += message.data
        if text in ANSI.sub(b"", seen):
            return


async def session(base: str, started: float, name: str):
    """(seconds to the first screen, seconds until home is drawn after the name, http, ws).

    A served tab first asks who is studying (the learner picker); the student types a name and
    presses Enter, as in a lab, and home lists the lessons.
    """
    http = aiohttp.ClientSession()
    ws = await http.ws_connect(f"{base}/ws?width=100&height=30")
    await until(ws, FIRST_SCREEN)
    first = time.perf_counter() - started
    await ws.send_json(["stdin", f"{name}\r"])
    await until(ws, FIRST_LESSON)
    return first, time.perf_counter() - started - first, http, ws


async def drain(ws: aiohttp.ClientWebSocketResponse) -> None:
    """Read on as a browser does (a client that stops reading makes the server's close wait for it)."""
    async for _ in ws:
        pass


async def one_run(sessions: int, settle: float) -> dict:
    port = free_port()
    data = tempfile.mkdtemp(prefix="bench-serve-")
    log = open(Path(data) / "serve.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "tutor", "serve", "--port", str(port), "--data-dir", data],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=user_env(PYTHONPATH=str(ROOT)))
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                await asyncio.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        opened = await asyncio.gather(*(session(base, started, f"Student {i + 1}") for i in range(sessions)))
        firsts = [t for t, _, _, _ in opened]
        homes = [t for _, t, _, _ in opened]
        readers = [asyncio.create_task(drain(ws)) for _, _, _, ws in opened]
        await asyncio.sleep(settle)
        roles = processes(server.pid)
        everyone = tree(server.pid)
        memory = {role: [memory_mb(p) for p in pids] for role, pids in roles.items()}
        # PSS counts a shared page once in all: the sum over every process is what the machine pays.
        total_pss = sum(memory_mb(p).get("Pss", 0.0) for p in everyone if Path(f"/proc/{p}").exists())
        server_memory = memory_mb(server.pid)
        # CPU the sessions cost: their tutors and launchers, and the server relaying their screens
        # (the zygote's one-off import is not per session).
        session_cpu = sum(m["cpu"] for role in ("tutor", "launcher") for m in memory[role]) + server_memory["cpu"]
        stop = time.perf_counter()
        server.send_signal(signal.SIGINT)
        code = await asyncio.to_thread(server.wait, 60)
        stopped = time.perf_counter() - stop
        await asyncio.wait(readers, timeout=10)
        for _, _, http, ws in opened:
            await ws.close()
            await http.close()
        await asyncio.sleep(0.5)
        left = [pid for pid in everyone[1:] if Path(f"/proc/{pid}").exists()]
        return {"firsts": firsts, "homes": homes, "memory": memory, "server": server_memory, "tutors": len(roles["tutor"]),
                "total_pss": total_pss, "cpu": session_cpu, "stop": stopped, "code": code, "left": left}
    finally:
        if server.poll() is None:
            server.kill()
        log.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--settle", type=float, default=10.0)
    args = parser.parse_args()
    runs = [asyncio.run(one_run(args.sessions, args.settle)) for _ in range(args.runs)]
    firsts = [t for r in runs for t in r["firsts"]]
    per_run_max = [max(r["firsts"]) for r in runs]
    tutors = [m for r in runs for m in r["memory"]["tutor"]]
    launchers = [m for r in runs for m in r["memory"]["launcher"]]
    zygotes = [m for r in runs for m in r["memory"]["zygote"]]
    print(f"{args.sessions} sessions at once, {args.runs} runs ({sum(r['tutors'] for r in runs)} tutors seen; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"time to first screen: median {statistics.median(firsts):.2f} s, slowest per run "
          f"{', '.join(f'{t:.2f}' for t in per_run_max)} s (budget ≤ 2 s)")
    homes = [t for r in runs for t in r["homes"]]
    print(f"from the name typed to home drawn: median {statistics.median(homes):.2f} s, slowest {max(homes):.2f} s")
    cpu = statistics.median(r["cpu"] for r in runs)
    print(f"CPU for the {args.sessions} sessions (tutors, launchers, the server relaying): {cpu:.2f} s in all, "
          f"so about {cpu / (os.cpu_count() or 1):.2f} s of waiting on idle cores")
    print(f"each tab's tutor after {args.settle:.0f} s: RSS median {statistics.median(m['VmRSS'] for m in tutors):.0f} MB "
          f"(max {max(m['VmRSS'] for m in tutors):.0f}, peak {max(m['VmHWM'] for m in tutors):.0f}); PSS median "
          f"{statistics.median(m['Pss'] for m in tutors):.0f} MB (budget ≤ 120 MB); CPU used so far: median "
          f"{statistics.median(m['cpu'] for m in tutors):.2f} s")
    if launchers:
        print(f"each tab's launcher: RSS {statistics.median(m['VmRSS'] for m in launchers):.0f} MB, "
              f"PSS {statistics.median(m['Pss'] for m in launchers):.1f} MB")
    if zygotes:
        print(f"the zygote (shared by all tabs): RSS {statistics.median(m['VmRSS'] for m in zygotes):.0f} MB, "
              f"PSS {statistics.median(m['Pss'] for m in zygotes):.0f} MB")
    print(f"everything (server, zygote, launchers, tutors) divided by the sessions: PSS "
          f"{statistics.median(r['total_pss'] for r in runs) / args.sessions:.0f} MB per session")
    print(f"the server itself: RSS {statistics.median(r['server']['VmRSS'] for r in runs):.0f} MB; "
          f"stopped by Ctrl+C in {statistics.median(r['stop'] for r in runs):.2f} s (exit {runs[-1]['code']}), "
          f"processes left behind: {sum(len(r['left']) for r in runs)}")
    return 0 if all(not r["left"] and r["code"] == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())

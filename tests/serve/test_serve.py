"""`tutor serve`: a real server on a free loopback port, its page, a tab's websocket, and a clean stop.

Each tab is a light launcher that hands its pipes to the zygote (the tutor imported once), which
forks the tab's own tutor; the test checks that process tree, and that none of it survives a stop.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import aiohttp
import pytest

from tutor.cli import run
from tutor.core.progress import ProgressDatabase, database_path
from tutor.serve import server as serve_module

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[a-zA-Z~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
FIRST_LESSON = "Why partial derivatives"  # the bundled course's first lesson, listed on the home screen


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


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ws: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name in ("src", "href"):
                self.urls.append(value)
            if name == "data-session-websocket-url":
                self.ws = value


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="120")
    log = (tmp_path / "serve.log").open("wb")  # a file, not a pipe: the access log never fills a buffer
    proc = subprocess.Popen(
        [sys.executable, "-m", "tutor", "serve", "--port", str(port), "--data-dir", str(tmp_path / "data")],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            time.sleep(0.1)
    yield proc, port
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)
    log.close()


async def first_screen(ws: aiohttp.ClientWebSocketResponse, wanted: str, seconds: float = 30) -> str:
    received = b""
    async with asyncio.timeout(seconds):
        while True:
            message = await ws.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                received += message.data
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                raise AssertionError(f"the tab closed before its first screen: {received[-400:]!r}")
            text = ANSI.sub(b"", received).decode("utf-8", "replace")
            if wanted in text:
                return text


async def read_to_the_end(ws: aiohttp.ClientWebSocketResponse) -> None:
    async for _ in ws:
        pass


async def test_a_tab_gets_its_own_tutor_and_the_server_stops_cleanly(server, tmp_path) -> None:
    proc, port = server
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        async with http.get(base + "/") as page:
            assert page.status == 200
            html = await page.text()
        links = Links()
        links.feed(html)
        # The page fetches nothing from outside: every asset comes from this server.
        assert links.urls and all(u.startswith("/static/") for u in links.urls)
        assert "http://" not in html and "https://" not in html and "//fonts" not in html
        assert links.ws == f"ws://127.0.0.1:{port}/ws"  # the address the browser used, not the bind address
        async with http.get(base + links.urls[-1]) as asset:
            assert asset.status == 200
        async with http.ws_connect(f"{base}/ws?width=100&height=30") as ws:
            await first_screen(ws, "Who is studying?")  # a shared tab asks the learner's name first
            await ws.send_json(["stdin", "Ana María\r"])
            text = await first_screen(ws, FIRST_LESSON)
            assert "tutor · Ana María" in text
            roles = {}
            for pid in children(proc.pid):
                command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
                role = next(r for r in (b"serve/launch.py", b"tutor.serve.zygote") if r in b" ".join(command))
                roles.setdefault(role, []).append(pid)
                assert str(tmp_path / "data").encode() in command  # every tab on the server's data directory
            (launcher,), (zygote,) = roles[b"serve/launch.py"], roles[b"tutor.serve.zygote"]
            (tutor,) = children(zygote)  # this tab's own tutor: a fork of the warm zygote
            everyone = [launcher, zygote, tutor]
            reader = asyncio.create_task(read_to_the_end(ws))  # as a browser reads on, and answers the close
            proc.send_signal(signal.SIGINT)
            assert await asyncio.to_thread(proc.wait, 30) == 0
            await asyncio.wait_for(reader, 10)
            assert ws.closed
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in everyone) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert not [pid for pid in everyone if alive(pid)], "a tab's process outlived the server"
    db, _ = ProgressDatabase.open(database_path(tmp_path / "data"))  # her progress: the server's data
    with db:
        assert [learner.name for learner in db.learners()] == ["Ana María"]


def test_it_binds_to_localhost_unless_told_and_then_warns(monkeypatch, tmp_path, capsys) -> None:
    seen = []
    monkeypatch.setattr(serve_module.TutorServer, "serve", lambda self: seen.append((self.host, self.port, self.command)))
    assert run(["serve", "--data-dir", str(tmp_path)]) == 0
    assert seen[-1][:2] == ("127.0.0.1", 8000)
    assert "--data-dir" in seen[-1][2] and str(tmp_path) in seen[-1][2] and seen[-1][2].startswith("exec ")
    assert "warning" not in capsys.readouterr().err
    assert run(["serve", "--host", "0.0.0.0", "--port", "8080", "--data-dir", str(tmp_path)]) == 0
    assert seen[-1][:2] == ("0.0.0.0", 8080)
    assert "anyone on the network can reach" in capsys.readouterr().err


def test_usage_errors(tmp_path, capsys) -> None:
    assert run(["serve", str(tmp_path / "no-such-lessons")]) == 2
    assert run(["serve", "--port", "70000"]) == 2
    assert "port" in capsys.readouterr().err


async def test_one_tab_ending_does_not_wait_for_another(server) -> None:
    """Each forked tutor closes the zygote's other sockets: a closed tab ends while another runs on."""
    proc, port = server
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        first = await http.ws_connect(f"{base}/ws?width=80&height=24")
        await first_screen(first, "Who is studying?")
        launchers = {pid for pid in children(proc.pid) if b"serve/launch.py" in Path(f"/proc/{pid}/cmdline").read_bytes()}
        async with http.ws_connect(f"{base}/ws?width=80&height=24") as second:
            await first_screen(second, "Who is studying?")
            await first.close()  # the browser tab is closed: its tutor is told to quit
            deadline = time.monotonic() + 15
            while any(alive(pid) for pid in launchers) and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            assert not any(alive(pid) for pid in launchers), "the first tab's launcher waited for the second tab"
            await second.send_json(["ping", "still there"])
            reader = asyncio.create_task(read_to_the_end(second))
            proc.send_signal(signal.SIGINT)
            assert await asyncio.to_thread(proc.wait, 30) == 0
            await asyncio.wait_for(reader, 10)

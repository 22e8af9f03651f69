"""textual-serve's server with the tutor's own page (local assets only) and warm tabs.

The stock page links a web font from the internet and writes absolute URLs built from the bind
address (so a server bound to 0.0.0.0 hands browsers ws://0.0.0.0/...). An offline lab fetches
nothing from outside: our template uses textual-serve's bundled font and script, and every URL is
made from the address the browser itself used. Each tab's command is a light launcher that hands
its pipes to the zygote (zygote.py), a tutor imported once and forked per tab; without the zygote
the launcher runs the tab itself. Stopping the server ends every tab's tutor, and the zygote.
"""

from __future__ import annotations

import asyncio
import shlex
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import textual_serve
from aiohttp import web
from textual_serve.server import Server, log, to_int

TEMPLATES = Path(__file__).parent / "templates"
STATICS = Path(textual_serve.__file__).parent / "static"  # textual.js, xterm.css and the Roboto Mono font
STOP_SECONDS = 10  # how long the tabs' tutors get to save and quit when the server stops
READY_SECONDS = 60  # how long the zygote may take to import the tutor before the server opens anyway


def tab_arguments(data_dir: Path, lessons: str | None) -> list[str]:
    parts = ["--data-dir", str(data_dir)]
    return parts + (["--lessons", str(Path(lessons).resolve())] if lessons else [])


LAUNCHER = Path(__file__).with_name("launch.py")


def tab_command(socket_path: Path, data_dir: Path, lessons: str | None = None) -> str:
    """The shell command for one tab (exec: the launcher replaces the shell, so stopping it stops the tab).

    The launcher needs only the standard library: run as a file with -I -S (no site-packages, no
    environment), Python starts in half the time and memory for every tab.
    """
    return "exec " + shlex.join([sys.executable, "-I", "-S", str(LAUNCHER), str(socket_path),
                                 *tab_arguments(data_dir, lessons)])


class TutorServer(Server):
    def __init__(self, data_dir: Path, lessons: str | None = None, host: str = "127.0.0.1", port: int = 8000) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="tutor-serve-"))  # private (0700): the zygote's socket
        self.socket_path = self.scratch / "zygote.sock"
        super().__init__(tab_command(self.socket_path, data_dir, lessons), host=host, port=port, title="tutor",
                         statics_path=STATICS, templates_path=TEMPLATES)
        self.data_dir, self.lessons = data_dir, lessons
        self.tabs: set[asyncio.Task] = set()
        self.zygote: asyncio.subprocess.Process | None = None

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        scheme = "wss" if request.secure else "ws"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "static_url": "/static/",
            "title": self.title,
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        task = asyncio.current_task()
        if task is not None:
            self.tabs.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.tabs.discard(task)

    async def on_startup(self, app: web.Application) -> None:
        self.zygote = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tutor.serve.zygote", str(self.socket_path),
            *tab_arguments(self.data_dir, self.lessons), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        # The port opens once the zygote is warm, so the first tabs of a class are warm tabs too.
        try:
            ready = await asyncio.wait_for(self.zygote.stdout.readline(), READY_SECONDS)
        except asyncio.TimeoutError:
            ready = b""
        if ready.strip() != b"ready":
            log.warning("the tutor's zygote is not ready: each tab starts its own tutor (slower)")
        self.console.print(f"tutor: serving on {self.public_url} (progress in {self.data_dir}); Ctrl+C stops it")

    async def on_shutdown(self, app: web.Application) -> None:
        """Each tab's handler is cancelled: it tells its tutor to quit and waits; then the zygote goes."""
        tabs = set(self.tabs)
        for task in tabs:
            task.cancel()
        if tabs:
            await asyncio.wait(tabs, timeout=STOP_SECONDS)
        zygote = self.zygote
        if zygote is not None and zygote.returncode is None:
            zygote.stdin.close()  # its signal to stop (and to stop any tab still running)
            try:
                await asyncio.wait_for(zygote.wait(), STOP_SECONDS)
            except asyncio.TimeoutError:
                log.warning("the tutor's zygote did not stop: killed")
                zygote.kill()
                await zygote.wait()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        try:
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                        print=lambda *args: None, shutdown_timeout=STOP_SECONDS)
        finally:
            loop.close()
            shutil.rmtree(self.scratch, ignore_errors=True)

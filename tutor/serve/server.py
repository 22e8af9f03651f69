"""textual-serve's server with the tutor's own page: local assets only, addresses from the request.

The stock page links a web font from the internet and writes absolute URLs built from the bind
address (so a server bound to 0.0.0.0 hands browsers ws://0.0.0.0/...). An offline lab fetches
nothing from outside: our template uses textual-serve's bundled font and script, and every URL is
made from the address the browser itself used. Stopping the server ends every tab's tutor.
"""

from __future__ import annotations

import asyncio
import shlex
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import textual_serve
from aiohttp import web
from textual_serve.server import Server, to_int

TEMPLATES = Path(__file__).parent / "templates"
STATICS = Path(textual_serve.__file__).parent / "static"  # textual.js, xterm.css and the Roboto Mono font
STOP_SECONDS = 10  # how long the tabs' tutors get to save and quit when the server stops


def tab_command(data_dir: Path, lessons: str | None = None) -> str:
    """The shell command for one tab (exec: the tutor replaces the shell, so stopping it stops the tab)."""
    parts = [sys.executable, "-m", "tutor.serve.tab", "--data-dir", str(data_dir)]
    if lessons:
        parts += ["--lessons", str(Path(lessons).resolve())]
    return "exec " + shlex.join(parts)


class TutorServer(Server):
    def __init__(self, command: str, host: str, port: int, data_dir: Path) -> None:
        super().__init__(command, host=host, port=port, title="tutor", statics_path=STATICS, templates_path=TEMPLATES)
        self.data_dir = data_dir
        self.tabs: set[asyncio.Task] = set()

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
        self.console.print(f"tutor: serving on {self.public_url} (progress in {self.data_dir}); Ctrl+C stops it")

    async def on_shutdown(self, app: web.Application) -> None:
        """Each tab's handler is cancelled: it tells its tutor to quit and waits for it to exit."""
        tabs = set(self.tabs)
        for task in tabs:
            task.cancel()
        if tabs:
            await asyncio.wait(tabs, timeout=STOP_SECONDS)

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

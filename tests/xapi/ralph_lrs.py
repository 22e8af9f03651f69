"""Ralph, a real xAPI Learning Record Store, started on loopback for the tests (file-system backend).

Ralph lives in its own virtual environment (made by .ci/ralph-venv.sh, which .ci/run calls), found
at $TUTOR_RALPH_VENV or at .ralph-venv in the repository. It runs as `ralph runserver -b fs` would,
through ralph_server.py (which says why), without runserver's auto-reloader: one process, ended by its id.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from base64 import b64encode
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
USER, PASSWORD = "teacher", "lab-secret"
START_SECONDS = 60  # a cold start on a loaded 2-core machine takes a few seconds


@dataclass(frozen=True)
class Ralph:
    url: str          # the xAPI endpoint, e.g. http://127.0.0.1:PORT/xAPI/
    user: str
    password: str

    def statements(self, **params: str) -> list[dict]:
        """Every statement the LRS holds matching `params` (an xAPI GET, following `more`)."""
        query = "&".join(f"{k}={urllib.request.quote(v)}" for k, v in {"limit": "500", **params}.items())
        url, out = f"{self.url}statements?{query}", []
        while url:
            request = urllib.request.Request(url, headers={
                "X-Experience-API-Version": "1.0.3",
                "Authorization": "Basic " + b64encode(f"{self.user}:{self.password}".encode()).decode()})
            with urllib.request.urlopen(request, timeout=30) as response:
                page = json.load(response)
            out.extend(page["statements"])
            more = page.get("more")
            url = self.url.split("/xAPI/")[0] + more if more else None
        return out


def venv() -> Path | None:
    path = Path(os.environ.get("TUTOR_RALPH_VENV") or REPO / ".ralph-venv")
    return path if (path / "bin" / "ralph").exists() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(where: Path, env_dir: Path) -> tuple[subprocess.Popen, Ralph, Path]:
    """Start Ralph; returns the process, how to reach it and its log file."""
    env = {**os.environ, "RALPH_AUTH_FILE": str(where / "auth.json"), "RALPH_APP_DIR": str(where / "app"),
           "RALPH_RUNSERVER_BACKEND": "fs",
           "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(where / "data")}
    (where / "data").mkdir()
    subprocess.run([str(env_dir / "bin" / "ralph"), "auth", "-u", USER, "-p", PASSWORD, "-s", "all",
                    "-M", "mailto:teacher@example.com", "-w"], env=env, check=True, capture_output=True)
    port = _free_port()
    log = where / "ralph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(env_dir / "bin" / "python"), str(Path(__file__).with_name("ralph_server.py")), str(port)],
            env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Ralph(f"http://127.0.0.1:{port}/xAPI/", USER, PASSWORD)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__heartbeat__", timeout=2):
                return process, server, log
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"Ralph did not start; its log:\n{log.read_text(errors='replace')[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

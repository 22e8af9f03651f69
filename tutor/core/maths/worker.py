"""A process for the expensive symbolic steps: it can be given a deadline and killed when it misses it.

A thread cannot be stopped, so `simplify` never runs in the app's process. The worker is started
on demand (or warmed in the background by the app), answers one job at a time, and is restarted
after a timeout. Started from a fork server, so it is safe beside the app's threads.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import sys
import threading
import time
from multiprocessing.connection import Connection

_MEMORY_LIMIT = 2 << 30  # bytes; a runaway simplification hits this instead of the machine


def _serve(conn: Connection) -> None:  # pragma: no cover - runs in the child process
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_LIMIT, _MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    from .symbolic import expensive_zero

    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        job_id, expr = job
        try:
            result = expensive_zero(expr)
        except Exception:  # the proof failed; the parent falls back to the numeric verdict
            result = None
        conn.send((job_id, result))


@contextlib.contextmanager
def _real_std_streams():
    """multiprocessing passes stderr's file descriptor to its helper processes; a full-screen app
    replaces sys.stderr with an object that has none, so the real streams stand in while starting."""
    saved = sys.stdout, sys.stderr
    try:
        for name in ("stdout", "stderr"):
            stream = getattr(sys, name)
            try:
                ok = stream is not None and stream.fileno() >= 0
            except (AttributeError, OSError, ValueError):
                ok = False
            if not ok:
                setattr(sys, name, getattr(sys, f"__{name}__"))
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _context():
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["sympy", "tutor.core.maths.symbolic"])
        return ctx
    return multiprocessing.get_context("spawn")


class SymbolicWorker:
    """One worker process; `prove_zero` waits at most `budget` seconds for an answer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc = None
        self._conn: Connection | None = None
        self._ready = False
        self._next_id = 0

    @property
    def ready(self) -> bool:
        return self._ready and self._proc is not None and self._proc.is_alive()

    def warm(self) -> None:
        """Start the process now (returns at once) so the first real job does not pay for it."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        ctx = _context()
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="tutor-symbolic")
        with _real_std_streams():
            proc.start()
        child.close()
        self._proc, self._conn, self._ready = proc, parent, False

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(timeout=2)
        if self._conn is not None:
            self._conn.close()
        self._proc, self._conn, self._ready = None, None, False

    def prove_zero(self, expr, budget: float, start_if_needed: bool = True) -> bool | None:
        """True if proved zero, False if the chain ended without a proof, None if out of time."""
        deadline = time.monotonic() + budget
        with self._lock:
            if not self.ready and not start_if_needed and self._proc is None:
                return None
            self._start()
            assert self._conn is not None
            try:
                while not self._ready:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or not self._conn.poll(remaining):
                        return None  # still starting: leave it to finish for next time
                    tag, _ = self._conn.recv()
                    self._ready = tag == "ready"
                self._next_id += 1
                job_id = self._next_id
                self._conn.send((job_id, expr))
                while True:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or not self._conn.poll(remaining):
                        self._stop()  # it missed the deadline: kill it, restart on the next job
                        return None
                    got_id, result = self._conn.recv()
                    if got_id == job_id:
                        return result
            except (EOFError, OSError, BrokenPipeError):
                self._stop()
                return None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self.ready:
                try:
                    self._conn.send(None)
                except (OSError, BrokenPipeError):
                    pass
            self._stop()


_default: SymbolicWorker | None = None


def default_worker() -> SymbolicWorker:
    global _default
    if _default is None:
        _default = SymbolicWorker()
        atexit.register(_default.close)
    return _default

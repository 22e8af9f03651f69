"""Sending the submit folder's waiting lines: in order, from a thread that may hang, never losing one.

Each checked answer's line is queued in the database in the same transaction as the answer
(ProgressStore.record_attempt with `submit`), so what is saved will be sent. send() appends every
waiting line (any learner's: the outbox is the machine's) and removes it once written and synced.
A network share can hang for minutes, so sending runs in its own thread and send() waits for it
only `wait` seconds: a slow or missing folder costs the learner one quiet warning, not a frozen
screen, and the lines go on waiting for the next answer or the next start.
"""

from __future__ import annotations

import threading
from pathlib import Path

from tutor.core.progress import ProgressDatabase
from tutor.core.progress import shipping
from tutor.core.xapi.submit import SubmitUnavailable, append_lines

WAIT_SECONDS = 2.0  # how long a check may wait for the folder before the learner is told


class Outbox:
    """The machine's outbox for submit folders. One per app; thread-safe."""

    def __init__(self, db: ProgressDatabase, *, wait: float = WAIT_SECONDS) -> None:
        self.db = db
        self.wait = wait
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._problem: str | None = None
        self._warned = False

    @property
    def waiting(self) -> int:
        """Lines not yet in their submit folder."""
        with self.db.reading() as conn:
            return len(shipping.pending(conn))

    def send(self) -> str | None:
        """Send what waits; a warning the first time the folder cannot be reached, else None."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._send_all, name="submit folder", daemon=True)
                self._thread.start()
            thread = self._thread
        thread.join(self.wait)
        problem = "it does not answer" if thread.is_alive() else self._problem
        return self._warning(problem)

    def _send_all(self) -> None:
        try:
            self._problem = self._send_waiting()
        except Exception as err:  # noqa: BLE001 - the database closed under us: the lines still wait
            self._problem = f"sending stopped: {err}"

    def _send_waiting(self) -> str | None:
        with self.db.reading() as conn:
            waiting = shipping.pending(conn)
        by_file: dict[tuple[str, str], list] = {}
        for line in waiting:
            by_file.setdefault((line.folder, line.file), []).append(line)
        problem = None
        for (folder, file), lines in by_file.items():
            try:
                append_lines(Path(folder), Path(file), [line.line.encode("utf-8") for line in lines])
            except SubmitUnavailable as err:
                problem = problem or str(err)
                continue
            # Written and synced: only now is a line no longer waiting. (A crash between the two
            # sends it again; readers count a statement id once.)
            ids = [line.id for line in lines]
            self.db.write(lambda conn, at, ids=ids: shipping.remove(conn, ids))
        return problem

    def _warning(self, problem: str | None) -> str | None:
        with self._lock:
            if problem is None:
                self._warned = False  # it works again: a later outage is worth a new warning
                return None
            if self._warned:
                return None
            self._warned = True
        return (f"The submit folder cannot be reached ({problem}). Your answers are kept on this "
                "machine and will be sent when it is back.")

"""The report app's live half: a thread told of each new line, a live model, screens refreshed a few times a second.

The watcher is a plain daemon thread rather than a Textual worker: it runs for the whole session
(a worker that never completes would keep `workers.wait_for_complete()` waiting), it sleeps in
the system's file notifications, and it ends within one notification step once `stop` is set.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

from tutor.core.report.follow import Batch
from tutor.core.report.live import LiveModel
from tutor.core.report.watch import Plan, changes, plan

REFRESH_SECONDS = 0.25   # the live screen is redrawn at most this often, however many lines arrive
REBUILD_SECONDS = 5.0    # the full report (response analysis and all) is made again at most this often
STOP_SECONDS = 1.0       # how long leaving waits for the watcher to see it should stop


class Watching:
    """Mixed into ReportApp: call init_watching() in __init__, started() once the first report is made."""

    def init_watching(self, clock=None) -> None:
        self.live = LiveModel()
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.plan: Plan | None = None
        self.updated_at: datetime | None = None   # the last batch of new lines
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_refresh = 0.0
        self._refresh_timer = None
        self._stale = False                        # lines arrived since the report was last made
        self._last_build = time.monotonic()

    @property
    def watching(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def started(self, report) -> None:
        """The first report is on screen: the live model starts from what it read."""
        self.live.add(report.attempts, report.completions)
        if self.options.watch:
            self.action_live()

    # -- following the folder --------------------------------------------------------------------------------------
    def start_watching(self) -> None:
        if self.watching or self.feed is None:
            return
        self.plan = plan(self.feed.paths, self.options.poll)
        self._thread = threading.Thread(target=self._follow, name="follow the submit folder", daemon=True)
        self._thread.start()

    def _follow(self) -> None:
        try:
            for changed in changes(self.feed.paths, self._stop, self.plan):
                batch = self.feed.update(changed)
                if batch.attempts or batch.completions or batch.skipped:
                    self.call_from_thread(self.take, batch)
        except RuntimeError:
            pass  # the app closed while a batch was on its way
        except Exception as error:  # noqa: BLE001 - a folder that vanished: say so, the screen stays
            if not self._stop.is_set():
                self.call_from_thread(self.notify, f"Following the folder stopped: {error}", severity="error")

    def take(self, batch: Batch) -> None:
        """New lines (on the app's thread): into the live model, the screen redrawn soon."""
        self.live.add(batch.attempts, batch.completions)
        self.updated_at = self.clock()
        self._stale = True
        wait = self._last_refresh + REFRESH_SECONDS - time.monotonic()
        if wait <= 0:
            self.refresh_live()
        elif self._refresh_timer is None:
            self._refresh_timer = self.set_timer(wait, self.refresh_live)

    def refresh_live(self) -> None:
        self._refresh_timer = None
        self._last_refresh = time.monotonic()
        screen = self.screen
        if hasattr(screen, "live_update"):
            screen.live_update(self.live, self.clock())
        if self._stale and getattr(screen, "wants_fresh_report", False) and \
                time.monotonic() - self._last_build >= REBUILD_SECONDS:
            self.refresh_report()

    def refresh_report(self) -> None:
        """The full report again, if lines arrived since it was made (in a worker)."""
        if self._stale:
            self._stale = False
            self._last_build = time.monotonic()
            self.rebuild()

    def report_rebuilt(self, report) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "show_report"):
                screen.show_report(report)

    # -- keys and the end -------------------------------------------------------------------------------------------
    def action_live(self) -> None:
        """The live view (following the folder from now on), or back to the report from it."""
        from .screens.report_live import LiveScreen

        if isinstance(self.screen, LiveScreen):
            self.pop_screen()
            return
        self.start_watching()
        self.push_screen(LiveScreen(self.live, self.clock, self.plan.note if self.plan else ""))

    def on_unmount(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(STOP_SECONDS)  # within one notification step; a share that hangs is left behind

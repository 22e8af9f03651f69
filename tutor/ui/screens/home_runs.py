"""Home's keys that start a review session (r) or a drill on one of the usual slips (1–3).

Both are runs of the quiz screen, prepared in a worker: planning fresh variants needs the maths
engine, and starting a run writes to the store.
"""

from __future__ import annotations

import time

from textual import work

from tutor.core.maths.codes import label
from tutor.core.progress import Slip


class ReviewAndDrill:
    """Mixed into HomeScreen (a TutorScreen: study, tutor, notify, workers)."""

    starting = False  # a review or drill is being prepared: a second key waits for it
    slips: list[Slip] = []  # the usual slips shown, in the order keys 1–3 pick them

    # -- reviews and drills: runs of the quiz screen, prepared in a worker (variants need the maths) --
    def action_review(self) -> None:
        if not self._can_start():
            return
        due = self.study.due_cards()
        if not due:
            when = self.study.store.next_review()
            later = f" The next comes back {time.strftime('%a %d %b, %H:%M', time.localtime(when))}." if when else ""
            self.notify("No reviews due." + (later or " Solve exercises: each one solved comes back for review."))
            return
        # The quiz package (and the lesson loader under it) is imported on this key, not with home:
        # home is the first screen, and the full loader is read after it is drawn.
        from tutor.core.quiz.review import REVIEW_SESSION

        self.starting = True
        self.notify(f"Preparing {min(len(due), REVIEW_SESSION)} review questions…", timeout=2)
        self._prepare(lambda: self.tutor.make_review_run(due))

    def action_drill(self, index: int) -> None:
        if index >= len(self.slips):
            count = len(self.slips)
            self.notify("No slip to drill yet: slips are counted as the checker names your mistakes." if not count
                        else "Only one slip so far: press 1." if count == 1 else f"Only {count} slips so far: press 1–{count}.")
            return
        if not self._can_start():
            return
        code = self.slips[index].code
        if not self.study.drillable(code):
            self.notify(f"This course has no exercises for a drill on {label(code)}.")
            return
        self.starting = True
        self._prepare(lambda: self.tutor.make_drill_run(code))

    def _can_start(self) -> bool:
        if self.starting:
            return False
        if not self.study.ready:
            self.notify("Reading the lessons: try again in a moment.", timeout=3)
            return False
        return True

    @work(thread=True, exclusive=True, group="start", exit_on_error=False)
    def _prepare(self, make) -> None:
        run = make()  # plans the variants and writes the run: off the UI thread
        self.app.call_from_thread(self._started, run)

    def _started(self, run) -> None:
        self.starting = False
        if run is None:
            self.notify("Nothing can be shown for that now.", severity="warning")
            return
        self.tutor.show_run(run)

    def worker_failed(self, worker) -> None:
        self.starting = False

"""The one call a screen makes when an answer is checked, and the help it may ask for (Study's half).

Study.record stores the answer with its statement's context, queues it for the submit folder and
sends what waits there, and in a lab sheet keeps the sheet's rules (mode, tries, time) and hands
it in when it is done. Hints and solutions are counted per variant, for the next answer's statement.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .recording import Recorded, answer_context

DRILL_OFFER_AFTER = 2  # the same named mistake this many times (since its last drill): a drill is offered

if TYPE_CHECKING:
    import threading
    from pathlib import Path

    from .lessons.instance import Instance
    from .maths.verdict import Verdict
    from .progress import ProgressStore
    from .results.outbox import Outbox
    from .sheets.progress import ExerciseProgress
    from .sheets.session import SheetSession


class Answering:
    """Recording answers for Study, which sets these attributes and provides state(), title() and
    drillable() (next_step.py: the course has exercises for a drill on a slip)."""

    store: ProgressStore
    sheet: SheetSession | None
    submit: Path | None
    outbox: Outbox | None
    _shown: dict[tuple[str, str, int], float]
    _lock: threading.Lock

    def shown(self, instance: Instance) -> None:
        """The variant is on screen now: its first try's duration counts from here."""
        with self._lock:
            self._shown[(instance.lesson_id, instance.exercise_id, instance.seed)] = time.monotonic()

    def _in_sheet(self, instance: Instance) -> bool:
        return self.sheet is not None and self.sheet.covers(instance.lesson_id, instance.exercise_id, instance.seed)

    def help_allowed(self, instance: Instance) -> bool:
        """Hints, worked solutions and other variants may be shown for this variant (not in a test)."""
        return not (self._in_sheet(instance) and not self.sheet.help_allowed)

    def in_sheet(self, instance: Instance) -> ExerciseProgress | None:
        """This variant as an exercise of the open sheet (status, tries left), or None if it is not one."""
        if not self._in_sheet(instance):
            return None
        return self.sheet.progress().exercise(instance.lesson_id, instance.exercise_id)

    # -- the one call when an answer is checked -----------------------------------------------------
    def record(self, instance: Instance, answer: str, verdict: Verdict, mode: str = "study") -> Recorded:
        """Store a checked answer with everything its xAPI statement says, queue it for the submit
        folder and send what waits there, and, in a sheet, update (and maybe hand in) the sheet.

        Call it from a worker: it writes to the database and may wait up to 2 s on the submit folder.
        An answer to the sheet's variant counts for the sheet in the sheet's mode; in a test,
        an answer after the time or the tries are used up is refused and not stored.
        """
        in_sheet = self._in_sheet(instance)
        if in_sheet:
            refusal = self.sheet.refusal(instance.lesson_id, instance.exercise_id)
            if refusal is not None:
                return Recorded(self.state(instance.lesson_id, instance.exercise_id), accepted=False,
                                refusal=refusal, sheet=self.sheet.progress())
            mode = self.sheet.mode
        key = (instance.lesson_id, instance.exercise_id, instance.seed)
        now = time.monotonic()
        with self._lock:
            since = self._shown.get(key)
            self._shown[key] = now  # the next try is timed from this one
        context = answer_context(instance, verdict, self.title(instance.lesson_id),
                                 None if since is None else (now - since) * 1000.0,
                                 self.sheet.context if in_sheet else None)
        # One transaction: the answer, the exercise's state, its review card (made at the first
        # completion, rated from what happened) and the slip counted (progress/base.py).
        answered = self.store.record_answer(
            instance.lesson_id, instance.exercise_id, seed=instance.seed, answer=answer,
            verdict=verdict.status, diagnosis=verdict.diagnosis.code if verdict.diagnosis else None,
            method=verdict.method, mode=mode, elapsed_ms=verdict.ms, context=context, submit=self.submit,
        )
        progress, handed_in = None, False
        if in_sheet:
            was_finished = self.sheet.run.finished
            progress = self.sheet.after_answer()
            handed_in = progress.finished and not was_finished
        slip = answered.slip
        # Offered once, when the count since the last drill reaches the threshold (home keeps it after),
        # and never in a test sheet: a drill there would be help.
        drill = slip if (slip is not None and slip.since_drill == DRILL_OFFER_AFTER and self.help_allowed(instance)
                         and self.drillable(slip.code)) else None
        return Recorded(answered.state, sheet=progress, handed_in=handed_in, warning=self.send_pending(),
                        card=answered.card, rating=answered.rating, slip=slip, drill=drill)

    def hint(self, instance: Instance) -> bool:
        """Count a hint shown on this variant (it goes into the next answer's statement).
        False, and nothing stored, in a test sheet: the screen must not show one."""
        in_sheet = self._in_sheet(instance)
        if in_sheet and not self.sheet.help_allowed:
            return False
        self.store.mark_hint_used(instance.lesson_id, instance.exercise_id, seed=instance.seed,
                                  sheet_id=self.sheet.sheet.id if in_sheet else None)
        return True

    def reveal(self, instance: Instance) -> bool:
        """Remember the worked solution of this variant was shown; False in a test sheet."""
        in_sheet = self._in_sheet(instance)
        if in_sheet and not self.sheet.help_allowed:
            return False
        self.store.mark_solution_revealed(instance.lesson_id, instance.exercise_id, instance.seed,
                                          sheet_id=self.sheet.sheet.id if in_sheet else None)
        return True

    def hand_in(self) -> str | None:
        """Finish the sheet now (the learner's choice); returns the submit folder's warning, if any."""
        if self.sheet is None:
            raise ValueError("no sheet is open")
        self.sheet.finish()
        return self.send_pending()

    def send_pending(self) -> str | None:
        """Send the submit folder's waiting lines (on start, after each answer); a warning once per outage."""
        return self.outbox.send() if self.outbox is not None else None

"""What next, by one rule the help states: due reviews, then an unfinished exercise of the lesson the
learner is in (or its next page), then the next lesson whose prerequisites are met. Study's half
that reads reviews and slips; a finished lesson is never the target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .progress import Position, Slip

if TYPE_CHECKING:
    from .lessons.loader import Course
    from .progress import ProgressStore
    from .study import Listing

PREREQUISITE_MET = 0.5  # a prerequisite counts as studied once half its exercises are solved


@dataclass(frozen=True)
class NextStep:
    """Where "continue" goes, by the one rule the help states: due reviews first, then an unfinished
    exercise of the current lesson (or its pages), then the next lesson whose prerequisites are met."""

    kind: Literal["review", "exercise", "page", "lesson"]
    position: Position | None = None  # the exercise, page or lesson (None for a review)
    due: int = 0                       # reviews due (for "review")


class WhatNext:
    """Where to go on from, for Study, which sets `store` and `course` and provides _listings()."""

    store: ProgressStore
    course: Course | None

    def continue_target(self) -> Position | None:
        """Where to go on from: where the learner left off, unless that is already done.

        An exercise solved there moves on to the lesson's next unsolved exercise; a lesson
        finished moves on to the next unfinished lesson whose prerequisites are met (after it, then
        before it; when none has them met, the next unfinished one); a
        finished lesson is never the target. None when there is nothing left, or nothing yet.
        """
        position = self.store.last_position()
        if position is None:
            return None
        listings = [item for item in self._listings() if not item.broken]
        index = next((i for i, item in enumerate(listings) if item.id == position.lesson_id), None)
        if index is None:
            return None
        listing = listings[index]
        if position.exercise_id is None and not self._finished(listing):
            return position  # on a concept page: the pages come before the exercises
        if position.exercise_id in listing.exercise_ids:
            ids = listing.exercise_ids
            start = ids.index(position.exercise_id)
            states = self.store.lesson_states(listing.id)
            for exercise_id in (*ids[start:], *ids[:start]):
                state = states.get(exercise_id)
                if state is None or not state.solved:
                    return Position(listing.id, None, exercise_id, position.updated_at)
        elif not self._finished(listing):
            return Position(listing.id, 0, None, position.updated_at)
        # The next lesson whose prerequisites are met (in course order after this one, then before
        # it); when none has them met, the next unfinished one all the same: advice, never a lock.
        onward = [item for item in (*listings[index + 1:], *listings[:index]) if not self._finished(item)]
        ready = next((item for item in onward if self._prerequisites_met(item, listings)), None)
        if ready is not None or onward:
            return Position((ready or onward[0]).id, 0, None, position.updated_at)
        return None

    def _finished(self, listing: Listing) -> bool:
        states = self.store.lesson_states(listing.id)
        return bool(listing.exercise_ids) and all(
            e in states and states[e].solved for e in listing.exercise_ids)

    def _prerequisites_met(self, listing: Listing, listings: list[Listing]) -> bool:
        known = {item.id: item for item in listings}
        return all(self.store.lesson_summary(r, known[r].exercise_ids).fraction_solved >= PREREQUISITE_MET
                   for r in listing.requires if r in known)

    # -- spaced review and slips --------------------------------------------------------------------
    def due_cards(self) -> list[tuple[str, str]]:
        """(lesson, exercise) of the review cards due now that the course can show, most overdue first."""
        ids = {(item.id, e) for item in self._listings() if not item.broken for e in item.exercise_ids}
        return [(lesson, exercise) for lesson, exercise, _ in self.store.due_reviews() if (lesson, exercise) in ids]

    def next_step(self) -> NextStep | None:
        """The one rule: due reviews, then continue_target() (None: nothing to do, or nothing yet)."""
        due = len(self.due_cards())
        if due:
            return NextStep("review", None, due)
        target = self.continue_target()
        if target is None:
            return None
        if target.exercise_id:
            return NextStep("exercise", target)
        last = self.store.last_position()
        return NextStep("page" if last is not None and last.lesson_id == target.lesson_id else "lesson", target)

    def slips(self, limit: int = 3) -> list[Slip]:
        """The learner's commonest named mistakes (home's "your usual slips")."""
        return self.store.slips(limit)

    def drillable(self, code: str) -> bool:
        """The course has exercises for a drill on `code` (tagged, or by the generated mapping)."""
        if self.course is None:
            return False
        from .review.drills import drill_candidates

        return any(drill_candidates(self.course, code))

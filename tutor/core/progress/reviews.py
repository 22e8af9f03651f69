"""The review half of the store: review cards (due, rated), the learner's slips, drills done."""

from __future__ import annotations

from . import cards, slips
from .base import StoreBase
from .records import ReviewCard, Slip


class ReviewMethods(StoreBase):
    """Spaced review and slips. Cards are made and rated as answers are recorded (base._record);
    times default to the database's clock, so a test's fake clock moves them."""

    def now(self) -> float:
        return self.db.clock()

    def review_card(self, lesson_id: str, exercise_id: str) -> ReviewCard | None:
        with self._read() as conn:
            return cards.load(conn, self.learner_id, lesson_id, exercise_id)

    def review_cards(self) -> list[ReviewCard]:
        """Every card of this learner, soonest due first."""
        with self._read() as conn:
            return cards.all_cards(conn, self.learner_id)

    def due_reviews(self, now: float | None = None) -> list[tuple[str, str, float]]:
        """(lesson, exercise, due time) of the cards due now, most overdue first (no card is parsed)."""
        with self._read() as conn:
            return cards.due(conn, self.learner_id, self.now() if now is None else now)

    def holding(self, now: float | None = None) -> set[tuple[str, str]]:
        """(lesson, exercise) of the cards whose reviews are holding (ReviewCard.holding)."""
        with self._read() as conn:
            return cards.holding(conn, self.learner_id, self.now() if now is None else now)

    def next_review(self, now: float | None = None) -> float | None:
        """When the next card not due yet comes due (None: no such card)."""
        with self._read() as conn:
            return cards.next_due(conn, self.learner_id, self.now() if now is None else now)

    def review_log(self) -> list[tuple]:
        """Every rating given, oldest first (see cards.log for the columns)."""
        with self._read() as conn:
            return cards.log(conn, self.learner_id)

    def review_missed(self, lesson_id: str, exercise_id: str, seed: int | None = None) -> ReviewCard:
        """A review left unanswered (skipped, or the run left): the card is rated "again"."""
        return self._apply(lambda conn, at: cards.schedule(conn, self.learner_id, lesson_id, exercise_id, 1,
                                                           mode="review", seed=seed, attempt_id=None, at=at))

    def seeds_answered(self, lesson_id: str, exercise_id: str) -> set[int]:
        """Variants of the exercise already answered right (a review asks for others)."""
        with self._read() as conn:
            return cards.seeds_seen(conn, self.learner_id, lesson_id, exercise_id)

    def slips(self, limit: int = 5) -> list[Slip]:
        """The learner's commonest named mistakes, most frequent first."""
        with self._read() as conn:
            return slips.top(conn, self.learner_id, limit)

    def slip(self, code: str) -> Slip | None:
        with self._read() as conn:
            return slips.load(conn, self.learner_id, code)

    def mark_drilled(self, code: str) -> Slip | None:
        """A drill on `code` was done: it is offered again once the slip comes back twice."""
        def work(conn, at):
            slips.drilled(conn, self.learner_id, code, at)
            return slips.load(conn, self.learner_id, code)
        return self._apply(work)

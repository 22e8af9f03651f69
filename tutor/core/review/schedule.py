"""FSRS scheduling with the maintained `fsrs` package: a card's state in, the next review out.

The card is kept as the library writes it (Card.to_json), so it round-trips through the database
exactly; `due` beside it is the same instant as unix seconds, for counting what is due in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from fsrs import Card, Rating, Scheduler, State

# No learning steps: a review is a whole exercise with new numbers, so it comes back on a later
# day, never within the hour (that would be practice of what was just worked out, not recall).
# No fuzz: the library draws it from the global random generator, and a write must give the
# same card when the store replays it after a disk failure (progress/database.py).
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}


@dataclass(frozen=True)
class Scheduled:
    """A card after a review: its state (the library's JSON), when it is due, what it says."""

    card: str          # fsrs Card.to_json()
    due: float         # unix seconds (UTC)
    state: str         # learning, review, relearning
    stability: float   # days for recall to fall to 90 %
    difficulty: float  # 1 (easy) … 10 (hard)


def moment(at: float) -> datetime:
    return datetime.fromtimestamp(at, timezone.utc)


def review(card: str | None, rating: int, at: float) -> Scheduled:
    """Review `card` (None: a new card, created now) with `rating` (1 again … 4 easy) at time `at`."""
    when = moment(at)
    # The id is the creation time in ms, as fsrs would make it, but from `at` (no sleep, no clock).
    before = Card.from_json(card) if card else Card(card_id=int(at * 1000), due=when)
    after, _ = SCHEDULER.review_card(before, Rating(rating), when)
    return read(after.to_json())


def read(card: str) -> Scheduled:
    """What a stored card says."""
    c = Card.from_json(card)
    return Scheduled(card, c.due.timestamp(), STATE_NAMES[c.state], float(c.stability or 0.0),
                     float(c.difficulty or 0.0))


def recall(card: str, at: float) -> float:
    """The chance (0–1) that the card is recalled at `at`, by FSRS's forgetting curve."""
    return float(SCHEDULER.get_card_retrievability(Card.from_json(card), moment(at)))

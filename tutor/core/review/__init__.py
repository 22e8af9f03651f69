"""Spaced review: how an exercise's outcome is rated, and FSRS scheduling of its review card.

Pure core below the progress store (which calls it inside the transaction that records an answer).
`rating` is light; `schedule` imports the fsrs package, so it is imported only when a card moves.
"""

from .rating import AGAIN, EASY, EASY_WITHIN_S, GOOD, HARD, RATING_NAMES, Outcome, rate

__all__ = ["AGAIN", "EASY", "EASY_WITHIN_S", "GOOD", "HARD", "RATING_NAMES", "Outcome", "rate"]

"""The rating a review gets from what happened on the exercise, never from an extra question.

- solved at the first try, without a hint or the worked solution: good; and easy when that first
  try came within EASY_WITHIN_S seconds of the exercise being shown (recalled, not worked out);
- solved after wrong tries, or with a hint: hard (it came back, with effort);
- the worked solution copied, out of tries, or skipped: again.
The numbers are FSRS's own (fsrs.Rating), so they are stored and exported as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "again", HARD: "hard", GOOD: "good", EASY: "easy"}
EASY_WITHIN_S = 20.0  # a right first answer this quick is recall; a derivative worked out takes longer


@dataclass(frozen=True)
class Outcome:
    """What happened on one exercise, as far as its review is concerned."""

    solved: bool                 # answered right, and not by copying a solution shown for that variant
    wrong_tries: int = 0         # graded wrong answers before the right one (or before giving up)
    helped: bool = False         # a hint was shown
    seconds: float | None = None  # time on the try that was right (None: not known)


def rate(outcome: Outcome) -> int:
    """The FSRS rating (1 again … 4 easy) for `outcome`."""
    if not outcome.solved:
        return AGAIN
    if outcome.wrong_tries > 0 or outcome.helped:
        return HARD
    if outcome.seconds is not None and outcome.seconds <= EASY_WITHIN_S:
        return EASY
    return GOOD

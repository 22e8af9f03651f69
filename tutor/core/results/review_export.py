"""Export of what the tutor remembers about each learner: review cards, their ratings, slip counts.

One JSON document (`tutor export --format review`): per learner, every card with its FSRS state
(the fsrs package's own Card dict, so another FSRS tool can read it), every rating in order (enough
to rebuild the cards with FSRS), and the slips with their counts. The answers themselves go out
as xAPI statements (the other formats), where each review answer has mode "review".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import BinaryIO

from tutor.core.maths.codes import label
from tutor.core.progress import ProgressDatabase
from tutor.core.review.rating import RATING_NAMES

from .export import stores_of

FORMAT = "tutor-review/1"


def iso(at: float | None) -> str | None:
    return None if at is None else datetime.fromtimestamp(at, timezone.utc).isoformat(timespec="seconds").replace(
        "+00:00", "Z")


def review_document(db: ProgressDatabase, learners: Sequence[str] | None = None) -> dict:
    """The document for `learners` (None: everyone here); raises UnknownLearner for a name not here."""
    out = []
    for store in stores_of(db, learners):
        cards = [{
            "lesson": c.lesson_id, "exercise": c.exercise_id, "due": iso(c.due), "state": c.state,
            "stability": c.stability, "difficulty": c.difficulty, "reps": c.reps, "lapses": c.lapses,
            "last_rating": RATING_NAMES.get(c.last_rating) if c.last_rating else None,
            "last_review": iso(c.last_review), "fsrs": json.loads(c.card) if c.card else None,
        } for c in store.review_cards()]
        ratings = [{"lesson": lesson, "exercise": exercise, "rating": RATING_NAMES[rating], "mode": mode,
                    "seed": seed, "at": iso(at), "due": iso(due)}
                   for lesson, exercise, rating, mode, seed, _, at, due in store.review_log()]
        slips = [{"code": s.code, "label": label(s.code), "count": s.count, "last": iso(s.last_at),
                  "lesson": s.lesson_id, "exercise": s.exercise_id, "drilled_at_count": s.drilled,
                  "drilled": iso(s.drilled_at)} for s in store.slips(limit=1000)]
        out.append({"learner": store.learner.name, "cards": cards, "ratings": ratings, "slips": slips})
    return {"format": FORMAT, "learners": out}


def write_review(out: BinaryIO, document: dict) -> int:
    """Write the document as JSON; returns how many cards it holds."""
    out.write(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
    return sum(len(learner["cards"]) for learner in document["learners"])

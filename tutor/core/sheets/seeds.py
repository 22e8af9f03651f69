"""Per-learner variants: the seed of an exercise in a sheet, from (sheet id, learner, exercise).

    seed = first 4 bytes, big-endian, of sha256("<sheet id>\\x1f<learner>\\x1f<lesson id>/<exercise id>")

over UTF-8, the learner's name normalised (tutor.core.learners.normalize). Neighbours get different
numbers, reopening the sheet gives the same ones, and a teacher can rebuild any learner's variant
from the three values (`tutor variant`). The same formula, in any language, gives the same seed.
"""

from __future__ import annotations

import hashlib

from tutor.core.learners import normalize

SEP = "\x1f"  # the ASCII unit separator: no id or name contains it


def variant_seed(sheet_id: str, learner: str, lesson_id: str, exercise_id: str) -> int:
    """The seed of this learner's variant of one exercise of one sheet (0 … 2³² − 1)."""
    text = SEP.join((sheet_id, normalize(learner), f"{lesson_id}/{exercise_id}"))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")

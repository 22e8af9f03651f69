"""Learner names: free text (unicode, spaces), compared after one normalisation, safe as file names."""

from __future__ import annotations

import getpass
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .progress import Learner, ProgressDatabase

MAX_NAME = 80
ENV_VAR = "TUTOR_LEARNER"
# Characters no file system accepts in a name (Windows' set, which covers the others), and controls.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


class LearnerNameError(ValueError):
    """A name that cannot be a learner's (empty, too long, control characters)."""


def normalize(name: str) -> str:
    """The name as stored and compared: NFC, outer spaces trimmed, inner runs of spaces made one.

    NFC so that "é" typed as one character or as e + accent is one learner; case is kept
    ("Ana" and "ana" are two learners), as people's names are.
    """
    text = " ".join(unicodedata.normalize("NFC", name).split())
    if not text:
        raise LearnerNameError("a learner's name cannot be empty")
    if len(text) > MAX_NAME:
        raise LearnerNameError(f"a learner's name has at most {MAX_NAME} characters")
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise LearnerNameError("a learner's name cannot hold control characters")
    return text


def default_name() -> str:
    """The learner a single-user database belongs to: the login name, as the data is that user's."""
    try:
        name = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a container without a passwd entry)
        name = ""
    try:
        return normalize(name)
    except LearnerNameError:
        return "learner"


def file_stem(text: str) -> str:
    """`text` as a file-name part on any file system; altered names get a hash so two never meet.

    "Ana María" stays "Ana María"; "a/b" becomes "a_b~3b1f…", which "a_b" (unaltered) cannot be.
    """
    safe = _UNSAFE.sub("_", text).strip(" .")
    if safe == text and safe and len(safe.encode()) <= 120:
        return safe
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    safe = safe.encode()[:100].decode(errors="ignore") or "_"
    return f"{safe}~{digest}"


@dataclass(frozen=True)
class LearnerChoice:
    """Who studies, as decided before the first screen: a name, or ask (the picker)."""

    name: str | None                 # study as this learner (created if new); None: ask first
    known: tuple[Learner, ...]       # the learners of this data directory, for the picker

    @property
    def ask(self) -> bool:
        return self.name is None


def choose_learner(db: ProgressDatabase, requested: str | None, *, sheet: bool = False) -> LearnerChoice:
    """`tutor --learner NAME` (or TUTOR_LEARNER) names the learner; otherwise:

    - no learner yet: the default one (the login name), with no extra step;
    - one learner: that one, with no extra step;
    - several: ask who is studying (a list and "new learner").
    A lab sheet always asks when nobody is named, even with one learner or none: on a shared
    machine the last student's name must not be taken for the next one's answers.
    Raises LearnerNameError for a requested name that cannot be a learner's.
    """
    known = db.learners()
    if requested is not None:
        return LearnerChoice(normalize(requested), known)
    if sheet or len(known) > 1:
        return LearnerChoice(None, known)
    return LearnerChoice(known[0].name if known else default_name(), known)

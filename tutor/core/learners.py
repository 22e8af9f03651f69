"""Learner names: free text (unicode, spaces), compared after one normalisation, safe as file names."""

from __future__ import annotations

import getpass
import hashlib
import re
import unicodedata

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

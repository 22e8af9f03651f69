"""The course's quick listing remembered between starts, so the first screen does not parse YAML.

Reading the bundled course's 20 files with the budgeted YAML reader takes ~50 ms, a quarter of the
tutor's start beyond a bare Textual app. What the listing takes from a file depends only on its
name and text (and on the code that reads it), so an entry is kept under a hash of those: reading
and hashing the files costs ~2 ms, and a file edited by an author (even within the same clock
tick, with the same size) simply has a new hash. Like the proof cache, this is an optimisation:
a memo that cannot be read or written is the same as an empty one.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .cachefolder import cache_folder, replace_file

VERSION = 1
KEEP = 500  # entries kept (the newest): a few courses' worth, a few hundred KB at most
# The modules whose code decides what an entry holds: a change to any of them starts afresh.
READERS = ("catalog.py", "titles.py", "files.py", "yamlpos.py", "yamlcompose.py")


@lru_cache(maxsize=1)
def readers_fingerprint() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.blake2b(str(VERSION).encode(), digest_size=16)
    for name in READERS:
        try:
            digest.update(name.encode() + b"\0" + (here / name).read_bytes())
        except OSError:
            digest.update(name.encode() + b"\0?")
    return digest.hexdigest()


def text_key(file: Path, text: str) -> str:
    return hashlib.blake2b(file.name.encode() + b"\0" + text.encode(), digest_size=16).hexdigest()


class CatalogMemo:
    """Listing entries (plain JSON values) by text_key, read once and written back if one was added."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_folder() / "catalog.json"
        self.entries: dict[str, dict] = {}  # insertion-ordered: the oldest first
        self.changed = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == VERSION and data.get("readers") == readers_fingerprint():
                self.entries = {str(k): v for k, v in data.get("entries", {}).items() if isinstance(v, dict)}
        except (OSError, ValueError, AttributeError):
            pass  # none yet, or damaged: read every file

    def get(self, key: str) -> dict | None:
        return self.entries.get(key)

    def put(self, key: str, entry: dict) -> None:
        self.entries.pop(key, None)
        self.entries[key] = entry
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        kept = dict(list(self.entries.items())[-KEEP:])
        data = {"version": VERSION, "readers": readers_fingerprint(), "entries": kept}
        try:
            replace_file(self.path, json.dumps(data, ensure_ascii=False))
        except OSError:
            pass  # a read-only home: the next start reads the files again, nothing worse

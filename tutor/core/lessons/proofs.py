"""Lessons already proved: `tutor validate` does not prove a lesson file again while neither the file,
the number of seeds nor the maths engine has changed since it was found valid.

A lesson's proof depends on nothing else: its exercises are built and checked from its own file,
by the code under tutor/core. So the key is a hash of the file's bytes, the seeds and a fingerprint
of that code (every source file, and the versions of the libraries that do the maths). Only lessons
found entirely valid are kept; a broken one is proved again each time (it is being edited). The
cache is an optimisation: a file that cannot be read or written is the same as an empty one.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .cachefolder import cache_folder, replace_file

VERSION = 1
KEEP = 2000  # keys kept (the newest): a course is a few dozen lessons, so this is many courses' worth
LIBRARIES = ("sympy", "mpmath", "numpy", "msgspec", "pyyaml", "pylatexenc")


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of every source file of the core and the maths libraries' versions (about 5 ms)."""
    core = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{VERSION} {sys.version_info[:2]}".encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?;".encode())
    for path in sorted(core.rglob("*.py")):
        digest.update(str(path.relative_to(core)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def default_path() -> Path:
    return cache_folder() / "proofs.json"


class ProofCache:
    """The keys of lesson files proved valid, read once and written back when a lesson is added."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.engine = engine_fingerprint()
        self.proven: dict[str, None] = {}  # insertion-ordered: the oldest first
        self.changed = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == VERSION and data.get("engine") == self.engine:
                self.proven = dict.fromkeys(str(k) for k in data.get("proven", []))
        except (OSError, ValueError, AttributeError):
            pass  # no cache yet, or a damaged one: prove everything

    def key(self, lesson_file: Path, seeds: int) -> str | None:
        try:
            content = lesson_file.read_bytes()
        except OSError:
            return None
        return hashlib.sha256(f"{self.engine} {seeds}\0".encode() + content).hexdigest()

    def __contains__(self, key: str | None) -> bool:
        return key is not None and key in self.proven

    def add(self, key: str | None) -> None:
        if key is not None and key not in self.proven:
            self.proven[key] = None
            self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        keys = list(self.proven)[-KEEP:]
        data = {"version": VERSION, "engine": self.engine, "proven": keys}
        try:
            replace_file(self.path, json.dumps(data))
        except OSError:
            pass  # a read-only home: the next run proves everything again, nothing worse

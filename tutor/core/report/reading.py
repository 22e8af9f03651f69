"""Read exported statements from files and folders: duplicates counted once, bad input named, never fatal.

A path may be a JSON-lines file, a JSON file holding one statement, a list of them or an LRS
answer (`{"statements": [...]}`), or a folder searched recursively (a submit folder, several
classes). Every line or file that cannot be used is counted under its reason and named in the
warnings, so a teacher knows what the report left out and why.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .attempt import Attempt, Completion
from .statement import Refused, read_statement

SUFFIXES = {".jsonl", ".json", ".ndjson"}  # what a folder is searched for (other files are named)
MAX_FILE_BYTES = 200_000_000               # beyond this a file is named and skipped, not read into memory
EXAMPLES_PER_REASON = 3


@dataclass
class Reading:
    """What was read: the answers, the finished sheets, and what was skipped and why."""

    attempts: list[Attempt] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)
    files: int = 0
    statements: int = 0                     # distinct statements used
    duplicates: int = 0                     # the same statement id seen again (counted once)
    skipped: Counter = field(default_factory=Counter)               # reason -> how many
    examples: dict[str, list[str]] = field(default_factory=dict)    # reason -> first places
    _seen: set[str] = field(default_factory=set, repr=False)

    def skip(self, reason: str, where: str) -> None:
        self.skipped[reason] += 1
        places = self.examples.setdefault(reason, [])
        if len(places) < EXAMPLES_PER_REASON:
            places.append(where)

    def warnings(self) -> list[str]:
        """One sentence per reason, naming where it happened."""
        out = []
        for reason, count in self.skipped.most_common():
            places = self.examples.get(reason, [])
            more = f" and {count - len(places)} more" if count > len(places) else ""
            noun = "item" if count == 1 else "items"
            out.append(f"skipped {count} {noun}: {reason} ({', '.join(places)}{more})")
        if self.duplicates:
            out.append(f"{self.duplicates} duplicate statement(s) counted once")
        return out

    def add(self, statement: object, where: str) -> None:
        identity = _identity(statement)
        if identity in self._seen:
            self.duplicates += 1
            return
        try:
            item = read_statement(statement, where)
        except Refused as reason:
            self.skip(str(reason), where)
            return
        self._seen.add(identity)
        self.statements += 1
        (self.attempts if isinstance(item, Attempt) else self.completions).append(item)


def _identity(statement: object) -> str:
    """The statement id; a statement without one (another tool's) is known by its content."""
    if isinstance(statement, dict) and isinstance(statement.get("id"), str) and statement["id"].strip():
        return statement["id"].strip().lower()
    text = json.dumps(statement, sort_keys=True, ensure_ascii=True, default=str)
    return "sha1:" + hashlib.sha1(text.encode()).hexdigest()


def statement_files(path: Path) -> tuple[list[Path], list[Path]]:
    """(files to read, other files in the folders) for one path; a file named directly is always read."""
    if path.is_file():
        return [path], []
    found, others = [], []
    for item in sorted(path.rglob("*")):
        if not item.is_file() or any(part.startswith(".") for part in item.relative_to(path).parts):
            continue
        (found if item.suffix.lower() in SUFFIXES else others).append(item)
    return found, others


def read_paths(paths: list[str | Path]) -> Reading:
    reading = Reading()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            reading.skip("no such file or folder", str(path))
            continue
        files, others = statement_files(path)
        for other in others:
            reading.skip("not a statements file (.jsonl, .json)", str(other))
        for file in files:
            read_file(file, reading)
    return reading


def read_file(path: Path, reading: Reading) -> None:
    reading.files += 1
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            reading.skip("file too large", str(path))
            return
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as error:
        reading.skip(f"unreadable ({error.strerror or error})", str(path))
        return
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        whole = _whole(text)
        if isinstance(whole, list):
            for i, statement in enumerate(whole, 1):
                reading.add(statement, f"{path}#{i}")
            return
    lines = text.splitlines()
    if stripped.startswith("{") and len(lines) > 1:
        whole = _whole(text)  # one pretty-printed statement, or an LRS answer
        if isinstance(whole, dict):
            listed = whole.get("statements")
            for i, statement in enumerate(listed if isinstance(listed, list) else [whole], 1):
                reading.add(statement, f"{path}#{i}")
            return
    for number, line in enumerate(lines, 1):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            statement = decode_line(line)
        except ValueError:
            # A statement cut short (a crash while appending, a copy interrupted) still starts like one.
            reading.skip("a truncated line" if line.startswith("{") else "not JSON", f"{path}:{number}")
            continue
        reading.add(statement, f"{path}:{number}")


def decode_line(line: str) -> object:
    """One JSON value (msgspec: several times faster than json on a class's thousands of lines)."""
    import msgspec

    try:
        return msgspec.json.decode(line)
    except msgspec.DecodeError as error:
        raise ValueError(str(error)) from error


def _whole(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None

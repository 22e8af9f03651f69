"""A quick first look at a lessons folder: ids, titles and exercise ids, for the first screen.

Read with libyaml's C loader and no validation, so the home screen can list the course in a few
milliseconds; the full, validated load (typed models, then sympy) follows in the background and
replaces this. Nothing here decides whether a file is valid; the files are read as safely as the
full load reads them (the same listing, size cap, YAML budgets and cleaned text).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .files import (
    LessonFileError,
    bundled_lessons_dir,
    find_lessons,
    looks_like_sheet,
    read_lesson_text,
)
from .titles import broken_title, readable_name


@dataclass(frozen=True)
class CatalogEntry:
    path: Path
    id: str
    title: str
    summary: str
    requires: tuple[str, ...]
    exercise_ids: tuple[str, ...]
    readable: bool = True   # False when the quick read failed (the full load will say why)
    track: str | None = None  # the track this lesson starts (course_map.py)


def _text(value: object, default: str) -> str:
    return value if isinstance(value, str) and value.strip() else default


def read_catalog(path: Path | str | None = None, *, memo: bool = False) -> list[CatalogEntry]:
    """The listing of every lesson at `path` (the bundled course by default), in name order.

    With `memo`, entries of files whose text was listed before come from the catalog memo
    (catalog_memo.py) instead of being parsed again: the first screen's way.
    """
    root = Path(path) if path is not None else bundled_lessons_dir()
    remembered = None
    if memo:
        from .catalog_memo import CatalogMemo

        remembered = CatalogMemo()
    entries = []
    for file in find_lessons(root).files:
        try:
            text = read_lesson_text(file)
        except LessonFileError:
            text = None
        key = None
        if remembered is not None and text is not None:
            from .catalog_memo import text_key

            key = text_key(file, text)
            known = remembered.get(key)
            if known is not None and known.get("sheet"):
                continue
            if known is not None and (entry := _entry_from_json(file, known)) is not None:
                entries.append(entry)
                continue
        entry = _read_entry(file, text)
        if key is not None:
            remembered.put(key, {"sheet": True} if entry is None else _entry_to_json(entry))
        if entry is not None:
            entries.append(entry)
    if remembered is not None:
        remembered.save()
    return entries


def _read_entry(file: Path, text: str | None) -> CatalogEntry | None:
    """A file's listing entry from its text (None: a lab sheet kept beside the lessons)."""
    from .yamlpos import (  # the YAML reader: only when a file is not remembered
        YamlProblem,
        load_with_positions,
    )

    data = None
    if text is not None:
        try:
            data = load_with_positions(text)[0]
        except YamlProblem:
            pass
    if looks_like_sheet(data):
        return None
    if not isinstance(data, dict):
        return CatalogEntry(file, f"broken:{file.name}", broken_title(file, text, data), "", (), (), readable=False)
    exercises = data.get("exercises") if isinstance(data.get("exercises"), list) else []
    ids = tuple(e["id"] for e in exercises if isinstance(e, dict) and isinstance(e.get("id"), str))
    requires = data.get("requires") if isinstance(data.get("requires"), list) else []
    return CatalogEntry(
        file, _text(data.get("id"), f"broken:{file.name}"), _text(data.get("title"), readable_name(file)),
        _text(data.get("summary"), ""), tuple(r for r in requires if isinstance(r, str)), ids,
        track=_text(data.get("track"), "") or None,
    )


def _entry_to_json(entry: CatalogEntry) -> dict:
    return {"id": entry.id, "title": entry.title, "summary": entry.summary, "requires": list(entry.requires),
            "exercise_ids": list(entry.exercise_ids), "readable": entry.readable, "track": entry.track}


def _entry_from_json(file: Path, data: dict) -> CatalogEntry | None:
    """The remembered entry, or None when the memo was damaged (then the file is read again)."""
    try:
        track = data["track"]
        return CatalogEntry(file, str(data["id"]), str(data["title"]), str(data["summary"]),
                            tuple(map(str, data["requires"])), tuple(map(str, data["exercise_ids"])),
                            readable=bool(data["readable"]), track=str(track) if track is not None else None)
    except (KeyError, TypeError):
        return None

"""A quick first look at a lessons folder: ids, titles and exercise ids, for the first screen.

Read with libyaml's C loader and no validation, so the home screen can list the course in a few
milliseconds; the full, validated load (typed models, then sympy) follows in the background and
replaces this. Nothing here decides whether a file is valid; the files are read as safely as the
full load reads them (the same listing, size cap, YAML budgets and cleaned text).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .files import LessonFileError, bundled_lessons_dir, find_lessons, looks_like_sheet, read_lesson_text
from .titles import broken_title, readable_name
from .yamlpos import YamlProblem, load_with_positions


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


def read_catalog(path: Path | str | None = None) -> list[CatalogEntry]:
    root = Path(path) if path is not None else bundled_lessons_dir()
    entries = []
    for file in find_lessons(root).files:
        text, data = None, None
        try:
            text = read_lesson_text(file)
            data = load_with_positions(text)[0]
        except (LessonFileError, YamlProblem):
            pass
        if looks_like_sheet(data):  # a lab sheet kept beside the lessons
            continue
        if not isinstance(data, dict):
            entries.append(CatalogEntry(file, f"broken:{file.name}", broken_title(file, text, data), "", (), (),
                                        readable=False))
            continue
        exercises = data.get("exercises") if isinstance(data.get("exercises"), list) else []
        ids = tuple(e["id"] for e in exercises if isinstance(e, dict) and isinstance(e.get("id"), str))
        requires = data.get("requires") if isinstance(data.get("requires"), list) else []
        entries.append(CatalogEntry(
            file, _text(data.get("id"), f"broken:{file.name}"), _text(data.get("title"), readable_name(file)),
            _text(data.get("summary"), ""), tuple(r for r in requires if isinstance(r, str)), ids,
            track=_text(data.get("track"), "") or None,
        ))
    return entries

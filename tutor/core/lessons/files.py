"""Where lessons are: the bundled course, and the lesson files of a folder (in name order)."""

from __future__ import annotations

from pathlib import Path


def bundled_lessons_dir() -> Path:
    """The course shipped with the package (a wheel) or beside it (an editable install)."""
    package = Path(__file__).resolve().parents[2]
    inside = package / "lessons"
    return inside if inside.is_dir() else package.parent / "lessons"


def lesson_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def looks_like_sheet(data: object) -> bool:
    """A lab sheet (items:, no pages or exercises) found among lessons is not a broken lesson."""
    return isinstance(data, dict) and "items" in data and "exercises" not in data and "pages" not in data

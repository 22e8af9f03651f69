"""A lab sheet, read only for what the report needs: its id, title and items, in order.

Read liberally (a sheet may list exercises as `lesson/exercise`, as mappings, or whole lessons),
so a report can be made from a sheet file whatever version of the tutor wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class SheetError(Exception):
    """The sheet file cannot be read; the message says why."""


@dataclass(frozen=True)
class SheetItems:
    id: str
    title: str
    items: tuple[str, ...]   # lesson/exercise, in the sheet's order


def read_sheet(path: Path | str, lesson_exercises=None) -> SheetItems:
    """`lesson_exercises(lesson_id) -> [exercise ids]` expands an item that names a whole lesson."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SheetError(f"{path}: cannot read it ({error})") from error
    except yaml.YAMLError as error:
        raise SheetError(f"{path}: not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise SheetError(f"{path}: a sheet is a mapping with id, title and items")
    sheet = data.get("sheet") if isinstance(data.get("sheet"), dict) else data
    items: list[str] = []
    for raw in _listed(sheet):
        for key in _expand(raw, lesson_exercises):
            if key not in items:
                items.append(key)
    if not items:
        raise SheetError(f"{path}: no exercises found (expected `items:` or `exercises:` listing lesson/exercise)")
    ident = str(sheet.get("id") or path.stem)
    return SheetItems(ident, str(sheet.get("title") or ident), tuple(items))


def _listed(sheet: dict) -> list:
    out: list = []
    for name in ("items", "exercises", "lessons"):
        value = sheet.get(name)
        if isinstance(value, list):
            out.extend(value if name != "lessons" else [{"lesson": v} if isinstance(v, str) else v for v in value])
    return out


def _expand(raw: object, lesson_exercises) -> list[str]:
    if isinstance(raw, str):
        lesson, _, exercise = raw.strip().partition("/")
        raw = {"lesson": lesson, "exercise": exercise} if exercise else {"lesson": lesson}
    if not isinstance(raw, dict) or not isinstance(raw.get("lesson"), str):
        return []
    lesson = raw["lesson"].strip()
    exercises = raw.get("exercises", raw.get("exercise"))
    if isinstance(exercises, str):
        exercises = [exercises]
    if isinstance(exercises, list):
        return [f"{lesson}/{str(e).strip()}" for e in exercises if str(e).strip()]
    return [f"{lesson}/{e}" for e in (lesson_exercises(lesson) if lesson_exercises else [])]

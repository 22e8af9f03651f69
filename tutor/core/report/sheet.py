"""A lab sheet, read only for what the report needs: its id, title, items in order, extra lessons.

Read liberally, so a report can be made from a sheet whatever version of the tutor wrote it: an
item is `{exercise: lesson/exercise}`, `{lesson: id}` (all its exercises), `{lesson, exercise}`
or a plain `lesson/exercise` string; `lessons:` names lesson files or folders beside the sheet
that add to the bundled course.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

WHOLE_LESSON = "*"  # an item naming a lesson, expanded to its exercises once the course is known


class SheetError(Exception):
    """The sheet file cannot be read; the message says why."""


@dataclass(frozen=True)
class SheetItems:
    id: str
    title: str
    items: tuple[str, ...]            # lesson/exercise, or lesson/* for a whole lesson, in order
    lessons: tuple[Path, ...] = ()    # extra lesson files or folders (resolved against the sheet)

    def expanded(self, lesson_exercises) -> tuple[str, ...]:
        """The items with each whole lesson replaced by its exercises (`lesson_exercises(id) -> [ids]`)."""
        out: list[str] = []
        for item in self.items:
            lesson, _, exercise = item.partition("/")
            keys = [f"{lesson}/{e}" for e in lesson_exercises(lesson)] if exercise == WHOLE_LESSON else [item]
            out.extend(k for k in keys if k not in out)
        return tuple(out)


def read_sheet(path: Path | str) -> SheetItems:
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
    items: list[str] = []
    for raw in data.get("items") or data.get("exercises") or []:
        for key in _keys(raw):
            if key not in items:
                items.append(key)
    if not items:
        raise SheetError(f"{path}: no exercises found (expected `items:` listing `exercise: lesson/exercise`)")
    extra = data.get("lessons") if isinstance(data.get("lessons"), list) else []
    lessons = tuple((path.parent / str(p)).resolve() for p in extra if isinstance(p, str) and p.strip())
    ident = str(data.get("id") or path.stem)
    return SheetItems(ident, str(data.get("title") or ident), tuple(items), lessons)


def _keys(raw: object) -> list[str]:
    if isinstance(raw, str):
        raw = {"exercise": raw} if "/" in raw else {"lesson": raw}
    if not isinstance(raw, dict):
        return []
    exercise, lesson = raw.get("exercise"), raw.get("lesson")
    if isinstance(exercise, str) and "/" in exercise:
        return [exercise.strip()]
    if isinstance(lesson, str) and lesson.strip():
        if isinstance(exercise, str) and exercise.strip():
            return [f"{lesson.strip()}/{exercise.strip()}"]
        if isinstance(exercise, list):
            return [f"{lesson.strip()}/{str(e).strip()}" for e in exercise if str(e).strip()]
        return [f"{lesson.strip()}/{WHOLE_LESSON}"]
    return []

"""Reading a sheet file: every problem with file:line:column, like lesson files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


from tutor.core.lessons.conform import conform
from tutor.core.lessons.errors import LessonError
from tutor.core.lessons.files import LessonFileError, looks_like_sheet, read_lesson_text
from tutor.core.lessons.loader import error_at
from tutor.core.lessons.yamlpos import Positions, YamlProblem, load_with_positions

from .models import MODES, SheetFile, parse_due


@dataclass(frozen=True)
class Sheet:
    """A sheet file that passed its own checks (its items are resolved against a course later)."""

    file: SheetFile
    path: Path
    positions: Positions

    @property
    def id(self) -> str:
        return self.file.id

    @property
    def title(self) -> str:
        return self.file.title

    @property
    def class_name(self) -> str:
        return self.file.class_

    @property
    def mode(self) -> str:
        return self.file.mode

    @property
    def test(self) -> bool:
        return self.file.mode == "test"

    @property
    def tries(self) -> int | None:
        """Tries per exercise in test mode; None (unlimited) in study mode."""
        return self.file.tries

    @property
    def time_limit_s(self) -> float | None:
        return None if self.file.time_limit is None else self.file.time_limit * 60.0

    @property
    def due(self) -> datetime | None:
        return None if self.file.due is None else parse_due(self.file.due)

    @property
    def submit_dir(self) -> Path | None:
        """The submit folder, relative paths taken from the sheet's own folder."""
        return None if self.file.submit is None else self.path.parent / Path(self.file.submit).expanduser()

    @property
    def lesson_paths(self) -> list[Path]:
        return [self.path.parent / Path(p).expanduser() for p in self.file.lessons]

    def error(self, where: tuple, message: str) -> LessonError:
        return error_at(str(self.path), self.positions, where, message)


def is_sheet(path: Path | str) -> bool:
    """A YAML file whose top level is a sheet (a mapping with items:, not a lesson).

    Read as lessons are (a regular file only, at most 1 MB, the budgeted YAML reader): a FIFO, a
    device or an alias bomb given on the command line must not hang or sink the tutor here either.
    """
    path = Path(path)
    if path.suffix not in (".yaml", ".yml"):
        return False
    try:
        text = read_lesson_text(path)
    except LessonFileError:
        return False
    try:
        return looks_like_sheet(load_with_positions(text)[0])
    except YamlProblem:
        # A sheet with a syntax error is still a sheet: its author wants that error, not a lesson's.
        lines = text.splitlines()
        return any(line.startswith("items:") for line in lines) and not any(
            line.startswith(("exercises:", "pages:")) for line in lines)


def load_sheet(path: Path | str) -> tuple[Sheet | None, list[LessonError]]:
    """The sheet, or None and every problem found (file:line:column)."""
    path = Path(path)
    shown = str(path)
    try:
        text = read_lesson_text(path)
    except LessonFileError as error:
        return None, [LessonError(shown, None, None, str(error))]
    try:
        data, positions = load_with_positions(text)
    except YamlProblem as problem:
        return None, [LessonError(shown, problem.line, problem.column, problem.message)]
    # Control characters are refused in a sheet as in a lesson (its title and description are shown).
    errors = [LessonError(shown, line, col, message) for line, col, message in positions.problems]
    errors += [LessonError(shown, line, col, f"the key '{key}' appears twice")
               for key, line, col in positions.duplicates]
    if not isinstance(data, dict):
        return None, errors + [LessonError(shown, 1, 1, "a sheet is a mapping with id, title, class and items")]
    sheet, problems = conform(data, SheetFile)
    found = [error_at(shown, positions, p.path, p.message) for p in problems]
    if problems:  # the struct's own rules (mode, due) run only once its fields are sound: say them too
        reported = {p.path[:1] for p in problems}
        found += [error_at(shown, positions, (key,), message)
                  for key, message in _field_rules(data) if (key,) not in reported]
    errors += sorted(found, key=lambda e: (e.line or 0, e.column or 0))
    if errors:
        return None, errors
    return Sheet(sheet, path, positions), []


def _field_rules(data: dict) -> list[tuple[str, str]]:
    out = []
    mode = data.get("mode", "study")
    if isinstance(mode, str) and mode not in MODES:
        out.append(("mode", f"mode: '{mode}' is not a mode; use study or test"))
    due = data.get("due")
    if isinstance(due, str):
        try:
            parse_due(due)
        except ValueError:
            out.append(("due", f"due: '{due}' is not a date; write 2026-12-05 or 2026-12-05 17:00"))
    return out

"""Problems found in a lesson file, each with the place a teacher needs to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from .safetext import clean


@dataclass(frozen=True)
class LessonError:
    path: str
    line: int | None      # 1-based
    column: int | None    # 1-based
    message: str

    def __str__(self) -> str:
        """file:line:column: message, safe to print (a file's name may hold control characters too)."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return clean(f"{where}: {self.message}")

    def to_json(self) -> dict:
        # The path as it is, for scripts to open; whoever prints the JSON escapes it (safetext.json_safe).
        return {"path": self.path, "line": self.line, "column": self.column, "message": clean(self.message)}

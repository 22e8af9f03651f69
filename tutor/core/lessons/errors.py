"""Problems found in a lesson file, each with the place a teacher needs to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LessonError:
    path: str
    line: int | None      # 1-based
    column: int | None    # 1-based
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}

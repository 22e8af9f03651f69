"""Progress: attempts, solved state and position, kept in SQLite so nothing checked is ever lost."""

from .paths import DATABASE_NAME, ENV_VAR, data_dir, database_path
from .records import (Attempt, ExerciseState, LessonSummary, Position, ProgressError,
                      QuizAnswer, QuizResult, Work)
from .rules import MASTERY_RATE
from .migrations import LATEST_VERSION
from .store import ProgressStore

__all__ = [
    "Attempt", "DATABASE_NAME", "ENV_VAR", "ExerciseState", "LATEST_VERSION", "LessonSummary",
    "MASTERY_RATE", "Position", "ProgressError", "ProgressStore", "QuizAnswer", "QuizResult", "Work",
    "data_dir", "database_path",
]

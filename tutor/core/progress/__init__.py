"""Progress: attempts, solved state and position, kept in SQLite so nothing checked is ever lost."""

from .paths import DATABASE_NAME, ENV_VAR, data_dir, database_path
from .records import (Answered, Attempt, ExerciseState, Learner, LessonSummary, Position, ProgressError,
                      QuizAnswer, QuizResult, ReviewCard, Slip, Work)
from .rules import MASTERY_RATE
from .migrations import LATEST_VERSION
from .answers import AnswerContext
from .labs import SheetRun, SheetTally
from .store import ProgressDatabase, ProgressStore

__all__ = [
    "AnswerContext", "Answered", "Attempt", "DATABASE_NAME", "ENV_VAR", "ExerciseState", "LATEST_VERSION", "Learner",
    "LessonSummary", "MASTERY_RATE", "Position", "ProgressDatabase", "ProgressError", "ProgressStore",
    "QuizAnswer", "QuizResult", "ReviewCard", "SheetRun", "Slip", "SheetTally", "Work", "data_dir", "database_path",
]

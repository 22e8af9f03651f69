"""The teacher's class report: statements read from anywhere, learners, exercises, answer groups, misconceptions."""

from .build import make_report
from .feed import ReportFeed, build_report
from .model import Cell, ExerciseRow, LearnerRow, Misconception, Report
from .reading import Reading, read_paths
from .responses import AnswerGroup
from .sheet import SheetError, SheetItems, read_sheet
from .attempt import Attempt, Completion

__all__ = [
    "AnswerGroup", "Attempt", "Cell", "Completion", "ExerciseRow", "LearnerRow", "Misconception", "Reading",
    "Report", "ReportFeed", "SheetError", "SheetItems", "build_report", "make_report", "read_paths", "read_sheet",
]

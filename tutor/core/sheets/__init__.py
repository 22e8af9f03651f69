"""Lab sheets: a teacher's YAML list of lessons and exercises, a mode, per-learner variants."""

from .load import Sheet, is_sheet, load_sheet
from .resolve import SheetExercise, resolve, sheet_catalog, sheet_course
from .seeds import variant_seed

__all__ = ["Sheet", "SheetExercise", "is_sheet", "load_sheet", "resolve", "sheet_catalog", "sheet_course",
           "variant_seed"]

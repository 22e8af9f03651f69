"""The lab sheet format as typed structs: what a sheet file may contain (see lessons/README.md)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from msgspec import Meta, field
from msgspec.structs import force_setattr

from tutor.core.lessons.models import Id, Invalid, Strict

MODES = ("study", "test")
DEFAULT_TRIES = 3          # test mode: tries per exercise when the sheet does not say
MAX_TRIES = 20
EXERCISE_REF = r"^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$"


class Item(Strict, kw_only=True):
    """One item of a sheet: a whole lesson, or one exercise written `lesson-id/exercise-id`."""

    lesson: Annotated[Id | None, Meta(description="a lesson id: all its exercises, in order")] = None
    exercise: Annotated[Annotated[str, Meta(max_length=130, extra_json_schema={"pattern": EXERCISE_REF})] | None,
                        Meta(description="one exercise, as lesson-id/exercise-id")] = None

    def __post_init__(self) -> None:
        if (self.lesson is None) == (self.exercise is None):
            raise Invalid("an item is either lesson: LESSON-ID or exercise: LESSON-ID/EXERCISE-ID")
        if self.exercise is not None and not re.match(EXERCISE_REF, self.exercise):
            raise Invalid(f"exercise: '{self.exercise}' is not lesson-id/exercise-id "
                          "(e.g. basic-example/dfdx-basic)", "exercise")


class SheetFile(Strict, kw_only=True):
    """One lab sheet file."""

    id: Annotated[Id, Meta(description="the sheet's id: part of every learner's variant seed and file name")]
    title: Annotated[str, Meta(min_length=1, max_length=80)]
    class_: Annotated[str, Meta(min_length=1, max_length=64,
                                description="the class (group of students); the submit folder has one folder per class")] = field(name="class")
    items: Annotated[list[Item], Meta(min_length=1, max_length=500)]
    mode: Annotated[str, Meta(description="study: hints and solutions allowed; test: no hints, "
                                          "`tries` tries, optional `time_limit`")] = "study"
    tries: Annotated[Annotated[int, Meta(ge=1, le=MAX_TRIES)] | None,
                     Meta(description="test mode: tries per exercise (default 3)")] = None
    time_limit: Annotated[Annotated[float, Meta(gt=0, le=24 * 60)] | None,
                          Meta(description="test mode: minutes from the first opening")] = None
    due: Annotated[str | None, Meta(description="a date or date and time, e.g. 2026-12-05 or 2026-12-05 17:00")] = None
    submit: Annotated[Annotated[str, Meta(min_length=1)] | None, Meta(description="a folder (often on a network share) where "
                                                                  "every checked answer is also written")] = None
    lessons: Annotated[list[Annotated[str, Meta(min_length=1)]], Meta(
        description="lesson files or folders, relative to this sheet, added to the bundled course")] = []
    description: Annotated[str | None, Meta(description="shown on the sheet screen (Markdown)")] = None
    mastery: Annotated[Annotated[float, Meta(gt=0, le=1)] | None, Meta(
        description="the share of items to solve to pass (0.8: 80%): a handed-in sheet is then also "
                    "\"passed\" or \"failed\" (cmi5's mastery score)")] = None

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise Invalid(f"mode: '{self.mode}' is not a mode; use study or test", "mode")
        if self.mode == "study":
            for key in ("tries", "time_limit"):
                if getattr(self, key) is not None:
                    raise Invalid(f"{key} is for test mode (mode: test); a study sheet has neither", key)
        elif self.tries is None:
            force_setattr(self, "tries", DEFAULT_TRIES)
        if self.due is not None:
            try:
                parse_due(self.due)
            except ValueError:
                raise Invalid(f"due: '{self.due}' is not a date; write 2026-12-05 or 2026-12-05 17:00", "due") from None
        if not self.class_.strip():
            raise Invalid("class: must not be blank", "class")


def parse_due(text: str) -> datetime:
    """A due date (end of that day) or date and time, in local time as the teacher wrote it."""
    when = datetime.fromisoformat(text.strip())
    if len(text.strip()) <= 10:  # a date alone: due at the end of that day
        when = when.replace(hour=23, minute=59, second=59)
    return when

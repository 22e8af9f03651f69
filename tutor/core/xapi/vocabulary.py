"""The fixed names of the tutor's xAPI statements (see the xAPI section of the README).

Other tools and the teacher's report rely on these: the learner as an account on
`urn:tutor:learner`, exercises as `urn:tutor:exercise:<lesson>/<exercise>`, ADL verbs.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from urllib.parse import quote, unquote

LEARNER_HOME = "urn:tutor:learner"
EXERCISE = "urn:tutor:exercise:"
SHEET = "urn:tutor:sheet:"
CLASS = "urn:tutor:class:"
PLATFORM = "tutor"

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
# cmi5's verdict on a finished sheet against its mastery score (one of the two, never both).
PASSED = "http://adlnet.gov/expapi/verbs/passed"
FAILED = "http://adlnet.gov/expapi/verbs/failed"
MASTERY_SCORE = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
LANG = "en-US"

EXT = "urn:tutor:ext:"
DIAGNOSIS = EXT + "diagnosis"
TRY = EXT + "try"
HINTS = EXT + "hints"
SOLUTION_SHOWN = EXT + "solution-shown"
SEED = EXT + "seed"
MODE = EXT + "mode"
MESSAGE = EXT + "message"
CHOICE_TEXT = EXT + "choice-text"
PARAMS = EXT + "params"      # the variant's parameters as shown: {"a": "3", "b": "-2"}
LESSON = EXT + "lesson"

# Every id the tutor makes is a name-based (version 5) UUID in this namespace, so the same answer
# always gets the same id, on any machine, in any export.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:tutor")
SEP = "\x1f"


def exercise_iri(lesson_id: str, exercise_id: str) -> str:
    return f"{EXERCISE}{lesson_id}/{exercise_id}"


@lru_cache(maxsize=256)  # an export repeats the same few classes and sheets 100 000 times
def class_iri(class_name: str) -> str:
    """A class is free text ("ML 2B"): percent-encoded, as an IRI may hold no space."""
    return CLASS + quote(class_name, safe="")


def class_of(iri: str) -> str | None:
    return unquote(iri[len(CLASS):]) if iri.startswith(CLASS) else None


def answer_id(learner: str, lesson_id: str, exercise_id: str, at: float, local_id: int) -> str:
    """A checked answer's statement id: the learner, the exercise, the time and the row it was stored in."""
    return str(uuid.uuid5(NAMESPACE, SEP.join((learner, f"{lesson_id}/{exercise_id}", repr(float(at)), str(local_id)))))


@lru_cache(maxsize=4096)
def registration(sheet_id: str, learner: str) -> str:
    """One learner's run of one sheet: the same on every machine."""
    return str(uuid.uuid5(NAMESPACE, SEP.join((sheet_id, learner))))


def completion_id(sheet_id: str, learner: str) -> str:
    """The one "completed" statement of a learner's sheet."""
    return str(uuid.uuid5(NAMESPACE, SEP.join((learner, f"sheet:{sheet_id}", "completed"))))


def mastery_id(sheet_id: str, learner: str) -> str:
    """The one "passed" or "failed" statement of a learner's sheet (a run is judged once)."""
    return str(uuid.uuid5(NAMESPACE, SEP.join((learner, f"sheet:{sheet_id}", "mastery"))))

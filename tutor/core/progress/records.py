"""What the progress store returns: frozen records, never sqlite rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

VerdictName = Literal["correct", "incorrect", "invalid"]
# practice: a quiz's retry of missed questions, whose answers the summary has just shown.
# test: a lab sheet in test mode (no hints, no solutions, a number of tries).
# review: a spaced review of an exercise solved before, on fresh numbers; drill: items aimed at a slip.
Mode = Literal["study", "quiz", "practice", "test", "review", "drill"]
VERDICTS: frozenset[str] = frozenset({"correct", "incorrect", "invalid"})
MODES: frozenset[str] = frozenset({"study", "quiz", "practice", "test", "review", "drill"})


class ProgressError(Exception):
    """A write failed after the store was opened (disk full, file removed, locked too long).

    The store never raises while opening; a failure mid-session is raised as this one type so
    the UI can catch it and tell the learner, instead of each sqlite3 error class.
    """


@dataclass(frozen=True)
class Learner:
    """Someone whose progress the database keeps; a name is unique in its database."""

    id: int
    name: str
    created_at: float
    last_active: float | None = None  # the last answer or position saved


@dataclass(frozen=True)
class Attempt:
    """One checked answer, exactly as it was recorded."""

    id: int
    lesson_id: str
    exercise_id: str
    seed: int
    answer: str
    verdict: VerdictName
    diagnosis: str | None
    method: str | None
    mode: Mode
    elapsed_ms: float
    at: float  # unix time (UTC seconds)


@dataclass(frozen=True)
class ExerciseState:
    """Where a learner stands on one exercise; see `rules.py` for how each field moves."""

    lesson_id: str
    exercise_id: str
    attempts: int = 0          # graded answers (correct + incorrect); syntax errors do not count
    correct: int = 0
    solved: bool = False       # answered correctly without copying a revealed solution
    completed: bool = False    # solved, or answered correctly after revealing the solution
    first_solved_at: float | None = None
    revealed: bool = False     # the worked solution was shown at least once
    revealed_seed: int | None = None  # the variant whose solution was shown last
    hints_used: int = 0
    mastery: float = 0.0       # in [0, 1]: exponentially weighted success rate
    last_attempt_at: float | None = None


@dataclass(frozen=True)
class LessonSummary:
    """A lesson's progress over the exercises it has now (removed exercises are ignored)."""

    lesson_id: str
    solved: int
    completed: int
    total: int
    mastery: float  # mean over `total` exercises; never-tried ones count as 0

    @property
    def fraction_solved(self) -> float:
        return self.solved / self.total if self.total else 0.0


@dataclass(frozen=True)
class Position:
    """Where the learner left off in a lesson: a concept page, or an exercise."""

    lesson_id: str
    page: int | None
    exercise_id: str | None
    updated_at: float


@dataclass(frozen=True)
class Work:
    """Answers already accepted on an exercise not finished yet (descent steps done by hand)."""

    lesson_id: str
    exercise_id: str
    seed: int               # the variant they belong to
    answers: tuple[str, ...]
    updated_at: float


@dataclass(frozen=True)
class QuizAnswer:
    """One quiz question as answered (the last try when a question allows several)."""

    number: int  # 1-based question number in the run
    lesson_id: str
    exercise_id: str
    seed: int
    answer: str
    verdict: VerdictName
    expected: str  # the right answer, as text to show on the summary screen
    tries: int
    at: float

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"


@dataclass(frozen=True)
class QuizResult:
    """A quiz run: enough for the summary screen and for "retry the ones I missed"."""

    id: int
    started_at: float
    finished_at: float | None
    lesson_ids: tuple[str, ...]
    planned: int  # questions the run was started with
    answers: tuple[QuizAnswer, ...]

    @property
    def score(self) -> int:
        return sum(1 for a in self.answers if a.correct)

    @property
    def total(self) -> int:
        # A question left unanswered (time ran out, quit) still counts against the score.
        return max(self.planned, len(self.answers))

    @property
    def fraction(self) -> float:
        return self.score / self.total if self.total else 0.0

    @property
    def missed(self) -> tuple[QuizAnswer, ...]:
        return tuple(a for a in self.answers if not a.correct)

    @property
    def seconds(self) -> float | None:
        return None if self.finished_at is None else self.finished_at - self.started_at


@dataclass(frozen=True)
class ReviewCard:
    """An exercise's spaced review: when it comes back, and how its reviews went (see review/)."""

    lesson_id: str
    exercise_id: str
    due: float                 # unix time it is due again
    reps: int                  # ratings so far, the first completion included
    lapses: int                # ratings of "again" after the first
    last_rating: int | None    # 1 again, 2 hard, 3 good, 4 easy; None: not rated yet (from before reviews)
    last_review: float | None
    state: str                 # FSRS's: learning, review, relearning; "new" before the first rating
    stability: float           # days until recall falls to 90 % (0 before the first rating)
    difficulty: float          # 1 … 10 (0 before the first rating)
    card: str | None = None    # the fsrs Card as the library writes it; None before the first rating

    def is_due(self, now: float) -> bool:
        return self.due <= now

    def holding(self, now: float) -> bool:
        """A spaced review after the first was passed (not "again") and the next is not due yet."""
        return self.reps >= 2 and (self.last_rating or 0) > 1 and not self.is_due(now)


@dataclass(frozen=True)
class Slip:
    """A named mistake (a diagnosis code) this learner made: how often, the last time and where."""

    code: str
    count: int
    last_at: float
    lesson_id: str | None
    exercise_id: str | None
    drilled: int = 0            # the count when it was last drilled
    drilled_at: float | None = None

    @property
    def since_drill(self) -> int:
        """Times made since the last drill (all of them when never drilled)."""
        return self.count - self.drilled


@dataclass(frozen=True)
class Answered:
    """What one recorded answer changed: the exercise's state, its review card if this answer rated
    it, and the slip it counted (a wrong answer with a named mistake)."""

    state: ExerciseState
    card: ReviewCard | None = None
    rating: int | None = None
    slip: Slip | None = None

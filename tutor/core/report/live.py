"""The lab as it happens: who works on what now, who has been stuck longest, the last minutes' mistakes.

Updated answer by answer (each new attempt costs a few dictionary updates, never a rebuild), and
read at any moment against a clock. "Now" is the teacher's clock; the learners' machines may be a
little ahead or behind, so times are never shown negative.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .attempt import Attempt, Completion
from .rows import STUCK_MINUTES, STUCK_WRONG_TRIES

RECENT_MINUTES = 10   # the window of the live misconceptions
ACTIVE_MINUTES = 15   # a learner silent longer than this is shown as away, not working


@dataclass
class _Cell:
    first: datetime
    last: datetime
    tries: int = 0
    wrong: int = 0
    solved: bool = False
    diagnosis: str | None = None   # the last wrong answer's


@dataclass(frozen=True)
class Working:
    """One learner right now."""

    learner: str
    exercise: str            # lesson/exercise of their latest answer
    title: str
    since: datetime          # when they started on it (their first try's start)
    last: datetime           # their latest answer
    tries: int
    wrong: int
    solved: bool             # their latest exercise is solved: they are between exercises
    diagnosis: str | None    # their last named mistake on it
    handed_in: bool = False

    def seconds_on(self, now: datetime) -> float:
        """Time on the current exercise (since they began it; until they solved it, if they did)."""
        end = self.last if self.solved or self.handed_in else now
        return max(0.0, (end - self.since).total_seconds())

    def stuck(self, now: datetime) -> bool:
        return not self.solved and not self.handed_in and (
            self.wrong >= STUCK_WRONG_TRIES or self.seconds_on(now) >= STUCK_MINUTES * 60)

    def away(self, now: datetime) -> bool:
        return (now - self.last).total_seconds() > ACTIVE_MINUTES * 60


@dataclass(frozen=True)
class Recent:
    code: str
    count: int
    learners: tuple[str, ...]
    exercises: tuple[tuple[str, int], ...]   # most first


@dataclass
class LiveModel:
    """Fed with attempts as they are read (in any order); asked at any time."""

    attempts: dict[str, list[Attempt]] = field(default_factory=lambda: defaultdict(list))   # learner -> by time
    handed_in: set[str] = field(default_factory=set)
    answers: int = 0
    _cells: dict[tuple[str, str], _Cell] = field(default_factory=dict)
    _latest: dict[str, Attempt] = field(default_factory=dict)
    _wrong: list[Attempt] = field(default_factory=list)                 # named mistakes, by arrival

    def add(self, attempts: Iterable[Attempt], completions: Iterable[Completion] = ()) -> None:
        for a in attempts:
            if a.timestamp is None:
                continue  # a live view places answers in time; another tool's undated one waits for the report
            self.answers += 1
            mine = self.attempts[a.learner]
            mine.append(a)
            if len(mine) > 1 and mine[-2].timestamp > a.timestamp:  # a late line (a machine back online)
                mine.sort(key=lambda x: x.timestamp)
            start = a.timestamp - timedelta(seconds=a.seconds or 0.0)
            cell = self._cells.get((a.learner, a.key))
            if cell is None:
                cell = self._cells[(a.learner, a.key)] = _Cell(start, a.timestamp)
            cell.first, cell.last = min(cell.first, start), max(cell.last, a.timestamp)
            cell.tries += 1
            if a.success and not a.solution_shown:
                cell.solved = True
            elif not a.success:
                cell.wrong += 1
                cell.diagnosis = a.diagnosis or cell.diagnosis
                if a.diagnosis:
                    self._wrong.append(a)
            latest = self._latest.get(a.learner)
            if latest is None or a.timestamp >= latest.timestamp:
                self._latest[a.learner] = a
        for c in completions:
            if c.verb == "completed":
                self.handed_in.add(c.learner)

    def working(self, now: datetime | None = None) -> list[Working]:
        """Every learner's current exercise, stuck ones first, then the longest on their exercise."""
        now = now or datetime.now(timezone.utc)
        rows = []
        for learner, a in self._latest.items():
            cell = self._cells[(learner, a.key)]
            rows.append(Working(learner, a.key, a.title, cell.first, cell.last, cell.tries, cell.wrong, cell.solved,
                                cell.diagnosis, learner in self.handed_in))
        return sorted(rows, key=lambda w: (not w.stuck(now), w.handed_in or w.away(now), -w.seconds_on(now),
                                           w.learner.lower()))

    def recent(self, now: datetime | None = None, minutes: float = RECENT_MINUTES) -> list[Recent]:
        """The named mistakes of the last `minutes`, most frequent first."""
        now = now or datetime.now(timezone.utc)
        since = now - timedelta(minutes=minutes)
        by_code: dict[str, list[Attempt]] = defaultdict(list)
        for a in reversed(self._wrong):
            if since <= a.timestamp <= now + timedelta(minutes=1):
                by_code[a.diagnosis].append(a)
        out = [Recent(code, len(found), tuple(sorted({a.learner for a in found})),
                      tuple(Counter(a.key for a in found).most_common())) for code, found in by_code.items()]
        return sorted(out, key=lambda r: (-r.count, -len(r.learners), r.code))

    def pace(self, now: datetime | None = None, minutes: float = 5) -> int:
        """Answers in the last `minutes` (how busy the room is)."""
        now = now or datetime.now(timezone.utc)
        since = now - timedelta(minutes=minutes)
        count = 0
        for mine in self.attempts.values():
            for a in reversed(mine):  # by time: stop at the first older one
                if a.timestamp < since:
                    break
                count += 1
        return count

    def last_answer(self) -> datetime | None:
        return max((a.timestamp for a in self._latest.values()), default=None)

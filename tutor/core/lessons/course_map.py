"""The course as a map of prerequisites: its tracks, and in each a tree drawn from each lesson's `requires`.

A lesson's `track:` starts a part of the course (as a chapter heading does); the lessons after it,
in file order, stay in that track until another one starts. Lessons before any `track:` form the
core. In a track each lesson hangs under its latest prerequisite from the same track that comes
before it in the course; the others (from another track, or a second prerequisite) are listed
beside it by number. Parents always come earlier in the course, so the trees have no cycles
whatever the files say (validation reports circles; the map must still draw).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CORE = "Core"  # the track of the lessons before any `track:`
MAX_PREFIX = 90  # characters of tree lines kept before a title: a deeper row keeps its last 30 levels


@dataclass(frozen=True)
class MapLesson:
    """What the map needs of a lesson, in course order."""

    id: str
    title: str
    requires: tuple[str, ...] = ()
    track: str | None = None  # the track this lesson starts, if it names one
    number: int = 0           # its number on the home list (0: its place in the sequence given)


@dataclass(frozen=True)
class MapRow:
    """One lesson on the map: its place in the course (home's numbering) and in its track's tree."""

    id: str
    number: int
    title: str
    depth: int
    prefix: str                  # the tree's lines before the title: "├─ ", "│  └─ "
    after: tuple[int, ...] = ()  # numbers of its prerequisites not drawn as its parent
    needs: tuple[str, ...] = ()  # ids of all its prerequisites in the course, in course order


@dataclass(frozen=True)
class Track:
    name: str
    rows: tuple[MapRow, ...]

    @property
    def numbers(self) -> str:
        """'lessons 1–14', or the numbers listed when the track is not one run."""
        numbers = sorted(row.number for row in self.rows)
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"lesson {numbers[0]}" if len(numbers) == 1 else f"lessons {numbers[0]}–{numbers[-1]}"
        return "lessons " + ", ".join(map(str, numbers))


@dataclass(frozen=True)
class CourseMap:
    tracks: tuple[Track, ...]

    @property
    def rows(self) -> tuple[MapRow, ...]:
        return tuple(row for track in self.tracks for row in track.rows)


def tracks_of(lessons: Sequence[MapLesson]) -> dict[str, str]:
    """Each lesson's track: the last `track:` at or before it in course order, else the core."""
    current, out = CORE, {}
    for lesson in lessons:
        if lesson.track and lesson.track.strip():
            current = lesson.track.strip()
        out[lesson.id] = current
    return out


def course_map(lessons: Sequence[MapLesson]) -> CourseMap:
    """The map of `lessons` (in course order; a repeated id is drawn once, at its first place)."""
    number: dict[str, int] = {}
    by_id: dict[str, MapLesson] = {}
    for i, lesson in enumerate(lessons, 1):
        number.setdefault(lesson.id, lesson.number or i)
        by_id.setdefault(lesson.id, lesson)
    unique = list(by_id.values())  # in course order
    track = tracks_of(unique)
    parent: dict[str, str | None] = {}
    children: dict[str | None, list[str]] = {}
    for lesson in unique:
        known = [r for r in dict.fromkeys(lesson.requires) if r in number and r != lesson.id]
        candidates = [r for r in known if track[r] == track[lesson.id] and number[r] < number[lesson.id]]
        up = max(candidates, key=number.__getitem__) if candidates else None
        parent[lesson.id] = up
        children.setdefault(up, []).append(lesson.id)
    names = list(dict.fromkeys(track[lesson.id] for lesson in unique))
    tracks = []
    for name in names:
        rows: list[MapRow] = []
        roots = [i for i in children.get(None, []) if track[i] == name]
        stack = [(root, 0, "", "") for root in reversed(roots)]  # (id, depth, own prefix, children's indent)
        while stack:  # depth first, without recursion: a long chain of lessons is fine
            lesson_id, depth, prefix, indent = stack.pop()
            lesson = by_id[lesson_id]
            needs = sorted((r for r in dict.fromkeys(lesson.requires) if r in number and r != lesson_id),
                           key=number.__getitem__)
            after = tuple(number[r] for r in needs if r != parent[lesson_id])
            rows.append(MapRow(lesson_id, number[lesson_id], lesson.title, depth, prefix, after, tuple(needs)))
            kids = children.get(lesson_id, [])
            for k, kid in reversed(list(enumerate(kids))):
                last = k == len(kids) - 1
                own, below = indent + ("└─ " if last else "├─ "), indent + ("   " if last else "│  ")
                stack.append((kid, depth + 1, own[-MAX_PREFIX:], below[-MAX_PREFIX:]))
        tracks.append(Track(name, tuple(rows)))
    return CourseMap(tuple(tracks))

"""The prerequisite map: tracks started by `track:`, a tree per track from `requires`, numbered as home."""

from __future__ import annotations

import textwrap

import pytest

from tutor.core.lessons.catalog import read_catalog
from tutor.core.lessons.course_map import CORE, MapLesson, course_map, tracks_of
from tutor.core.lessons.loader import load_course
from tutor.core.progress import ProgressDatabase, database_path
from tutor.core.study import Study


def L(id_, requires=(), track=None, number=0):  # noqa: N802 - reads as a table
    return MapLesson(id_, id_.upper(), tuple(requires), track, number)


def drawn(track) -> list[str]:
    return [f"{r.number} {r.prefix}{r.title}" + (f" after {list(r.after)}" if r.after else "") for r in track.rows]


def test_a_track_runs_from_its_first_lesson_to_the_next_track() -> None:
    lessons = [L("a"), L("b"), L("c", track="Depth"), L("d"), L("e", track="Extra"), L("f")]
    assert tracks_of(lessons) == {"a": CORE, "b": CORE, "c": "Depth", "d": "Depth", "e": "Extra", "f": "Extra"}
    assert [t.name for t in course_map(lessons).tracks] == [CORE, "Depth", "Extra"]


def test_each_lesson_hangs_under_its_latest_prerequisite_of_the_same_track() -> None:
    lessons = [L("a"), L("b", ["a"]), L("c", ["b"]), L("d", ["b"]), L("e", ["c"]), L("f", ["a", "d"]),
               L("g", ["c", "a"], track="Depth"), L("h", ["g", "e"]), L("i", ["d"])]
    core, depth = course_map(lessons).tracks
    assert drawn(core) == [
        "1 A",
        "2 └─ B",
        "3    ├─ C",
        "5    │  └─ E",
        "4    └─ D",
        "6       └─ F after [1]",
    ]
    assert drawn(depth) == [
        "7 G after [1, 3]",
        "8 └─ H after [5]",
        "9 I after [4]",
    ]
    assert depth.numbers == "lessons 7–9" and core.numbers == "lessons 1–6"
    h = next(r for r in depth.rows if r.id == "h")
    assert h.needs == ("e", "g") and h.depth == 1


def test_odd_prerequisites_never_break_the_map() -> None:
    # A circle, a lesson needing itself, an unknown id, a prerequisite that comes later, a repeated id.
    lessons = [L("a", ["c"]), L("b", ["a", "b", "nope"]), L("c", ["b"]), L("a", ["b"])]
    (core,) = course_map(lessons).tracks
    assert drawn(core) == ["1 A after [3]", "2 └─ B", "3    └─ C"]
    assert [r.id for r in core.rows] == ["a", "b", "c"]


def test_a_long_chain_is_drawn_without_recursion() -> None:
    lessons = [L("l0")] + [L(f"l{i}", [f"l{i - 1}"]) for i in range(1, 3000)]
    (core,) = course_map(lessons).tracks
    assert len(core.rows) == 3000 and core.rows[-1].depth == 2999
    # The tree lines before a title are bounded: a deep row keeps its last levels only.
    assert max(len(r.prefix) for r in core.rows) == 90 and core.rows[-1].prefix.endswith("└─ ")


def test_numbers_follow_the_home_list() -> None:
    # Home numbers every listed file, broken ones included: the map keeps those numbers.
    lessons = [L("a", number=1), L("c", ["a"], number=3)]
    (core,) = course_map(lessons).tracks
    assert [r.number for r in core.rows] == [1, 3] and core.numbers == "lessons 1, 3"


@pytest.fixture(scope="module")
def bundled():
    return load_course()


def test_the_bundled_course_has_the_notes_core_then_the_ml_depth(bundled) -> None:
    lessons = [MapLesson(x.id, x.title, tuple(x.lesson.requires), x.lesson.track) for x in bundled.lessons]
    the_map = course_map(lessons)
    core, depth = the_map.tracks[:2]
    assert core.name == CORE and depth.name == "ML depth"
    assert core.numbers == "lessons 1–14" and depth.rows[0].number == 15
    ids = [r.id for r in the_map.rows]
    assert sorted(ids) == sorted(x.id for x in bundled.lessons) and len(ids) == len(set(ids))
    assert {"directional", "many-features", "gradient-checking"} <= {r.id for r in depth.rows}
    # The new lessons build on the notes' core: each names its core prerequisites beside it.
    rows = {r.id: r for r in depth.rows}
    assert rows["directional"].needs == ("quadratic-example", "gradient-descent")
    assert rows["many-features"].needs == ("mse-many-points", "learning-rates")
    assert rows["gradient-checking"].needs == ("mse-loss", "numerical-partials")
    assert all(r.after for r in depth.rows if r.depth == 0)


def test_study_draws_the_same_map_before_and_after_the_full_load(tmp_path, bundled) -> None:
    db, _ = ProgressDatabase.open(database_path(tmp_path))
    with db:
        store = db.learner("Ana")
        early = Study(None, store, read_catalog()).course_map()
        late = Study(bundled, store).course_map()
    assert early == late
    assert [r.title for r in late.rows][:1] == [bundled.lessons[0].title]


def test_track_is_part_of_the_lesson_format(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text(textwrap.dedent("""\
        id: a
        title: A
        summary: S
        track: ""
        pages: [{title: P, body: B}]
        exercises: []
        """), encoding="utf-8")
    course = load_course(tmp_path)
    assert course.broken and "track" in str(course.broken[0].errors[0])

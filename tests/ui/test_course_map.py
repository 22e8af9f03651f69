"""The prerequisite map screen: m on home (or the palette) opens it, Enter opens a lesson, rows fit."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from rich.text import Text

from tutor.core.progress import ProgressDatabase, database_path
from tutor.ui.app import make_app
from tutor.ui.screens.course_map import CourseMapScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.course_map import CourseMapView

from .conftest import settle
from .test_keys import footer_keys_work

# The bundled course's shape (ids, prerequisites, tracks), as small stubs: a map that does not change
# each time a lesson is added to the real course.
SHAPE = [
    ("why-partials", "Why partial derivatives matter in ML", [], None),
    ("core-idea", "The core idea: one variable at a time", ["why-partials"], None),
    ("basic-example", "A first example: f(x, y) = x² + 3y", ["core-idea"], None),
    ("gradient-vector", "The gradient vector", ["basic-example"], None),
    ("quadratic-example", "A cross term: f(x, y) = x² + xy + y²", ["gradient-vector"], None),
    ("mse-loss", "An ML loss: mean squared error", ["quadratic-example"], None),
    ("numerical-partials", "Numerical partial derivatives", ["mse-loss"], None),
    ("gradient-descent", "Gradient descent with partial derivatives", ["mse-loss"], None),
    ("practice", "Practice: eight exercises, basic to advanced", ["gradient-descent"], None),
    ("chain-rule-ml", "The chain rule in ML functions", ["mse-loss"], None),
    ("product-quotient", "Product and quotient rules in ML", ["chain-rule-ml"], None),
    ("cross-entropy", "Cross-entropy and logistic regression", ["chain-rule-ml"], None),
    ("mse-many-points", "MSE over many data points", ["mse-loss"], None),
    ("learning-rates", "Learning rates: too small, good, too large", ["gradient-descent"], None),
    ("directional", "Directional derivatives and steepest ascent", ["quadratic-example", "gradient-descent"],
     "ML depth"),
    ("curvature", "Second partials and curvature", ["directional"], None),
    ("many-features", "Many features: ŷ = Xw + b", ["mse-many-points", "learning-rates"], None),
    ("backprop", "Computation graphs and backpropagation", ["chain-rule-ml", "many-features"], None),
    ("gradient-checking", "Gradient checking, done by you", ["numerical-partials", "mse-loss"], None),
    ("optimizers", "Beyond plain descent: mini-batches, momentum, Adam", ["curvature", "learning-rates"], None),
]


def stub(lesson_id: str, title: str, requires: list[str], track: str | None) -> str:
    head = f"track: {track}\n" if track else ""
    return head + textwrap.dedent(f"""\
        id: {lesson_id}
        title: "{title}"
        summary: What {lesson_id} teaches.
        requires: [{", ".join(requires)}]
        pages:
          - title: A page
            body: Some prose.
        exercises:
          - id: one
            type: choice
            prompt: Pick a.
            options:
              - {{text: a, correct: true, explanation: right}}
              - {{text: b, explanation: wrong}}
            hints: [a]
          - id: two
            type: choice
            prompt: Pick b.
            options:
              - {{text: a, explanation: wrong}}
              - {{text: b, correct: true, explanation: right}}
            hints: [b]
        """)


def write_map_course(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, (lesson_id, title, requires, track) in enumerate(SHAPE, 1):
        (folder / f"{number:02d}-{lesson_id}.yaml").write_text(stub(lesson_id, title, requires, track), encoding="utf-8")
    return folder


def studied(data_dir: Path) -> None:
    """Ana finished lessons 1–3 and began lesson 4."""
    db, _ = ProgressDatabase.open(database_path(data_dir))
    with db:
        ana = db.learner("Ana")
        for lesson_id in ("why-partials", "core-idea", "basic-example"):
            ana.record_attempt(lesson_id, "one", seed=0, answer="a", verdict="correct")
            ana.record_attempt(lesson_id, "two", seed=0, answer="b", verdict="correct")
        ana.record_attempt("gradient-vector", "one", seed=0, answer="a", verdict="correct")


@pytest.fixture
def map_lessons(tmp_path) -> Path:
    return write_map_course(tmp_path / "map-lessons")


def rows(app) -> list[Text]:
    view = app.screen.query_one(CourseMapView)
    return [view.get_option_at_index(i).prompt for i in range(view.option_count)]


async def open_map(app, pilot) -> CourseMapView:
    await settle(app, pilot)
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("m")
    await settle(app, pilot)
    assert isinstance(app.screen, CourseMapScreen)
    return app.screen.query_one(CourseMapView)


async def test_m_opens_the_map_with_both_tracks_and_progress(map_lessons, data_dir) -> None:
    studied(data_dir)
    app = make_app(map_lessons, data_dir, warm_symbolic=False, learner="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_map(app, pilot)
        lines = [t.plain for t in rows(app)]
        assert lines[0].startswith("── Core · lessons 1–14 ──")
        depth = next(i for i, line in enumerate(lines) if line.startswith("── ML depth · lessons 15–20"))
        assert depth == 15  # 14 core lessons under the first heading
        assert lines[1].startswith("✓  1 Why partial derivatives") and lines[1].rstrip().endswith("2/2")
        assert lines[4].startswith("◐  4       └─ The gradient vector") and "1/2" in lines[4]
        assert lines[5].startswith("·  5")
        assert any(line.startswith("· 15 Directional derivatives and steepest ascent  after 5, 8") for line in lines)
        assert any("└─ Second partials and curvature" in line for line in lines)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_every_row_fits_the_list(map_lessons, data_dir, size) -> None:
    app = make_app(map_lessons, data_dir, warm_symbolic=False)
    async with app.run_test(size=size) as pilot:
        view = await open_map(app, pilot)
        await settle(app, pilot)
        room = view.scrollable_content_region.width
        assert room > 40
        for text in rows(app):
            assert text.cell_len <= room, text.plain
        # Long titles are cut, never wrapped: one line per lesson.
        assert view.virtual_size.height == view.option_count


async def test_enter_opens_the_highlighted_lesson_and_esc_goes_back(map_lessons, data_dir) -> None:
    app = make_app(map_lessons, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_map(app, pilot)
        assert view.highlighted_lesson == "why-partials"  # the first lesson, not the track's heading
        detail = str(app.screen.query_one("#map-detail").render())
        assert "Builds on no other lesson" in detail
        await pilot.press("down", "down")
        assert view.highlighted_lesson == "basic-example"
        assert "Builds on: 2 The core idea" in str(app.screen.query_one("#map-detail").render())
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("end")
        assert view is not app.screen.query_one(CourseMapView)
        # The depth track is a tree too: optimizers hangs under curvature, so the last row is lesson 19.
        assert app.screen.query_one(CourseMapView).highlighted_lesson == "gradient-checking"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "gradient-checking"


async def test_a_click_opens_a_lesson_and_headings_cannot_be_chosen(map_lessons, data_dir) -> None:
    app = make_app(map_lessons, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_map(app, pilot)
        await pilot.press("home")
        assert view.highlighted_lesson == "why-partials"
        await pilot.press("up")  # the heading above is not a stop: up wraps round to the last lesson
        assert view.highlighted_lesson == "gradient-checking"
        await pilot.press("home")
        await pilot.click(CourseMapView, offset=(10, 0))  # the track's heading: nothing to open
        await settle(app, pilot)
        assert isinstance(app.screen, CourseMapScreen)
        await pilot.click(CourseMapView, offset=(10, 3))  # line 3 of the list: heading, 1, 2, then lesson 3
        await settle(app, pilot)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "basic-example"


async def test_the_palette_opens_the_map_and_the_footer_keys_work(map_lessons, data_dir) -> None:
    app = make_app(map_lessons, data_dir, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        from tutor.ui.commands import LessonCommands

        titles = [title for title, _, _ in LessonCommands(app.screen)._commands()]
        assert "Prerequisite map" in titles
        app.action_map()
        await settle(app, pilot)
        assert isinstance(app.screen, CourseMapScreen)
        app.action_map()  # a second time does not stack another map
        await settle(app, pilot)
        assert len([s for s in app.screen_stack if isinstance(s, CourseMapScreen)]) == 1
        assert await footer_keys_work(app, pilot, app.screen) == []


async def test_the_map_follows_progress_made_in_a_lesson(map_lessons, data_dir) -> None:
    app = make_app(map_lessons, data_dir, warm_symbolic=False, learner="Ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_map(app, pilot)
        assert rows(app)[1].plain.startswith("·  1")
        app.study.store.record_attempt("why-partials", "one", seed=0, answer="a", verdict="correct")
        await pilot.press("enter")
        await settle(app, pilot)
        app.pop_screen()  # back to home; the map is opened again from there
        await pilot.press("m")
        await settle(app, pilot)
        assert rows(app)[1].plain.startswith("◐  1")


async def test_home_marks_where_the_ml_depth_track_begins(map_lessons, data_dir) -> None:
    app = make_app(map_lessons, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        lessons = app.screen.query_one("#lessons")
        prompts = [str(lessons.get_option_at_index(i).prompt) for i in range(lessons.option_count)]
        heading = prompts.index("── ML depth · lessons 15–20 · m: the prerequisite map")
        assert heading == 14 and lessons.get_option_at_index(heading).disabled
        assert prompts[13].lstrip().startswith("14.") and prompts[15].lstrip().startswith("15.")
        lessons.highlighted = 13
        await pilot.press("down")  # over the heading, onto lesson 15
        assert lessons.get_option_at_index(lessons.highlighted).id == "directional"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "directional"


async def test_a_course_of_one_track_has_no_heading_on_home(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        lessons = app.screen.query_one("#lessons")
        assert not any(lessons.get_option_at_index(i).disabled for i in range(lessons.option_count))


def test_rows_fit_whatever_the_course() -> None:
    from tutor.core.lessons.course_map import MapLesson, course_map
    from tutor.core.study import LessonRow
    from tutor.ui.widgets.course_map import row_text

    # A chain of 60 lessons, a lesson needing 30 others, titles of 80 characters, numbers past 99.
    lessons = [MapLesson(f"l{i}", "T" * 80, (f"l{i - 1}",) if i else ()) for i in range(60)]
    lessons += [MapLesson("wide", "W", tuple(f"l{i}" for i in range(30))),
                *(MapLesson(f"x{i}", f"X{i}") for i in range(60))]
    progress = {x.id: LessonRow(x.id, x.title, "", 12, 130, 0.5) for x in lessons}
    for width in (40, 72, 94):
        for row in course_map(lessons).rows:
            text = row_text(row, progress[row.id], width)
            assert text.cell_len <= width, (width, text.plain)
            assert text.plain.rstrip().endswith("12/130")

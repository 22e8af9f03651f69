"""The report of a folder that may still be filling: read once, followed as lines arrive, made again on demand.

The screen's one seam with the core for a report: `start()` reads everything and makes the
report, `update()` (the watcher's thread) reads only what was added, `report()` makes the
report again from everything read so far, reusing the exercises and variants already built.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from .build import make_report
from .course import CourseSource
from .enrich import with_params
from .follow import Batch, Follower
from .model import Report
from .reading import Reading, read_paths
from .recheck import recheck
from .sheet import SheetItems, read_sheet


class ReportFeed:
    """Statements under `paths` and the choices the teacher made (sheet, course, discounted items…)."""

    def __init__(self, paths: Iterable[str | Path], sheet: str | Path | SheetItems | None = None,
                 lessons: str | Path | None = None, *, discounted: Mapping[str, str] | None = None,
                 show_variants: bool = False, recheck_with: str | Path | None = None) -> None:
        self.paths = [Path(p) for p in paths]
        self.items = read_sheet(sheet) if isinstance(sheet, (str, Path)) else sheet
        self.recheck_with = recheck_with
        course = recheck_with or lessons
        self.course_label = str(course or "the bundled course")
        self.source = CourseSource(course, self.items.lessons if self.items else ())
        self.discounted = dict(discounted or {})
        self.show_variants = show_variants
        self.follower = Follower(self.paths)
        self._building = threading.Lock()  # one report at a time: the course's caches are not shared

    def start(self) -> Report:
        """Read everything there is, then the report."""
        self.follower.start()
        return self.report()

    def update(self, changed: Iterable[Path] | None = None) -> Batch:
        """What was added since the last look (the attempts with their variant's params)."""
        batch = self.follower.update(changed)
        if not batch.attempts:
            return batch
        with self._building:
            return replace(batch, attempts=tuple(with_params(batch.attempts, self.source)))

    def report(self) -> Report:
        """The report of everything read so far (re-marked against `recheck_with` when given)."""
        return self.report_of(self.follower.snapshot())

    def report_of(self, reading: Reading) -> Report:
        started = time.perf_counter()
        with self._building:
            found = None
            if self.recheck_with is not None:
                found, attempts = recheck(with_params(reading.attempts, self.source), self.source, self.course_label)
                reading = replace(reading, attempts=attempts)
            report = make_report(reading, self.items, self.source, discounted=self.discounted,
                                 show_variants=self.show_variants)
        report.recheck = found
        report.seconds_to_build = time.perf_counter() - started
        return report

    def discount(self, key: str, note: str | None) -> None:
        """Leave an exercise out of the scores (with a note), or count it again (None)."""
        if note is None:
            self.discounted.pop(key, None)
        else:
            self.discounted[key] = note


def build_report(paths: list[str | Path], sheet: str | Path | None = None, lessons: str | Path | None = None, *,
                 discounted: Mapping[str, str] | None = None, show_variants: bool = False,
                 recheck_with: str | Path | None = None) -> Report:
    """The class report for statements at `paths`; `sheet` (a file) fixes the items and their order.

    Raises SheetError for a sheet that cannot be read (the teacher named it: they should know);
    bad statements are only counted in the warnings. `discounted`: lesson/exercise -> the
    teacher's note, items left out of every score. `recheck_with`: a lessons folder (or "" for
    `lessons`) against which every answer is checked again; the report then uses today's verdicts
    and lists what changed (report.recheck). Nothing read is ever written back.
    """
    feed = ReportFeed(paths, sheet, lessons, discounted=discounted, show_variants=show_variants,
                      recheck_with=recheck_with)
    started = time.perf_counter()
    report = feed.report_of(read_paths(paths))
    report.seconds_to_build = time.perf_counter() - started
    return report

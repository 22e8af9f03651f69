"""`tutor report` on screen: the statements read in a worker, then the report; `--watch` follows the folder live."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from tutor.core.report import Report, ReportFeed

from .report_watch import Watching
from .screens.report import ReportScreen


@dataclass(frozen=True)
class ReportOptions:
    """What the teacher asked for on the command line, beyond the paths."""

    discounted: Mapping[str, str] = field(default_factory=dict)
    show_variants: bool = False
    recheck_with: str | None = None
    watch: bool = False
    poll: float | None = None


class LoadingScreen(Screen):
    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("Reading the statements and grouping the answers…", id="loading-text")
        yield LoadingIndicator()
        yield Footer()


class ReportApp(Watching, App[None]):
    CSS_PATH = "report.tcss"
    TITLE = "tutor report"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, paths: list[str | Path], sheet: str | Path | None = None, lessons: str | Path | None = None,
                 export_dir: Path | None = None, report: Report | None = None,
                 options: ReportOptions | None = None, clock=None) -> None:
        super().__init__()
        self.paths = list(paths)
        self.sheet = sheet
        self.lessons = lessons
        self.export_dir = export_dir
        self.options = options or ReportOptions()
        self.report = report  # a report already built (tests, snapshots) skips the reading
        self.feed: ReportFeed | None = None
        self.init_watching(clock)

    def on_mount(self) -> None:
        if self.report is not None:
            self.push_screen(ReportScreen(self.report, self.export_dir))
            return
        self.push_screen(LoadingScreen())
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="report", name="build report")
    def load(self) -> Report:
        if self.feed is None:
            o = self.options
            self.feed = ReportFeed(self.paths, self.sheet, self.lessons, discounted=o.discounted,
                                   show_variants=o.show_variants, recheck_with=o.recheck_with)
            return self.feed.start()
        return self.feed.report()

    def rebuild(self) -> None:
        """Make the report again from everything read (new lines, a discounted item)."""
        if self.feed is not None:
            self.load()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "report":
            return
        if event.state == WorkerState.SUCCESS:
            first = self.report is None or isinstance(self.screen, LoadingScreen)
            self.report = event.worker.result
            if first:
                self.switch_screen(ReportScreen(self.report, self.export_dir))
                self.started(self.report)
                if self.report.warnings:
                    count = len(self.report.warnings)
                    self.notify(f"{count} warning{'s' if count > 1 else ''}: see the Warnings tab.",
                                severity="warning", timeout=6)
            else:
                self.report_rebuilt(self.report)
        elif event.state == WorkerState.ERROR and isinstance(self.screen, LoadingScreen):
            error = event.worker.error
            self.screen.query_one("#loading-text", Static).update(f"The report could not be made: {error}")
            self.screen.query_one(LoadingIndicator).display = False


def make_report_app(paths: list[str | Path], sheet=None, lessons=None, **kwargs) -> ReportApp:
    return ReportApp(paths, sheet, lessons, **kwargs)


def run_report_app(paths: list[str], sheet: str | None = None, lessons: str | None = None,
                   options: ReportOptions | None = None) -> int:
    make_report_app(paths, sheet, lessons, options=options).run()
    return 0

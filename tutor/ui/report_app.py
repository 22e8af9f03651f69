"""`tutor report` on screen: a small app that reads the statements in a worker, then shows the report."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from .screens.report import ReportScreen


class LoadingScreen(Screen):
    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("Reading the statements and grouping the answers…", id="loading-text")
        yield LoadingIndicator()
        yield Footer()


class ReportApp(App[None]):
    CSS_PATH = "report.tcss"
    TITLE = "tutor report"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, paths: list[str | Path], sheet: str | Path | None = None, lessons: str | Path | None = None,
                 export_dir: Path | None = None, report=None) -> None:
        super().__init__()
        self.paths = list(paths)
        self.sheet = sheet
        self.lessons = lessons
        self.export_dir = export_dir
        self.report = report  # a report already built (tests, snapshots) skips the reading

    def on_mount(self) -> None:
        if self.report is not None:
            self.push_screen(ReportScreen(self.report, self.export_dir))
            return
        self.push_screen(LoadingScreen())
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="report", name="build report")
    def load(self):
        from tutor.core.report import build_report

        return build_report(self.paths, sheet=self.sheet, lessons=self.lessons)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "report":
            return
        if event.state == WorkerState.SUCCESS:
            self.report = event.worker.result
            self.switch_screen(ReportScreen(self.report, self.export_dir))
            if self.report.warnings:
                count = len(self.report.warnings)
                self.notify(f"{count} warning{'s' if count > 1 else ''}: see the Warnings tab.",
                            severity="warning", timeout=6)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            self.screen.query_one("#loading-text", Static).update(f"The report could not be made: {error}")
            self.screen.query_one(LoadingIndicator).display = False


def make_report_app(paths: list[str | Path], sheet=None, lessons=None, **kwargs) -> ReportApp:
    return ReportApp(paths, sheet, lessons, **kwargs)


def run_report_app(paths: list[str], sheet: str | None = None, lessons: str | None = None) -> int:
    make_report_app(paths, sheet, lessons).run()
    return 0

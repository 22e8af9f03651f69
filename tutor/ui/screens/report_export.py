"""Export the report from the screen: choose a format and a file; the core writes it."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from tutor.core.report import Report

CHOICES = (("html", "HTML page (one file, opens offline)"), ("csv", "CSV for a spreadsheet"),
           ("md", "Markdown for pasting"), ("json", "JSON for scripts"), ("term", "plain text"))
SUFFIX = {"term": "txt"}


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the file written, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 64; max-width: 95%; height: auto; border: thick $primary;
                              background: $surface; padding: 0 1; }
    ExportScreen RadioSet { width: 100%; height: auto; }
    ExportScreen Horizontal { height: auto; align-horizontal: right; }
    ExportScreen Button { margin: 0 0 0 1; }
    ExportScreen #export-error { color: $error; height: auto; }
    """

    def __init__(self, report: Report, folder: Path | None = None) -> None:
        super().__init__()
        self.report = report
        self.folder = folder or Path.cwd()
        self.fmt = "html"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Export the report")
            with RadioSet(id="export-format"):
                for i, (fmt, label) in enumerate(CHOICES):
                    yield RadioButton(label, value=i == 0, name=fmt)
            yield Input(str(self.folder / "class-report.html"), id="export-path")
            yield Static("", id="export-error")
            with Horizontal():
                yield Button("Write", id="write", variant="primary", action="screen.write")
                yield Button("Cancel", id="cancel", action="screen.dismiss(None)")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(RadioSet.Changed)
    def _format(self, event: RadioSet.Changed) -> None:
        self.fmt = event.pressed.name or "html"
        path_input = self.query_one(Input)
        path = Path(path_input.value or "class-report")
        path_input.value = str(path.with_suffix("." + SUFFIX.get(self.fmt, self.fmt)))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_write()

    def action_write(self) -> None:
        from tutor.core.report.formats import write

        text = self.query_one(Input).value.strip()
        if not text:
            self.query_one("#export-error", Static).update("Name a file.")
            return
        try:
            path = write(self.report, self.fmt, Path(text).expanduser())
        except OSError as error:
            self.query_one("#export-error", Static).update(f"Cannot write {text}: {error.strerror or error}")
            return
        self.app.notify(f"Wrote {path}", title="Export")
        self.dismiss(path)

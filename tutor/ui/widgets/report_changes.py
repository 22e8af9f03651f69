"""The report's Re-marked tab: what checking every stored answer again changed, verdict by verdict."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tutor.core.report.recheck import Recheck
from tutor.core.report.sections import change_rows, recheck_headline
from tutor.core.report.text import clip

from .report_table import ReportTable

HEADINGS = ("learner", "exercise", "answer", "was", "now", "diagnosis")
NAME_WIDTH = 18
ANSWER_WIDTH = 20


class ChangesPane(Vertical):
    """The headline (how many answers, how many changed) and one row per changed verdict."""

    DEFAULT_CSS = """
    ChangesPane { height: 1fr; }
    ChangesPane #recheck-headline { height: auto; padding: 0 1; }
    ChangesPane ReportTable { height: 1fr; }
    """

    def __init__(self, found: Recheck) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        yield Static(recheck_headline(self.found), id="recheck-headline")
        yield ReportTable(*HEADINGS, id="changes-table")

    def on_mount(self) -> None:
        self.query_one(ReportTable).refill(
            (str(i), (clip(learner, NAME_WIDTH), exercise, clip(answer, ANSWER_WIDTH), was, now, diagnosis))
            for i, (learner, exercise, _, _, answer, was, now, diagnosis) in
            enumerate(change_rows(self.found.verdicts)))

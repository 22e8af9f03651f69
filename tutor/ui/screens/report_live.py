"""The lab live: who works on what now (the stuck first, then who has been longest at their exercise),
and the mistakes of the last ten minutes; Enter opens a learner's answers as they come."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tutor.core.report.live import RECENT_MINUTES, LiveModel
from tutor.core.report.text import HELP_MARK, clip, clock, minutes

from ..widgets.report_table import ReportTable

NOW_HEADINGS = ("", "learner", "on", "for", "tries", "last mistake")
RECENT_HEADINGS = ("diagnosis", "wrong", "learners", "where")
NAME_WIDTH = 16
EXERCISE_WIDTH = 18
MISTAKE_WIDTH = 20
TICK_SECONDS = 15  # the "for" column ages even when no line arrives


class LiveScreen(Screen):
    """Redrawn by the app (live_update) when lines arrive, at most a few times a second."""

    BINDINGS = [
        Binding("enter", "open", "Open", key_display="⏎", priority=True),
        Binding("w", "app.live", "Report"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, model: LiveModel, clock_now, how: str = "") -> None:
        super().__init__()
        self.model = model
        self.now = clock_now
        self.how = how

    def compose(self) -> ComposeResult:
        yield Static("", id="live-title", classes="screen-title")
        yield ReportTable(*NOW_HEADINGS, id="live-now")
        yield Static(f"Mistakes in the last {RECENT_MINUTES} minutes", id="live-recent-title")
        yield ReportTable(*RECENT_HEADINGS, id="live-recent")
        yield Static("", id="live-how")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#live-how", Static).update(self.how)
        self.live_update(self.model, self.now())
        self.query_one("#live-now", ReportTable).focus()
        self.set_interval(TICK_SECONDS, lambda: self.live_update(self.model, self.now()))

    def live_update(self, model: LiveModel, now: datetime) -> None:
        """Redraw from the model, the cursor kept on the same learner."""
        rows = model.working(now)
        working = [w for w in rows if not w.handed_in and not w.away(now)]
        stuck = [w for w in working if w.stuck(now)]
        last = model.last_answer()
        self.query_one("#live-title", Static).update(
            f"Live · {len(working)} working · {len(stuck)} stuck · {model.pace(now)} answers in 5 min · "
            f"last {clock(last)} · now {clock(now)}")
        self.query_one("#live-now", ReportTable).refill((w.learner, self._row(w, now)) for w in rows)
        self.query_one("#live-recent", ReportTable).refill(
            (r.code, (r.code, str(r.count), str(len(r.learners)),
                      ", ".join(f"{k.partition('/')[2]} ({n})" for k, n in r.exercises[:2])))
            for r in model.recent(now))

    @staticmethod
    def _row(w, now: datetime) -> tuple:
        state = HELP_MARK if w.stuck(now) else "✓" if w.handed_in else "·" if w.away(now) else ""
        doing = "handed in" if w.handed_in else w.exercise.partition("/")[2] + (" ✓" if w.solved else "")
        return (state, clip(w.learner, NAME_WIDTH), clip(doing, EXERCISE_WIDTH), minutes(w.seconds_on(now)),
                f"{w.tries}" + (f" ({w.wrong}✗)" if w.wrong else ""), clip(w.diagnosis or "", MISTAKE_WIDTH))

    def action_open(self) -> None:
        """Open the highlighted learner's answers, which go on arriving there."""
        name = self.query_one("#live-now", ReportTable).highlighted
        if name is None:
            return
        from .report_learner import LearnerAttemptsScreen

        self.app.push_screen(LearnerAttemptsScreen.live(self.model, name, self.app.report))

    @on(DataTable.RowSelected, "#live-now")
    def _selected(self) -> None:
        self.action_open()

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

NOW_HEADINGS = ("", "learner", "on", "for", "tries", "last mistake")
RECENT_HEADINGS = ("diagnosis", "wrong", "learners", "where")
NAME_WIDTH = 16
EXERCISE_WIDTH = 18
MISTAKE_WIDTH = 18
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
        yield DataTable(id="live-now", cursor_type="row", zebra_stripes=True)
        yield Static(f"Mistakes in the last {RECENT_MINUTES} minutes", id="live-recent-title")
        yield DataTable(id="live-recent", cursor_type="row", zebra_stripes=True)
        yield Static("", id="live-how")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#live-now", DataTable).add_columns(*NOW_HEADINGS)
        self.query_one("#live-recent", DataTable).add_columns(*RECENT_HEADINGS)
        self.query_one("#live-how", Static).update(self.how)
        self.live_update(self.model, self.now())
        self.query_one("#live-now", DataTable).focus()
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
        table = self.query_one("#live-now", DataTable)
        keep = self._cursor_key(table)
        table.clear()
        for w in rows:
            state = HELP_MARK if w.stuck(now) else "✓" if w.handed_in else "·" if w.away(now) else ""
            doing = "handed in" if w.handed_in else w.exercise.partition("/")[2] + (" ✓" if w.solved else "")
            table.add_row(state, clip(w.learner, NAME_WIDTH), clip(doing, EXERCISE_WIDTH), minutes(w.seconds_on(now)),
                          f"{w.tries}" + (f" ({w.wrong}✗)" if w.wrong else ""), clip(w.diagnosis or "", MISTAKE_WIDTH),
                          key=w.learner)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        recent = self.query_one("#live-recent", DataTable)
        recent.clear()
        for r in model.recent(now):
            where = ", ".join(f"{k.partition('/')[2]} ({n})" for k, n in r.exercises[:2])
            recent.add_row(r.code, str(r.count), str(len(r.learners)), where, key=r.code)

    @staticmethod
    def _cursor_key(table: DataTable):
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key

    def action_open(self) -> None:
        """Open the highlighted learner's answers, which go on arriving there."""
        table = self.query_one("#live-now", DataTable)
        key = self._cursor_key(table)
        if key is None:
            return
        from .report_learner import LearnerAttemptsScreen

        self.app.push_screen(LearnerAttemptsScreen.live(self.model, str(key.value), self.app.report))

    @on(DataTable.RowSelected, "#live-now")
    def _selected(self) -> None:
        self.action_open()

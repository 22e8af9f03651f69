"""The lab's charts in tabs: loss per step, the surface with the path and −∇, ‖∇L‖, three rates (the
rate bound 2/λ_max marked), plain descent, momentum and Adam side by side, and the curvature (the
Hessian's eigen-directions where the descent is).

Only the chart on show is rebuilt when the trace changes. The surfaces (grids of loss values) and
the comparisons (whole descents) are built in worker threads; the UI thread only draws.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import TabbedContent, TabPane, Tabs
from textual.worker import Worker, WorkerState, get_current_worker

from tutor.core.charts import ChartSpec, heat_grid, loss_chart, norm_chart, rates_chart, surface_chart, three_rates
from tutor.core.charts.curvature import curvature_chart
from tutor.core.charts.optimizers import optimizers_chart
from tutor.core.descent import DescentError, Loss, Trace
from tutor.core.descent.curvature import curvature_at
from tutor.core.descent.optimizers import Path, Settings, compare_optimizers

from .chart import Chart, note_lines

CHARTS = (("loss", "Loss"), ("surface", "Surface"), ("norm", "‖∇L‖"), ("rates", "Rates"),
          ("optimizers", "Optim"), ("curvature", "Hessian"))
SURFACES = ("surface", "optimizers", "curvature")  # built in a worker, one at a time
MAX_POINTS = 600  # a longer trace is thinned for drawing: a terminal has fewer columns than that


def thinned(trace: Trace, limit: int = MAX_POINTS) -> Trace:
    """Every k-th step and the last, so a 10 000-step run draws as fast as a 600-step one."""
    if len(trace.steps) <= limit:
        return trace
    steps = trace.steps[:: math.ceil(len(trace.steps) / limit)]
    if steps[-1] is not trace.final:
        steps = (*steps, trace.final)
    return Trace(trace.names, steps, trace.outcome)


def surface_spec(loss: Loss, trace: Trace, view, heat: bool, size: tuple[int, int]) -> ChartSpec:
    """The surface for a chart of `size`; a heat map gets one cell per character of the plot it is drawn in."""
    width, height = size
    rows = height - 1  # the plot, above one line of notes; checked once the notes are known
    for _ in range(2):
        grid = heat_grid(width, rows, view) if heat else None
        spec = surface_chart(loss, trace, view=view, mode="heat" if heat else "contour", grid=grid)
        # When the path leaves the view (a divergence), that is the note worth the one line shown.
        spec = replace(spec, notes=tuple(sorted(spec.notes, key=lambda n: not n.startswith("the path leaves"))))
        plot = height - len(note_lines(spec, width, height))
        if not heat or plot == rows:
            break
        rows = plot
    return spec


class LabCharts(Vertical):
    trace: reactive[Trace | None] = reactive(None, always_update=True)
    log_loss = reactive(False)
    log_norm = reactive(True)
    log_rates = reactive(True)
    heat = reactive(False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.loss: Loss | None = None
        self.view: tuple | None = None
        self.tolerance = 1e-8
        self._rates: tuple[tuple[Trace, ...], tuple[str, ...]] | None = None
        self._bound: float | None = None
        self._paths: tuple[Path, ...] | None = None
        self.lr = 0.1
        self.settings = Settings()
        self._surface_busy = False
        self._surface_again = False

    def compose(self) -> ComposeResult:
        with TabbedContent(id="lab-tabs"):
            for k, (name, title) in enumerate(CHARTS, start=1):
                with TabPane(f"{k} {title}", id=f"tab-{name}"):
                    yield Chart("Preparing…", id=f"chart-{name}")

    @property
    def active(self) -> str:
        return (self.query_one(TabbedContent).active or "tab-loss").removeprefix("tab-")

    def chart(self, name: str) -> Chart:
        return self.query_one(f"#chart-{name}", Chart)

    def show(self, name: str) -> None:
        self.query_one(TabbedContent).active = f"tab-{name}"

    def focus_tabs(self) -> None:
        self.query_one(Tabs).focus()

    def next_chart(self) -> None:
        names = [n for n, _ in CHARTS]
        self.show(names[(names.index(self.active) + 1) % len(names)])

    def toggle(self) -> None:
        """Linear ↔ log on the step charts; contours ↔ heat map on the surface."""
        name = {"loss": "log_loss", "norm": "log_norm", "rates": "log_rates", "surface": "heat"}[self.active]
        setattr(self, name, not getattr(self, name))

    def set_problem(self, loss: Loss, view: tuple, start: dict, lr: float, steps: int,
                    rates: tuple[float, float, float] | None, settings: Settings | None = None) -> None:
        """A new loss, start or view: the surface is redrawn and the three rates compared afresh."""
        self.loss, self.view = loss, view
        self.settings = settings or Settings()
        self._surface_again = self._surface_busy
        self.set_rates(start, lr, steps, rates)

    def set_rates(self, start: dict, lr: float, steps: int, rates: tuple[float, float, float] | None) -> None:
        """The three rates compared afresh, the learner's rate `lr` among them; the optimizers too."""
        if self.loss is None:
            return
        self._rates, self._paths, self.lr = None, None, lr
        self.chart("rates").spec = None
        self.chart("rates").placeholder = "Comparing three learning rates…"
        self.chart("optimizers").placeholder = "Running plain descent, momentum and Adam…"
        self.compare(self.loss, start, lr, max(20, min(steps, 500)), rates)
        self.compare_optimizers(self.loss, start, lr, max(20, min(steps, 2000)), self.settings)

    # -- redrawing ------------------------------------------------------------------------------------
    def watch_trace(self) -> None:
        self.redraw()

    def watch_log_loss(self) -> None:
        self.redraw()

    watch_log_norm = watch_heat = watch_log_loss

    def watch_log_rates(self) -> None:
        self._draw_rates()

    def redraw(self) -> None:
        if self.trace is None:
            return
        trace, active = thinned(self.trace), self.active
        if active == "loss":
            self.chart("loss").spec = loss_chart(trace, "log" if self.log_loss else "linear")
        elif active == "norm":
            self.chart("norm").spec = norm_chart(trace, "log" if self.log_norm else "linear", self.tolerance)
        elif active in SURFACES:
            self._surface()

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        self.redraw()

    @on(Chart.Resized, "#chart-surface")
    def _resized(self) -> None:
        if self.heat:  # a heat map has one cell per character: its grid follows the size
            self._surface()

    def _surface(self) -> None:
        if self.loss is None or self.trace is None:
            return
        name = self.active
        if name not in SURFACES or (name == "optimizers" and self._paths is None):
            return
        if len(self.loss.params) < 2 and name != "surface":
            self.chart(name).placeholder = "This chart needs a loss of two parameters."
            return
        if self._surface_busy:
            self._surface_again = True  # frames arriving faster than surfaces are built are merged
            return
        self._surface_busy = True
        chart = self.chart(name)
        self.build_surface(name, self.loss, thinned(self.trace), self.view, self.heat, tuple(chart.content_size),
                           self._paths, self.lr)

    @work(thread=True, group="surface", name="surface", exit_on_error=False)
    def build_surface(self, name: str, loss: Loss, trace: Trace, view, heat: bool, size: tuple[int, int],
                      paths: tuple[Path, ...] | None, lr: float) -> None:
        spec = None  # a view the loss is undefined on everywhere: keep the last picture
        try:
            if name == "optimizers":
                # The race follows the lab's steps; once plain descent has stopped (converged or
                # diverged) it shows the whole runs, or a quick plain descent would freeze the others.
                done = trace.outcome.kind in ("converged", "diverged")
                spec = optimizers_chart(loss, paths, view, upto=None if done else trace.final.index)
            elif name == "curvature":
                spec = curvature_chart(loss, trace, curvature_at(loss, trace.final.params), view, lr)
            else:
                spec = surface_spec(loss, trace, view, heat, size)
        except DescentError:
            pass
        finally:
            self.app.call_from_thread(self._surface_built, name, spec)  # never left "busy", whatever happened

    def _surface_built(self, name: str, spec) -> None:
        self._surface_busy = False
        if not self.is_attached:
            return
        if spec is not None:
            self.chart(name).spec = spec
        if self._surface_again:
            self._surface_again = False
            self._surface()

    @work(thread=True, exclusive=True, group="rates", name="compare rates", exit_on_error=False)
    def compare(self, loss: Loss, start: dict, lr: float, steps: int, rates: Sequence[float] | None) -> None:
        traces, labels = three_rates(loss, start, lr, steps, rates)
        curvature = curvature_at(loss, loss.point(start)) if len(loss.params) >= 1 else None
        bound = curvature.bound if curvature is not None else None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._compared, traces, labels, bound)

    @work(thread=True, exclusive=True, group="optimizers", name="compare optimizers", exit_on_error=False)
    def compare_optimizers(self, loss: Loss, start: dict, lr: float, steps: int, settings: Settings) -> None:
        paths = compare_optimizers(loss, loss.point(start), lr, steps, settings)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._optimized, paths)

    def _optimized(self, paths: tuple[Path, ...]) -> None:
        self._paths = paths
        if self.active == "optimizers":
            self.redraw()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """A chart that could not be built says so (the lab goes on) instead of waiting forever."""
        if event.state != WorkerState.ERROR:
            return
        what = {"rates": "compare the rates", "optimizers": "run the optimizers"}.get(event.worker.group,
                                                                                    "draw the surface")
        if event.worker.group == "rates":
            self.chart("rates").placeholder = f"Could not {what}: {event.worker.error}"
        self.notify(f"Could not {what}: {event.worker.error}", severity="error")

    def _compared(self, traces: tuple[Trace, ...], labels: tuple[str, ...], bound: float | None) -> None:
        self._rates, self._bound = (traces, labels), bound
        self._draw_rates()

    def _draw_rates(self) -> None:
        if self._rates is not None:
            traces, labels = self._rates
            self.chart("rates").spec = rates_chart(traces, labels, "log" if self.log_rates else "linear",
                                                   bound=self._bound)

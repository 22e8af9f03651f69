"""The gradient descent lab: pick a loss, a start and a rate; step, run, pause, reset; watch it drawn.

The run is the engine's DescentRun, stepped on the UI thread (microseconds a step); building a loss
(sympy), the surface and the rates comparison happen in workers. Run animates with a timer.
"""

from __future__ import annotations

import math
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent
from textual.worker import get_current_worker

from tutor.core.descent import PRESETS, DescentError, DescentRun, Loss
from tutor.core.descent.config import LabConfig, view_for
from tutor.core.descent.optimizers import Settings

from ..widgets.lab_charts import CHARTS, LabCharts
from ..widgets.lab_controls import LabControls
from ..widgets.step_panel import StepPanel

FPS = 15            # frames a second while running (the issue asks for at least 10)
RUN_SECONDS = 20    # a long run takes several steps a frame so that it ends in about this time


class LabScreen(Screen):
    BINDINGS = [
        Binding("f5", "step", "Step"),
        Binding("f6", "run", "Run"),
        Binding("f6", "pause", "Pause"),
        Binding("f7", "reset", "Reset"),
        # Not in the footer (80 columns hold five keys and help): the tabs show their numbers, and
        # help lists F8 with the rest.
        Binding("f8", "next_chart", "Chart", show=False),
        Binding("f9", "toggle_scale", "Lin/log"),
        Binding("f9", "toggle_map", "Contour/heat"),
        Binding("escape", "back", "Back"),
        # The tabs' numbers; a box being typed in keeps its digits (the Input handles them first, and
        # Enter or Escape hands the focus back to the tabs).
        *(Binding(str(k), f"show_chart('{name}')", title, show=False)
          for k, (name, title) in enumerate(CHARTS, start=1)),
        # No setting is ever typed with a "?": help opens even from a box.
        Binding("question_mark", "app.help", "Help", show=False, priority=True),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]

    running = reactive(False)

    def __init__(self, config: LabConfig | None = None) -> None:
        super().__init__()
        self.config = config or LabConfig.preset("mse-one")
        self.first = self.config  # an exercise's configuration stays on offer in the loss list
        self.loss: Loss | None = None
        self.run: DescentRun | None = None
        self.target: int | None = None
        self._timer = None
        self._shown: LabConfig | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        choices = [(p.title, key) for key, p in PRESETS.items()]
        if self.config.key not in PRESETS:
            choices.insert(0, (f"Exercise: {self.config.title}", self.config.key))
        yield LabControls(choices, self.config.key, id="lab-controls")
        with Horizontal(id="lab-main"):
            yield LabCharts(id="lab-charts")
            yield StepPanel(id="lab-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "gradient descent lab"
        self.query_one(LabControls).show(self.config.start, self.config.lr, self.config.steps)
        self.setup(self.config)

    # -- building a run (sympy reads the loss: a worker) ------------------------------------------------
    @work(thread=True, exclusive=True, group="setup", name="lab setup")
    def setup(self, config: LabConfig, loss: Loss | None = None) -> None:
        try:
            loss = loss or Loss(config.loss, config.data, config.params)
            run = DescentRun(loss, config.start, config.lr)
            for _ in range(config.ahead):
                run.step()
            view = view_for(loss, config, config.start)
        except DescentError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        if not get_current_worker().is_cancelled:  # another loss was picked meanwhile: that one wins
            self.app.call_from_thread(self._install, config, loss, run, view)

    def _failed(self, message: str) -> None:
        self.notify(message, title="Cannot run this descent", severity="error")
        if self.run is None and self.is_attached:
            self.query_one(StepPanel).update(f"Cannot run this descent: {message}")

    def _install(self, config: LabConfig, loss: Loss, run: DescentRun, view: tuple) -> None:
        if not self.is_attached:
            return  # the lab was closed while the loss was being read
        self.action_pause()
        self.config, self.loss, self.run, self.target = config, loss, run, None
        controls = self.query_one(LabControls)
        controls.choose(config.key)
        controls.show(config.start, config.lr, config.steps)
        charts = self.query_one(LabCharts)
        charts.tolerance = run.rules.tolerance
        settings = Settings(*config.optimizers) if config.optimizers else None
        charts.set_problem(loss, view, dict(config.start), config.lr, config.steps, config.rates, settings)
        if config.optimizers and config is not self._shown:
            charts.show("optimizers")  # an optimizer preset or exercise opens on the three paths
        self._shown = config
        self.publish()

    def publish(self) -> None:
        """Hand the current trace down to the panel and the charts."""
        if self.run is None:
            return
        trace = self.run.trace
        panel = self.query_one(StepPanel)
        panel.lr, panel.target, panel.running = self.run.lr, self.target, self.running
        panel.trace = trace
        self.query_one(LabCharts).trace = trace

    # -- stepping and running -----------------------------------------------------------------------------
    def _apply_rate(self) -> None:
        """A valid rate in the box counts from the next step, Enter pressed or not."""
        _, lr, _ = self.query_one(LabControls).read()
        if lr is not None:
            self._set_rate(lr)

    def _set_rate(self, lr: float) -> None:
        """The learner's rate: the run takes it (even while running) and the rates chart compares it."""
        if self.run is None:
            return
        if lr != self.run.lr:
            self.run.lr = lr  # the engine judges the new rate afresh
        if lr != self.config.lr:
            self.config = replace(self.config, lr=lr)
            self._compare()

    def action_step(self) -> None:
        if self.run is None:
            return
        self.action_pause()
        self._apply_rate()
        if self.run.step() is None:
            self.notify("The values are no longer numbers: F7 resets.", severity="warning")
        self.publish()

    def action_run(self) -> None:
        run = self.run
        if run is None or self.running:
            return
        self._apply_rate()
        outcome = run.outcome
        if run.finished or (outcome is not None and outcome.kind == "converged"):
            self.notify(f"{outcome.message() if outcome else 'Halted'}. F7 resets; F5 still steps.")
            return
        steps = self.query_one(LabControls).read()[2] or self.config.steps
        here = run.current.index
        self.target = steps if here < steps else here + steps
        self.running = True
        self._timer = self.set_interval(1 / FPS, self._frame, name="lab animation")
        self.publish()

    def _frame(self) -> None:
        run = self.run
        if run is None or not self.running or self.target is None:
            return
        for _ in range(max(1, math.ceil(self.target / (FPS * RUN_SECONDS)))):
            if self._done():
                break
            run.step()
        if self._done():
            self.action_pause()
        else:
            self.publish()

    def _done(self) -> bool:
        run = self.run
        outcome = run.outcome
        return (run.current.index >= self.target or run.finished
                or (outcome is not None and outcome.kind == "converged"))

    def action_pause(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.running:
            self.running = False
            self.publish()

    def action_reset(self) -> None:
        if self.run is None or self.loss is None:
            return
        self.action_pause()
        start, lr, steps = self.query_one(LabControls).read()
        config = replace(self.config, start=start or self.config.start, lr=lr or self.config.lr,
                         steps=steps or self.config.steps, ahead=0)
        if start is None or lr is None or steps is None:
            self.notify("Some settings are not valid: the last valid ones are used.", severity="warning")
        if config.start != self.config.start:
            self.setup(config, self.loss)  # a new start: a new view and rates comparison
            return
        changed = (config.steps, config.lr) != (self.config.steps, self.config.lr)
        self.config, self.target = config, None
        self.run.reset(lr=config.lr)
        if changed:
            self._compare()
        self.publish()

    def _compare(self) -> None:
        """The three rates again, with the rate and over the number of steps now set."""
        self.query_one(LabCharts).set_rates(dict(self.config.start), self.config.lr, self.config.steps,
                                            self.config.rates)

    # -- the controls, the charts, leaving ----------------------------------------------------------------
    @on(LabControls.LossChosen)
    def _loss_chosen(self, event: LabControls.LossChosen) -> None:
        self.action_pause()
        self.setup(self.first if event.key == self.first.key else LabConfig.preset(event.key))

    @on(LabControls.Applied)
    def _applied(self, event: LabControls.Applied) -> None:
        if self.run is None:
            return
        if event.field == "lr":
            self._set_rate(event.value)
            self.publish()
        elif event.field == "steps":
            self.config = replace(self.config, steps=event.value)
            if self.running:
                self.target = max(event.value, self.run.current.index + 1)
            self._compare()
            self.publish()
        else:
            self.action_reset()

    @on(LabControls.Done)
    def _through_with_a_box(self) -> None:
        """Through with a box: the focus goes to the chart tabs, where digits pick a chart again."""
        self.query_one(LabCharts).focus_tabs()

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        self.refresh_bindings()

    def watch_running(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run":
            return not self.running
        if action == "pause":
            return self.running
        if action in ("toggle_scale", "toggle_map"):
            return (self.query_one(LabCharts).active == "surface") == (action == "toggle_map")
        return True

    def action_next_chart(self) -> None:
        self.query_one(LabCharts).next_chart()

    def action_show_chart(self, name: str) -> None:
        self.query_one(LabCharts).show(name)

    def action_toggle_scale(self) -> None:
        self.query_one(LabCharts).toggle()

    action_toggle_map = action_toggle_scale

    def action_back(self) -> None:
        self.action_pause()
        self.app.pop_screen()

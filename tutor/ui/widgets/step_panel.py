"""The numbers beside the lab's charts: where the descent is, the loss, the gradient and the last update."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tutor.core.descent import Trace, show

DIGITS = 5  # enough to follow the arithmetic, short enough for a 28-column panel


def status_line(trace: Trace, running: bool, target: int | None) -> tuple[str, str]:
    """(what to say about the run, its style): converged, diverged, running, paused or stopped."""
    outcome, step = trace.outcome, trace.final.index
    if outcome.kind == "diverged":
        return f"✗ diverged at step {outcome.step}", "bold red"
    if outcome.kind == "converged":
        return f"✓ converged at step {outcome.step}", "bold green"
    if running:
        return f"▶ running: step {step} of {target}", "bold yellow"
    if step == 0:
        return "ready: F5 steps once, F6 runs", "bold"
    if target is not None and step >= target:
        return f"■ stopped at step {step}: not converged yet", "bold yellow"
    return f"❚❚ paused at step {step}", "bold"


def panel_text(trace: Trace, lr: float, running: bool = False, target: int | None = None) -> Text:
    """The panel's lines; plain data in, so tests can read exactly what is shown."""
    here = trace.final
    text = Text()
    status, style = status_line(trace, running, target)
    text.append(status + "\n", style=style)
    if trace.outcome.reason and trace.outcome.kind in ("converged", "diverged"):
        text.append(trace.outcome.reason + "\n", style="dim")
    text.append(f"step {here.index} · lr {show(lr, DIGITS)}\n\n", style="dim")
    for name, value in zip(trace.names, here.params):
        text.append(f"{name} = {show(value, DIGITS)}\n", style="bold")
    text.append(f"L = {show(here.loss, DIGITS)}\n")
    gradient = ", ".join(show(g, DIGITS) for g in here.gradient)
    text.append(f"∇L = ({gradient})\n" if len(here.gradient) > 1 else f"dL/d{trace.names[0]} = {gradient}\n")
    text.append(f"‖∇L‖ = {show(here.norm, DIGITS)}\n")
    if here.updates:
        text.append(f"\nthe update of step {here.index}:\n", style="dim")
        for update in here.updates:
            text.append(update.text(DIGITS) + "\n", style="cyan")
    elif here.finite:
        text.append("\nthe first step:\n", style="dim")
        for n in trace.names:
            text.append(f"{n} ← {n} − {show(lr, DIGITS)}·∂L/∂{n}\n", style="dim")
    return text


class StepPanel(Static):
    """Redrawn whenever the trace, the rate or the running state changes."""

    DEFAULT_CSS = """
    StepPanel { width: 32; height: 1fr; padding: 0 1; border-left: vkey $primary 40%; }
    """

    trace: reactive[Trace | None] = reactive(None, always_update=True)
    lr: reactive[float] = reactive(0.0)
    running: reactive[bool] = reactive(False)
    target: reactive[int | None] = reactive(None)

    def __init__(self, **kwargs) -> None:
        super().__init__("Preparing the descent…", **kwargs)

    def _redraw(self) -> None:
        if self.trace is not None:
            self.update(panel_text(self.trace, self.lr, self.running, self.target))

    def watch_trace(self) -> None:
        self._redraw()

    watch_lr = watch_running = watch_target = watch_trace

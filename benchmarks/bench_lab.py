"""The lab's animation in the real app, headless: frames a second, redraw times, and how free the UI stays.

Run: python benchmarks/bench_lab.py [--frames 120] [--size 100x30] [--preset mse-many]
Budget (DESIGN.md, issue 5): a chart redraw ≤ 30 ms; at least 10 frames a second while the UI
stays responsive. For each chart the animation runs `--frames` frames; the figures printed are the
frame interval (→ frames a second), the UI-thread work per frame (a descent step, the panel and
the chart's spec), each chart redraw (plotext building the figure at the widget's size), how
often the surface picture (built in a worker) caught up, and the event loop's lag measured by a
5 ms heartbeat while it all runs (what a key press waits at worst). The worst lags (100–200 ms) are
Python's full garbage collections of a heap holding sympy; --freeze shows them gone after gc.freeze().
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import tempfile
import time
from pathlib import Path

from textual.worker import WorkerState

from tutor.ui.app import make_app
from tutor.ui.screens.lab import LabScreen
from tutor.ui.widgets.chart import Chart
from tutor.ui.widgets.lab_charts import LabCharts

LESSON = "id: one\ntitle: One\nsummary: A course for the app to open.\npages:\n  - title: p\n    body: Text.\n"
CASES = (("loss", False), ("surface", False), ("surface", True), ("norm", False), ("rates", False),
         ("optimizers", False), ("curvature", False))


def ms(values: list[float], q: float) -> float:
    values = sorted(values)
    return 1000 * values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


async def settle(app, pilot) -> None:
    """Until no worker runs: the course's sympy import must not overlap the measurement."""
    for _ in range(3):
        while any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            await pilot.pause(0.01)
        await pilot.pause()


async def measure(folder: Path, size: tuple[int, int], preset: str, lr: str, chart: str, heat: bool,
                  frames: int, freeze: bool) -> dict:
    app = make_app(folder / "lessons", folder / f"data-{chart}-{heat}", warm_symbolic=False)
    renders: list[float] = []
    original = Chart.render

    def timed_render(self):
        started = time.perf_counter()
        try:
            return original(self)
        finally:
            if self.id == f"chart-{chart}":
                renders.append(time.perf_counter() - started)

    Chart.render = timed_render
    try:
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await pilot.press("l")
            await settle(app, pilot)
            lab: LabScreen = app.screen
            lab.query_one("#lab-loss").value = preset
            await settle(app, pilot)
            # One step a frame (≤ 300 steps), at a rate slow enough not to converge while measuring.
            lab.query_one("#lab-steps").value = str(max(frames + 10, 300))
            lab.query_one("#lab-lr").value = lr
            charts = lab.query_one(LabCharts)
            if freeze:
                gc.freeze()  # what the app could do once sympy is loaded: old objects leave the GC's scans
            charts.show(chart)
            charts.heat = heat
            await settle(app, pilot)
            starts, works, surfaces = [], [], []
            frame = lab._frame

            def timed_frame() -> None:
                started = time.perf_counter()
                frame()
                starts.append(started)
                works.append(time.perf_counter() - started)

            lab._frame = timed_frame
            built = charts._surface_built

            def counted(*args) -> None:  # (chart name, spec): the surface, optimizers or curvature picture
                surfaces.append(time.perf_counter())
                built(*args)

            charts._surface_built = counted
            lags: list[float] = []
            stop = asyncio.Event()

            async def heartbeat() -> None:
                while not stop.is_set():
                    before = time.perf_counter()
                    await asyncio.sleep(0.005)
                    lags.append(time.perf_counter() - before - 0.005)

            beat = asyncio.create_task(heartbeat())
            renders.clear()
            await pilot.press("f6")
            while len(starts) < frames and lab.running:
                await asyncio.sleep(0.05)
            await pilot.press("f6")
            stop.set()
            await beat
            await settle(app, pilot)
    finally:
        Chart.render = original
        gc.unfreeze()
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    span = starts[-1] - starts[0] if len(starts) > 1 else float("nan")
    return {
        "frames": len(starts), "fps": (len(starts) - 1) / span if span else float("nan"),
        "gap50": ms(gaps, 0.5), "gap95": ms(gaps, 0.95), "work50": ms(works, 0.5), "work95": ms(works, 0.95),
        "draw50": ms(renders, 0.5), "draw95": ms(renders, 0.95), "draws": len(renders),
        "surfaces": len(surfaces) / span if surfaces and span else None,
        "lag50": ms(lags, 0.5), "lag95": ms(lags, 0.95), "lagmax": ms(lags, 1.0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=120)
    parser.add_argument("--size", default="100x30", help="terminal size, e.g. 80x24")
    parser.add_argument("--preset", default="mse-many", help="the loss to descend (a lab preset)")
    parser.add_argument("--lr", default="0.01", help="a rate that does not converge within the frames")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() before measuring (see the lag column)")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "lessons").mkdir()
        (folder / "lessons" / "01-one.yaml").write_text(LESSON, encoding="utf-8")
        print(f"lab animation, headless at {size[0]}×{size[1]}, preset {args.preset}, lr {args.lr}, "
              f"{args.frames} frames per chart; milliseconds")
        print(f"{'chart':16} {'frames':>6} {'fps':>6} {'gap p50':>8} {'gap p95':>8} {'work p50':>8} {'work p95':>8} "
              f"{'draw p50':>8} {'draw p95':>8} {'surf/s':>6} {'lag p50':>7} {'lag p95':>7} {'lag max':>7}")
        for chart, heat in CASES:
            r = asyncio.run(measure(folder, size, args.preset, args.lr, chart, heat, args.frames, args.freeze))
            name = chart + (" (heat)" if heat else "")
            surfaces = f"{r['surfaces']:6.1f}" if r["surfaces"] else f"{'–':>6}"
            draws = f"{r['draw50']:8.2f} {r['draw95']:8.2f}" if r["draws"] else f"{'–':>8} {'–':>8}"
            print(f"{name:16} {r['frames']:6d} {r['fps']:6.1f} {r['gap50']:8.1f} {r['gap95']:8.1f} "
                  f"{r['work50']:8.2f} {r['work95']:8.2f} {draws} {surfaces} "
                  f"{r['lag50']:7.1f} {r['lag95']:7.1f} {r['lagmax']:7.1f}")


if __name__ == "__main__":
    main()

"""The descent engine: the course's figure bit for bit, divergence, convergence, data sets, the lab's run."""

from __future__ import annotations

import ast
import math
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from tutor.core.descent import (
    MAX_WORK,
    PRESETS,
    DescentError,
    DescentRun,
    Loss,
    StopRules,
    compare_rates,
    descend,
    descent_arrow,
    fit_view,
    loss_surface,
    parse_data,
)
from tutor.core.maths.build import symbol
from tutor.core.maths.calculus import float_function


# -- the notebook's own code (section 8 of the course notes), run as written ---------------------
def grad_mse(w, b, x, y):
    error = w*x+b-y
    dL_dw = 2*error*x
    dL_db = 2*error
    return dL_dw, dL_db


def notebook_loop(w, b, lr, x, y, steps):
    """Every (w, b, dw, db) of the notebook's loop: dw, db are the gradient where (w, b) is."""
    seen = []
    for _ in range(steps):
        dw, db = grad_mse(w, b, x, y)
        seen.append((w, b, dw, db))
        w -= lr*dw
        b -= lr*db
    seen.append((w, b, *grad_mse(w, b, x, y)))
    return seen


@pytest.mark.parametrize("loss", [Loss("(wx+b-y)^2", "x=2;y=4"), Loss("(2w+b-4)^2")])
def test_the_course_figure_is_the_notebooks_floats_exactly(loss):
    trace = descend(loss, {"w": 0, "b": 0}, 0.1, 10)
    expected = notebook_loop(0, 0, 0.1, 2, 4, 10)
    got = [(*s.params, *s.gradient) for s in trace.steps]
    assert got == [tuple(float(v) for v in row) for row in expected]  # == on floats: bit for bit
    assert trace.point() == {"w": 1.6, "b": 0.8}
    assert trace.final.loss == 0.0
    assert len(trace.steps) == 11  # the notebook takes all ten steps; so do we
    assert trace.outcome.kind == "converged" and trace.outcome.step == 1


def test_random_starts_and_rates_match_the_notebook_bit_for_bit():
    rnd = random.Random(5)
    loss = Loss("(wx+b-y)^2", "x=0.7;y=-1.3")
    for _ in range(50):
        w0, b0, lr = rnd.uniform(-5, 5), rnd.uniform(-5, 5), rnd.uniform(0.001, 0.3)
        trace = descend(loss, {"w": w0, "b": b0}, lr, 15, rules=StopRules(tolerance=0))
        expected = notebook_loop(w0, b0, lr, 0.7, -1.3, 15)
        assert [(*s.params, *s.gradient) for s in trace.steps] == expected[:len(trace.steps)]


def test_the_update_is_written_out_with_its_numbers():
    trace = descend("(2w+b-4)^2", {"w": 0, "b": 0}, 0.1, 1)
    w, b = trace.steps[1].updates
    assert w.text() == "w ← 0 − 0.1·(−16) = 1.6"
    assert b.text() == "b ← 0 − 0.1·(−8) = 0.8"
    assert (w.before, w.lr, w.gradient, w.after) == (0.0, 0.1, -16.0, 1.6)
    assert trace.steps[0].updates == () and trace.steps[0].lr is None


def test_a_rate_too_large_for_x_squared_diverges_and_stops():
    trace = descend("x^2", {"x": 1}, 1.1, 50)
    assert trace.outcome.kind == "diverged"
    # x is multiplied by −1.2 each step: the loss 1.44^k passes 1 + 10·1 at k = 7.
    assert trace.outcome.step == 7 and len(trace.steps) == 8
    assert trace.values("x")[1] == 1 - 1.1 * 2
    assert "rose 5 steps in a row" in trace.outcome.reason


def test_overflow_and_nan_are_divergence():
    overflow = descend("exp(w^2)", {"w": 3}, 1, 10)
    assert overflow.outcome.kind == "diverged" and overflow.outcome.step == 1
    assert "overflow" in overflow.outcome.reason and math.isinf(overflow.final.loss)
    assert not overflow.outcome.undefined
    nan = descend("sqrt(w)", {"w": 1}, 10, 10)
    assert nan.outcome.kind == "diverged" and nan.outcome.undefined
    assert nan.outcome.reason == "the loss is undefined at w = −4"
    assert math.isnan(nan.final.loss)


def test_nan_from_overflow_is_not_called_undefined():
    # w⁶ − w⁷ multiplied out overflows to ∞ − ∞ = NaN in float64, yet it has a value at every w.
    trace = descend("w*w*w*w*w*w - w*w*w*w*w*w*w", {"w": 2}, 1e60, 3)
    assert math.isnan(trace.final.loss)
    assert trace.outcome.kind == "diverged" and not trace.outcome.undefined


@pytest.mark.parametrize(("loss", "start", "message"), [
    ("1/w", {"w": 0}, "the loss is undefined at the start point w = 0"),
    ("ln(w)", {"w": -1}, "the loss is undefined at the start point w = −1"),
    ("sqrt(w)", {"w": 0}, "the gradient is undefined at the start point w = 0 (∂L/∂w has no value there)"),
    ("abs(w)^(1/2) + b", {"w": 0, "b": 1}, "the gradient is undefined at the start point w = 0, b = 1 "
                                           "(∂L/∂w has no value there)"),
    ("exp(w)", {"w": 1000}, "the loss overflows at the start point w = 1000"),
])
def test_a_start_without_a_value_or_a_slope_is_refused(loss, start, message):
    with pytest.raises(DescentError) as info:
        descend(loss, start, 0.1, 5)
    assert str(info.value) == message


def test_reaching_a_point_without_a_gradient_is_named():
    # ln(w) is defined for w > 0; a rate of 2 jumps from w = 1 to w = −1 where it is not.
    trace = descend("ln(w) + w^2", {"w": 1}, 1, 3)
    assert trace.outcome.undefined and trace.outcome.reason.startswith("the loss is undefined at w = −2")


def test_work_is_capped_by_steps_times_points():
    data = {"x": [float(i) for i in range(2000)], "y": [1.0] * 2000}
    with pytest.raises(DescentError, match=r"steps × 2,000 points"):
        descend(Loss("(wx+b-y)^2", data), {"w": 0, "b": 0}, 1e-9, MAX_WORK // 2000 + 1)
    assert len(descend(Loss("(wx+b-y)^2", data), {"w": 0, "b": 0}, 1e-9, 2).steps) == 3


def test_a_bounded_bounce_is_not_called_divergence():
    # Chaotic around the minimum at x = 1 but bounded: the loss never climbs over its start.
    trace = descend("(x^2-1)^2 + y^2", {"x": 0.3, "y": 1.5}, 0.3, 60)
    assert trace.outcome.kind == "max-steps"


def test_convergence_reports_the_first_step_under_the_tolerance():
    trace = descend("x^2 + xy + y^2", {"x": 1, "y": 2}, 0.1, 500)
    k = trace.outcome.step
    assert trace.outcome.kind == "converged"
    assert trace.steps[k].norm < 1e-8 <= trace.steps[k - 1].norm
    assert trace.steps[0].gradient == (4.0, 5.0)  # ∇f(1, 2) = (4, 5), as the course says
    stopped = descend("x^2 + xy + y^2", {"x": 1, "y": 2}, 0.1, 500, rules=StopRules(stop_at_convergence=True))
    assert len(stopped.steps) == k + 1 and stopped.outcome == trace.outcome
    loose = descend("x^2 + xy + y^2", {"x": 1, "y": 2}, 0.1, 500, rules=StopRules(tolerance=1e-3))
    assert loose.outcome.step < k


def test_neither_gives_max_steps():
    trace = descend("x^2", {"x": 1}, 0.01, 5)
    assert trace.outcome.kind == "max-steps" and trace.outcome.step == 5
    assert "still" in trace.outcome.reason


def test_a_data_set_loss_is_the_mean_squared_error():
    loss = Loss("(wx+b-y)^2", "x=1,2,3;y=2,4,5")
    assert loss.params == ("w", "b") and loss.data.columns == ("x", "y")
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 5.0])
    w, b = 0.5, -0.25
    err = w * x + b - y
    value, grad = loss.value_and_gradient((w, b))
    assert value == pytest.approx(np.mean(err ** 2), rel=1e-13)
    assert grad == pytest.approx((np.mean(2 * err * x), np.mean(2 * err)), rel=1e-13)
    trace = descend(loss, {"w": 0, "b": 0}, 0.15, 3000, rules=StopRules(stop_at_convergence=True))
    best = np.linalg.lstsq(np.vstack([x, np.ones(3)]).T, y, rcond=None)[0]
    assert trace.outcome.kind == "converged"
    assert trace.final.params == pytest.approx(tuple(best), abs=1e-7)


def test_the_learning_rate_can_change_between_steps():
    run = DescentRun(Loss("x^2"), {"x": 1}, 0.1)
    run.step()
    run.step()
    assert run.current.params == (1 - 0.1 * 2 - 0.1 * 2 * (1 - 0.1 * 2),)
    run.lr = 0.5  # x − 0.5·2x lands on 0
    step = run.step()
    assert step.lr == 0.5 and step.params == (0.0,) and step.updates[0].lr == 0.5
    assert run.outcome.kind == "converged" and run.outcome.step == 3
    assert [s.lr for s in run.trace.steps] == [None, 0.1, 0.1, 0.5]


def test_lowering_the_rate_after_a_divergence_watches_afresh():
    run = DescentRun(Loss("x^2"), {"x": 1}, 1.1)
    run.run(20)
    assert run.outcome.kind == "diverged" and run.finished
    run.lr = 0.25
    assert run.outcome is None and not run.finished
    run.run(200)
    assert run.outcome.kind == "converged"


def test_reset_goes_back_to_the_start():
    run = DescentRun(Loss("(2w+b-4)^2"), {"w": 0, "b": 0}, 0.05)
    run.run(5)
    assert len(run.trace.steps) == 6
    run.reset()
    assert len(run.trace.steps) == 1 and run.current.params == (0.0, 0.0) and run.lr == 0.05
    assert run.trace.outcome.kind == "running"
    run.reset(start={"w": 1, "b": 1}, lr=0.1)
    assert run.current.params == (1.0, 1.0) and run.lr == 0.1


@pytest.mark.parametrize("make, message", [
    (lambda: descend("(2w+b-4)^2", {"w": 0, "q": 0}, 0.1, 10), "unknown parameter q"),
    (lambda: descend("(2w+b-4)^2", {"w": 0}, 0.1, 10), "give a start value for b"),
    (lambda: descend("(2w+b-4)^2", {"w": 0, "b": 0}, 0, 10), "learning rate"),
    (lambda: descend("(2w+b-4)^2", {"w": 0, "b": 0}, 0.1, 0), "number of steps"),
    (lambda: descend("ln(w)", {"w": 0}, 0.1, 10), "undefined at the start"),
    (lambda: Loss("(wx+b-y)^2", "x=1;y=2;z=3"), "data column z does not occur"),
    (lambda: Loss("(wx+b-y)^2", "x=1,2;y=2"), "differ in length"),
    (lambda: Loss("(2w+", None), "loss: column"),
    (lambda: Loss("x*y", "x=1;y=2"), "no parameters"),
    (lambda: DescentRun(Loss("(wx+b-y)^2", "x=1;y=2"), {"w": 0, "b": 0, "x": 1}, 0.1), "data column"),
])
def test_unusable_input_is_a_descent_error(make, message):
    with pytest.raises(DescentError, match=message):
        make()


def test_data_columns_are_whole_names_and_parameters_can_be_declared():
    loss = Loss("(w hours + b - score)^2", "hours=1,2,3;score=50,60,75")
    assert loss.params == ("w", "b")
    trace = descend(loss, {"w": 0, "b": 0}, 0.05, 3000, rules=StopRules(stop_at_convergence=True))
    assert trace.final.params == pytest.approx((12.5, 36.666666666666664), abs=1e-6)
    assert Loss("(theta x - y)^2", "x=1;y=2", params=["theta"]).params == ("theta",)
    assert Loss("(b + wx - y)^2", "x=2;y=4").params == ("b", "w")  # in order of appearance
    with pytest.raises(DescentError, match="unknown name 'q'"):
        Loss("(theta x - q)^2", "x=1", params=["theta"])


def test_data_text_reads_fractions_and_decimals_as_python_literals():
    data = parse_data("x=0.1, 1/2, -3e2 ; y=1,2,3")
    assert data.column("x") == (0.1, 0.5, -300.0) and data.size == 3
    assert data.rows()[0] == {"x": 0.1, "y": 1.0}


EXPRESSIONS = [
    "(wx+b-y)^2", "x^2 + 10y^2", "(x^2-1)^2 + y^2", "sin(x)y + cos(xy)", "exp(w x + b)",
    "ln(1 + exp(-(wx+b)))", "sigmoid(wx + b)", "tanh(w)^2 + softplus(b)", "sqrt(w^2 + b^2 + 1)",
    "w^3/(1 + b^2)", "2^w + log(b^2 + 1, 10)", "atan(w) + abs(b - 1/3)", "(w - 3)^2 + e^b",
]


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_the_gradient_agrees_with_sympys_partials(text):
    loss = Loss(text)
    rnd = random.Random(text)
    for _ in range(20):
        point = tuple(rnd.uniform(-2, 2) for _ in loss.params)
        value, grad = loss.value_and_gradient(point)
        subs = {symbol(p): sp.Float(v, 30) for p, v in zip(loss.params, point)}
        assert value == pytest.approx(float(loss.expr.xreplace(subs)), rel=1e-12, abs=1e-12)
        assert value == float_function(loss.tree)(dict(zip(loss.params, point)))
        for g, d in zip(grad, loss.partials):
            assert g == pytest.approx(float(d.xreplace(subs).evalf(30)), rel=1e-9, abs=1e-12)


def test_gamma_factorial_and_binomial_have_gradients():
    w = sp.Symbol("w")
    exact = float(sp.diff(sp.gamma(w + 3), w).subs(w, 0.5).evalf(20))
    for text in ("gamma(w + 3) + b^2", "(w + 2)! + b^2"):
        value, grad = Loss(text).value_and_gradient((0.5, 2.0))
        assert value == pytest.approx(math.gamma(3.5) + 4)
        assert grad == pytest.approx((exact, 4.0))
    # binomial has no rule of its own: sympy's partial, or a central difference where float64 cannot
    grad = Loss("binomial(w + 4, 2) + b^2").gradient((0.5, 2.0))
    assert grad == pytest.approx((4.0, 4.0), rel=1e-6)  # d/dw (w+4)(w+3)/2 = w + 3.5


def test_formulas_for_people():
    loss = Loss("(wx+b-y)^2", "x=1,2,3;y=2,4,5")
    assert loss.formula() == "L(w, b) = mean over 3 points of (w·x + b − y)²"
    assert loss.partial_formulas()[0].startswith("∂L/∂w = mean of ")
    assert Loss("x^2 + 10y^2").formula() == "L(x, y) = x² + 10·y²"


def test_presets_behave_as_their_rates_say():
    for preset in PRESETS.values():
        loss = preset.make_loss()
        good = descend(loss, preset.start_point(), preset.lr, preset.steps)
        assert good.outcome.kind != "diverged", preset.key
        small, fine, wild = compare_rates(loss, preset.start_point(), preset.rates, 40)
        assert wild.outcome.kind == "diverged", preset.key
        assert small.outcome.kind != "diverged" and fine.outcome.kind != "diverged", preset.key
        assert small.final.loss > fine.final.loss, preset.key
        surface = loss_surface(loss, preset.view, preset.start_point())
        assert np.isfinite(surface.z).all()


def test_the_surface_is_the_loss_on_a_grid():
    loss = PRESETS["mse-many"].make_loss()
    surface = loss_surface(loss, ((-1, 3), (-2, 2)), size=(9, 5))
    assert surface.z.shape == (5, 9) and surface.names == ("w", "b")
    for j, b in enumerate(surface.ys):
        for i, w in enumerate(surface.xs):
            assert surface.z[j, i] == pytest.approx(loss.value((w, b)), rel=1e-12)
    three = Loss("x^2 + y^2 + z^2")
    held = loss_surface(three, ((-1, 1), (-1, 1)), at={"z": 2.0}, size=(3, 3))
    assert held.fixed == (("z", 2.0),) and held.z[1, 1] == 4.0
    curve = loss_surface(Loss("x^2"), [(-2, 2)], size=(5, 1))
    assert curve.z.tolist() == [[4.0, 1.0, 0.0, 1.0, 4.0]] and curve.ys.size == 0


def test_the_arrow_points_against_the_gradient():
    arrow = descent_arrow((1.0, 2.0), (4.0, 5.0), ((-3, 3), (-3, 3)), fraction=0.1)
    dx, dy = arrow.end[0] - 1.0, arrow.end[1] - 2.0
    assert dx < 0 and dy < 0 and dx * 5.0 == pytest.approx(dy * 4.0)
    assert math.hypot(dx / 6, dy / 6) == pytest.approx(0.1)
    assert descent_arrow((0, 0), (0.0, 0.0), ((-1, 1), (-1, 1))) is None
    assert fit_view([(0, 0), (1.6, 0.8), (math.inf, 0)]) == ((-0.5, 2.1), (-0.5, 1.3))


def test_trace_json_has_the_contract_and_no_nan():
    data = descend("sqrt(w)", {"w": 1}, 10, 5).to_json()
    assert set(data) >= {"steps", "final", "loss", "outcome"}
    assert data["outcome"] == "diverged" and data["loss"] is None and data["final"] == {"w": -4.0}
    assert data["steps"][0] == {"step": 0, "params": {"w": 1.0}, "loss": 1.0, "gradient": {"w": 0.5}, "norm": 0.5}


FORBIDDEN = {"ev" + "al", "ex" + "ec", "symp" + "ify", "parse" + "_expr", "lambd" + "ify"}
ROOT = Path(__file__).resolve().parents[2]


def test_no_code_runs_text():
    files = [*ROOT.glob("tutor/core/descent/*.py"), *ROOT.glob("tutor/core/charts/*.py"), ROOT / "tutor/cli/descent.py"]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = set()
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.alias):
                names.add(node.name.rsplit(".", 1)[-1])
            assert not names & FORBIDDEN, f"{path.name}: {names & FORBIDDEN}"


def test_descent_and_charts_never_import_textual():
    code = "import sys, tutor.core.descent, tutor.core.charts; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""The ML-depth lessons of this branch (directional derivatives, many features, gradient checking):
they load in their track, their figures come out of independent computations, their page code prints
what the page says, and typical wrong answers are named."""

from __future__ import annotations

import ast
import math
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from tutor.core.descent import PRESETS, Loss, descend
from tutor.core.lessons.loader import load_course
from tutor.core.lessons.variants import evaluate_constant
from tutor.core.maths.build import symbol

NEW = ("directional", "many-features", "gradient-checking")


@pytest.fixture(scope="module")
def course():
    return load_course()


def lesson(course, lesson_id):
    found = course.lesson(lesson_id)
    assert found is not None, lesson_id
    return found


def instance(course, lesson_id, exercise_id, seed=0):
    return lesson(course, lesson_id).exercise(exercise_id).instance(seed)


def params(inst) -> dict[str, Fraction]:
    return {k: Fraction(v.replace("−", "-")) for k, v in inst.params}


def number(text: str) -> float:
    return float(evaluate_constant(text, {}))  # the tutor's own reading: 4·√5, −0.32, 3100/301


def numbers(text: str) -> list[float]:
    return [number(p) for p in text.strip("()").split(", ")]


# -- the lessons as a whole ------------------------------------------------------------------------
def test_three_lessons_in_the_ml_depth_track_with_enough_exercises(course) -> None:
    lessons = [lesson(course, i) for i in NEW]
    assert [x.lesson.track for x in lessons] == ["ML depth"] * 3
    assert [x.path.name for x in lessons] == ["15-directional.yaml", "17-many-features.yaml",
                                              "19-gradient-checking.yaml"]
    exercises = [e for x in lessons for e in x.exercises]
    assert len(exercises) >= 30
    assert sum(bool(e.model.params) for e in exercises) >= 13
    for x in lessons:
        assert not x.broken_exercises and len(x.lesson.pages) >= 4
        for e in x.exercises:
            assert e.model.hints and e.model.solution, (x.id, e.model.id)


def _run_like_a_notebook(code: str) -> str:
    """What a cell prints: its print() output, and the value of a last bare expression."""
    tree = ast.parse(code)
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = tree.body[-1]
        tree.body[-1] = ast.parse(f"_value = ({ast.unparse(last.value)})\nif _value is not None: print(repr(_value))").body
        tree.body = [*tree.body[:-1], *tree.body[-1]]
    out = subprocess.run([sys.executable, "-c", ast.unparse(tree)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("lesson_id", NEW)
def test_page_code_prints_what_the_page_says(course, lesson_id) -> None:
    pages = [p for p in lesson(course, lesson_id).lesson.pages if p.code]
    assert pages
    for page in pages:
        assert page.output is not None, page.title
        assert _run_like_a_notebook(page.code).rstrip() == page.output.rstrip(), page.title


def test_the_lab_pages_open_the_feature_presets(course) -> None:
    labs = [p.lab for p in lesson(course, "many-features").lesson.pages if p.lab]
    assert labs == ["features-raw", "features-scaled"]
    assert [p.lab for p in lesson(course, "directional").lesson.pages if p.lab] == ["bowl"]


# -- directional derivatives -----------------------------------------------------------------------
x, y = sp.symbols("x y", real=True)


def directional(f, point, u):
    gradient = [sp.diff(f, v).subs({x: point[0], y: point[1]}) for v in (x, y)]
    return sum(g * c for g, c in zip(gradient, u))


def test_the_directional_figures(course) -> None:
    f = x**2 + x * y + y**2
    assert directional(f, (1, 2), (sp.Rational(3, 5), sp.Rational(4, 5))) == sp.Rational(32, 5)
    assert numbers(instance(course, "directional", "du-worked").expected) == [6.4]
    # The page: ‖∇f(1, 2)‖ = √41 ≈ 6.403, at 51.34°, and (0.6, 0.8) is under 2° from it.
    assert math.hypot(4, 5) == pytest.approx(6.4031, abs=1e-4)
    assert 1.5 < math.degrees(math.atan2(0.8, 0.6) - math.atan2(5, 4)) < 2
    # A descent step of 0.01: predicted −0.41, true −0.4039; the step to (1.1, 1.9): true change −0.09.
    g = sp.lambdify((x, y), f)
    assert g(0.96, 1.95) - g(1, 2) == pytest.approx(-0.4039)
    assert numbers(instance(course, "directional", "linear-approx-true").expected) == [-0.09]


@pytest.mark.parametrize("seed", range(8))
def test_the_directional_variants_agree_with_sympy(course, seed) -> None:
    inst = instance(course, "directional", "du-variant", seed)
    p = params(inst)
    f = p["a"] * x**2 + p["b"] * y**2
    u = (sp.Rational(p["c"]) / 5, sp.Rational(p["d"]) / 5)
    assert u[0] ** 2 + u[1] ** 2 == 1
    assert number(inst.expected) == pytest.approx(float(directional(f, (p["p"], p["q"]), u)))

    inst = instance(course, "directional", "normalise-first", seed)
    p = params(inst)
    v = (sp.Rational(p["a"]), sp.Rational(p["b"]))
    length = sp.sqrt(v[0] ** 2 + v[1] ** 2)
    right = directional(x**2 + y**2, (p["p"], p["q"]), (v[0] / length, v[1] / length))
    assert number(inst.expected) == pytest.approx(float(right))
    unnormalised = directional(x**2 + y**2, (p["p"], p["q"]), v)
    assert inst.check(str(unnormalised)).status == "incorrect"

    inst = instance(course, "directional", "steepest-rate", seed)
    p = params(inst)
    f = p["a"] * x**2 + p["b"] * y**2
    grad = [float(sp.diff(f, v).subs({x: p["p"], y: p["q"]})) for v in (x, y)]
    # The largest rate over many unit vectors is ‖∇f‖: Cauchy–Schwarz, checked by brute force.
    best = max(grad[0] * math.cos(t) + grad[1] * math.sin(t) for t in np.linspace(0, 2 * math.pi, 20001))
    assert number(inst.expected) == pytest.approx(best, rel=1e-6)

    inst = instance(course, "directional", "contour-tangent", seed)
    p = params(inst)
    f = x**2 + 4 * y**2
    tangent = (-4 * p["q"], p["p"])
    assert directional(f, (p["p"], p["q"]), tangent) == 0 and number(inst.expected) == 0

    inst = instance(course, "directional", "descent-decrease", seed)
    p = params(inst)
    f = p["a"] * x**2 + p["b"] * y**2
    grad = [sp.diff(f, v).subs({x: p["p"], y: p["q"]}) for v in (x, y)]
    step = [-sp.Rational(1, 100) * g for g in grad]
    assert number(inst.expected) == pytest.approx(float(directional(f, (p["p"], p["q"]), step)))

    inst = instance(course, "directional", "linear-approx", seed)
    p = params(inst)
    assert number(inst.expected) == pytest.approx(float(directional(x**2 + x * y + y**2, (1, 2), (p["r"], p["s"]))))


def test_a_direction_that_is_not_a_unit_vector_is_wrong(course) -> None:
    inst = instance(course, "directional", "du-worked")
    assert inst.check("32/5").correct and inst.check("6.4").correct
    assert inst.check("32").status == "incorrect"  # ∇f·(3, 4): five times too large


# -- many features ---------------------------------------------------------------------------------
def test_the_worked_gradient_and_xt(course) -> None:
    X, yv, w = np.array([[1, 2], [3, 1]]), np.array([4, 5]), np.array([1, 1])
    error = X @ w - yv
    assert list(2 / 2 * X.T @ error) == [-4, -3] and 2 * error.mean() == -2
    loss = Loss("(w1 x1 + w2 x2 + b - y)^2", "x1=1,3;x2=2,1;y=4,5")
    assert loss.gradient((1, 1, 0)) == (-4.0, -3.0, -2.0)
    assert numbers(instance(course, "many-features", "gradient-at-zero").expected) == list(loss.gradient((0, 0, 0)))


@pytest.mark.parametrize("seed", range(8))
def test_the_feature_variants_agree_with_the_descent_engine(course, seed) -> None:
    inst = instance(course, "many-features", "gradient-four-points", seed)
    p = params(inst)
    data = {"x1": [1, 1, -1, -1], "x2": [1, -1, 1, -1], "y": [float(p["a"]), float(p["c"]), float(p["d"]), 0.0]}
    engine = Loss("(w1 x1 + w2 x2 + b - y)^2", data).gradient((0, 0, 0))
    assert numbers(inst.expected) == pytest.approx(list(engine))

    inst = instance(course, "many-features", "gradient-variant", seed)
    p = params(inst)
    data = {"x1": [1, 2], "x2": [0, 1], "y": [float(p["a"]), float(p["c"])]}
    engine = Loss("(w1 x1 + w2 x2 + b - y)^2", data).gradient((float(p["p"]), float(p["q"]), 0))
    assert numbers(inst.expected) == pytest.approx(list(engine))

    inst = instance(course, "many-features", "predict-one-row", seed)
    p = params(inst)
    assert number(inst.expected) == p["p"] * p["r"] + p["q"] * p["s"] + p["c"]


def test_raw_features_make_an_elongated_bowl_that_scaling_makes_round() -> None:
    raw, scaled = PRESETS["features-raw"].make_loss(), PRESETS["features-scaled"].make_loss()
    w1, w2 = symbol("w1"), symbol("w2")
    for loss, expected in ((raw, 9 * (w1 - sp.Rational(1, 2)) ** 2 + sp.Rational(1, 4) * (w2 - 2) ** 2),
                           (scaled, (w1 - sp.Rational(3, 2)) ** 2 + (w2 - 1) ** 2)):
        mean = sum(loss.expr.xreplace({symbol(k): sp.nsimplify(v) for k, v in row.items()})
                   for row in loss.rows) / len(loss.rows)
        assert sp.expand(mean - expected) == 0
    # Same start, each at its good rate: the loss is under 1e-6 after 135 steps raw, 5 scaled.
    def steps_to(loss, lr):
        trace = descend(loss, {"w1": 0, "w2": 0}, lr, 300)
        return next(i for i, s in enumerate(trace.steps) if s.loss < 1e-6)

    assert steps_to(raw, PRESETS["features-raw"].lr) == 135
    assert steps_to(scaled, PRESETS["features-scaled"].lr) == 5
    # The rate bound: w1's factor 1 − 18η passes −1 at η = 1/9; the three rates show it.
    too_small, good, diverging = PRESETS["features-raw"].rates
    assert good < 1 / 9 < diverging
    assert descend(raw, {"w1": 0, "w2": 0}, diverging, 150).outcome.kind == "diverged"
    assert descend(scaled, {"w1": 0, "w2": 0}, PRESETS["features-scaled"].rates[2], 150).outcome.kind == "diverged"


def test_one_step_on_each_data_set(course) -> None:
    assert numbers(instance(course, "many-features", "one-step-raw").expected) == [0.9, 0.1]
    assert numbers(instance(course, "many-features", "one-step-scaled").expected) == [0.75, 0.5]


def test_typical_slips_with_many_features_are_named(course) -> None:
    inst = instance(course, "many-features", "partial-wj-symbolic")
    assert inst.check("2(w1x1 + w2x2 + b - y)x2").correct
    verdict = inst.check("2(w1x1 + w2x2 + b - y)")
    assert verdict.status == "incorrect" and verdict.diagnosis.code == "dropped-chain-factor"
    inst = instance(course, "many-features", "dw1-two-points")
    verdict = inst.check("20w1 + 10w2 + 8b - 38")  # the sum over the points, not the mean
    assert verdict.status == "incorrect" and verdict.diagnosis.code == "sum-not-mean"
    inst = instance(course, "many-features", "gradient-at-zero")
    verdict = inst.check("(-13, -19, -9)")
    assert verdict.status == "incorrect" and verdict.diagnosis.code == "swapped-components"
    inst = instance(course, "many-features", "descent-two-features")
    verdict = inst.descent.check_step(1, "w1 = -0.38, w2 = -0.26, b = -0.18", None)
    assert verdict.status == "incorrect" and verdict.diagnosis.code == "wrong-sign"


# -- gradient checking -----------------------------------------------------------------------------
def test_forward_against_central_at_h_01_and_001(course) -> None:
    def f(v):
        return v**3

    rows = []
    for h in (0.1, 0.01):
        rows.append(((f(1 + h) - f(1)) / h, (f(1 + h) - f(1 - h)) / (2 * h)))
    assert [numbers(instance(course, "gradient-checking", e).expected)
            for e in ("forward-central-h01", "forward-central-h001")] == [[3.31, 3.01], [3.0301, 3.0001]]
    for (forward, central), stated in zip(rows, ([3.31, 3.01], [3.0301, 3.0001])):
        assert (forward, central) == pytest.approx(tuple(stated), abs=1e-9)
    forward_ratio = (rows[0][0] - 3) / (rows[1][0] - 3)
    central_ratio = (rows[0][1] - 3) / (rows[1][1] - 3)
    assert forward_ratio == pytest.approx(10.3, abs=0.01)   # O(h)
    assert central_ratio == pytest.approx(100, rel=1e-6)    # O(h²)
    assert numbers(instance(course, "gradient-checking", "error-ratio").expected) == pytest.approx(
        [forward_ratio, central_ratio])


def test_the_best_h_is_near_the_cube_root_of_epsilon() -> None:
    errors = {k: abs(((1 + 10.0**-k) ** 3 - (1 - 10.0**-k) ** 3) / (2 * 10.0**-k) - 3) for k in range(1, 13)}
    best = min(errors, key=errors.get)
    assert 10.0**-best == pytest.approx(sys.float_info.epsilon ** (1 / 3), rel=10)  # ε^(1/3) ≈ 6e-6
    assert best in (5, 6, 7) and errors[12] > 1e4 * errors[best]


@pytest.mark.parametrize("seed", range(6))
def test_the_checking_variants(course, seed) -> None:
    inst = instance(course, "gradient-checking", "missing-factor", seed)
    assert number(inst.expected) == 0.5
    inst = instance(course, "gradient-checking", "relative-error", seed)
    p = params(inst)
    a, n = float(p["a"]), float(p["a"]) + float(p["d"]) / 10000
    assert number(inst.expected) == pytest.approx(abs(a - n) / max(abs(a), abs(n)), rel=1e-5)  # shown to 6 digits
    inst = instance(course, "gradient-checking", "central-by-hand", seed)
    p = params(inst)
    assert number(inst.expected) == pytest.approx(3 * float(p["p"]) ** 2 + float(p["a"]) + 0.01, abs=1e-9)


def test_the_relative_error_of_the_page(course) -> None:
    def loss(w, b):
        return (w * 2 + b - 3) ** 2

    h = 1e-5
    numeric = ((loss(1 + h, 0) - loss(1 - h, 0)) / (2 * h), (loss(1, h) - loss(1, -h)) / (2 * h))
    assert numeric == (-4.000000000004, -2.0000000000131024)
    assert [f"{abs(a - n) / max(abs(a), abs(n)):.1e}" for a, n in zip((-4, -2), numeric)] == ["1.0e-12", "6.6e-12"]
    inst = instance(course, "gradient-checking", "kink")
    assert number(inst.expected) == pytest.approx(0.1)


def test_every_randomised_exercise_varies_and_stays_checkable(course) -> None:
    for lesson_id in NEW:
        for e in lesson(course, lesson_id).exercises:
            if not e.model.params:
                continue
            prompts = {e.instance(seed).prompt for seed in range(8)}
            assert len(prompts) > 1, f"{lesson_id}/{e.model.id}"
            for seed in (1, 5):
                inst = e.instance(seed)
                assert inst.check(inst.expected).correct, f"{lesson_id}/{e.model.id} seed {seed}"


def test_on_raw_features_w1_settles_long_before_w2() -> None:
    raw = PRESETS["features-raw"]
    trace = descend(raw.make_loss(), raw.start_point(), raw.lr, 200)
    settled = next(i for i, s in enumerate(trace.steps) if all(abs(t.params[0] - 0.5) < 1e-3 for t in trace.steps[i:]))
    # The page: w1 in place within about 30 steps, w2 still far off then (the loss needs 135).
    assert 25 <= settled <= 30 and abs(trace.steps[30].params[1] - 2) > 0.4

"""The three lessons built on the new kinds (curvature, backprop, optimizers): their figures come out
of the tutor's own engine, every stated answer is proved, and the slips are named on the real course."""

from __future__ import annotations

import pytest
import sympy as sp

from tutor.core.descent import Loss
from tutor.core.descent.curvature import curvature_at
from tutor.core.descent.optimizers import compare_optimizers
from tutor.core.lessons.loader import load_course
from tutor.core.lessons.validate import validate_course
from tutor.core.maths.build import symbol

NEW = {"curvature": "16-curvature.yaml", "backprop": "18-backprop.yaml", "optimizers": "20-optimizers.yaml"}


@pytest.fixture(scope="module")
def course():
    return load_course(None)


def lesson(course, lesson_id):
    return next(item for item in course.lessons if item.id == lesson_id)


def test_the_new_lessons_hold_at_least_30_exercises_12_randomised(course):
    exercises = [e for lesson_id in NEW for e in lesson(course, lesson_id).lesson.exercises]
    assert len(exercises) >= 30 and sum(bool(e.params) for e in exercises) >= 12
    assert {e.type for e in exercises} >= {"matrix", "backprop", "optimizer"}
    for lesson_id, file in NEW.items():
        assert lesson(course, lesson_id).path.name == file and lesson(course, lesson_id).lesson.requires


def test_every_stated_answer_of_the_new_lessons_is_proved(tmp_path):
    for file in NEW.values():
        (tmp_path / file).write_bytes((load_course(None).lessons[0].path.parent / file).read_bytes())
    report = validate_course(tmp_path, seeds=10)
    assert [e.message for e in report.errors if "requires" not in e.message] == []


def test_the_practice_6_hessian_its_eigenvalues_and_rate_bound(course):
    curvature = lesson(course, "curvature")
    assert curvature.exercise("practice-hessian").instance(0).expected == "[[5, 3], [3, 2]]"
    eigen = curvature.exercise("practice-eigenvalues").instance(0)
    assert eigen.expected == "(6.8541, 0.1459)" and eigen.check("6.85, 0.146").correct
    assert curvature.exercise("practice-rate-bound").instance(0).expected == "0.2918"
    assert curvature.exercise("practice-condition").instance(0).check("47").correct
    # The lab's own Hessian of the same loss, from the gradient: the same figures.
    lab = curvature_at(Loss("(wx+b-y)^2", "x=1,2;y=3,5"), (0.0, 0.0))
    assert lab.hessian.ravel().tolist() == pytest.approx([5, 3, 3, 2], abs=1e-6)
    assert lab.values == pytest.approx((6.8541, 0.1459), abs=1e-4)
    assert lab.bound == pytest.approx(0.2918, abs=1e-4) and lab.condition == pytest.approx(46.98, abs=0.01)


def test_softmax_with_cross_entropy_gives_p_minus_y():
    scores = sp.symbols("z1:4", real=True)
    total = sum(sp.exp(z) for z in scores)
    for true in range(3):
        y = [1 if k == true else 0 for k in range(3)]
        loss = -sum(yk * sp.log(sp.exp(z) / total) for yk, z in zip(y, scores))
        for k, z in enumerate(scores):
            assert sp.simplify(sp.diff(loss, z) - (sp.exp(z) / total - y[k])) == 0


def test_the_softmax_exercises_state_p_minus_y_and_are_checked_so(course):
    backprop = lesson(course, "backprop")
    assert backprop.exercise("softmax-true-class").instance(0).check("e^a/(e^a + e^b + e^c) - 1").correct
    assert backprop.exercise("softmax-other-class").instance(0).check("e^b/(e^a + e^b + e^c)").correct
    assert backprop.exercise("softmax-at-scores").instance(0).check("(-2/3, 1/3, 1/3)").correct


def test_backprop_in_the_course_names_its_slips(course):
    backprop = lesson(course, "backprop")
    hand = backprop.exercise("two-paths").instance(0).hand
    x = float(hand.value("∂b/∂x")[0]) / 2
    exact = [hand.value(b.key) for b in hand.blanks]
    assert hand.check(hand.total, str(6 * x * x), exact[:-1]).correct  # ∂L/∂x = 6x² for L = 2x³
    assert hand.check(hand.total, str(2 * x * x), exact[:-1]).diagnosis.code == "missed-path"
    simple = backprop.exercise("simple-graph").instance(0).hand
    upstream = simple.value("∂L/∂b")[0]
    verdict = simple.check(3, "1", [simple.value("∂L/∂b"), simple.value("∂b/∂z")])
    assert upstream != 1 and verdict.diagnosis.code == "no-upstream"


def test_the_two_layer_network_agrees_with_the_derivative_of_the_whole(course):
    net = lesson(course, "backprop").exercise("two-layer")
    for seed in range(5):
        instance = net.instance(seed)
        values = {k: float(v.replace("−", "-")) for k, v in instance.params}
        w1, w2, x, b2, y = values["u"], values["v"], 1.0, 0.5, 1.0
        names = sp.symbols("w1 w2", real=True)
        h = 1 / (1 + sp.exp(-names[0] * x))
        loss = (names[1] * h + b2 - y) ** 2
        want = [float(sp.diff(loss, n).subs({names[0]: w1, names[1]: w2})) for n in names]
        assert instance.hand.value("∂L/∂w1")[0] == pytest.approx(want[0], rel=1e-12)
        assert instance.hand.value("∂L/∂w2")[0] == pytest.approx(want[1], rel=1e-12)


def test_adam_at_step_one_moves_each_parameter_by_the_rate(course):
    adam = lesson(course, "optimizers").exercise("adam-one-step")
    for seed in range(4):
        hand = adam.instance(seed).hand
        assert hand.value("θ₁") == pytest.approx((0.1, 0.1), abs=1e-8)  # η·g/|g| against g < 0
        assert hand.value("m̂₁") == pytest.approx(hand.value("g₁"))


def test_momentum_overshoots_the_minimum_plain_descent_reached(course):
    hand = lesson(course, "optimizers").exercise("momentum-mse").instance(0).hand
    assert hand.value("θ₁") == pytest.approx((1.6, 0.8)) and hand.value("g₂") == pytest.approx((0, 0))
    assert hand.value("θ₂") == pytest.approx((2.4, 1.2))


def test_the_optimizers_preset_shows_momentum_beating_plain_descent_in_the_ravine():
    plain, momentum, adam = compare_optimizers(Loss("x^2 + 10y^2"), (4.0, 1.0), 0.02, 150)
    assert momentum.losses[-1] < plain.losses[-1] < adam.losses[-1]
    assert not any(p.diverged for p in (plain, momentum, adam))


def test_validation_in_workers_finds_the_same_errors_in_the_same_order(tmp_path):
    for file in NEW.values():
        text = (load_course(None).lessons[0].path.parent / file).read_text(encoding="utf-8")
        (tmp_path / file).write_text(text.replace('answer: 0.292', 'answer: 0.3')
                                     .replace('answer: (-17, -7)', 'answer: (-17, -8)'), encoding="utf-8")
    alone = validate_course(tmp_path, seeds=3)
    shared = validate_course(tmp_path, seeds=3, workers=2)
    assert [str(e) for e in alone.errors] == [str(e) for e in shared.errors]
    assert any("0.3 is not within" in e.message for e in shared.errors)
    assert any("minibatch-gradient" in e.message for e in shared.errors)

"""The mistakes the checker can name (diagnosis codes), each with a few words a learner reads.

One list for the screens that count a learner's slips and for lesson files that tag exercises
with the mistakes they train (`trains:`): a code not here is a typo. A test holds it to the codes
the checker's sources actually use.
"""

from __future__ import annotations

LABELS: dict[str, str] = {
    # Partial derivatives and gradients (mistakes.py, diagnose.py)
    "wrong-variable": "differentiating by the wrong variable",
    "not-held-constant": "letting the other variable move",
    "total-derivative": "adding up every partial derivative",
    "dropped-chain-factor": "dropping the chain rule's inner factor",
    "outer-derivative": "forgetting the outer function's derivative",
    "stopped-early": "stopping the chain rule halfway",
    "power-rule": "the power rule off by one",
    "product-rule": "the product rule",
    "quotient-rule": "the quotient rule",
    "sign": "a wrong sign",
    "constant-factor": "a constant factor off",
    "kept-constant-term": "keeping a constant term",
    "dropped-term": "leaving out a term",
    "not-differentiated": "not differentiating",
    "integrated": "integrating instead of differentiating",
    "swapped-components": "swapping the gradient's components",
    "rounded": "rounding too early",
    "sum-not-mean": "a sum where the mean is meant",
    "reciprocal": "turning a value upside down",
    # The form a right answer must have (maths/form.py)
    "not-simplified": "an answer equal but not simplified",
    "not-expanded": "an answer equal but not expanded",
    "not-factored": "an answer equal but not factored",
    # Gradient descent by hand (lessons/types/descent_judge.py) and its result (maths/descent_slips.py)
    "wrong-sign": "stepping up the gradient instead of down",
    "forgot-lr": "forgetting the learning rate",
    "sign-and-lr": "adding the whole gradient",
    "no-step": "not taking the step",
    "stale-gradient": "reusing the last point's gradient",
    "wrong-gradient": "a wrong gradient in the step",
    "wrong-rate": "the wrong learning rate",
    "step-count": "taking the wrong number of steps",
    # Matrices: Hessians, Jacobians (maths/matrix_check.py)
    "transposed": "writing the matrix transposed",
    "swapped-rows": "swapping two rows of a matrix",
    "swapped-columns": "swapping two columns of a matrix",
    "wrong-entry": "one wrong entry in a matrix",
    # Backpropagation by hand (lessons/types/backprop.py)
    "no-upstream": "forgetting to multiply by the upstream gradient",
    "added-on-path": "adding instead of multiplying along a path",
    "missed-path": "forgetting a second path (the sum over paths)",
    # Momentum and Adam by hand (lessons/types/optimizer.py)
    "momentum-sign": "the momentum with the wrong sign",
    "no-momentum": "leaving out the momentum",
    "wrong-beta": "the wrong β",
    "forgot-square": "not squaring the gradient",
    "bias-correction": "the bias correction",
    "no-square-root": "forgetting the square root",
}
CODES: frozenset[str] = frozenset(LABELS)


def label(code: str) -> str:
    """The learner's words for a code (the code itself for one this tutor does not know)."""
    return LABELS.get(code, code)

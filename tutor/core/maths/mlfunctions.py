"""The sigmoid and softplus as functions of their own, so they keep their names and their rules.

Expanded to 1/(1 + e^(−u)) the sigmoid hides its inside (u) and the chain rule's factor behind an
exponential; kept whole, σ(u)′ = σ(u)(1 − σ(u))·u′ is what the mistake finder and the learner see.
"""

from __future__ import annotations

import sympy as sp


class sigmoid(sp.Function):  # noqa: N801 - the name learners type
    """σ(u) = 1/(1 + e^(−u))."""

    @classmethod
    def eval(cls, arg):
        if arg.is_zero:
            return sp.Rational(1, 2)
        return None

    def fdiff(self, argindex: int = 1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return 1 / (1 + sp.exp(-arg))

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        return self._eval_rewrite_as_exp(self.args[0])._eval_evalf(prec)

    def _eval_is_positive(self):
        return True if self.args[0].is_real else None


class softplus(sp.Function):  # noqa: N801
    """softplus(u) = ln(1 + e^u), whose derivative is the sigmoid."""

    @classmethod
    def eval(cls, arg):
        if arg.is_zero:
            return sp.log(2)
        return None

    def fdiff(self, argindex: int = 1):
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return sp.log(1 + sp.exp(arg))

    _eval_rewrite_as_log = _eval_rewrite_as_exp

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        return self._eval_rewrite_as_exp(self.args[0])._eval_evalf(prec)


ML_FUNCTIONS = (sigmoid, softplus)

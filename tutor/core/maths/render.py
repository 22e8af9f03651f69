"""sympy expressions as one line of readable unicode (2·x + y, e^(w·x + b), √x, ∂-free).

What a learner sees for references, hints and counterexamples. The text is valid answer syntax:
parsing it back gives an equal expression (a property test holds it to that).
"""

from __future__ import annotations

import math

import sympy as sp

_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUM, _PRODUCT, _UNARY, _POWER, _ATOM = 1, 2, 3, 4, 6
_NAMES = {"log": "ln", "Abs": "abs"}


def render(expr: sp.Expr) -> str:
    """One-line unicode text for `expr`."""
    if isinstance(expr, int):
        expr = sp.Integer(expr)
    return _show(expr)[0]


def render_vector(values) -> str:
    return "(" + ", ".join(render(v) for v in values) + ")"


def _wrap(text: str, prec: int, need: int) -> str:
    return text if prec >= need else f"({text})"


def _digits(n: int) -> str:
    """An integer's digits; one too long for Python to print (over 4300 digits) as about 10^n."""
    n = abs(int(n))
    if n.bit_length() < 14_000:
        return str(n)
    return f"(about 10^{int(n.bit_length() * math.log10(2))})"


def _show(e: sp.Expr) -> tuple[str, int]:
    if e.is_Integer:
        return (_digits(e) if e >= 0 else f"−{_digits(e)}"), (_ATOM if e >= 0 else _UNARY)
    if e.is_Rational:
        text = f"{_digits(e.p)}/{_digits(e.q)}"
        return (text if e > 0 else "−" + text), (_PRODUCT if e > 0 else _UNARY)
    if e.is_Float:
        return str(e), _ATOM
    if e is sp.pi:
        return "π", _ATOM
    if e is sp.E:
        return "e", _ATOM
    if e.is_Symbol:
        return e.name, _ATOM
    if e.is_Add:
        return _add(e)
    if e.is_Mul:
        return _mul(e)
    if e.is_Pow:
        return _pow(e)
    if isinstance(e, sp.exp):
        return _exp_power(e.args[0])
    if isinstance(e, sp.factorial):
        inner, p = _show(e.args[0])
        return _wrap(inner, p, _ATOM) + "!", _POWER
    if isinstance(e, sp.Abs):
        return f"|{render(e.args[0])}|", _ATOM
    if isinstance(e, sp.Function):
        name = _NAMES.get(type(e).__name__, type(e).__name__)
        return f"{name}({', '.join(render(a) for a in e.args)})", _ATOM
    return str(e), _ATOM


def _add(e: sp.Add) -> tuple[str, int]:
    terms = e.as_ordered_terms()
    out = _show(terms[0])[0]
    for term in terms[1:]:
        if term.could_extract_minus_sign():
            text, p = _show(-term)
            out += " − " + _wrap(text, p, _PRODUCT)
        else:
            text, p = _show(term)
            out += " + " + _wrap(text, p, _PRODUCT)
    return out, _SUM


def _mul(e: sp.Mul) -> tuple[str, int]:
    if e.could_extract_minus_sign():
        text, p = _show(-e)
        return "−" + _wrap(text, p, _PRODUCT if p != _UNARY else _ATOM), _UNARY
    coeff, rest = e.as_coeff_Mul()
    numer: list[str] = []
    denom: list[tuple[str, int]] = []
    if coeff != 1:
        if coeff.p != 1 or coeff.q == 1:
            numer.append(str(coeff.p))
        if coeff.q != 1:
            denom.append((str(coeff.q), _ATOM))
    for factor in sp.Mul.make_args(rest):
        if factor.is_Pow and factor.exp.is_Rational and factor.exp < 0:
            denom.append(_show(sp.Pow(factor.base, -factor.exp)))
        else:
            text, p = _show(factor)
            numer.append(_wrap(text, p, _POWER))
    top = "·".join(numer) if numer else "1"
    if not denom:
        return top, _PRODUCT
    if len(denom) == 1:
        bottom = _wrap(*denom[0], _POWER)
    else:
        bottom = "(" + "·".join(_wrap(t, p, _POWER) for t, p in denom) + ")"
    return f"{top}/{bottom}", _PRODUCT


def _pow(e: sp.Pow) -> tuple[str, int]:
    base, exp = e.base, e.exp
    if exp == sp.Rational(1, 2):
        inner, p = _show(base)
        # √ binds like a power: (√x)² and 1/√x read back correctly.
        return ("√" + inner if p == _ATOM and not inner.startswith("|") else f"√({inner})"), _POWER
    if exp.is_Rational and exp < 0:
        text, p = _show(sp.Pow(base, -exp))
        return f"1/{_wrap(text, p, _POWER)}", _PRODUCT
    if base is sp.E:
        return _exp_power(exp)
    btext, bp = _show(base)
    btext = _wrap(btext, bp, _ATOM)
    if exp.is_Integer and exp > 0:
        return btext + str(exp).translate(_SUP), _POWER
    etext, ep = _show(exp)
    return f"{btext}^{_wrap(etext, ep, _ATOM)}", _POWER


def _exp_power(arg: sp.Expr) -> tuple[str, int]:
    text, p = _show(arg)
    return f"e^{_wrap(text, p, _ATOM)}", _POWER

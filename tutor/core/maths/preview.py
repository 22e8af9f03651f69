"""How an answer was read: the syntax tree printed back in unicode, every product made visible.

`6xy` shows as 6·x·y and `sin x cos x` as sin(x)·cos(x), so a learner sees the reading before the
check. The output is itself valid input: it parses back to the same tree.
"""

from __future__ import annotations

from .nodes import BinOp, Call, Const, Factorial, Labeled, Neg, Node, Num, Var, Vector

_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")

# Binding strength: higher binds tighter.
_SUM, _PRODUCT, _UNARY, _POWER, _POSTFIX, _ATOM = range(1, 7)

_DISPLAY = {"log": "ln"}  # log is the natural logarithm: say so


def preview(node: Node) -> str:
    """Unicode text for `node` that a person can read and the parser reads back identically."""
    return _show(node)[0]


def _prec(node: Node) -> int:
    return _show(node)[1]


def _show(node: Node) -> tuple[str, int]:
    if isinstance(node, Num):
        return node.text if not node.text.startswith(".") else "0" + node.text, _ATOM
    if isinstance(node, Var):
        return node.name, _ATOM
    if isinstance(node, Const):
        return ("π" if node.name == "pi" else "e"), _ATOM
    if isinstance(node, Neg):
        inner, p = _show(node.operand)
        return "−" + (inner if p > _UNARY else f"({inner})"), _UNARY
    if isinstance(node, BinOp):
        return _binop(node)
    if isinstance(node, Factorial):
        inner, p = _show(node.operand)
        return (inner if p >= _POSTFIX else f"({inner})") + "!", _POSTFIX
    if isinstance(node, Call):
        return _call(node)
    if isinstance(node, Vector):
        return "(" + ", ".join(preview(item) for item in node.items) + ")", _ATOM
    if isinstance(node, Labeled):
        return f"{node.label} = {preview(node.expr)}", _SUM
    raise TypeError(f"not a syntax node: {node!r}")


def _binop(node: BinOp) -> tuple[str, int]:
    left, lp = _show(node.left)
    right, rp = _show(node.right)
    if node.op in "+-":
        if rp <= _SUM or rp == _UNARY:
            right = f"({right})"
        return f"{left} {'+' if node.op == '+' else '−'} {right}", _SUM
    if node.op in "*/":
        # (1/2)·x rather than 1/2·x: the reading of a typed 1/2x must be unmistakable.
        if lp < _PRODUCT or (node.op == "*" and isinstance(node.left, BinOp) and node.left.op == "/"):
            left = f"({left})"
        if rp <= _PRODUCT or rp == _UNARY:
            right = f"({right})"
        return f"{left}{'·' if node.op == '*' else '/'}{right}", _PRODUCT
    # power
    if lp <= _POWER:
        left = f"({left})"
    exponent = node.right
    if isinstance(exponent, Num) and exponent.value.denominator == 1 and not exponent.decimal:
        return left + exponent.text.translate(_SUP), _POSTFIX
    if isinstance(exponent, Neg) and isinstance(exponent.operand, Num):
        num = exponent.operand
        if num.value.denominator == 1 and not num.decimal:
            return left + ("-" + num.text).translate(_SUP), _POSTFIX
    if rp < _POSTFIX:
        right = f"({right})"
    return f"{left}^{right}", _POWER


def _call(node: Call) -> tuple[str, int]:
    if node.func == "abs":
        return f"|{preview(node.args[0])}|", _ATOM
    if node.func == "sqrt":
        inner, p = _show(node.args[0])
        return ("√" + inner if p == _ATOM and not inner.startswith("|") else f"√({inner})"), _ATOM
    name = _DISPLAY.get(node.func, node.func) if len(node.args) == 1 else node.func
    return f"{name}({', '.join(preview(a) for a in node.args)})", _ATOM

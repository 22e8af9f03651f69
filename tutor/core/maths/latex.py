"""LaTeX habits in a typed answer: `\\frac{1}{x}`, `e^{2x}`, `\\sqrt{x}`, `\\cdot`, `\\sin x`, `\\left( … \\right)`.

The tokeniser calls `command` at a backslash; braces are grouping brackets (the grammar's `{ }`).
Nothing here changes how an answer without a backslash or a brace reads: both were refused before.
"""

from __future__ import annotations

from .errors import ParseError

# \name -> (token kind, text): an operator of the grammar, a name, or nothing (spacing, sizing).
COMMANDS: dict[str, tuple[str, str] | None] = {
    "cdot": ("op", "*"), "times": ("op", "*"), "ast": ("op", "*"), "div": ("op", "/"),
    "frac": ("op", "frac"), "dfrac": ("op", "frac"), "tfrac": ("op", "frac"),
    "sqrt": ("op", "sqrt"), "pi": ("name", "pi"), "sigma": ("name", "sigmoid"),  # σ(z): names.py's alias
    "left": None, "right": None, "big": None, "Big": None, "bigg": None, "Bigg": None,
    "bigl": None, "bigr": None, "Bigl": None, "Bigr": None, "quad": None, "qquad": None,
}
FUNCTIONS = ("sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan",
             "ln", "log", "exp")
SPACING = ",;:! "  # \, \; \: \! and "\ " are spaces


def command(text: str, i: int) -> tuple[tuple[str, str] | None, int]:
    """The token for the command at text[i] (a backslash), or None for one that only spaces or sizes."""
    j = i + 1
    if j < len(text) and text[j] in SPACING:
        return None, j + 1
    while j < len(text) and text[j].isalpha():
        j += 1
    name = text[i + 1:j]
    if name in FUNCTIONS:
        return ("name", name), j
    if name in COMMANDS:
        return COMMANDS[name], j
    if not name:
        raise ParseError("a backslash must start a LaTeX command such as \\frac or \\cdot", column=i + 1)
    known = "\\frac, \\sqrt, \\cdot, \\times, \\left( \\right), \\sin, \\ln, \\exp"
    raise ParseError(f"the LaTeX command \\{name} is not one the tutor reads (it reads {known}, \\sigma)",
                     column=i + 1)

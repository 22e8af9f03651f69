"""Which names an expression may use: the exercise's variables, the known functions and constants.

Names typed together are split into known names (`6xy` is 6·x·y when x and y are variables,
`ycos(xy)` is y·cos(x·y)); a name that cannot be split is reported with the names that are known.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .errors import UnknownNameError

# canonical name -> (fewest, most) arguments
FUNCTIONS: dict[str, tuple[int, int]] = {
    **{f: (1, 1) for f in (
        "sin", "cos", "tan", "cot", "sec", "csc",
        "asin", "acos", "atan", "acot", "asec", "acsc",
        "sinh", "cosh", "tanh", "coth", "sech", "csch",
        "asinh", "acosh", "atanh", "acoth", "asech", "acsch",
        "exp", "sqrt", "abs", "sign", "factorial", "gamma", "sigmoid", "softplus",
    )},
    "log": (1, 2),
    "ln": (1, 1),
    "binomial": (2, 2),
    "diff": (2, 3),
}

ALIASES: dict[str, str] = {
    "arcsin": "asin", "arccos": "acos", "arctan": "atan", "arccot": "acot",
    "arcsec": "asec", "arccsc": "acsc", "cosec": "csc", "cosech": "csch",
    "arsinh": "asinh", "arcsinh": "asinh", "arcosh": "acosh", "arccosh": "acosh",
    "artanh": "atanh", "arctanh": "atanh", "sgn": "sign", "signum": "sign",
    # The course writes the sigmoid σ(z), and learners copy what they read: σ is the sigmoid here
    # (so σ cannot also be a variable's name).
    "σ": "sigmoid",
}

CONSTANTS = ("pi", "e")


MAX_NAME_LENGTH = 32  # a variable's name; longer is a mistake (or an attack), not a name


def variable_name_problem(name: str) -> str | None:
    """Why `name` cannot be a variable, or None: the names an answer can spell (x, x1, x_1, θ, hours)."""
    from .tokens import is_name_char, is_name_start

    shown = name.encode("utf-8", "backslashreplace").decode("utf-8")[:40]  # printable, even with surrogates
    if not name:
        return "a variable name cannot be empty"
    if len(name) > MAX_NAME_LENGTH:
        return f"'{shown}…' is too long for a variable name (at most {MAX_NAME_LENGTH} characters)"
    if not (is_name_start(name[0]) and all(is_name_char(c) for c in name[1:])) or unicodedata.normalize("NFC", name) != name:
        return f"'{shown}' is not a variable name (a letter, then letters, digits or _)"
    if canonical_function(name):
        return f"'{shown}' is a function name, not a variable"
    return None


def canonical_function(name: str) -> str | None:
    """The canonical spelling of a function name, or None if it is not a function."""
    name = ALIASES.get(name, name)
    return name if name in FUNCTIONS else None


# Spelled-out Greek letters are whole names when variables are inferred (theta, not t·h·e·t·a).
GREEK = (
    "alpha", "beta", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
    "nu", "xi", "rho", "sigma", "tau", "phi", "chi", "psi", "omega",
)

# One variable when names are inferred: a letter, then optional digits or an _subscript (x, x1, x_1).
_INFERRED = re.compile(r"[^\W\d_](?:\d+|_[^\W_]+)?")

Unknown = Literal["error", "split", "whole"]


@dataclass(frozen=True)
class Vocabulary:
    """The names an expression may use.

    `variables`: the exercise's variables, in order. `unknown` says what another name is:
    "error" (a learner's answer to an exercise: only its variables), "split" (variables inferred
    as single letters, as in `x^2 + xy`: x and y), or "whole" (any name is one variable, as a
    computer algebra system reads it: `xy` is a variable called xy).
    `allow_diff`: whether diff(f, x) may appear (reference text yes, a learner's answer no).
    """

    variables: tuple[str, ...] = ()
    unknown: Unknown = "error"
    allow_diff: bool = False

    def kind(self, word: str) -> str | None:
        """'var', 'func' or 'const' for a known word, else None."""
        if word in self.variables:
            return "var"
        if canonical_function(word):
            return "func"
        if word in CONSTANTS:
            return "const"
        return None

    def split(self, word: str, column: int) -> tuple[tuple[str, str], ...]:
        """The word as (piece, kind) pairs; raises UnknownNameError when it cannot be read."""
        kind = self.kind(word)
        if kind:
            return ((word, kind),)
        if self.unknown == "whole":
            return ((word, "var"),)
        pieces = _segment(word, self.variables, self.unknown == "split")
        if pieces is None:
            raise UnknownNameError(word, column, self.variables, self.suggest(word))
        return tuple((p, self.kind(p) or "var") for p in pieces)

    def suggest(self, word: str) -> str | None:
        known = [*self.variables, *FUNCTIONS, *ALIASES, *CONSTANTS]
        for name in known:  # names are case-sensitive: X is not x, but say so
            if name.lower() == word.lower():
                return name
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
        return close[0] if close else None


@lru_cache(maxsize=4096)
def _segment(word: str, variables: tuple[str, ...], infer: bool) -> tuple[str, ...] | None:
    """Split `word` into the fewest known names; with `infer`, single-letter names count as known.

    Fewest pieces wins, so `sinx` is sin·x, `pie` is pi·e and `theta` stays whole.
    """
    known = set(variables) | set(FUNCTIONS) | set(ALIASES) | set(CONSTANTS)
    if infer:
        known |= set(GREEK)
    longest = max((len(k) for k in known), default=1)
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[len(word)] = ()

    def offer(i: int, j: int) -> None:
        rest = best[j]
        if rest is not None:
            candidate = (word[i:j], *rest)
            if best[i] is None or len(candidate) < len(best[i]):
                best[i] = candidate

    for i in range(len(word) - 1, -1, -1):
        for j in range(min(len(word), i + longest), i, -1):
            if word[i:j] in known:
                offer(i, j)
        if infer:
            match = _INFERRED.match(word, i)
            if match:
                offer(i, match.end())
    return best[0]


def inferred_variables(words: list[str]) -> tuple[str, ...]:
    """Variables of a reference written without a declared list, in order of first appearance."""
    vocabulary = Vocabulary(unknown="split")
    seen: dict[str, None] = {}
    for word in words:
        for piece, kind in vocabulary.split(word, 1):
            if kind == "var":
                seen.setdefault(piece)
    return tuple(seen)

"""The tokeniser: what a person types, normalised into numbers, names and operators with columns.

Unicode spellings people paste from notes (−, ·, ×, ², √, π, ⟨⟩) become the plain forms here, so
the grammar only ever sees one spelling of each thing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from .errors import LimitError, ParseError
from .limits import Limits

Kind = Literal["num", "name", "op", "sup", "end"]

# Every spelling of an operator, mapped to the one the grammar knows.
_OPERATORS: dict[str, str] = {
    "+": "+", "-": "-", "\u2212": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-",
    "*": "*", "\u00b7": "*", "\u00d7": "*", "\u22c5": "*", "\u2219": "*", "\u2022": "*",
    "/": "/", "\u00f7": "/", "\u2215": "/",
    "^": "^", "(": "(", ")": ")", "[": "[", "]": "]", ",": ",", "!": "!", "|": "|", "=": "=",
    "<": "<", ">": ">",
    "\u27e8": "<", "\u2329": "<", "\u3008": "<",  # angle brackets open a vector
    "\u27e9": ">", "\u232a": ">", "\u3009": ">",
    "\u221a": "sqrt",  # √
}

_SUPERSCRIPTS = {
    "\u2070": "0", "\u00b9": "1", "\u00b2": "2", "\u00b3": "3", "\u2074": "4",
    "\u2075": "5", "\u2076": "6", "\u2077": "7", "\u2078": "8", "\u2079": "9",
    "\u207b": "-", "\u207a": "+",
}

# Characters with a known meaning elsewhere get a message that says what to type instead.
_HINTS = {
    "\u2202": "type the derivative itself, not the ∂ notation",
    "\\": "type plain maths such as x^2, not LaTeX",
    "'": "type the derivative itself, not f' notation",
    "\u2032": "type the derivative itself, not f′ notation",
    "{": "use ( ) for grouping",
    "}": "use ( ) for grouping",
}

_NAMED_CHARS = {"\u03c0": "pi"}  # π is a name, not an operator


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str           # normalised text: operator symbol, name, or number as typed
    start: int          # 0-based index into the original string
    end: int
    space_before: bool  # whitespace separates it from the previous token
    value: Fraction | int | None = None  # exact value of a number; integer exponent of a superscript
    decimal: bool = False  # the number was typed with a point or in scientific notation

    @property
    def column(self) -> int:
        return self.start + 1


def is_name_start(ch: str) -> bool:
    return ch.isalpha() and ch not in _NAMED_CHARS and ch not in _SUPERSCRIPTS


def is_name_char(ch: str) -> bool:
    return (ch.isalnum() or ch == "_") and ch not in _SUPERSCRIPTS and ch not in _NAMED_CHARS


def tokenize(text: str, limits: Limits) -> list[Token]:
    """Split `text` into tokens, refusing anything over the limits before doing real work."""
    if len(text) > limits.max_length:
        raise LimitError(
            f"the answer is {len(text)} characters long; the limit is {limits.max_length}",
            limit="length",
        )
    tokens: list[Token] = []
    i, n = 0, len(text)
    space = False
    while i < n:
        ch = text[i]
        if ch.isspace() or ch == "\u200b":
            space = True
            i += 1
            continue
        start = i
        if ch.isdigit() and ch.isascii() or (ch == "." and i + 1 < n and text[i + 1].isdigit()):
            tok, i = _number(text, i, limits)
            tokens.append(Token("num", tok[0], start, i, space, tok[1], tok[2]))
        elif ch in _NAMED_CHARS:
            i += 1
            tokens.append(Token("name", _NAMED_CHARS[ch], start, i, space))
        elif is_name_start(ch):
            while i < n and is_name_char(text[i]):
                i += 1
            word = unicodedata.normalize("NFC", text[start:i])
            tokens.append(Token("name", word, start, i, space))
        elif ch in _SUPERSCRIPTS:
            while i < n and text[i] in _SUPERSCRIPTS:
                i += 1
            tokens.append(_superscript(text, start, i, space))
        elif text.startswith("**", i):
            i += 2
            tokens.append(Token("op", "^", start, i, space))
        elif ch in _OPERATORS:
            i += 1
            tokens.append(Token("op", _OPERATORS[ch], start, i, space))
        else:
            hint = _HINTS.get(ch)
            extra = f": {hint}" if hint else ""
            raise ParseError(f"unexpected character '{ch}'{extra}", column=start + 1)
        space = False
    tokens.append(Token("end", "", n, n, space))
    return tokens


def _number(text: str, i: int, limits: Limits) -> tuple[tuple[str, Fraction, bool], int]:
    """Read 12, 0.5, .5, 1e33 or 1.41e-2 starting at i; decimals are kept exact."""
    n = len(text)
    start = i
    while i < n and text[i].isdigit() and text[i].isascii():
        i += 1
    decimal = False
    if i < n and text[i] == "." and (i + 1 < n and text[i + 1].isdigit() and text[i + 1].isascii()):
        decimal = True
        i += 1
        while i < n and text[i].isdigit() and text[i].isascii():
            i += 1
    elif i < n and text[i] == "." and not (i + 1 < n and text[i + 1].isalpha()):
        decimal = True  # "2." is two
        i += 1
    mantissa = text[start:i]
    exponent = 0
    # Scientific notation only when 'e' is followed by digits (2e3, 1.4e-2); "2e" or "2e^x" is 2·e.
    if i < n and text[i] in "eE":
        j = i + 1
        if j < n and text[j] in "+-\u2212":
            j += 1
        k = j
        while k < n and text[k].isdigit() and text[k].isascii():
            k += 1
        if k > j and not (k < n and is_name_char(text[k]) and not text[k].isdigit()):
            sign = -1 if text[i + 1] in "-\u2212" else 1
            digits = text[j:k]
            if len(digits) > 6 or int(digits) > limits.max_decimal_exponent:
                raise LimitError(
                    f"the power of ten in '{text[start:k]}' is over the limit of {limits.max_decimal_exponent}",
                    limit="decimal-exponent",
                    column=start + 1,
                )
            exponent = sign * int(digits)
            decimal = True
            i = k
    digit_count = sum(c.isdigit() for c in mantissa)
    if digit_count > limits.max_literal_digits:
        raise LimitError(
            f"a number with {digit_count} digits is over the limit of {limits.max_literal_digits}",
            limit="literal-digits",
            column=start + 1,
        )
    whole, _, frac = mantissa.partition(".")
    value = Fraction(int(whole or "0") * 10 ** len(frac) + int(frac or "0"), 10 ** len(frac))
    value *= Fraction(10) ** exponent
    return (text[start:i], value, decimal), i


def _superscript(text: str, start: int, end: int, space: bool) -> Token:
    raw = "".join(_SUPERSCRIPTS[c] for c in text[start:end])
    sign = 1
    body = raw
    while body and body[0] in "+-":
        if body[0] == "-":
            sign = -sign
        body = body[1:]
    if not body or not body.isdigit():
        raise ParseError("a superscript needs digits, as in x² or x⁻¹", column=start + 1)
    if len(body) > 6:
        raise LimitError("the superscript exponent is too long", limit="exponent", column=start + 1)
    return Token("sup", raw, start, end, space, sign * int(body))

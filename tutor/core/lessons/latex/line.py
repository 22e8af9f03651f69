"""One line of maths being written: placeholders for spacing and brackets, settled at the end."""

from __future__ import annotations

import re
import unicodedata

from . import tables as T
from .layout import Block, hcat

# Placeholders, settled when a line is complete and both neighbours of each are known.
SOFT = "\x01"  # a space only before an operand: "ln x" but "ln(x)"
HARD = "\x02"  # a space the author asked for (\, \quad, \text{ if }): never collapsed
FRAC_OPEN, FRAC_CLOSE = "\x03", "\x04"  # a/b takes parentheses only where it touches an operand
PLACEHOLDERS = SOFT + HARD + FRAC_OPEN + FRAC_CLOSE

SCRIPTS = "".join(T.SUPERSCRIPT.values()) + "".join(T.SUBSCRIPT.values())
_ENDS_OPERAND = set(")]}|′!∞…⟩‖" + SCRIPTS + FRAC_CLOSE)
_STARTS_OPERAND = set("∂∇√∛∜∞⟨|∫" + FRAC_OPEN)
_FRAC_TOUCH_BEFORE = set(")]′" + SCRIPTS + FRAC_CLOSE)
_FRAC_TOUCH_AFTER = set("(∂∇√[" + FRAC_OPEN)
_SUBSCRIPTS = re.escape("".join(T.SUBSCRIPT.values()))
_SIMPLE = re.compile(rf"[\d.]+|[^\W\d_][\u0300-\u036f\u20d0-\u20ff]*[{_SUBSCRIPTS}]*")
_NUMBER = re.compile(r"[\d.]+[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]*")
_FRAC = re.compile(f"{FRAC_OPEN}([^{FRAC_OPEN}{FRAC_CLOSE}]*){FRAC_CLOSE}")


class Line:
    """The line being written: text with placeholders, and any multi-line blocks in it."""

    def __init__(self) -> None:
        self.parts: list[str | Block] = [""]

    def add(self, text: str) -> None:
        self.parts[-1] += text

    def add_block(self, block: Block) -> None:
        self.parts += [block, ""]

    def tail(self) -> str:
        """What was written so far, without trailing spaces; a block counts as an operand."""
        trimmed = self.parts[-1].rstrip(" " + HARD + SOFT)
        return trimmed or ("x" if len(self.parts) > 1 else "")

    def attach(self, script_text: str) -> None:
        """A sub- or superscript on what came last (before the space that may follow a word)."""
        last = self.parts[-1]
        self.parts[-1] = last[:-1] + script_text + SOFT if last.endswith(SOFT) else last + script_text

    def finish(self) -> str | Block:
        if len(self.parts) == 1:
            return finish(self.parts[0])
        pieces = [p if isinstance(p, Block) else Block((finish(p, strip=False),)) for p in self.parts]
        pieces[0] = Block((pieces[0].lines[0].lstrip(),))
        pieces[-1] = Block((pieces[-1].lines[0].rstrip(),))
        return hcat(pieces)


def finish(text: str, strip: bool = True) -> str:
    """Placeholders settled, runs of spaces collapsed, accents composed (ŷ rather than y + ̂)."""
    text = re.sub(f"{SOFT}(?=(.?))", _soft_space, text, flags=re.DOTALL)
    text = _FRAC.sub(_frac_parens, text)
    text = re.sub(" {2,}", " ", text)
    if strip:
        text = text.strip(" ")
    return unicodedata.normalize("NFC", text.replace(HARD, " "))


def _soft_space(m: re.Match) -> str:
    before = m.string[m.start() - 1] if m.start() else " "
    return " " if starts_operand(m.group(1)) and before not in " " + HARD else ""


def _frac_parens(m: re.Match) -> str:
    # 1/2x reads as 1/(2x): a fraction touching an operand is bracketed, (1/2)x.
    before = m.string[m.start() - 1] if m.start() else ""
    after = m.string[m.end()] if m.end() < len(m.string) else ""
    touches = bool(before) and (before.isalnum() or before in _FRAC_TOUCH_BEFORE)
    touches = touches or (bool(after) and (after.isalnum() or after in _FRAC_TOUCH_AFTER))
    return f"({m.group(1)})" if touches else m.group(1)


def ends_operand(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch in _ENDS_OPERAND or unicodedata.combining(ch) > 0)


def starts_operand(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch in _STARTS_OPERAND)


def fraction(numerator: str, denominator: str) -> str:
    """num/den with the brackets that keep it unambiguous on one line."""
    if _top_level(numerator, " /"):
        numerator = f"({numerator})"
    several = _top_level(denominator, " /·×") or denominator.startswith("−")
    product = denominator[:1].isdigit() and not _NUMBER.fullmatch(denominator)  # 1/(2x), never 1/2x
    if several or product:
        denominator = f"({denominator})"
    return FRAC_OPEN + numerator + "/" + denominator + FRAC_CLOSE


def under_root(text: str) -> str:
    """√x and √x₁ bare; √(x + 1), √(2x) and √(x²) bracketed."""
    return text if _SIMPLE.fullmatch(text) or wrapped(text) else f"({text})"


def script(text: str, sup: bool) -> str:
    """x² and xᵢ₌₁ where unicode has the characters, else x^(n+1) and w_(ij)."""
    table = T.SUPERSCRIPT if sup else T.SUBSCRIPT
    if not text:
        return ""
    # Raised words (xⁿ⁺¹) are hard to read; only a single symbol or a number is raised.
    readable = not sup or len(text) == 1 or not any(ch.isalpha() for ch in text)
    if readable and all(ch in table for ch in text):
        return "".join(table[ch] for ch in text)
    return ("^" if sup else "_") + (text if wrapped(text) else f"({text})")


def wrapped(text: str) -> bool:
    """Whether `text` is one bracketed group, (…), that needs no more brackets: not (a)(b)."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for ch in text[:-1]:
        depth += (ch == "(") - (ch == ")")
        if depth <= 0:
            return False
    return True


def _top_level(text: str, chars: str) -> bool:
    """Whether one of `chars` occurs in `text` outside every bracket."""
    depth = 0
    for ch in text:
        depth += (ch in "([{⟨") - (ch in ")]}⟩")
        if depth <= 0 and ch in chars:
            return True
    return False

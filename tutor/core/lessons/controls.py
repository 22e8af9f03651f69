"""Control characters in a lesson file: found where they are written, reported, and made visible.

They come two ways. Written raw, libyaml refuses most of them and the whole file with them, so
they are replaced (one character for one, so every position stays true) before parsing and
reported at their place. Written as escapes in double quotes ("\\e", "\\x1b", "\\u202e", and "\\f"
from LaTeX's \\frac in quotes), they appear only in the parsed value, and are found back in the
value's source to give the escape's place. Either way the lesson still loads, with the text cleaned.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import yaml

from .safetext import FORBIDDEN, RAW, clean, name, placeholder

_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_WORD = re.compile(r"[A-Za-z]*")
_SINGLE = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
           "e": "\x1b", "N": "\x85"}


@dataclass(frozen=True)
class Found:
    """The first forbidden character of one value: which, where (1-based), and the escape it was written as."""

    char: str
    line: int
    column: int
    escape: str | None = None   # as written, e.g. \e, or with the word it starts: \frac
    latex: bool = False         # the escape starts a word, as LaTeX commands do: \frac, \beta, \vec

    def message(self, where: str) -> str:
        said = f"{name(self.char)} in {where}"
        if self.latex:
            return (f"{said}, from '{self.escape}' in double quotes, where a backslash starts an escape: for "
                    f"LaTeX double the backslash ('\\{self.escape}'), or use single quotes or a block (|)")
        if self.escape is not None:
            said += f", written '{self.escape}'"
        return f"{said}: remove it (lesson text may not hold control or text-direction characters)"


class Controls:
    """The raw forbidden characters of a file's text, and the search for them in its values."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.raw = [m.start() for m in RAW.finditer(text)]
        self.claimed: set[int] = set()

    def cleaned_text(self) -> str:
        """The text to parse: each raw forbidden character replaced by its visible stand-in."""
        if not self.raw:
            return self.text
        return RAW.sub(lambda m: placeholder(m.group()), self.text)

    def check(self, node: yaml.ScalarNode) -> Found | None:
        """The first forbidden character in this value; the node's value is cleaned in place."""
        if not self.raw and node.style != '"':
            return None  # only double quotes have escapes; raw characters are in self.raw
        start, end = node.start_mark.index, node.end_mark.index
        found = None
        if self.raw:
            i = bisect.bisect_left(self.raw, start)
            if i < len(self.raw) and self.raw[i] < end:
                found = Found(self.text[self.raw[i]], *self.place(self.raw[i]))
                self.claimed.update(j for j in self.raw[i:] if j < end)
        match = FORBIDDEN.search(node.value)
        if match:
            if found is None:
                found = (self._escape(start, end) if node.style == '"' else None) or Found(
                    match.group(), node.start_mark.line + 1, node.start_mark.column + 1)
            node.value = clean(node.value)
        return found

    def unclaimed(self) -> list[Found]:
        """Raw characters outside every value (in comments, or between a key and its value)."""
        return [Found(self.text[i], *self.place(i)) for i in self.raw if i not in self.claimed]

    def _escape(self, start: int, end: int) -> Found | None:
        for match in _ESCAPE.finditer(self.text, start, end):
            code = match.group(1)
            char = _SINGLE.get(code) if len(code) == 1 else chr(int(code[1:], 16))
            if char is not None and FORBIDDEN.match(char):
                word = _WORD.match(self.text, match.end()).group() if len(code) == 1 and code.isalpha() else ""
                return Found(char, *self.place(match.start()), match.group() + word, bool(word))
        return None

    def place(self, index: int) -> tuple[int, int]:
        return self.text.count("\n", 0, index) + 1, index - (self.text.rfind("\n", 0, index) + 1) + 1

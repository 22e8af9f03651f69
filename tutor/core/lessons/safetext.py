"""Characters a lesson file may not hand to a terminal, their names, and text with them made visible.

A terminal obeys control characters in what it is given: ESC starts sequences that set the window
title, write the clipboard (OSC 52) or clear the screen; C1 controls (U+0080–U+009F) do the same in
one character on some terminals; DEL and the C0 controls move the cursor or ring the bell; bidi
overrides reorder what is shown so text reads differently from what it is. Tab and newline are
ordinary text. Everything a lesson file supplies passes through `clean` before any screen or
command prints it.
"""

from __future__ import annotations

import re
import unicodedata

# Carriage return is left out only of RAW: a raw CR in a file is a line break, which YAML reads away.
_C0 = "\x00-\x08\x0b\x0c\x0e-\x1f"
_OTHERS = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
FORBIDDEN = re.compile(f"[{_C0}\r{_OTHERS}]")
RAW = re.compile(f"[{_C0}{_OTHERS}]")

_NAMES = {
    0x00: "null", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
    0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete", 0x85: "next line",
    0x9B: "control sequence introducer", 0x9D: "operating system command",
}

REPLACEMENT = "\ufffd"


def name(char: str) -> str:
    """'U+001B (escape)', 'U+202E (right-to-left override)'."""
    code = ord(char)
    words = _NAMES.get(code)
    if words is None:
        if code < 0x20:
            words = "a control character"
        elif 0x80 <= code <= 0x9F:
            words = "a C1 control character"
        elif 0xD800 <= code <= 0xDFFF:
            words = "a lone surrogate"
        else:
            kind = {"Cf": "a format character", "Cn": "not a character", "Co": "a private-use character"}
            words = unicodedata.name(char, kind.get(unicodedata.category(char), "a special character")).lower()
    return f"U+{code:04X} ({words})"


def placeholder(char: str) -> str:
    """A visible stand-in: the control picture (␛, ␇, ␡) where Unicode has one, else U+FFFD."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return REPLACEMENT


def clean(text: str) -> str:
    """`text` with every forbidden character replaced by its visible stand-in (one for one)."""
    if not FORBIDDEN.search(text):
        return text
    return FORBIDDEN.sub(lambda m: placeholder(m.group()), text)


def json_safe(dumped: str) -> str:
    """JSON text with forbidden characters written as \\u escapes (json escapes only C0 by itself).

    Such characters can only be inside JSON strings, where \\uXXXX means the same character, so a
    script reading the JSON gets the true value and a terminal showing it gets nothing to obey.
    """
    return FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)

"""Lesson prose for a terminal: the LaTeX in Markdown turned into unicode, the rest left alone.

`$…$` becomes one line of text in place. `$$…$$` alone on its line becomes its own line(s),
indented two spaces more than the source line; beside other text (a heading, a list item) it
stays in place when it fits on one line. Fenced code blocks and `code` spans are never touched,
`\\$` is a literal dollar, and a `$` without a partner stays as it is. Indented code blocks are
not recognised (telling them from list continuations needs a full Markdown parser).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from .latex import convert, latex_to_unicode

__all__ = ["latex_to_unicode", "page_markdown", "render_prose", "unknown_commands"]

# Any indentation: a fence inside a list item is still code, and lessons nest them there.
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BACKTICKS = re.compile("`+")
_SPECIAL = re.compile(r"[\\`$]")
_ESCAPABLE = set(string.punctuation)


def render_prose(markdown: str) -> str:
    """`markdown` with every `$…$` and `$$…$$` shown as unicode text."""
    return "".join(_render_text(chunk) if kind == "text" else chunk for kind, chunk in _chunks(markdown))


def page_markdown(markdown: str, code: str | None = None, output: str | None = None) -> str:
    """A page (or prompt, or solution) as a terminal's Markdown view shows it, prepared once, here.

    As render_prose, except that a display formula of several lines (a column vector, a matrix)
    becomes a preformatted block, since a Markdown paragraph would run its lines together and lose
    the columns; then the page's code and the output it prints, as code blocks.
    """
    text = "".join(_render_text(chunk, blocks=True) if kind == "text" else chunk
                   for kind, chunk in _chunks(markdown))
    if code:
        text += f"\n\n```python\n{code.rstrip()}\n```\n"
    if output:
        text += f"\n```text\n{output.rstrip()}\n```\n"
    return text


def unknown_commands(markdown: str) -> list[str]:
    """LaTeX commands (`\\name`, `\\begin{name}`) in the page's maths that render only as names."""
    found: dict[str, None] = {}
    for kind, chunk in _chunks(markdown):
        if kind == "text":
            for what, value in _segments(chunk):
                if what != "text" and "\\" in value:  # every unknown command starts with a backslash
                    found.update(dict.fromkeys(convert(value, what == "display")[1]))
    return list(found)


def _chunks(markdown: str) -> Iterator[tuple[str, str]]:
    """("text", …) and ("code", …) pieces: fenced code blocks are set apart whole."""
    lines = markdown.splitlines(keepends=True)
    text: list[str] = []
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening or (opening.group(1)[0] == "`" and "`" in lines[i][opening.end():]):
            text.append(lines[i])
            i += 1
            continue
        if text:
            yield "text", "".join(text)
            text = []
        fence = opening.group(1)
        closing = re.compile(rf"[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*\r?\n?")
        end = i + 1
        while end < len(lines) and not closing.fullmatch(lines[end]):
            end += 1
        yield "code", "".join(lines[i:end + 1])  # an unclosed fence runs to the end, as in CommonMark
        i = end + 1
    if text:
        yield "text", "".join(text)


def _segments(text: str) -> list[tuple[str, str]]:
    """("text", verbatim), ("inline", latex) and ("display", latex) pieces of Markdown text."""
    out: list[tuple[str, str]] = []
    buf: list[str] = []

    def emit(kind: str, value: str) -> None:
        if plain := "".join(buf):
            out.append(("text", plain))
        buf.clear()
        if value or kind != "text":
            out.append((kind, value))

    i, n = 0, len(text)
    while i < n:
        special = _SPECIAL.search(text, i)
        if not special:
            buf.append(text[i:])
            break
        buf.append(text[i:special.start()])
        i, ch = special.start(), special.group()
        if ch == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            buf.append("$" if text[i + 1] == "$" else text[i:i + 2])
            i += 2
        elif ch == "`":
            run = len(_BACKTICKS.match(text, i).group())
            close = _code_span_end(text, i + run, run)
            buf.append(text[i:close] if close else "`" * run)
            i = close or i + run
        elif text.startswith("$$", i):
            end = _unescaped(text, "$$", i + 2)
            if end < 0:
                buf.append("$$")
                i += 2
            else:
                emit("display", text[i + 2:end])
                i = end + 2
        elif ch == "$" and (end := _inline_end(text, i)) > 0:
            emit("inline", text[i + 1:end])
            i = end + 1
        else:
            buf.append(ch)
            i += 1
    emit("text", "")
    return out


def _code_span_end(text: str, start: int, run: int) -> int:
    """Index just past the backtick run that closes a code span, or 0 when none does."""
    match = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(text, start)
    return match.end() if match else 0


def _unescaped(text: str, token: str, start: int) -> int:
    while (found := text.find(token, start)) >= 0:
        backslashes = 0
        while found - backslashes > 0 and text[found - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return found
        start = found + 1
    return -1


def _inline_end(text: str, start: int) -> int:
    """Index of the `$` closing inline maths opened at `start`, or -1 (then it is a dollar sign).

    As in Pandoc: the opening `$` has a non-space right after it, the closing one a non-space
    right before it and no digit after it ("$5 and $10" is money), and no blank line between.
    """
    i = start + 1
    if i >= len(text) or text[i].isspace():
        return -1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "\n" and _BLANK_LINE.match(text, i):
            return -1
        if text[i] == "$":
            closes = not text[i - 1].isspace() and not text[i + 1:i + 2].isdigit()
            return i if closes else -1
        i += 1
    return -1


def _render_text(text: str, blocks: bool = False) -> str:
    segments = _segments(text)
    out: list[str] = []
    line = ""  # what is already written on the current output line
    for k, (kind, value) in enumerate(segments):
        if kind == "text":
            piece = value
        elif kind == "inline":
            piece = latex_to_unicode(value)
        else:
            following = segments[k + 1] if k + 1 < len(segments) else ("text", "")
            rest = following[1].split("\n", 1)[0] if following[0] == "text" else "maths"
            piece = _display(convert(value, True)[0], line, rest, blocks)
            if piece.endswith("\n"):  # a block broke out of its sentence: no spaces at the breaks
                if out:
                    out[-1] = out[-1].rstrip(" \t")
                if following[0] == "text":
                    segments[k + 1] = ("text", following[1].lstrip(" \t"))
        out.append(piece)
        line = (line + piece).rsplit("\n", 1)[-1]
    return "".join(out)


def _display(lines: tuple[str, ...], before: str, after: str, blocks: bool = False) -> str:
    lines = tuple(line for line in lines if line) or ("",)
    if blocks and len(lines) > 1:  # kept aligned in a preformatted block, at the line's own indent
        margin = before[: len(before) - len(before.lstrip(" \t"))]
        opening = "" if not before.strip() else "\n" + margin
        return opening + "```text\n" + "".join(f"{margin}{line}\n" for line in lines) + margin + "```\n"
    indent = before[: len(before) - len(before.lstrip(" \t"))] + "  "
    if not before.strip() and not after.strip():  # alone on its line: the line is the formula
        return "  " + ("\n" + indent).join(lines)
    if len(lines) == 1:  # beside a heading or a list item's text: stays in the sentence
        return lines[0]
    return "\n" + indent + ("\n" + indent).join(lines) + "\n"

"""Lesson prose: Markdown with its LaTeX shown as unicode, code highlighted, display math kept aligned."""

from __future__ import annotations

import re

from textual.widgets import Markdown

from tutor.core.lessons.prose import latex_to_unicode, render_prose

_FENCE = re.compile(r"^\s*(```|~~~)")
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)


def _chunks(markdown: str) -> list[tuple[bool, str]]:
    """(is_code, text) pieces: fenced code blocks are kept away from the maths."""
    out: list[tuple[bool, list[str]]] = [(False, [])]
    for line in markdown.splitlines():
        if _FENCE.match(line):
            if out[-1][0]:
                out[-1][1].append(line)
                out.append((False, []))
                continue
            out.append((True, [line]))
            continue
        out[-1][1].append(line)
    return [(code, "\n".join(lines)) for code, lines in out if lines]


def _display(latex: str, inline: bool) -> str:
    """A display formula: a paragraph of its own, preformatted when it has several lines (a column),
    or left in its line when it shares that line with text (a heading such as '5. $$f(x, y)$$')."""
    text = latex_to_unicode(latex, display=True)
    lines = text.splitlines() or [""]
    if len(lines) == 1:
        return lines[0].strip() if inline else f"\n\n{lines[0].strip()}\n\n"
    return "\n\n```text\n" + "\n".join(lines) + "\n```\n\n"


def prose_markdown(markdown: str, code: str | None = None, output: str | None = None) -> str:
    """Markdown ready for the widget: inline maths as unicode, display maths in blocks of their own."""
    parts = []
    for is_code, chunk in _chunks(markdown):
        if is_code:
            parts.append(chunk)
            continue
        pieces = _DISPLAY.split(chunk)
        rendered = ""
        for i, piece in enumerate(pieces):
            if i % 2:
                shares_line = bool(rendered.rsplit("\n", 1)[-1].strip())
                rendered += _display(piece, inline=shares_line)
            else:
                rendered += render_prose(piece)
        parts.append(rendered)
    text = "\n".join(parts)
    if code:
        text += f"\n\n```python\n{code.rstrip()}\n```\n"
    if output:
        text += f"\n```text\n{output.rstrip()}\n```\n"
    return text


def _parser():
    """CommonMark with tables and strikethrough: GFM's link detection (linkify) is not needed for
    lesson prose."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


class Prose(Markdown):
    """A Markdown widget fed with lesson prose."""

    DEFAULT_CSS = """
    Prose { margin: 0; padding: 0 1; }
    """

    def __init__(self, markdown: str = "", *, code: str | None = None, output: str | None = None, **kwargs) -> None:
        super().__init__(prose_markdown(markdown, code, output), parser_factory=_parser, **kwargs)

    def show(self, markdown: str, code: str | None = None, output: str | None = None):
        return self.update(prose_markdown(markdown, code, output))

"""Lesson prose: Markdown with its LaTeX shown as unicode, code highlighted, display math kept aligned."""

from __future__ import annotations

import re

from textual.widgets import Markdown

from tutor.core.lessons.prose import render_prose

_FENCE = re.compile(r"^\s*(```|~~~)")


def prose_markdown(markdown: str, code: str | None = None, output: str | None = None) -> str:
    """Markdown ready for the widget: multi-line formulas go in a plain fence so they keep their shape."""
    rendered = render_prose(markdown)
    lines = rendered.splitlines()
    out: list[str] = []
    block: list[str] = []
    in_fence = False

    def flush() -> None:
        # Two or more consecutive indented math lines (a column vector) are drawn as preformatted text.
        if len(block) > 1 and any(ch in "".join(block) for ch in "⎡⎣⎛⎝⎢⎜"):
            out.extend(["```text", *(b[2:] if b.startswith("  ") else b for b in block), "```"])
        else:
            for b in block:  # one formula per paragraph: Markdown would otherwise join them
                out.extend(["", b.strip(), ""])
        block.clear()

    for line in lines:
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            out.append(line)
        elif not in_fence and line.startswith("  ") and line.strip():
            block.append(line)
        else:
            flush()
            out.append(line)
    flush()
    text = "\n".join(out)
    if code:
        text += f"\n\n```python\n{code.rstrip()}\n```\n"
    if output:
        text += f"\n```text\n{output.rstrip()}\n```\n"
    return text


def _parser():
    """CommonMark with tables and strikethrough: GFM's link detection (linkify) loads a large
    unicode table for web links that lesson prose never has."""
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

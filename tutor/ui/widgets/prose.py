"""Lesson prose: a Markdown view of text the core has prepared (maths as unicode, code highlighted)."""

from __future__ import annotations

from textual.widgets import Markdown

from tutor.core.lessons.prose import page_markdown


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
        super().__init__(page_markdown(markdown, code, output), parser_factory=_parser, **kwargs)

    def show(self, markdown: str, code: str | None = None, output: str | None = None):
        return self.update(page_markdown(markdown, code, output))

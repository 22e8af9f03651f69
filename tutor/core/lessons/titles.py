"""A broken file's title for the home screen: its `title:` line if one can be read, else its file name.

A file whose YAML does not parse still usually has a readable `title:` line, and that is the name
the teacher gave it; failing that, `01-why-partials.yaml` reads as "01 why partials".
"""

from __future__ import annotations

import re
from pathlib import Path

from .safetext import clean

MAX_TITLE = 80  # as the lesson format allows
_TITLE_LINE = re.compile(r"^title:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_COMMENT = re.compile(r"[ \t]+#.*$")


def readable_name(path: Path) -> str:
    """The file name without its suffix, dashes and underscores read as spaces."""
    words = re.sub(r"[-_\s]+", " ", path.stem).strip()
    return clean(words or path.name)


def title_from_text(text: str) -> str | None:
    """The value of the top-level `title:` line, unquoted, if it is a one-line value."""
    match = _TITLE_LINE.search(text)
    if match is None:
        return None
    value = match.group(1)
    if value[:1] in ("'", '"'):
        quote = value[0]
        end = value.find(quote, 1)
        value = value[1:end] if end > 0 else value[1:]
    else:
        value = _COMMENT.sub("", value)
    if not value.strip() or value.strip() in ("|", ">", "|-", ">-"):
        return None
    return _short(clean(value.strip()))


def broken_title(path: Path, text: str | None, data: object = None) -> str:
    """The best title of a broken file: from the parsed data, its title line, or its file name."""
    if isinstance(data, dict) and isinstance(data.get("title"), str) and data["title"].strip():
        return _short(data["title"].strip())
    return (title_from_text(text) if text else None) or readable_name(path)


def _short(title: str) -> str:
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"

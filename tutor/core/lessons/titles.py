"""A broken file's title for the home screen: its `title:` line if one can be read, else its file name.

A file whose YAML does not parse still usually has a readable `title:` line, and that is the name
the teacher gave it; failing that, `01-why-partials.yaml` reads as "01 why partials".
"""

from __future__ import annotations

import re
from pathlib import Path

from .safetext import clean

MAX_TITLE = 80  # as the lesson format allows
_COMMENT = re.compile(r"[ \t]+#.*$")


def readable_name(path: Path) -> str:
    """The file name without its suffix, dashes and underscores read as spaces."""
    words = re.sub(r"[-_\s]+", " ", path.stem).strip()
    return clean(words or path.name)


def top_level_value(text: str, key: str) -> str | None:
    """The one-line value of a top-level `key:` line (unquoted), read without parsing the YAML."""
    match = re.search(rf"^{re.escape(key)}:[ \t]*(.*?)[ \t]*$", text, re.MULTILINE)
    if match is None:
        return None
    value = match.group(1)
    if value[:1] in ("'", '"'):
        quote = value[0]
        end = value.find(quote, 1)
        value = value[1:end] if end > 0 else value[1:]
    else:
        value = _COMMENT.sub("", value)
    value = value.strip()
    if not value or value in ("|", ">", "|-", ">-"):
        return None
    return clean(value)


def title_from_text(text: str) -> str | None:
    """The value of the top-level `title:` line, if it is a one-line value."""
    title = top_level_value(text, "title")
    return _short(title) if title else None


def broken_title(path: Path, text: str | None, data: object = None) -> str:
    """The best title of a broken file: from the parsed data, its title line, or its file name."""
    if isinstance(data, dict) and isinstance(data.get("title"), str) and data["title"].strip():
        return _short(data["title"].strip())
    return (title_from_text(text) if text else None) or readable_name(path)


def _short(title: str) -> str:
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"

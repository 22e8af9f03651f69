"""The report's output formats; each is a small module with `render(report) -> str`."""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path

# format -> module; imported only when used
FORMATS = {
    "term": "tutor.core.report.formats.terminal",
    "md": "tutor.core.report.formats.markdown",
    "csv": "tutor.core.report.formats.spreadsheet",
    "json": "tutor.core.report.formats.jsondoc",
    "html": "tutor.core.report.formats.page",
}
SUFFIXES = {".txt": "term", ".md": "md", ".csv": "csv", ".json": "json", ".html": "html", ".htm": "html"}


def render(report, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return import_module(FORMATS[fmt]).render(report)


def format_for(path: str | Path) -> str | None:
    """The format a file name asks for (report.html -> html), if any."""
    return SUFFIXES.get(Path(path).suffix.lower())


def write(report, fmt: str, path: str | Path) -> Path:
    """Write atomically: a reader (a browser, a spreadsheet) never sees half a file."""
    path = Path(path)
    text = render(report, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A plain open (not mkstemp, which makes the file private) so the report gets the usual permissions.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        # newline="" keeps csv's \r\n row ends as they are; the other formats use \n only
        with open(tmp, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path

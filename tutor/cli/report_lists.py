"""`tutor report`'s outputs: the report in a format, re-marking's changes, the attempts a --where finds."""

from __future__ import annotations

import sys
from pathlib import Path

SUFFIX_FORMATS = {".csv": "csv", ".json": "json", ".md": "md", ".txt": "term"}


def write_report(report, fmt: str, out: str | None) -> int:
    from tutor.core.report.formats import render, write

    if out:
        try:
            path = write(report, fmt, out)
        except OSError as error:
            print(f"tutor: cannot write {out}: {error.strerror or error}", file=sys.stderr)
            return 2
        print(f"wrote {path} ({len(report.learners)} learners, {len(report.attempts)} answers)", file=sys.stderr)
    else:
        sys.stdout.write(render(report, fmt))
    return 0 if report.attempts else 1


def write_changes(report, target: str) -> int:
    """The changes --recheck found, to a file (format from its suffix) or to standard output (-)."""
    from tutor.core.report.formats.listing import render_changes

    fmt = "term" if target == "-" else SUFFIX_FORMATS.get(Path(target).suffix.lower())
    if fmt is None:
        print(f"tutor: --changes {target}: end the name with .csv, .json, .md or .txt (or use -)", file=sys.stderr)
        return 2
    text = render_changes(report.recheck, fmt)
    return _emit(text, None if target == "-" else target, f"{len(report.recheck.changes)} changes")


def write_listing(report, where: str, fmt: str, out: str | None) -> int:
    """The attempts whose variant had the given values: exit 0 when some were found, 1 when none."""
    from tutor.core.report.formats.listing import render_attempts
    from tutor.core.report.variants import WhereError, matches, parse_where

    try:
        conditions = parse_where(where)
    except WhereError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return 2
    found = [a for a in report.attempts if matches(a, conditions)]
    shown = ", ".join(f"{n} = {v}" for n, v in conditions)
    title = f"{len(found)} attempt(s) whose variant had {shown}"
    code = _emit(render_attempts(found, fmt, title), out, f"{len(found)} attempts")
    return code or (0 if found else 1)


def _emit(text: str, out: str | None, what: str) -> int:
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(out).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        print(f"tutor: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({what})", file=sys.stderr)
    return 0

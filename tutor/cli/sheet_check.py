"""`tutor validate SHEET.yaml` and `tutor SHEET.yaml`: a lab sheet checked, its errors with file:line:column."""

from __future__ import annotations

import argparse
import json
import sys

from tutor.core.lessons.errors import LessonError
from tutor.core.lessons.safetext import clean


def validate(args: argparse.Namespace) -> int:
    """The sheet's checks, then every exercise built for --seeds learners' variants."""
    from tutor.core.sheets.validate import validate_sheet

    report = validate_sheet(args.path, seeds=args.seeds)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0 if report.ok else 1
    if report.sheet is not None:
        sheet = report.sheet
        rules = f"{sheet.tries} tries" + (f", {sheet.file.time_limit:g} minutes" if sheet.file.time_limit else "") \
            if sheet.test else "hints and solutions allowed"
        print(f"  {sheet.id}: {sheet.title} (class {sheet.class_name}; {sheet.mode}: {rules})")
        for item in sorted({e.item for e in report.exercises}):
            keys = [e.key for e in report.exercises if e.item == item]
            print(f"  item {item + 1}: {', '.join(keys)}")
    for error in report.errors:
        print(error)
    status = "valid" if report.ok else f"{len(report.errors)} error(s)"
    print(f"{len(report.exercises)} exercises, each built for {report.seeds} learners' variants; "
          f"{status}; {report.seconds:.2f} s")
    return 0 if report.ok else 1


def open_for_app(path: str):
    """(the sheet, 0) when it can be opened, else (None, exit status) with its errors on stderr.

    Checked against a quick read of the course (milliseconds), so unknown lessons and exercises
    are said here; `tutor validate` builds every exercise too.
    """
    from tutor.core.sheets import load_sheet, resolve
    from tutor.core.sheets.resolve import catalog_index, missing_roots

    sheet, errors = load_sheet(path)
    if sheet is not None:
        errors = missing_roots(sheet) + resolve(sheet, catalog_index(sheet))[1]
    if errors:
        _print(errors)
        shown = clean(str(path))  # a file name is text from outside: no control character reaches the terminal
        print(f"tutor: {shown} cannot be opened; `tutor validate {shown}` checks it", file=sys.stderr)
        return None, 1
    return sheet, 0


def _print(errors: list[LessonError]) -> None:
    for error in errors:
        print(error, file=sys.stderr)

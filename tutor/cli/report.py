"""`tutor report`: the class report from exported statements, on screen or as term/md/csv/json/html."""

from __future__ import annotations

import argparse
import sys

FORMATS = ("term", "md", "csv", "json", "html")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="the class report from exported statements",
        description="Read exported xAPI statements (files, a submit folder, several folders; a statement seen "
        "twice counts once) and show who may need help, which exercises the class could not do, the wrong "
        "answers grouped by the checker and the class's misconceptions. With no --format it opens a screen; "
        "otherwise it writes the format to --out or to standard output. Bad input is named in a warning on "
        "stderr, never fatal. Exit status 0, 1 when no answer could be read, 2 on a usage error.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="statement files or folders")
    p.add_argument("--sheet", metavar="FILE", help="the lab sheet: its items, in order, are the report's exercises")
    p.add_argument("--format", choices=FORMATS, help="write this format instead of opening the screen")
    p.add_argument("--out", metavar="FILE", help="write to FILE (the format follows its suffix if --format is not given)")
    p.add_argument("--lessons", metavar="DIR", help="the course the exercises come from (default: the bundled course)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.report.formats import format_for

    fmt = args.format or (format_for(args.out) if args.out else None)
    if args.out and fmt is None:
        print(f"tutor: --out {args.out}: say which --format ({', '.join(FORMATS)})", file=sys.stderr)
        return 2
    from tutor.core.report import SheetError, build_report, read_sheet

    if fmt is None:
        from tutor.ui.report_app import run_report_app

        try:  # a sheet that cannot be read is said here, not on a screen
            if args.sheet:
                read_sheet(args.sheet)
        except SheetError as error:
            print(f"tutor: {error}", file=sys.stderr)
            return 2
        return run_report_app(args.paths, args.sheet, args.lessons)
    from tutor.core.report.formats import render, write

    try:
        report = build_report(args.paths, sheet=args.sheet, lessons=args.lessons)
    except SheetError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return 2
    for warning in report.warnings:
        print(f"tutor report: {warning}", file=sys.stderr)
    if args.out:
        try:
            path = write(report, fmt, args.out)
        except OSError as error:
            print(f"tutor: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
            return 2
        print(f"wrote {path} ({len(report.learners)} learners, {len(report.attempts)} answers)", file=sys.stderr)
    else:
        sys.stdout.write(render(report, fmt))
    return 0 if report.attempts else 1

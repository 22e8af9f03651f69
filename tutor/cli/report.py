"""`tutor report`: the class report from exported statements, on screen or as term/md/csv/json/html.

Also: `--watch` (the live view of a submit folder filling up), `--recheck` (every stored answer
checked again against the current lessons), `--where` (the attempts whose variant had given
values), `--by-variant`, `--discount`.
"""

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
    p.add_argument("--watch", action="store_true",
                   help="open the live view and follow the folder as it fills (who works on what, who is stuck, "
                   "the last 10 minutes' misconceptions); w switches between it and the report")
    p.add_argument("--poll", type=float, metavar="SECONDS",
                   help="with --watch: look for new lines every SECONDS instead of being told by the system "
                   "(automatic on a network share, where other machines' writes are not announced)")
    p.add_argument("--recheck", nargs="?", const="", metavar="LESSONS",
                   help="check every stored answer again against LESSONS (default: --lessons or the bundled "
                   "course), list the verdicts that change and make the report with today's verdicts; nothing "
                   "stored is rewritten")
    p.add_argument("--changes", metavar="FILE", help="with --recheck: write the changes to FILE (.csv, .json, .md, "
                   ".txt; - for standard output)")
    p.add_argument("--discount", action="append", default=[], metavar="LESSON/EXERCISE[=NOTE]",
                   help="leave this exercise out of every score, with a note (repeatable)")
    p.add_argument("--where", metavar="NAME=VALUE[,…]",
                   help="list the attempts whose variant had these parameter values (e.g. a=3,b=-2) instead of "
                   "the report")
    p.add_argument("--by-variant", action="store_true",
                   help="show each exercise's results per variant (to spot one that is harder or broken)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.report.formats import format_for

    fmt = args.format or (format_for(args.out) if args.out else None)
    usage = _usage_error(args, fmt)
    if usage:
        print(f"tutor: {usage}", file=sys.stderr)
        return 2
    discounted = _discounted(args.discount)
    if isinstance(discounted, str):
        print(f"tutor: {discounted}", file=sys.stderr)
        return 2
    from tutor.core.report import SheetError, build_report, read_sheet

    if fmt is None and args.where is None and args.changes is None:
        from tutor.ui.report_app import ReportOptions, run_report_app

        try:  # a sheet that cannot be read is said here, not on a screen
            if args.sheet:
                read_sheet(args.sheet)
        except SheetError as error:
            print(f"tutor: {error}", file=sys.stderr)
            return 2
        options = ReportOptions(discounted=discounted, show_variants=args.by_variant, recheck_with=args.recheck,
                                watch=args.watch, poll=args.poll)
        return run_report_app(args.paths, args.sheet, args.lessons, options)
    try:
        report = build_report(args.paths, sheet=args.sheet, lessons=args.lessons, discounted=discounted,
                              show_variants=args.by_variant, recheck_with=args.recheck)
    except SheetError as error:
        print(f"tutor: {error}", file=sys.stderr)
        return 2
    for warning in report.warnings:
        print(f"tutor report: {warning}", file=sys.stderr)
    from .report_lists import write_changes, write_listing, write_report

    if args.where is not None:
        return write_listing(report, args.where, fmt or "term", args.out)
    if args.changes is not None and (code := write_changes(report, args.changes)):
        return code
    if fmt is None:
        return 0
    return write_report(report, fmt, args.out)


def _usage_error(args: argparse.Namespace, fmt: str | None) -> str | None:
    if args.out and fmt is None:
        return f"--out {args.out}: say which --format ({', '.join(FORMATS)})"
    if args.watch and (fmt or args.where or args.changes):
        return "--watch opens the live view on screen: leave out --format, --out, --where and --changes"
    if args.poll is not None and (not args.watch or args.poll <= 0):
        return "--poll SECONDS goes with --watch and is more than 0"
    if args.changes is not None and args.recheck is None:
        return "--changes lists what --recheck changed: add --recheck"
    if args.where is not None and fmt == "html":
        return "--where lists attempts as term, md, csv or json"
    return None


def _discounted(values: list[str]) -> dict[str, str] | str:
    """`lesson/exercise=note` pairs, or the usage error."""
    out = {}
    for value in values:
        key, _, note = value.partition("=")
        key = key.strip()
        lesson, _, exercise = key.partition("/")
        if not lesson or not exercise:
            return f"--discount {value!r}: name the exercise as LESSON/EXERCISE, optionally =NOTE"
        out[key] = note.strip() or "left out of the scores by the teacher"
    return out

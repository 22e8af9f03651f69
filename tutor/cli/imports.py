"""`tutor import FILE...`: merge exported statements into this machine's progress, each answer once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .classroom import add_data_dir, open_database
from .common import fail

SHOWN_SKIPS = 20  # a file of another tool's statements can skip thousands: the first ones say why


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="merge exported statements (a learner who moved machines) into this machine",
        description="Read xAPI statements (JSON lines from `tutor export`, a JSON array, or an LRS's "
        "response) and add each checked answer to its learner's progress. Statements already here "
        "(same id) are counted once; what cannot be used is listed with the reason. "
        "Exit status 0 when every statement was used or already here, 1 when some were skipped.")
    p.add_argument("files", nargs="+", metavar="FILE", help="files of statements")
    add_data_dir(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.results.importing import import_files

    paths = [Path(f) for f in args.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        return fail(f"no such file: {', '.join(missing)}")
    db, message = open_database(args)
    with db:
        if message:
            print(f"tutor: {message}", file=sys.stderr)
        report = import_files(db, paths)
    who = ", ".join(sorted(report.learners)) or "nobody"
    print(f"added {report.added} statement(s) (learners: {who}); already here: {report.duplicates}; "
          f"skipped: {len(report.skipped)}")
    for where, why in report.skipped[:SHOWN_SKIPS]:
        print(f"  skipped {where}: {why}")
    if len(report.skipped) > SHOWN_SKIPS:
        print(f"  … and {len(report.skipped) - SHOWN_SKIPS} more")
    return 1 if report.skipped else 0

"""`tutor export`: every checked answer as xAPI statements (JSON lines), CSV or JSON, to a file or stdout."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .classroom import add_data_dir, chosen_learners, open_database, parse_since
from .common import UsageError, fail


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="every checked answer as xAPI statements, CSV or JSON",
        description="Write the learners' checked answers (and finished sheets): xapi is one xAPI 1.0.3 "
        "statement per line (what `tutor import` and an LRS read), csv and json one flat row per statement. "
        "Exporting twice gives the same statement ids, so merged exports never count an answer twice. "
        "review is one JSON document of what the tutor remembers per learner: review cards (with their "
        "FSRS state), every rating, and slip counts.")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--learner", metavar="NAME", help="one learner (default: $TUTOR_LEARNER, or the only one here)")
    who.add_argument("--all", action="store_true", help="every learner of this data directory")
    p.add_argument("--sheet", metavar="ID", help="only answers given in this lab sheet (and its completion)")
    p.add_argument("--since", metavar="DATE", help="only from this date (2026-12-01) or time (2026-12-01T14:00) on")
    p.add_argument("--format", choices=("xapi", "csv", "json", "review"), default="xapi",
                   help="default xapi; review: review cards, ratings and slip counts")
    p.add_argument("--out", metavar="FILE", help="write to FILE (whole or not at all) instead of stdout")
    add_data_dir(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.results.export import UnknownLearner, lines, statements, write

    db, message = open_database(args)
    with db:
        if message:
            print(f"tutor: {message}", file=sys.stderr)
        try:
            learners = chosen_learners(db, args)
            if args.format == "review":
                return _review(db, learners, args)
            since = parse_since(args.since)
            source = lines if args.format == "xapi" else statements  # xapi: the kept text, not rebuilt
            items = source(db, learners, since=since, sheet_id=args.sheet)
            if args.out:
                count = _to_file(Path(args.out), lambda out: write(out, items, args.format))
            else:
                count = write(sys.stdout.buffer, items, args.format)
                sys.stdout.buffer.flush()
        except (UsageError, UnknownLearner) as error:
            return fail(str(error).strip('"'))
        except OSError as error:
            return fail(f"--out: {error.strerror or error}")
    print(f"{count} statement(s)" + (f" written to {args.out}" if args.out else ""), file=sys.stderr)
    return 0


def _review(db, learners, args: argparse.Namespace) -> int:
    from tutor.core.results.review_export import review_document, write_review

    if args.sheet or args.since:
        return fail("--sheet and --since select answers; --format review exports every card and slip")
    document = review_document(db, learners)
    try:
        if args.out:
            count = _to_file(Path(args.out), lambda out: write_review(out, document))
        else:
            count = write_review(sys.stdout.buffer, document)
            sys.stdout.buffer.flush()
    except OSError as error:
        return fail(f"--out: {error.strerror or error}")
    print(f"{count} review card(s) of {len(document['learners'])} learner(s)"
          + (f" written to {args.out}" if args.out else ""), file=sys.stderr)
    return 0


def _to_file(path: Path, fill) -> int:
    # Written beside the target and renamed into place: an interrupted export never looks complete.
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as out:
            count = fill(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count

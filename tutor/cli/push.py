"""`tutor push --lrs URL`: send the statements an xAPI Learning Record Store does not have yet."""

from __future__ import annotations

import argparse
import os
import sys

from .classroom import add_data_dir, learner_from, open_database
from .common import fail


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "push", help="send unsent statements to an xAPI Learning Record Store",
        description="POST every statement this LRS has not had from this machine, in batches, retrying "
        "failures that may pass; what was stored is remembered, so the next push sends only what is new. "
        "Exit status 0 when all were sent, 1 when the LRS refused or could not be reached (what was "
        "stored before that is remembered).")
    p.add_argument("--lrs", required=True, metavar="URL", help="the LRS's xAPI endpoint, e.g. http://lrs:8100/xAPI/")
    p.add_argument("--user", metavar="U", help="basic-auth user (default: $TUTOR_LRS_USER)")
    p.add_argument("--password", metavar="P", help="basic-auth password (default: $TUTOR_LRS_PASSWORD, which keeps "
                                                   "it out of the shell's history)")
    p.add_argument("--learner", metavar="NAME", help="only this learner (default: every learner here)")
    p.add_argument("--batch", type=int, default=100, metavar="N", help="statements per request (default 100)")
    p.add_argument("--dry-run", action="store_true", help="count what would be sent; send nothing")
    add_data_dir(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.results.export import UnknownLearner
    from tutor.core.results.push import push_all
    from tutor.core.xapi.lrs import Lrs, LrsError

    if args.batch < 1:
        return fail("--batch must be at least 1")
    if not args.lrs.startswith(("http://", "https://")):
        return fail(f"--lrs: '{args.lrs}' is not an http:// or https:// address")
    user = args.user or os.environ.get("TUTOR_LRS_USER")
    password = args.password or os.environ.get("TUTOR_LRS_PASSWORD")
    lrs = Lrs(args.lrs, user, password)
    learner = learner_from(args)
    db, message = open_database(args)
    with db:
        if message:
            print(f"tutor: {message}", file=sys.stderr)
        try:
            report = push_all(db, lrs, [learner] if learner else None, batch=args.batch, dry_run=args.dry_run)
        except UnknownLearner as error:
            return fail(str(error).strip('"'))
        except LrsError as error:
            print(f"tutor: push to {lrs.statements_url} stopped: {error}. What was stored before is "
                  "remembered; push again to send the rest.", file=sys.stderr)
            return 1
    verb = "would send" if args.dry_run else "sent"
    print(f"{verb} {report.sent} statement(s) to {lrs.statements_url}; {report.already} sent before")
    return 0

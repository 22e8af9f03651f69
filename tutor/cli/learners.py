"""`tutor learners`: who has progress in this data directory, with their answers and last activity."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

from .classroom import add_data_dir, open_database


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("learners", help="the learners of this data directory",
                       description="List every learner with progress here (a shared lab machine holds many).")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_data_dir(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db, message = open_database(args)
    with db:
        if message:
            print(f"tutor: {message}", file=sys.stderr)
        rows = [(learner, len(db.existing(learner.name).recent_attempts(10**9))) for learner in db.learners()]
    if args.json:
        print(json.dumps([{"name": learner.name, "answers": n, "last_active": learner.last_active}
                          for learner, n in rows], ensure_ascii=False, indent=2))
        return 0
    for learner, n in rows:
        when = datetime.fromtimestamp(learner.last_active).strftime("%Y-%m-%d %H:%M") if learner.last_active else "never"
        print(f"{learner.name}\t{n} answer(s)\tlast active {when}")
    if not rows:
        print("no learners yet", file=sys.stderr)
    return 0

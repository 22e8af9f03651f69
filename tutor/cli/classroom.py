"""What the classroom commands share: the data directory, who is meant, a date on the command line."""

from __future__ import annotations

import argparse
import os
from datetime import datetime

from .common import UsageError


def add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", metavar="DIR", help="where progress is kept (default: $TUTOR_HOME or the user data directory)")


def open_database(args: argparse.Namespace):
    """The progress database of --data-dir (or the default); a message if it had to be repaired."""
    from tutor.core.progress import ProgressDatabase, database_path

    return ProgressDatabase.open(database_path(args.data_dir))


def learner_from(args: argparse.Namespace) -> str | None:
    """--learner, else $TUTOR_LEARNER, else None."""
    return args.learner or os.environ.get("TUTOR_LEARNER") or None


def chosen_learners(db, args: argparse.Namespace) -> list[str] | None:
    """The learners a command is about: --all (None: everyone), the one named, or the only one here."""
    if getattr(args, "all", False):
        return None
    named = learner_from(args)
    if named:
        return [named]
    known = db.learners()
    if len(known) == 1:
        return [known[0].name]
    names = ", ".join(learner.name for learner in known) or "none yet"
    raise UsageError(f"name a learner with --learner NAME, or --all (learners here: {names})")


def parse_since(text: str | None) -> float | None:
    """A date (local midnight) or date and time, as a unix time."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip()).timestamp()
    except ValueError:
        raise UsageError(f"--since: '{text}' is not a date; write 2026-12-01 or 2026-12-01T14:00") from None

"""`tutor push`: the statements an LRS does not have yet, sent in batches, and remembered once stored."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tutor.core.progress import ProgressDatabase
from tutor.core.progress import shipping
from tutor.core.xapi.lrs import Lrs, push

from .export import statements


@dataclass(frozen=True)
class PushReport:
    sent: int
    already: int     # sent to this LRS before


def unsent(db: ProgressDatabase, lrs: Lrs, learners: Sequence[str] | None = None) -> tuple[list[dict], int]:
    """(statements this LRS has not had from this machine, how many it has had)."""
    with db.reading() as conn:
        done = shipping.pushed_ids(conn, lrs.statements_url)
    every = list(statements(db, learners))
    todo = [s for s in every if s["id"] not in done]
    return todo, len(every) - len(todo)


def push_all(db: ProgressDatabase, lrs: Lrs, learners: Sequence[str] | None = None, *, batch: int = 100,
             dry_run: bool = False, sleep: Callable[[float], None] = time.sleep) -> PushReport:
    """Send what the LRS lacks. Each stored batch is remembered at once, so a failure halfway
    (LrsError) loses nothing and the next push starts where this one stopped."""
    todo, already = unsent(db, lrs, learners)
    if dry_run or not todo:
        return PushReport(len(todo) if dry_run else 0, already)

    def remember(ids: list[str]) -> None:
        db.write(lambda conn, at: shipping.mark_pushed(conn, lrs.statements_url, ids, at))

    return PushReport(push(lrs, todo, batch=batch, sent=remember, sleep=sleep), already)

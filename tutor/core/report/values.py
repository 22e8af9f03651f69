"""A statement's values read liberally: ISO 8601 durations and timestamps, how another tool names a person."""

from __future__ import annotations

import re
from datetime import datetime, timezone

_DURATION = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


def parse_duration(text: object) -> float | None:
    """Seconds in an ISO 8601 duration such as PT1M12.4S (None when absent or unreadable)."""
    if not isinstance(text, str):
        return None
    match = _DURATION.match(text.strip())
    if not match or text.strip() in ("P", "PT"):
        return None
    d, h, m, s = (float(match[k] or 0) for k in "dhms")
    return ((d * 24 + h) * 60 + m) * 60 + s


def parse_time(text: object) -> datetime | None:
    """An ISO 8601 timestamp, always timezone-aware (UTC when the text names no zone)."""
    if not isinstance(text, str):
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def learner_name(actor: object) -> str | None:
    """The account name, else the name, else the mailbox: how another tool may name a person."""
    if not isinstance(actor, dict):
        return None
    account = actor.get("account")
    for value in ((account or {}).get("name") if isinstance(account, dict) else None,
                  actor.get("name"), actor.get("mbox"), actor.get("openid")):
        if isinstance(value, str) and value.strip():
            return value.strip().removeprefix("mailto:")
    return None

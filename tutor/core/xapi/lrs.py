"""Sending statements to an xAPI Learning Record Store: the one module of the tutor that uses a network.

Plain stdlib HTTP (urllib): POST batches to `<endpoint>/statements` with basic auth and
`X-Experience-API-Version: 1.0.3`. Connection failures, 429 and 5xx are retried with exponential
backoff; a statement id the LRS already holds with the same content is accepted by the LRS (so a
batch sent twice counts once), and one it holds with other content (409) is reported.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

VERSION = "1.0.3"
RETRY_STATUS = {429, 500, 502, 503, 504}


class LrsError(Exception):
    """The LRS refused the statements or could not be reached after every retry."""


@dataclass(frozen=True)
class Lrs:
    endpoint: str                 # the LRS's xAPI base, e.g. http://lrs.school:8100/xAPI/
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0
    retries: int = 4              # tries after the first, for failures that may pass
    backoff: float = 0.5          # seconds before the first retry; doubles each time

    @property
    def statements_url(self) -> str:
        base = self.endpoint.rstrip("/")
        if base.endswith("/statements"):
            base = base[: -len("/statements")]
        return base + "/statements"

    def headers(self) -> dict[str, str]:
        headers = {"X-Experience-API-Version": VERSION, "Content-Type": "application/json"}
        if self.user is not None:
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        return headers


def post_batch(lrs: Lrs, statements: Sequence[dict], *, sleep: Callable[[float], None] = time.sleep) -> None:
    """POST one batch; returns when the LRS has stored it (or already had it)."""
    body = json.dumps(list(statements), ensure_ascii=False).encode("utf-8")
    delay = lrs.backoff
    for attempt in range(lrs.retries + 1):
        request = urllib.request.Request(lrs.statements_url, data=body, method="POST", headers=lrs.headers())
        try:
            with urllib.request.urlopen(request, timeout=lrs.timeout) as response:
                response.read()
                return
        except urllib.error.HTTPError as err:
            detail = _detail(err)
            if err.code not in RETRY_STATUS or attempt == lrs.retries:
                raise LrsError(_refusal(err.code, detail)) from None
        except (urllib.error.URLError, OSError) as err:
            if attempt == lrs.retries:
                reason = getattr(err, "reason", err)
                raise LrsError(f"cannot reach {lrs.statements_url}: {reason}") from None
        sleep(delay)
        delay *= 2


def push(lrs: Lrs, statements: Iterable[dict], *, batch: int = 100,
         sent: Callable[[list[str]], None] = lambda ids: None,
         sleep: Callable[[float], None] = time.sleep) -> int:
    """Send every statement in batches; `sent(ids)` is called after each stored batch. Returns the count."""
    total, pending = 0, []
    for statement in statements:
        pending.append(statement)
        if len(pending) >= batch:
            post_batch(lrs, pending, sleep=sleep)
            sent([s["id"] for s in pending])
            total, pending = total + len(pending), []
    if pending:
        post_batch(lrs, pending, sleep=sleep)
        sent([s["id"] for s in pending])
        total += len(pending)
    return total


def _detail(err: urllib.error.HTTPError) -> str:
    try:
        text = err.read().decode("utf-8", "replace")
    except OSError:
        return ""
    try:
        data = json.loads(text)
    except ValueError:
        return text[:300]
    return str(data.get("detail", data) if isinstance(data, dict) else data)[:300]


def _refusal(code: int, detail: str) -> str:
    why = {401: "the user name or password was refused", 403: "this user may not write statements",
           404: "no xAPI statements resource at this address (is the URL the LRS's xAPI endpoint?)",
           409: "the LRS already holds a different statement with the same id"}.get(code, "the LRS refused them")
    return f"HTTP {code}: {why}" + (f" ({detail})" if detail else "")

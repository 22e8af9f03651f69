"""The LRS client: batches reach a real LRS (Ralph) intact, failures are retried, refusals explained."""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tutor.core.xapi import vocabulary as v
from tutor.core.xapi.lrs import Lrs, LrsError, post_batch, push
from tutor.core.xapi.statements import CompletionRecord, answer_statement, finished_statements

from .test_statements import SHEET, record

pytestmark = pytest.mark.xdist_group("ralph")  # one Ralph for all of them


def statements_for(learner: str, n: int) -> list[dict]:
    out = [answer_statement(record(learner=learner, statement_id=v.answer_id(learner, "l", "e", 1.0 + i, i),
                                   at=1_780_000_000.0 + i, success=i % 2 == 0, params=(("a", "3"), ("b", "−2"))))
           for i in range(n)]
    # cmi5's end of a run: "completed", then "passed" against the mastery score
    out += finished_statements(CompletionRecord(v.completion_id("week-3", learner), learner, SHEET, solved=3, items=4,
                                                duration_ms=60_000, at=1_780_000_500.0, mastery=0.75),
                               v.mastery_id("week-3", learner))
    return out


def comparable(statement: dict) -> dict:
    # The LRS adds what the spec says it adds (stored, authority, version); the rest must be ours.
    return {k: val for k, val in statement.items() if k not in ("stored", "authority", "version")}


def test_batches_reach_ralph_and_read_back_identical(ralph):
    learner = f"Zoë {uuid.uuid4().hex[:6]}"
    mine = statements_for(learner, 7)
    sent: list[list[str]] = []
    lrs = Lrs(ralph.url, ralph.user, ralph.password)
    assert push(lrs, mine, batch=3, sent=sent.append) == 9
    assert [len(b) for b in sent] == [3, 3, 3]
    back = ralph.statements(registration=v.registration("week-3", learner))
    assert sorted(map(comparable, back), key=lambda s: s["id"]) == sorted(mine, key=lambda s: s["id"])


def test_sending_the_same_statements_twice_stores_them_once(ralph):
    learner = f"Bo {uuid.uuid4().hex[:6]}"
    mine = statements_for(learner, 2)
    lrs = Lrs(ralph.url, ralph.user, ralph.password)
    push(lrs, mine)
    push(lrs, mine)
    assert len(ralph.statements(registration=v.registration("week-3", learner))) == 4


def test_a_wrong_password_is_said_plainly(ralph):
    with pytest.raises(LrsError, match="401.*password"):
        post_batch(Lrs(ralph.url, ralph.user, "wrong", retries=0), statements_for("X", 1))


def test_a_changed_statement_under_a_known_id_is_a_conflict(ralph):
    learner = f"Cy {uuid.uuid4().hex[:6]}"
    first = statements_for(learner, 1)[0]
    lrs = Lrs(ralph.url, ralph.user, ralph.password)
    post_batch(lrs, [first])
    changed = json.loads(json.dumps(first))
    changed["result"]["response"] = "something else"
    with pytest.raises(LrsError, match="409"):
        post_batch(lrs, [changed])


class _Flaky(BaseHTTPRequestHandler):
    failures = 2
    seen: list[int] = []

    def do_POST(self):  # noqa: N802 - the name http.server calls
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append(len(body))
        if type(self).failures:
            type(self).failures -= 1
            self.send_response(503)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps([s["id"] for s in body]).encode())

    def log_message(self, *args):
        pass


def test_failures_that_may_pass_are_retried_with_backoff():
    _Flaky.failures, _Flaky.seen = 2, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    waits: list[float] = []
    try:
        lrs = Lrs(f"http://127.0.0.1:{server.server_address[1]}/xAPI/statements", backoff=0.5)
        post_batch(lrs, statements_for("Di", 1), sleep=waits.append)
    finally:
        server.shutdown()
        server.server_close()
    assert waits == [0.5, 1.0]
    assert _Flaky.seen == [3, 3, 3]  # the batch: an answer, "completed" and "passed"


def test_an_unreachable_lrs_fails_after_its_retries():
    with socket_closed() as port:
        waits: list[float] = []
        with pytest.raises(LrsError, match="cannot reach"):
            post_batch(Lrs(f"http://127.0.0.1:{port}/xAPI/", retries=2, timeout=2), statements_for("E", 1),
                       sleep=waits.append)
        assert waits == [0.5, 1.0]


class socket_closed:
    """A loopback port nothing listens on."""

    def __enter__(self) -> int:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc) -> None:
        pass


def test_the_statements_url_is_found_from_any_spelling_of_the_endpoint():
    for given in ("http://h:1/xAPI", "http://h:1/xAPI/", "http://h:1/xAPI/statements", "http://h:1/xAPI/statements/"):
        assert Lrs(given).statements_url == "http://h:1/xAPI/statements"

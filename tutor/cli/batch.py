"""`tutor check --batch FILE`: one JSON object per line, one result line per input line, as it goes.

A bad line (not UTF-8, not JSON, nested too deep, a number too long to read, a field of the wrong
type, a reference that cannot be used) gets an "invalid" result with the reason, and the run goes
on: the lines before and after it keep their verdicts. Results are flushed line by line, so a run
that is stopped keeps what it printed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import BinaryIO

from .requests import Request, check_request, print_verdict
from .common import UsageError, fail, shown, tolerance_value

MAX_LINE = 1 << 20  # bytes in one line; a longer one is reported and skipped, not read into memory
FIELDS = (("expected", "expected"), ("diff", "diff"), ("wrt", "wrt"), ("vars", "vars"))


class BadLine(Exception):
    """A line that cannot be checked; the message says why."""


def run_batch(path: str, seed: int, as_json: bool) -> int:
    """Exit status 0 when every line got a verdict, 2 when some line could not be checked."""
    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as error:
        return fail(f"--batch: cannot read {shown(path)}: {error.strerror}")
    every_line_judged = True
    try:
        for number, raw in enumerate(_lines(stream), start=1):
            try:
                parsed = _request(raw, number)
                if parsed is None:  # a blank line: nothing to check, no result line
                    continue
                verdict = check_request(*parsed, seed)
            except (BadLine, UsageError) as error:
                every_line_judged = False
                _print_bad(number, str(error), as_json)
                continue
            except Exception as error:  # a checker bug on one line must not lose the lines after it
                every_line_judged = False
                _print_bad(number, f"this line could not be checked ({type(error).__name__})", as_json)
                continue
            print_verdict(verdict, as_json, prefix=f"line {number}: ", extra={"line": number})
    except BrokenPipeError:  # the reader went away (`| head`): not a reading error
        raise
    except OSError as error:
        return fail(f"--batch: reading {shown(path)} failed: {error.strerror}")
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return 0 if every_line_judged else 2


def _print_bad(number: int, reason: str, as_json: bool) -> None:
    from tutor.core.maths.verdict import Verdict

    if as_json:
        print_verdict(Verdict("invalid", None, f"line {number}: {reason}"), True, extra={"line": number})
    else:
        print_verdict(Verdict("invalid", None, reason), False, prefix=f"line {number}: ")


def _lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Each line as bytes, or None for one over MAX_LINE (the rest of it is skipped)."""
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE:
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_LINE)
            yield None
        else:
            yield line


def _request(raw: bytes | None, number: int):
    """(Request, tolerance) for one line, or None for a blank line; raises BadLine."""
    if raw is None:
        raise BadLine(f"the line is longer than {MAX_LINE:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadLine(f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at position {error.start + 1})") from None
    if number == 1:
        text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        data = json.loads(text)
    except RecursionError:
        raise BadLine("not valid JSON: nested too deeply") from None
    except json.JSONDecodeError as error:
        raise BadLine(f"not valid JSON: {error.msg} at column {error.colno}") from None
    except ValueError:  # int() refuses a JSON integer of more than 4300 digits
        raise BadLine("a number in it has more than 4,300 digits") from None
    if not isinstance(data, dict):
        raise BadLine("expected a JSON object such as {\"answer\": \"2x\", \"expected\": \"x+x\"}")
    answer = _text(data, "answer")
    if answer is None:
        raise BadLine("'answer' is missing")
    fields = {key: _text(data, key) for key, _ in FIELDS if key != "vars"}
    if (fields["expected"] is None) == (fields["diff"] is None):
        raise BadLine("give 'expected', or 'diff' with 'wrt' (one of them)")
    request = Request(answer, fields["expected"], fields["diff"], fields["wrt"], _vars(data.get("vars")), FIELDS)
    return request, _tolerance(data.get("tolerance"))


def _text(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadLine(f"'{key}' must be a string, not {_kind(value)}")
    _unicode(value, key)
    return value


def _unicode(value: str, key: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BadLine(f"'{key}' holds an unpaired surrogate \\u{ord(value[error.start]):04x}, "
                      "which is not a character") from None


def _vars(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        _unicode(value, "vars")
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        for v in value:
            _unicode(v, "vars")
        return ",".join(value)
    raise BadLine(f"'vars' must be a list of names such as [\"x\", \"y\"], not {_kind(value)}")


def _tolerance(value):
    from tutor.core.maths.check import Tolerance

    if value is None:
        return None
    if isinstance(value, dict):
        unknown = set(value) - {"absolute", "relative"}
        if unknown:
            raise BadLine(f"tolerance: unknown key {shown(str(sorted(unknown)[0]))!r} (use absolute, relative)")
        if not value:
            raise BadLine("tolerance: give absolute, relative or both")
        return Tolerance(
            _tolerance_number(value["absolute"], "tolerance.absolute") if "absolute" in value else None,
            _tolerance_number(value["relative"], "tolerance.relative") if "relative" in value else None,
        )
    return Tolerance(absolute=_tolerance_number(value, "tolerance"))


def _tolerance_number(value, key: str):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise BadLine(f"{key}: expected a number, not {_kind(value)}")
    if isinstance(value, str):
        _unicode(value, key)
    return tolerance_value(repr(value) if isinstance(value, float) else str(value), key)


def _kind(value) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object"}.get(type(value), "null")

"""Control characters in lesson files: refused with file:line:column, never handed to a terminal."""

from __future__ import annotations

import json
import re

import msgspec
import pytest

from tutor.cli import run
from tutor.core.lessons.catalog import read_catalog
from tutor.core.lessons.loader import load_course
from tutor.core.lessons.safetext import FORBIDDEN, clean, json_safe

# What a terminal would obey: every C0 control but tab and newline, DEL, C1, bidi overrides/isolates.
DANGEROUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

LESSON = """\
id: tricky
title: {title}
summary: Plain.
pages:
  - title: First
    body: |
      Before {body} after.
exercises:
  - id: dfdx
    type: derivative
    prompt: {prompt}
    function: x^2
    wrt: x
    hints: ["h"]
"""


def write(folder, title="Fine", body="middle", prompt="p", name="01.yaml"):
    path = folder / name
    path.write_text(LESSON.format(title=title, body=body, prompt=prompt), encoding="utf-8")
    return path


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from strings(v)


# (how it is written in the file, where it lands, the character, its position in the file)
CASES = [
    ('"\\e]52;c;aGVsbG8=\\a"', "title", "U+001B (escape)", (2, 9)),        # OSC 52: write the clipboard
    ('"\\e]0;owned\\x07 Fine"', "title", "U+001B (escape)", (2, 9)),        # OSC 0: set the window title
    ('"\\x1b[2J"', "title", "U+001B (escape)", (2, 9)),                    # clear the screen
    ('"\\u009b2J"', "title", "U+009B (control sequence introducer)", (2, 9)),  # C1 CSI, one character
    ('"a\\x7fb"', "title", "U+007F (delete)", (2, 10)),
    ('"bell\\a"', "title", "U+0007 (bell)", (2, 13)),
    ('"nul\\0"', "title", "U+0000 (null)", (2, 12)),
    ('"cr\\r"', "title", "U+000D (carriage return)", (2, 11)),
    ('"\\u202eevil"', "title", "U+202E (right-to-left override)", (2, 9)),
    ('"\\u2066isolate"', "title", "U+2066 (left-to-right isolate)", (2, 9)),
]


@pytest.mark.parametrize(("written", "field", "named", "place"), CASES, ids=[c[2] for c in CASES])
def test_escaped_control_characters_are_errors_at_their_place(tmp_path, written, field, named, place) -> None:
    write(tmp_path, title=written)
    course = load_course(tmp_path)
    errors = [e for e in course.errors if named in e.message]
    assert len(errors) == 1, course.errors
    assert (errors[0].line, errors[0].column) == place
    assert f"{named} in {field}" in errors[0].message


# Written raw: libyaml refused most of these with the whole file; now each is found where it is.
RAW = ["\x1b]0;owned\x07", "\x1b[2J", "\x9b2J", "\x85", "\x7f", "\u202e", "\u2069", "\x08", "\x0c"]


@pytest.mark.parametrize("raw", RAW, ids=[f"U+{ord(r[0]):04X}" for r in RAW])
def test_raw_control_characters_are_errors_in_their_value(tmp_path, raw) -> None:
    write(tmp_path, body=raw)
    course = load_course(tmp_path)
    errors = [e for e in course.errors if f"U+{ord(raw[0]):04X}" in e.message]
    assert len(errors) == 1, course.errors
    assert "in pages[0].body" in errors[0].message
    assert (errors[0].line, errors[0].column) == (7, 14)


def test_a_lesson_with_control_characters_still_loads_with_clean_text(tmp_path) -> None:
    write(tmp_path, title='"\\e]0;owned\\a Hi"', body="\x1b[2J and \u202e and \x9b", prompt='"\\e[31mred"')
    course = load_course(tmp_path)
    assert course.errors and not course.broken          # validate fails; the app shows what it can
    lesson = course.lessons[0]
    assert lesson.title == "␛]0;owned␇ Hi"
    every = list(strings(msgspec.to_builtins(lesson.lesson)))
    assert not any(DANGEROUS.search(s) for s in every)
    assert "␛[2J and \ufffd and \ufffd" in lesson.lesson.pages[0].body
    instance = lesson.exercise("dfdx").instance(0)
    assert instance.prompt == "␛[31mred"
    assert not any(DANGEROUS.search(str(e)) for e in course.errors)
    catalog = read_catalog(tmp_path)
    assert catalog[0].title == "␛]0;owned␇ Hi"


def test_tab_and_newline_are_ordinary_text(tmp_path) -> None:
    write(tmp_path, title='"Tab\\there"', body="one\ttab", prompt='"line\\nbreak"')
    course = load_course(tmp_path)
    assert course.errors == []
    assert course.lessons[0].title == "Tab\there"


def test_keys_and_comments_are_searched_too(tmp_path) -> None:
    path = tmp_path / "01.yaml"
    path.write_text('id: k\ntitle: t\nsummary: s # note \x07\n"\\e]0;x": 1\n', encoding="utf-8")
    messages = [(e.line, e.column, e.message) for e in load_course(tmp_path).errors]
    assert any(m.startswith("U+0007 (bell) in the file, outside any value") and (line, col) == (3, 19)
               for line, col, m in messages)
    assert any(m.startswith("U+001B (escape) in the key '␛]0;x' of the top level") for _, _, m in messages)
    assert not any(DANGEROUS.search(m) for _, _, m in messages)


def test_latex_in_double_quotes_says_how_to_write_it(tmp_path) -> None:
    write(tmp_path, prompt='"Find $\\frac{1}{2}$"')
    error = next(e for e in load_course(tmp_path).errors if "U+000C (form feed)" in e.message)
    assert "from '\\frac' in double quotes" in error.message and "'\\\\frac'" in error.message
    assert (error.line, error.column) == (11, 20)


def test_a_file_name_with_control_characters_is_shown_clean(tmp_path, capsys) -> None:
    (tmp_path / "\x1b]0;x\x07.yaml").write_text("- not a lesson\n", encoding="utf-8")
    course = load_course(tmp_path)
    assert course.broken[0].title == "␛]0;x␇"
    assert str(course.errors[0]).startswith(str(tmp_path) + "/␛]0;x␇.yaml:")
    assert run(["validate", str(tmp_path), "--seeds", "1"]) == 1
    out = capsys.readouterr().out
    assert "␛]0;x␇.yaml" in out and not DANGEROUS.search(out)
    assert run(["validate", str(tmp_path), "--seeds", "1", "--json"]) == 1
    out = capsys.readouterr().out
    assert not DANGEROUS.search(out)
    assert json.loads(out)["errors"][0]["path"].endswith("\x1b]0;x\x07.yaml")  # scripts get the true name


def test_validate_output_never_carries_a_control_character(tmp_path, capsys) -> None:
    write(tmp_path, title='"\\e]0;owned\\a"', body="\x1b[2J \u202e \x9b", prompt='"\\e]52;c;aGk=\\a"')
    assert run(["validate", str(tmp_path), "--seeds", "1"]) == 1
    out = capsys.readouterr().out
    assert "U+001B (escape) in title" in out and "tricky: ␛]0;owned␇" in out
    assert not DANGEROUS.search(out)
    assert run(["validate", str(tmp_path), "--seeds", "1", "--json"]) == 1
    out = capsys.readouterr().out
    assert not DANGEROUS.search(out)
    data = json.loads(out)
    assert data["lessons"][0]["title"] == "␛]0;owned␇"


def test_clean_and_json_safe_cover_the_whole_family() -> None:
    every = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F),
                                     *range(0x2066, 0x206A), 0xDFFF, 0xD800, 0x41])
    assert not DANGEROUS.search(clean(every).replace("\t", "").replace("\n", ""))
    assert clean("\x1b\x07\x7f\x9b\u202e") == "␛␇␡\ufffd\ufffd"
    dumped = json_safe(json.dumps({"t": every}, ensure_ascii=False))
    assert not DANGEROUS.search(dumped) and json.loads(dumped)["t"] == every
    assert FORBIDDEN.search("ordinary text, ∂f/∂x, ∇f, é, 中文, emoji 🙂") is None

"""What an author reads when a file is wrong: the mistake and its fix, at its place, once."""

from __future__ import annotations

import textwrap

import pytest

from tutor.core.lessons.catalog import read_catalog
from tutor.core.lessons.loader import load_course
from tutor.core.lessons.validate import validate_course

LIBYAML_WORDS = ("cannot start any token", "could not find expected", "did not find expected",
                 "mapping values are not allowed", "while scanning", "while parsing")

# (the file, line, column, what the message must say)
SYNTAX = {
    "tab indenting a list": ("id: x\ntitle: t\npages:\n\t- title: a\n", 4, 1, "a tab indents this line"),
    "tab among spaces": ("id: x\npages:\n  - title: a\n  \tbody: b\n", 4, 3, "replace the tab with spaces"),
    "indented too far": ("id: x\ntitle: t\n  summary: s\n", 3, 10, "indented further than the key above"),
    "item without a dash": ("id: x\nhints:\n  - one\n  two\n", 4, 3, "start it with '- '"),
    "key out of line in a list": ("pages:\n  - title: a\n    body: b\n   code: c\n", 4, 4,
                                  "neither a new item of the list that starts at line 2 (add '- ' before it)"),
    "new item without a dash": ("pages:\n  - title: a\n    body: b\n  title: c\n", 4, 3, "(add '- ' before it)"),
    "unclosed double quote": ('id: x\ntitle: "Basic\nsummary: s\n', 2, 8, 'this quote (") is never closed'),
    "unclosed single quote": ("id: x\ntitle: 'Basic\nsummary: s\n", 2, 8, "this quote (') is never closed"),
    "unclosed bracket": ("id: x\nrequires: [a, b\nsummary: s\n", 2, 11, "this [ is not closed"),
    "unclosed brace": ("id: x\nat: {x: 1, y: 2\nsummary: s\n", 2, 5, "close it with }"),
    "colon in a value": ("id: x\ntitle: Partials: the idea\n", 2, 16,
                         "a colon and a space inside an unquoted value"),
    "colon in a list item": ("hints:\n  - Note: y is held: fixed\n", 2, 20, "a colon and a space inside"),
    "text after a quote": ('id: x\ntitle: "Partials" again\n', 2, 19, "text follows the closing quote"),
    "braces as text": ("id: x\nprompt: {x + 1}^2 is f\n", 2, 16, "a value that starts with [ or { is a YAML"),
    "backtick first": ("id: x\nprompt: `f(x)` is\n", 2, 9, "a value cannot start with '`'"),
    "star first": ("id: x\nprompt: *bold* text\n", 2, 9, "a value cannot start with '*'"),
    "LaTeX in double quotes": ('id: x\ntitle: "$\\partial f$"\n', 2, 10,
                               "'\\p' is not an escape: in double quotes a backslash starts one. For LaTeX, double "
                               "the backslash (\\\\partial)"),
    "no space after a colon": ("id:x\ntitle: t\n", 2, 6, "the line above has no space after its colon"),
}


@pytest.mark.parametrize("case", list(SYNTAX))
def test_yaml_syntax_errors_say_what_to_do(tmp_path, case) -> None:
    text, line, column, says = SYNTAX[case]
    (tmp_path / "01.yaml").write_text(text, encoding="utf-8")
    errors = load_course(tmp_path).errors
    assert len(errors) == 1, errors
    assert (errors[0].line, errors[0].column) == (line, column)
    assert says in errors[0].message
    assert not any(words in errors[0].message for words in LIBYAML_WORDS)


def test_duplicate_keys_say_which_is_kept(tmp_path) -> None:
    (tmp_path / "01.yaml").write_text("id: x\ntitle: t\nsummary: s\ntitle: u\n", encoding="utf-8")
    error = load_course(tmp_path).errors[0]
    assert (error.line, error.column) == (4, 1)
    assert error.message == ("the key 'title' appears twice in this mapping; YAML keeps only the last one: "
                             "remove or rename one of them")


def test_a_broken_file_is_listed_by_its_title_line(tmp_path) -> None:
    (tmp_path / "01-why-partials.yaml").write_text(
        "id: why\ntitle: 'Why partials matter'  # the first lesson\nsummary: s\npages:\n\t- title: a\n",
        encoding="utf-8")
    assert load_course(tmp_path).broken[0].title == "Why partials matter"
    assert read_catalog(tmp_path)[0].title == "Why partials matter"


def test_without_a_title_line_the_file_name_is_made_readable(tmp_path) -> None:
    (tmp_path / "01-why-partials.yaml").write_text("id: why\npages:\n\t- title: a\n", encoding="utf-8")
    assert load_course(tmp_path).broken[0].title == "01 why partials"
    assert read_catalog(tmp_path)[0].title == "01 why partials"


def lesson(tmp_path, exercises: str) -> None:
    body = textwrap.indent(textwrap.dedent(exercises), "  ")
    (tmp_path / "01.yaml").write_text(f"id: x\ntitle: t\nsummary: s\nexercises:\n{body}", encoding="utf-8")


def messages(tmp_path) -> list[tuple[int, int, str]]:
    return [(e.line, e.column, e.message) for e in validate_course(tmp_path, seeds=1).errors]


def test_a_derivative_by_a_name_the_function_does_not_have(tmp_path) -> None:
    lesson(tmp_path, """\
        - id: wrong-wrt
          type: derivative
          prompt: p
          function: x^2 + y
          wrt: z
          answer: 2x
        """)
    assert messages(tmp_path) == [(9, 5, "f has no variable z (its variables: x, y); differentiate by one of "
                                         "them, or list z in variables if ∂f/∂z = 0 is the point")]


def test_a_derivative_by_a_declared_variable_is_fine_even_if_zero(tmp_path) -> None:
    lesson(tmp_path, """\
        - id: zero
          type: derivative
          prompt: p
          function: x^2 + y
          variables: [x, y, z]
          wrt: z
          answer: "0"
        """)
    assert messages(tmp_path) == []


@pytest.mark.parametrize(("extra", "says"), [
    ("data: {x: [1, 2], y: [2, 3]}\n  function: (wx - y)^2\n  wrt: x", "x is a data column of f, not a variable"),
    ("params: {a: {randint: [1, 3]}}\n  function: a x^2\n  wrt: a", "a is a param of this exercise"),
    ("variables: [x]\n  function: x^2\n  wrt: y", "f has no variable y: it is not in variables (x)"),
])
def test_wrt_names_something_else(tmp_path, extra, says) -> None:
    lesson(tmp_path, f"- id: e\n  type: derivative\n  prompt: p\n  {extra}\n")
    found = messages(tmp_path)
    assert len(found) == 1 and says in found[0][2], found


@pytest.mark.parametrize("exercise", [
    "type: gradient\n  function: x^2 +* y\n  answer: (2x, 1)",
    "type: derivative\n  function: x^2 + sin(\n  wrt: x\n  answer: 2x + q",
    "type: derivative\n  function: x^2 +* y\n  wrt: z\n  answer: 2x",
    "type: value\n  compute: {partial: x^2 +* y, wrt: z, at: {x: 1, y: 2}}\n  answer: 2",
    "type: expression\n  expected: x^2 +* y\n  answer: x^2 + y",
])
def test_an_unreadable_expression_is_the_only_error_of_its_exercise(tmp_path, exercise) -> None:
    lesson(tmp_path, f"- id: e\n  prompt: p\n  {exercise}\n")
    found = messages(tmp_path)
    assert len(found) == 1, found
    assert found[0][0] == 8 and found[0][2].startswith("cannot read '")  # the expression's own line


def test_requiring_a_broken_lesson_is_not_a_second_error(tmp_path) -> None:
    (tmp_path / "01.yaml").write_text("id: first\ntitle: First\nsummary: s\nexercises: 3\n", encoding="utf-8")
    (tmp_path / "02.yaml").write_text("id: second\ntitle: Second\nsummary: s\nrequires: [first]\n",
                                      encoding="utf-8")
    errors = load_course(tmp_path).errors
    assert [e.path.rsplit("/", 1)[-1] for e in errors] == ["01.yaml"]


def test_text_in_braces_is_read_as_a_mapping_and_the_message_says_so(tmp_path) -> None:
    (tmp_path / "01.yaml").write_text("id: q\ntitle: {x + 1}\nsummary: [a, b]\n", encoding="utf-8")
    errors = load_course(tmp_path).errors
    assert [(e.line, e.message.split(" (")[0]) for e in errors] == [
        (2, "title: expected text, got a mapping"), (3, "summary: expected text, got a list of 2")]
    assert all("put text in quotes" in e.message for e in errors)


def test_requiring_a_lesson_whose_yaml_is_broken_is_not_a_second_error(tmp_path) -> None:
    (tmp_path / "01.yaml").write_text("id: first  # the basics\ntitle: First\npages:\n\t- title: a\n", encoding="utf-8")
    (tmp_path / "02.yaml").write_text("id: second\ntitle: Second\nsummary: s\nrequires: [first]\n",
                                      encoding="utf-8")
    errors = load_course(tmp_path).errors
    assert [(e.path.rsplit("/", 1)[-1], e.line) for e in errors] == [("01.yaml", 4)]

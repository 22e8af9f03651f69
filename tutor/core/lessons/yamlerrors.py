"""libyaml's syntax errors said as what to do: a tab, an indentation, a missing '- ', an open quote.

libyaml names the state its parser was in ("found character that cannot start any token"); a
teacher needs the mistake and its fix. Each common error is recognised by libyaml's words and the
text at its mark, and keeps a position (the opening quote or bracket for one never closed, since
libyaml notices those only where the file ends). Anything else keeps libyaml's words.
"""

from __future__ import annotations

import re

import yaml

from .safetext import name

# The reading budget (yamlcompose.py holds to it; PyYAML ≥ 6.0.4 has a flow-nesting limit of its own).
MAX_DEPTH = 40  # nested lists and mappings; a lesson nests 6 deep (exercises → item → compute → data → x → list)
TOO_DEEP = (f"lists and mappings nest more than {MAX_DEPTH} deep here; a lesson needs a few levels "
            "(exercises → compute → at): look for unclosed [ or {")

QUOTE_OR_BLOCK = "put the whole value in quotes (\"…\") or write it as a block (key: | and the text indented below)"


class YamlProblem(Exception):
    """A file that is not YAML a lesson can be read from; line and column are 1-based."""

    def __init__(self, message: str, mark=None, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1 if mark is not None else line
        self.column = mark.column + 1 if mark is not None else column


def explain(error: yaml.YAMLError, text: str) -> YamlProblem:
    """The YamlProblem for a PyYAML/libyaml error raised while reading `text`."""
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _line_column(text, error.position)
        return YamlProblem(f"{name(chr(error.character))} cannot be in a YAML file: remove it", None, line, column)
    if not isinstance(error, yaml.MarkedYAMLError):
        return YamlProblem(f"YAML: {error}")
    context, problem = error.context or "", error.problem or ""
    mark = error.problem_mark or error.context_mark
    opened = error.context_mark
    if "maximum nesting depth" in context + problem:  # PyYAML ≥ 6.0.4 stops deep flow nesting itself
        return YamlProblem(TOO_DEEP, mark)
    if "tab" in problem or (mark is not None and _char(text, mark) == "\t"):
        return YamlProblem("a tab indents this line, and YAML indents with spaces only: replace the tab with spaces", mark)
    if problem == "found character that cannot start any token":
        char = _char(text, mark)
        return YamlProblem(f"a value cannot start with '{char}' in YAML: {QUOTE_OR_BLOCK}", mark)
    if problem.startswith("did not find expected alphabetic or numeric character") and ("alias" in context or "anchor" in context):
        return YamlProblem(f"a value cannot start with '{_char(text, opened)}' in YAML (it marks an alias or an anchor): "
                           f"{QUOTE_OR_BLOCK}", opened)
    if problem.startswith("mapping keys are not allowed"):
        return YamlProblem(f"a value cannot start with '? ' in YAML: {QUOTE_OR_BLOCK}", mark)
    if problem.startswith("mapping values are not allowed"):
        return _colon(text, mark)
    if "quoted scalar" in context and problem == "found unexpected end of stream":
        return YamlProblem(f"this quote ({_char(text, opened)}) is never closed: add the closing quote where the "
                           "text ends", opened)
    if problem == "found unknown escape character":
        line = _line(text, mark)
        written = line[mark.column: mark.column + 2] if line[mark.column: mark.column + 1] == "\\" else "\\" + _char(text, mark)
        return YamlProblem(f"'{written}' is not an escape: in double quotes a backslash starts one. For "
                           "LaTeX, double the backslash (\\\\partial), or use single quotes or a block (|)", mark)
    if "hexdecimal" in problem:
        return YamlProblem("\\x, \\u and \\U in double quotes need hexadecimal digits after them; for a backslash "
                           "itself write \\\\ (or use single quotes or a block |)", mark)
    if "flow sequence" in context or "flow mapping" in context:
        bracket, close = ("[", "]") if "sequence" in context else ("{", "}")
        return YamlProblem(f"this {bracket} is not closed where expected (line {mark.line + 1}, column "
                           f"{mark.column + 1}): close it with {close}; if the value is text, {QUOTE_OR_BLOCK}", opened)
    if problem == "did not find expected '-' indicator":
        return YamlProblem(f"this line is neither a new item of the list that starts at line {opened.line + 1} "
                           "(add '- ' before it) nor lined up with the keys of the item above (indent it as "
                           "they are)", mark)
    if problem == "could not find expected ':'":
        return YamlProblem("this line is neither 'key: value' nor a list item: if it is an item, start it with "
                           "'- '; if it goes on from the text above, indent it further or quote that text", opened)
    if problem == "did not find expected key":
        return _after_value(text, mark)
    if "block scalar" in context:
        return YamlProblem("after | or > the text starts on the next line, indented; to keep it on this line, "
                           "put it in quotes", mark)
    if problem.startswith("expected <block end>"):
        return YamlProblem("this line is not lined up with the lines above it: keys of one mapping, and the "
                           "'- ' of one list, start in the same column", mark)
    if problem.startswith("could not determine a constructor for the tag"):
        return YamlProblem("tags (!!…) are not allowed: a lesson holds plain text, numbers, lists and mappings", mark)
    message = " ".join(filter(None, [context, problem])) or str(error)
    return YamlProblem(f"YAML syntax: {message}", mark)


def _colon(text: str, mark) -> YamlProblem:
    """': ' where it cannot start a key: inside an unquoted value, after a quote, or a line indented too far."""
    before = _line(text, mark)[: mark.column].strip()
    before = before[2:].lstrip() if before.startswith("- ") else before
    if re.match(r"[^\s\"'#][^#]*?:(\s|$)", before):
        return YamlProblem(f"a colon and a space inside an unquoted value start a key in YAML: {QUOTE_OR_BLOCK}", mark)
    if before[:1] in ("\"", "'"):
        return YamlProblem(f"text follows the closing quote: {QUOTE_OR_BLOCK}", mark)
    above = _line_above(text, mark)
    if re.match(r"\s*(-\s+)?[^\s:#\"'][^\s:]*:[^\s]", above) and ": " not in above:
        return YamlProblem("the line above has no space after its colon, so it is text, not a key: write "
                           "'key: value' with a space", mark)
    if _indent(_line(text, mark)) <= _indent(above):
        return YamlProblem("the line above is not a 'key: value' line (a key needs a colon and a space), so "
                           "this line cannot start a key here", mark)
    return YamlProblem("this line is indented further than the key above it: keys of one mapping start in the "
                       "same column (or, if the line above ends a value, check its quotes)", mark)


def _after_value(text: str, mark) -> YamlProblem:
    """'did not find expected key': text after a closed quote or bracket, or a line out of line."""
    before = _line(text, mark)[: mark.column].rstrip()
    if before.endswith(("\"", "'")):
        return YamlProblem(f"text follows the closing quote: {QUOTE_OR_BLOCK} (or, if a quote above is still "
                           "open, close it)", mark)
    if before.endswith(("]", "}")):
        return YamlProblem("text follows a closing bracket: a value that starts with [ or { is a YAML list or "
                           f"mapping; if it is text, {QUOTE_OR_BLOCK}", mark)
    return YamlProblem("this line is not lined up with the lines above it: keys of one mapping, and the '- ' "
                       "of one list, start in the same column", mark)


def _line(text: str, mark) -> str:
    return text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""


def _line_above(text: str, mark) -> str:
    """The nearest line above the mark's that holds something besides a comment."""
    lines = text.splitlines()
    for line in reversed(lines[: mark.line]):
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _char(text: str, mark) -> str:
    line = _line(text, mark) if mark is not None else ""
    return line[mark.column] if mark is not None and mark.column < len(line) else ""


def _line_column(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1

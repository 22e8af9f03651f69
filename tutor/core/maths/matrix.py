"""Matrices as people type them: `[[2, 1], [1, 2]]`, `[[2,1],[1,2]]`, `2, 1; 1, 2` or one row a line.

The grammar on top of the expression parser's: matrix := '[' row (',' row)* ']' | row (';' row)*,
a row being what `parse` reads as a vector (`[2, 1]`, `(2, 1)`, `2, 1`) or one entry. The rows are
found with the parser's own tokens, each row is read by `parse`, then built entry by entry: the
expression grammar itself is untouched (a vector inside an expression stays an error there).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .build import build
from .errors import ParseError
from .limits import DEFAULT_LIMITS, Limits
from .names import Vocabulary
from .nodes import Labeled, Node, Vector, walk
from .parser import parse
from .preview import preview
from .tokens import tokenize

MAX_SIDE = 10  # rows or columns: a matrix typed by hand is small; this keeps a paste from costing


@dataclass(frozen=True)
class MatrixTree:
    """A matrix as read: its rows of syntax trees, and notes on ambiguous readings."""

    rows: tuple[tuple[Node, ...], ...]
    notes: tuple[str, ...] = ()

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0])

    def preview(self) -> str:
        """[[2, 1], [1, 2]] as unicode, one bracketed row after another."""
        return "[" + ", ".join("[" + ", ".join(preview(e) for e in row) + "]" for row in self.rows) + "]"


def _split_rows(text: str) -> list[tuple[int, str]]:
    """(offset, piece) at each ';' or line break outside brackets; one piece when there is none."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([⟨{":
            depth += 1
        elif ch in ")]⟩}":
            depth = max(0, depth - 1)
        elif ch in ";\n" and depth == 0:
            pieces.append((start, text[start:i]))
            start = i + 1
    pieces.append((start, text[start:]))
    return [(offset, piece) for offset, piece in pieces if piece.strip()]


def _moved(error: ParseError, offset: int, row: int) -> ParseError:
    """The error of one row, with its column counted in the whole answer."""
    column = error.column + offset if error.column is not None else None
    return ParseError(f"row {row}: {error.message}", column, error.expected)


_OPEN, _CLOSE = ("(", "[", "<"), (")", "]", ">")


def _bracket_rows(text: str, limits: Limits) -> list[tuple[int, str]] | None:
    """The rows of `[[2, 1], [1, 2]]` as (offset, text), found with the parser's tokens; None when
    the text is not a bracket holding only bracketed rows separated by commas (then it is one row)."""
    tokens = tokenize(text, limits)
    if len(tokens) < 3 or not all(t.kind == "op" and t.text in _OPEN for t in tokens[:2]):
        return None
    depth, rows, start = 0, [], 0
    for i, tok in enumerate(tokens[:-1]):
        is_op = tok.kind == "op"
        if is_op and tok.text in _OPEN:
            depth += 1
            if depth == 2:
                start = tok.start
        elif is_op and tok.text in _CLOSE:
            depth -= 1
            if depth == 1:
                rows.append((start, text[start:tok.end]))
            elif depth == 0:
                return rows if i == len(tokens) - 2 else None  # the outer bracket closes the answer
        elif depth == 1 and not (is_op and tok.text == ","):
            return None  # something between the rows: [(x + 1)·2, 3] is one row
    return None  # never closed: the parser says where


def _entries(tree: Node) -> tuple[Node, ...]:
    return tree.items if isinstance(tree, Vector) else (tree,)


def parse_matrix(text: str, vocabulary: Vocabulary | None = None, limits: Limits = DEFAULT_LIMITS) -> MatrixTree:
    """Read a matrix; raises ParseError (with a column) for anything that is not one."""
    if len(text) > limits.max_length:
        parse(text, vocabulary, limits)  # the parser's own message for an answer over the length limit
    pieces = _split_rows(text)
    if not pieces:
        raise ParseError("the answer is empty", column=1, expected="a matrix such as [[2, 1], [1, 2]]")
    if len(pieces) == 1:
        pieces = _bracket_rows(text, limits) or pieces
    notes: list[str] = []
    rows = []
    for number, (offset, piece) in enumerate(pieces, start=1):
        try:
            parsed = parse(piece, vocabulary, limits)
        except ParseError as error:
            raise _moved(error, offset, number) if len(pieces) > 1 else error from error
        rows.append(_entries(parsed.tree))
        notes.extend(parsed.notes)
    for number, row in enumerate(rows, start=1):
        for entry in row:
            if any(isinstance(n, Labeled) for n in walk(entry)):
                raise ParseError(f"row {number}: a matrix entry has no name: type only numbers or "
                                 "expressions", column=entry.start + 1)
    width = len(rows[0])
    for number, (row, (offset, _)) in enumerate(zip(rows, pieces), start=1):
        if len(row) != width:
            entries = f"{len(row)} {'entry' if len(row) == 1 else 'entries'}"
            raise ParseError(f"row {number} has {entries} but row 1 has {width}: every row of a matrix has "
                             "as many entries", column=offset + 1)
    if len(rows) > MAX_SIDE or width > MAX_SIDE:
        raise ParseError(f"a matrix here has at most {MAX_SIDE} rows and {MAX_SIDE} columns")
    return MatrixTree(tuple(tuple(row) for row in rows), tuple(dict.fromkeys(notes)))


def build_matrix(tree: MatrixTree, limits: Limits = DEFAULT_LIMITS) -> tuple[tuple[sp.Expr, ...], ...]:
    """The sympy entries, row by row; raises EvaluationError or LimitError like `build`."""
    return tuple(build(Vector(row), limits).values for row in tree.rows)


def shape_text(shape: tuple[int, int]) -> str:
    return f"{shape[0]}×{shape[1]}"

"""Reading a loss's text: data columns are whole names, the other variables in order of appearance."""

from __future__ import annotations

from collections.abc import Sequence

from tutor.core.maths.calculus import parse_function
from tutor.core.maths.errors import ParseError
from tutor.core.maths.names import Vocabulary
from tutor.core.maths.nodes import Node, Var, Vector, walk
from tutor.core.maths.parser import parse


def read_loss(text: str, params: Sequence[str] | None, columns: tuple[str, ...]) -> tuple[Node, tuple[str, ...]]:
    """The tree and its variables in order of first appearance; raises MathsError for bad text.

    Declared `params` make every other name an error (as an exercise's variables do); otherwise
    names split into letters (`wx` is w·x) except the data columns (`hours` stays hours).
    """
    if params:
        return parse_function(text, tuple(dict.fromkeys([*params, *columns])))
    if not columns:
        return parse_function(text)
    tree = parse(text, Vocabulary(columns, unknown="split")).tree
    if isinstance(tree, Vector):
        raise ParseError("expected a single function, not a vector")
    first: dict[str, int] = {}
    for node in walk(tree):
        if isinstance(node, Var):
            first[node.name] = min(first.get(node.name, node.start), node.start)
    return tree, tuple(sorted(first, key=first.__getitem__))

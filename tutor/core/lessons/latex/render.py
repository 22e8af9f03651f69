"""Walks pylatexenc's nodes and writes each command as text a terminal can show."""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc import latexwalker as lw

from . import tables as T
from .layout import Block, bracket, grid
from .line import (
    HARD,
    PLACEHOLDERS,
    SCRIPTS,
    SOFT,
    Line,
    ends_operand,
    fraction,
    script,
    under_root,
)
from .parse import arguments, parse, split_rows, tokens

_ROOTS = {"": "√", "2": "√", "3": "∛", "4": "∜"}
_NO_PLACEHOLDERS = str.maketrans("", "", PLACEHOLDERS)


def latex_to_unicode(latex: str, display: bool = False) -> str:
    """Readable unicode for one maths fragment (no dollar signs); display maths may span lines."""
    return "\n".join(convert(latex, display)[0])


@lru_cache(maxsize=4096)
def convert(latex: str, display: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(lines of text, commands shown only by name, as `\\name` or `\\begin{name}`)."""
    latex = latex.translate(_NO_PLACEHOLDERS)
    renderer = _Renderer()
    try:
        rows = split_rows(parse(latex))
        if len(rows) > 1 or len(rows[0]) > 1:  # a bare \\ or & outside any environment
            result = renderer.table(rows, "aligned", display)
        else:
            result = renderer.line(rows[0][0], display=display)
    except Exception:  # noqa: BLE001 - pylatexenc documents no error set; the page must still show
        return (_plain(latex, renderer.unknown),), tuple(dict.fromkeys(renderer.unknown))
    lines = result.lines if isinstance(result, Block) else (result,)
    return tuple(line.rstrip() for line in lines), tuple(dict.fromkeys(renderer.unknown))


def _plain(latex: str, unknown: list[str]) -> str:
    """Last resort for input the parser gives up on (nesting too deep): names without backslashes."""
    unknown.extend(f"\\{name}" for name in re.findall(r"\\([A-Za-z]+)", latex) if not _known(name))
    text = re.sub(r"\\+([A-Za-z]*)", lambda m: m.group(1) or " ", latex)
    return " ".join(text.replace("{", "").replace("}", "").split())


def _known(name: str) -> bool:
    return not name.isalpha() or any(name in table for table in (
        T.RELATIONS, T.BINARY, T.FUNCTIONS, T.BIG_OPERATORS, T.ACCENTS, T.FRACTIONS, T.TRANSPARENT,
        T.TEXT, T.SPACES, T.SIZERS, T.IGNORED, T.SYMBOLS, T.LIBRARY_SYMBOLS, T.STRUCTURE,
    ))


def _flat(result: str | Block) -> str:
    return result if isinstance(result, str) else " ".join(result.lines)


class _Renderer:
    def __init__(self) -> None:
        self.unknown: list[str] = []

    def line(self, nodes: list, tight: bool = False, display: bool = False) -> str | Block:
        """Nodes as one line, or as a block when display maths holds a matrix.

        `tight` is for scripts and roots: no spaces around operators, so x^(n+1) stays one unit.
        """
        out = Line()
        self._emit(out, nodes, tight, display)
        return out.finish()

    def inline(self, node, tight: bool = False) -> str:
        return _flat(self.line([] if node is None else [node], tight))

    def _emit(self, out: Line, nodes: list, tight: bool, display: bool, text_mode: bool = False) -> None:
        items = tokens(nodes, text_mode)
        i = 0
        while i < len(items):
            item = items[i]
            i += 1
            if isinstance(item, str) and text_mode:
                out.add(HARD if item.isspace() else item)
            elif isinstance(item, str) and item in "^_":
                arg = items[i] if i < len(items) else None
                i += 1
                out.attach(script(self._script_text(arg), item == "^"))
            elif isinstance(item, str):
                self._char(out, item, items[i] if i < len(items) else None, tight)
            elif isinstance(item, lw.LatexMacroNode) and item.macroname in T.SIZERS:
                if i < len(items) and isinstance(items[i], str) and items[i] == ".":  # \left. draws nothing
                    i += 1
            elif isinstance(item, lw.LatexGroupNode):
                self._emit(out, item.nodelist, tight, display, text_mode)
            elif isinstance(item, lw.LatexMathNode):
                self._emit(out, item.nodelist, tight, False)
            elif isinstance(item, lw.LatexEnvironmentNode):
                self._environment(out, item, tight, display)
            elif isinstance(item, lw.LatexMacroNode):
                self._macro(out, item, tight, display, text_mode)
            else:  # a stray & outside a table
                out.add(" ")

    def _script_text(self, arg) -> str:
        if isinstance(arg, str):
            return {"-": "−", "'": "′"}.get(arg, arg)
        return self.inline(arg, tight=True)

    def _char(self, out: Line, ch: str, following, tight: bool) -> None:
        if ch in T.BINARY_CHARS:
            sign = "−" if ch == "-" else ch
            tail = out.tail()
            exponent = isinstance(following, str) and following.isdigit()
            scientific = tail[-1:] in ("e", "E") and tail[-2:-1].isdigit() and exponent
            binary = not tight and ends_operand(tail[-1:]) and not scientific  # a − b, but −b and 1e−5
            out.add(f" {sign} " if binary else sign)
        elif ch in T.RELATION_CHARS:
            out.add(ch if tight else f" {ch} ")
        elif ch in ",;":
            out.add(ch if tight else ch + " ")
        else:
            out.add({"'": "′", "~": HARD}.get(ch, ch))

    def _macro(self, out: Line, node, tight: bool, display: bool, text_mode: bool) -> None:
        name, args = node.macroname, arguments(node)
        if name in T.FRACTIONS:
            out.add(fraction(self.inline(args[0], tight), self.inline(args[1], tight)))
        elif name == "sqrt":
            index = self.inline(args[0], True)
            out.add((_ROOTS.get(index) or script(index, True) + "√") + under_root(self.inline(args[1], tight)))
        elif name in T.ACCENTS:
            mark = T.ACCENTS[name]
            body = self.inline(args[0], tight)
            out.add("".join(ch + mark if ch.isalnum() and ch not in SCRIPTS else ch for ch in body))
        elif name in T.TRANSPARENT:
            self._emit(out, args, tight, display, text_mode)
        elif name == "mathbb":
            out.add("".join(T.DOUBLE_STRUCK.get(ch, ch) for ch in self.inline(args[0], True)))
        elif name in T.TEXT:
            inner = Line()
            self._emit(inner, args[:1], tight, False, text_mode=True)
            text = _flat(inner.finish())
            if ends_operand(out.tail()[-1:]) and text[:1].isalnum():
                out.add(HARD)
            out.add(text.replace(" ", HARD) + SOFT)
        elif name == "operatorname" or name in T.FUNCTIONS:
            if out.tail()[-1:].isalnum():  # x ln x, not xln x
                out.add(HARD)
            out.add((self.inline(args[1], True) if name == "operatorname" else name) + SOFT)
        elif name in T.BIG_OPERATORS:
            out.add(T.BIG_OPERATORS[name] + SOFT)
        elif name in T.SPACES:
            out.add(HARD * T.SPACES[name])
        elif name in T.RELATIONS:
            out.add(T.RELATIONS[name] if tight else f" {T.RELATIONS[name]} ")
        elif name in T.BINARY:
            self._char(out, T.BINARY[name], None, tight)
        elif name in ("overset", "stackrel", "underset"):
            self._emit(out, args[1:2], tight, display)
            out.attach(script(self.inline(args[0], True), name != "underset"))
        elif name in T.IGNORED or name == "\\":
            out.add("" if name in T.IGNORED else " ")
        elif name in T.SYMBOLS or name in T.LIBRARY_SYMBOLS:
            out.add(T.SYMBOLS.get(name) or T.LIBRARY_SYMBOLS[name])
        elif not name.isalpha():  # \{ \} \$ \% \_ \# \&: the character itself
            out.add(name)
        else:
            # Never a raw \command on screen: its name and arguments, and a warning for the author.
            self.unknown.append(f"\\{name}")
            out.add(name + SOFT)
            self._emit(out, args, tight, display, text_mode)

    def _environment(self, out: Line, node, tight: bool, display: bool) -> None:
        name = node.environmentname
        if name not in T.MATRICES and name not in T.CASES and name not in T.ALIGNED:
            self.unknown.append(f"\\begin{{{name}}}")
        result = self.table(split_rows(node.nodelist), name, display and not tight)
        if isinstance(result, Block) and len(result.lines) > 1:
            out.add_block(result)
        else:
            out.add(_flat(result))

    def table(self, rows: list[list[list]], name: str, display: bool) -> str | Block:
        """A matrix, cases or aligned equations: a block in display maths, one line inline."""
        left, right = T.MATRICES.get(name) or T.CASES.get(name) or ("", "")
        if display:
            cells = [[self._block(cell) for cell in row] for row in rows]
            if name in T.MATRICES:
                return bracket(grid(cells, "c", "  "), left, right)
            if name in T.CASES:
                return bracket(grid(cells, "l", "  "), left, right)
            return grid(cells, "rl", " ")  # aligned: the relations line up at the &
        texts = [[_flat(self.line(cell)) for cell in row] for row in rows]
        if name in T.MATRICES:
            if (len(texts) == 1 or all(len(row) == 1 for row in texts)) and left in "[(":
                return "(" + ", ".join(t for row in texts for t in row) + ")"  # a vector, as a tuple
            return (left or "[") + "; ".join(", ".join(row) for row in texts) + (right or "]")
        if name in T.CASES:  # {x, x > 0; 0, otherwise}
            return "{" + "; ".join(", ".join(c.rstrip(",") for c in row) for row in texts) + "}"
        return "; ".join(" ".join(row) for row in texts)

    def _block(self, nodes: list) -> Block:
        result = self.line(nodes, display=True)
        return result if isinstance(result, Block) else Block((result,))

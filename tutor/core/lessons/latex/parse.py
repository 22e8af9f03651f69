"""A maths fragment as pylatexenc nodes, split into table rows and cells and single characters."""

from __future__ import annotations

from pylatexenc import latexwalker as lw
from pylatexenc.macrospec import MacroSpec, MacroStandardArgsParser, std_macro


def _context():
    # Only latex-base: the other default categories turn '' and -- into quotes and dashes, which
    # in maths are a double prime and two minus signs.
    db = lw.get_default_latex_context_db().filter_context(keep_categories=["latex-base"])
    text_arg = MacroStandardArgsParser("{", args_math_mode=[False])
    # Commands whose arguments pylatexenc does not know: without a spec, \dfrac{a}{b} would be
    # \dfrac followed by two unrelated groups.
    db.add_context_category("tutor", prepend=True, macros=[
        std_macro("operatorname", "*{"),
        std_macro("tag", "*{"),
        *(std_macro(name, False, 2) for name in ("dfrac", "tfrac", "cfrac", "overset", "underset", "stackrel")),
        *(std_macro(name, False, 1) for name in ("boldsymbol", "bm", "pmb", "boxed", "cancel", "phantom")),
        *(MacroSpec(name, args_parser=text_arg) for name in ("textnormal", "hbox")),
    ])
    return db


_CONTEXT = _context()


def parse(latex: str) -> list:
    """The nodes of one maths fragment; tolerant, so unbalanced braces still give nodes."""
    walker = lw.LatexWalker(latex, latex_context=_CONTEXT, tolerant_parsing=True)
    state = walker.make_parsing_state(in_math_mode=True)
    return walker.get_latex_nodes(pos=0, parsing_state=state)[0] or []


def split_rows(nodes: list) -> list[list[list]]:
    """Rows (split at \\\\) of cells (split at &) of nodes; a trailing empty row is dropped."""
    rows: list[list[list]] = [[[]]]
    for node in nodes:
        if isinstance(node, lw.LatexMacroNode) and node.macroname == "\\":
            rows.append([[]])
        elif isinstance(node, lw.LatexSpecialsNode) and node.specials_chars == "&":
            rows[-1].append([])
        else:
            rows[-1][-1].append(node)
    while len(rows) > 1 and all(_blank(cell) for cell in rows[-1]):
        rows.pop()
    return rows


def tokens(nodes: list, text_mode: bool) -> list:
    """Nodes with their characters split out; maths ignores spaces, as TeX does."""
    out: list = []
    for node in nodes:
        if isinstance(node, lw.LatexCharsNode):
            out.extend(ch for ch in node.chars if text_mode or not ch.isspace())
        elif node is not None and not isinstance(node, lw.LatexCommentNode):
            out.append(node)
    return out


def arguments(node) -> list:
    """A command's parsed arguments, None where one is missing (at least two entries)."""
    args = list(node.nodeargd.argnlist or []) if node.nodeargd else []
    return args + [None] * (2 - len(args))


def _blank(nodes: list) -> bool:
    return all(isinstance(n, lw.LatexCommentNode) or (isinstance(n, lw.LatexCharsNode) and not n.chars.strip())
               for n in nodes)

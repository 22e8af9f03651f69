"""Multi-line text blocks for display maths: side by side, in a grid, inside tall brackets."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .tables import PIECES


@dataclass(frozen=True)
class Block:
    """Lines drawn together; `base` is the line that sits level with the text around the block."""

    lines: tuple[str, ...]
    base: int = 0

    @property
    def width(self) -> int:
        return max(map(width, self.lines), default=0)


def width(text: str) -> int:
    """Terminal cells `text` takes: combining accents (ŷ, x̄) take none."""
    return sum(1 for ch in text if not unicodedata.combining(ch))


def pad(text: str, size: int, align: str = "l") -> str:
    gap = max(0, size - width(text))
    if align == "r":
        return " " * gap + text
    if align == "c":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def hcat(blocks: list[Block]) -> Block:
    """Blocks side by side, their base lines level."""
    above = max(b.base for b in blocks)
    below = max(len(b.lines) - 1 - b.base for b in blocks)
    rows = [""] * (above + below + 1)
    for block in blocks:
        top, size = above - block.base, block.width
        for r in range(len(rows)):
            k = r - top
            rows[r] += pad(block.lines[k] if 0 <= k < len(block.lines) else "", size)
    return Block(tuple(row.rstrip() for row in rows), above)


def grid(rows: list[list[Block]], aligns: str, sep: str) -> Block:
    """A table of blocks; column c is aligned by aligns[c % len(aligns)] (l, r or c)."""
    ncols = max(len(row) for row in rows)
    empty = Block(("",))
    rows = [row + [empty] * (ncols - len(row)) for row in rows]
    widths = [max(row[c].width for row in rows) for c in range(ncols)]
    lines: list[str] = []
    for row in rows:
        above = max(cell.base for cell in row)
        below = max(len(cell.lines) - 1 - cell.base for cell in row)
        for k in range(-above, below + 1):
            lines.append(sep.join(
                pad(_line_at(cell, cell.base + k), widths[c], aligns[c % len(aligns)])
                for c, cell in enumerate(row)
            ))
    return Block(tuple(lines), (len(lines) - 1) // 2)


def bracket(block: Block, left: str, right: str) -> Block:
    """`block` between brackets as tall as it is (⎡ ⎢ ⎣ for three lines, [ ] for one)."""
    size = block.width
    lines = tuple(
        (_piece(left, i, len(block.lines)) + " " if left else "")
        + pad(line, size)
        + (" " + _piece(right, i, len(block.lines)) if right else "")
        for i, line in enumerate(block.lines)
    )
    return Block(lines, block.base)


def _line_at(block: Block, k: int) -> str:
    return block.lines[k] if 0 <= k < len(block.lines) else ""


def _piece(kind: str, i: int, height: int) -> str:
    top, middle, bottom, centre, single = PIECES[kind]
    if height == 1:
        return single
    if i == 0:
        return top
    if i == height - 1:
        return bottom
    return centre if i == (height - 1) // 2 else middle

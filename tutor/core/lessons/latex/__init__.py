"""LaTeX maths as terminal unicode: pylatexenc parses a fragment, these modules lay it out.

Inline maths is always one line; a matrix there reads (a, b) for a vector and [a, b; c, d]
otherwise. Display maths may be a block: matrices stand in tall brackets (⎡ ⎢ ⎣), aligned
equations and cases on lines of their own.
"""

from .render import convert, latex_to_unicode

__all__ = ["convert", "latex_to_unicode"]

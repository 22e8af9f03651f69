"""What each LaTeX maths command becomes in a terminal: the tables the renderer looks up."""

from __future__ import annotations

from pylatexenc.latex2text import get_default_latex_context_db

# Scripts: a terminal has no raised text, only these characters. Subscript j, superscript q and V,
# and Greek scripts are left out on purpose: many terminal fonts lack them.
SUPERSCRIPT = dict(
    zip(
        "0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUW⊤′*∗",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁᵂᵀ′**",
        strict=True,
    )
)
SUBSCRIPT = dict(zip("0123456789+-−=()aehiklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True))

# Spaced on both sides, as TeX spaces relations.
RELATIONS = {
    "to": "→", "rightarrow": "→", "longrightarrow": "⟶", "Rightarrow": "⇒", "Longrightarrow": "⟹",
    "leftarrow": "←", "longleftarrow": "⟵", "gets": "←", "Leftarrow": "⇐", "mapsto": "↦",
    "leftrightarrow": "↔", "iff": "⟺", "implies": "⟹", "approx": "≈", "neq": "≠", "ne": "≠",
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "ll": "≪", "gg": "≫", "equiv": "≡", "sim": "∼",
    "simeq": "≃", "propto": "∝", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆",
    "coloneqq": "≔", "triangleq": "≜",
}
# Spaced when binary, tight when a sign (−x, ±1).
BINARY = {"times": "×", "pm": "±", "mp": "∓", "div": "÷", "cup": "∪", "cap": "∩", "oplus": "⊕",
          "otimes": "⊗", "setminus": "∖", "circ": "∘", "odot": "⊙", "land": "∧", "lor": "∨",
          "wedge": "∧", "vee": "∨"}
RELATION_CHARS = set("=<>:") | set(RELATIONS.values())
BINARY_CHARS = set("+-−") | set(BINARY.values())

# Words set upright and followed by a space before a bare argument: ln x, but ln(x).
FUNCTIONS = {
    "ln", "log", "exp", "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan",
    "sinh", "cosh", "tanh", "max", "min", "sup", "inf", "lim", "det", "arg", "argmax", "argmin",
    "gcd", "deg", "dim", "ker", "Pr", "sgn", "limsup", "liminf", "tr", "diag", "softmax",
}
BIG_OPERATORS = {"sum": "Σ", "prod": "Π", "int": "∫", "iint": "∬", "oint": "∮", "bigcup": "⋃",
                 "bigcap": "⋂"}
ACCENTS = {  # combining marks put after each character of the argument
    "hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305", "tilde": "\u0303",
    "widetilde": "\u0303", "vec": "\u20d7", "overrightarrow": "\u20d7", "dot": "\u0307",
    "ddot": "\u0308", "check": "\u030c", "breve": "\u0306", "acute": "\u0301", "grave": "\u0300",
    "underline": "\u0332", "not": "\u0338",
}
FRACTIONS = {"frac", "dfrac", "tfrac", "cfrac"}
STRUCTURE = {"sqrt", "mathbb", "operatorname", "overset", "underset", "stackrel"}  # handled in render.py
# Fonts and boxes a terminal cannot show: only their content is kept.
TRANSPARENT = {
    "mathbf", "mathrm", "mathit", "mathsf", "mathtt", "mathcal", "mathscr", "mathfrak", "boldsymbol",
    "bm", "pmb", "mathnormal", "boxed", "ensuremath", "displaystyle", "textstyle", "cancel",
}
TEXT = {"text", "textrm", "textbf", "textit", "textsf", "texttt", "textnormal", "textup", "emph",
        "mbox", "hbox"}
DOUBLE_STRUCK = dict(zip("RNZQC", "ℝℕℤℚℂ", strict=True))  # not 𝔼: outside most terminal fonts
SPACES = {",": 1, ":": 1, ">": 1, ";": 1, " ": 1, "quad": 2, "qquad": 4, "!": 0, "enspace": 1}
# \left( is just (; the size commands only scale the delimiter that follows.
SIZERS = {"left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
          "biggl", "biggr", "Biggl", "Biggr"}
IGNORED = {"label", "nonumber", "notag", "limits", "nolimits", "hline", "phantom", "hphantom",
           "vphantom", "tag", "centering", "scriptstyle", "strut", "color", "hspace", "vspace"}
SYMBOLS = {  # where pylatexenc's choice is not what a learner should see
    "epsilon": "ε", "phi": "φ", "cdots": "…", "ldots": "…", "dots": "…", "prime": "′",
    "top": "⊤", "intercal": "⊤", "colon": ":", "lbrace": "{", "rbrace": "}", "|": "‖",
    "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖", "Vert": "‖", "vert": "|",
    "emptyset": "∅", "varnothing": "∅", "partial": "∂", "nabla": "∇", "infty": "∞", "ell": "ℓ",
    "cdot": "·", "ast": "∗", "star": "⋆", "dagger": "†", "lfloor": "⌊", "rfloor": "⌋",
    "lceil": "⌈", "rceil": "⌉", "langle": "⟨", "rangle": "⟩", "forall": "∀",
    "exists": "∃", "neg": "¬", "lnot": "¬", "hbar": "ħ", "Re": "ℜ", "Im": "ℑ",
    "backslash": "∖",  # a real \ before letters would read as a command left raw
}


def _library_symbols() -> dict[str, str]:
    # pylatexenc's latex2text knows a few hundred plain symbols (all Greek letters, arrows, set
    # operators…); only its constant replacements are taken, never its formatting callbacks.
    db = get_default_latex_context_db().filter_context(keep_categories=["latex-base", "advanced-symbols"])
    found = {}
    for spec in db.iter_macro_specs():
        repl = getattr(spec, "simplify_repl", None)
        if isinstance(repl, str) and "%" not in repl and spec.macroname.isalpha():
            found[spec.macroname] = repl
    return found


LIBRARY_SYMBOLS = _library_symbols()

# Environments laid out as a grid: (left bracket, right bracket).
MATRICES = {
    "matrix": ("", ""), "smallmatrix": ("", ""), "bmatrix": ("[", "]"), "bsmallmatrix": ("[", "]"),
    "pmatrix": ("(", ")"), "psmallmatrix": ("(", ")"), "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"),
    "Bmatrix": ("{", "}"), "array": ("", ""),
}
CASES = {"cases": ("{", ""), "dcases": ("{", ""), "rcases": ("", "}")}
ALIGNED = {"aligned", "align", "align*", "alignat", "alignat*", "gather", "gather*", "gathered",
           "split", "equation", "equation*", "eqnarray", "eqnarray*", "multline", "multline*",
           "flalign", "flalign*", "alignedat"}
# Bracket pieces for a block of several lines: (top, middle, bottom, centre, single line).
PIECES = {
    "[": ("⎡", "⎢", "⎣", "⎢", "["), "]": ("⎤", "⎥", "⎦", "⎥", "]"),
    "(": ("⎛", "⎜", "⎝", "⎜", "("), ")": ("⎞", "⎟", "⎠", "⎟", ")"),
    "{": ("⎧", "⎪", "⎩", "⎨", "{"), "}": ("⎫", "⎪", "⎭", "⎬", "}"),
    "|": ("│", "│", "│", "│", "|"), "‖": ("‖", "‖", "‖", "‖", "‖"),
}

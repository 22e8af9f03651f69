"""Lesson prose in a terminal: LaTeX maths as unicode, the rest of the Markdown left alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.core.lessons.latex import convert
from tutor.core.lessons.prose import latex_to_unicode, render_prose, unknown_commands

RAW_COMMAND = re.compile(r"\\[A-Za-z]")
PLACEHOLDER = re.compile("[\x01-\x04]")
# The study notes beside the checkout (../shared/seed), where CI puts them.
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_dc192cf75ff3e4d4.txt"

GRADIENT = r"\nabla f = \begin{bmatrix} \frac{\partial f}{\partial x} \\ \frac{\partial f}{\partial y} \end{bmatrix}"


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (r"\frac{\partial f}{\partial x}", "∂f/∂x"),
        (r"\frac{a+b}{c}", "(a + b)/c"),
        (r"\frac{a}{b+c}", "a/(b + c)"),
        (r"\frac{1}{2x}", "1/(2x)"),
        (r"\frac{1}{2}x^2", "(1/2)x²"),
        (r"\frac{\partial^2 f}{\partial x \partial y}", "∂²f/∂x∂y"),
        (r"\frac{dy}{dx}", "dy/dx"),
        (r"\dfrac{a}{b}", "a/b"),
        (r"\partial", "∂"),
        (r"\nabla f", "∇f"),
        ("x^{2}", "x²"),
        ("x^2", "x²"),
        ("x^{-1}", "x⁻¹"),
        ("x^{10}", "x¹⁰"),
        ("x^n", "xⁿ"),
        ("x^{n+1}", "x^(n+1)"),
        ("e^{-x}", "e^(−x)"),
        ("e^{wx+b}", "e^(wx+b)"),
        (r"x^{\alpha}", "x^(α)"),
        (r"w^\top x", "wᵀx"),
        (r"\theta^*", "θ*"),
        ("x_1", "x₁"),
        ("x_{12}", "x₁₂"),
        ("w_{i}", "wᵢ"),
        ("w_{ij}", "w_(ij)"),
        ("x_i^2", "xᵢ²"),
        (r"\theta_{\text{new}}", "θ_(new)"),
        (r"\alpha", "α"),
        (r"\beta", "β"),
        (r"\gamma", "γ"),
        (r"\delta", "δ"),
        (r"\epsilon", "ε"),
        (r"\eta", "η"),
        (r"\theta", "θ"),
        (r"\lambda", "λ"),
        (r"\mu", "μ"),
        (r"\pi", "π"),
        (r"\sigma", "σ"),
        (r"\phi", "φ"),
        (r"\omega", "ω"),
        (r"\Delta", "Δ"),
        (r"\Sigma", "Σ"),
        (r"\Omega", "Ω"),
        (r"w \cdot x", "w·x"),
        (r"a \times b", "a × b"),
        (r"a \longrightarrow b", "a ⟶ b"),
        (r"a \rightarrow b", "a → b"),
        (r"h \to 0", "h → 0"),
        (r"w \leftarrow w - \eta g", "w ← w − ηg"),
        (r"a \approx b", "a ≈ b"),
        (r"a \neq b", "a ≠ b"),
        (r"a \leq b \geq c", "a ≤ b ≥ c"),
        (r"\sqrt{x}", "√x"),
        (r"\sqrt{x+1}", "√(x + 1)"),
        (r"\sqrt{2x}", "√(2x)"),
        (r"\sqrt[3]{x}", "∛x"),
        (r"\sum_{i=1}^{n} x_i", "Σᵢ₌₁ⁿ xᵢ"),
        (r"\sum_{j=1}^{m} w_{j}", "Σ_(j=1)ᵐ w_(j)"),
        (r"\mathbf{w}", "w"),
        (r"\mathrm{d}x", "dx"),
        (r"x \text{ if } x > 0", "x if x > 0"),
        (r"\operatorname{softplus}(x)", "softplus(x)"),
        (r"\left( a+b \right)", "(a + b)"),
        (r"\left. f \right|_{0}", "f|₀"),
        (r"a\,b", "a b"),
        (r"a\;b", "a b"),
        (r"a \quad b", "a  b"),
        (r"\ln x", "ln x"),
        (r"\ln(x)", "ln(x)"),
        (r"\log x", "log x"),
        (r"\exp(wx+b)", "exp(wx + b)"),
        (r"\sin x + \cos y", "sin x + cos y"),
        (r"x \ln x", "x ln x"),
        (r"\sin^2 x", "sin² x"),
        (r"\infty", "∞"),
        (r"\pm 1", "±1"),
        (r"a \pm b", "a ± b"),
        (r"x \in \mathbb{R}", "x ∈ ℝ"),
        (r"x_1, \ldots, x_n", "x₁, …, xₙ"),
        (r"x_1 + \cdots + x_n", "x₁ + … + xₙ"),
        (r"\hat{y}", "ŷ"),
        (r"\bar{x}", "x̄"),
        (r"\sigma(z)", "σ(z)"),
        (r"\sigma(z) = \frac{1}{1 + e^{-z}}", "σ(z) = 1/(1 + e^(−z))"),
        ("-x - y", "−x − y"),
        ("a−b", "a − b"),
        ("(-4, -2)", "(−4, −2)"),
        ("h = 1e-5", "h = 1e−5"),
        ("f'(x)", "f′(x)"),
        (r"\{a\}", "{a}"),
        (r"\$5", "$5"),
        (r"\begin{bmatrix} a \\ b \end{bmatrix}", "(a, b)"),
        (r"\begin{pmatrix} a \\ b \end{pmatrix}", "(a, b)"),
        (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "[1, 2; 3, 4]"),
        (r"\begin{vmatrix} a & b \\ c & d \end{vmatrix}", "|a, b; c, d|"),
        (r"\begin{aligned} f &= x^2 \\ g &= y \end{aligned}", "f = x²; g = y"),
        (r"\begin{cases} x, & x > 0 \\ 0 & \text{otherwise} \end{cases}", "{x, x > 0; 0, otherwise}"),
    ],
)
def test_inline_fragment(latex: str, expected: str) -> None:
    assert latex_to_unicode(latex) == expected


def test_inline_column_vector_reads_as_a_tuple() -> None:
    assert latex_to_unicode(GRADIENT) == "∇f = (∂f/∂x, ∂f/∂y)"


def test_display_column_vector_stands_in_tall_brackets() -> None:
    assert latex_to_unicode(GRADIENT, display=True).splitlines() == [
        "∇f = ⎡ ∂f/∂x ⎤",
        "     ⎣ ∂f/∂y ⎦",
    ]


def test_display_brackets_for_three_rows_and_for_one() -> None:
    three = r"\begin{bmatrix} a \\ b \\ c \end{bmatrix}"
    assert latex_to_unicode(three, display=True).splitlines() == ["⎡ a ⎤", "⎢ b ⎥", "⎣ c ⎦"]
    assert latex_to_unicode(r"\begin{bmatrix} a \end{bmatrix}", display=True) == "[ a ]"
    paren = r"\begin{pmatrix} a \\ b \\ c \end{pmatrix}"
    assert latex_to_unicode(paren, display=True).splitlines() == ["⎛ a ⎞", "⎜ b ⎟", "⎝ c ⎠"]


def test_display_matrix_columns_line_up() -> None:
    text = latex_to_unicode(r"A = \begin{pmatrix} 1 & 20 \\ 300 & 4 \end{pmatrix}", display=True)
    assert text.splitlines() == [
        "A = ⎛  1   20 ⎞",
        "    ⎝ 300  4  ⎠",
    ]


def test_display_aligned_equations_are_lines_lined_up_at_the_relation() -> None:
    text = latex_to_unicode(r"\begin{aligned} f(x) &= x^2 + 2x \\ &= 3 \end{aligned}", display=True)
    assert text.splitlines() == ["f(x) = x² + 2x", "     = 3"]
    assert latex_to_unicode(r"\begin{align*} a &= 1 \\ bb &= 2 \end{align*}", display=True).splitlines() == [
        " a = 1",
        "bb = 2",
    ]


def test_display_cases_and_determinant() -> None:
    cases = r"|x| = \begin{cases} x & x \geq 0 \\ -x & \text{otherwise} \end{cases}"
    assert latex_to_unicode(cases, display=True).splitlines() == ["|x| = ⎧ x   x ≥ 0", "      ⎩ −x  otherwise"]
    det = r"\begin{vmatrix} a & b \\ c & d \end{vmatrix} = ad - bc"
    assert latex_to_unicode(det, display=True).splitlines() == ["│ a  b │ = ad − bc", "│ c  d │"]


# Every maths fragment in the study notes the course is built from, and what it must read as.
SEED_FRAGMENTS = [
    ("f(x, y)", "f(x, y)"),
    (r"\frac{\partial f}{\partial x} \longrightarrow", "∂f/∂x ⟶"),
    ("y", "y"),
    (r"\frac{\partial f}{\partial y} \longrightarrow", "∂f/∂y ⟶"),
    ("x", "x"),
    ("f(x, y) = x^2 + 3y", "f(x, y) = x² + 3y"),
    (r"\frac{\partial f}{\partial x} = 2x", "∂f/∂x = 2x"),
    (r"\frac{\partial f}{\partial y} = 3", "∂f/∂y = 3"),
    (GRADIENT, "∇f = (∂f/∂x, ∂f/∂y)"),
    ("f(x,y) = x^{2}+xy+y^{2}", "f(x, y) = x² + xy + y²"),
    (r"\frac{\partial f}{\partial x} = 2x+y", "∂f/∂x = 2x + y"),
    (r"\frac{\partial f}{\partial y} = x+2y", "∂f/∂y = x + 2y"),
    ("L(w,b) = (wx+b-y)^{2}", "L(w, b) = (wx + b − y)²"),
    (r"\frac{\partial L}{\partial w} = 2(wx+b−y)x", "∂L/∂w = 2(wx + b − y)x"),
    (r"\frac{\partial L}{\partial b} = 2(wx+b−y) ", "∂L/∂b = 2(wx + b − y)"),
    ("f(x, y) = x^2 + y^2", "f(x, y) = x² + y²"),
    ("(1, 1)", "(1, 1)"),
    ("f(x, y) = 3x^2y + 2y", "f(x, y) = 3x²y + 2y"),
]


@pytest.mark.parametrize(("latex", "expected"), SEED_FRAGMENTS)
def test_seed_fragment(latex: str, expected: str) -> None:
    for display in (False, True):
        lines, unknown = convert(latex, display)
        assert not RAW_COMMAND.search("\n".join(lines))
        assert unknown == ()
    assert latex_to_unicode(latex) == expected


SEED_PAGE = r"""# 2. Core Idea (Must Understand)

$$f(x, y)$$

* $\frac{\partial f}{\partial x} \longrightarrow$ treat $y$ as **constant**
* $\frac{\partial f}{\partial y} \longrightarrow$ treat $x$ as **constant**

Given the function:
$$f(x, y) = x^2 + 3y$$

The **gradient** collects all partial derivatives into a single vector.
$$\nabla f = \begin{bmatrix} \frac{\partial f}{\partial x} \\ \frac{\partial f}{\partial y} \end{bmatrix}$$

#### 5. $$f(x,y) = x^{2}+xy+y^{2}$$

$$L(w,b) = (wx+b-y)^{2}$$

$$\frac{\partial L}{\partial w} = 2(wx+b−y)x$$

1.  **Compute partial derivatives of:**
    $$f(x, y) = x^2 + y^2$$
2.  **Evaluate gradient at $(1, 1)$** (using the partial derivatives from Q1).
"""


def test_seed_page_renders_as_readable_text() -> None:
    assert render_prose(SEED_PAGE).splitlines() == [
        "# 2. Core Idea (Must Understand)",
        "",
        "  f(x, y)",
        "",
        "* ∂f/∂x ⟶ treat y as **constant**",
        "* ∂f/∂y ⟶ treat x as **constant**",
        "",
        "Given the function:",
        "  f(x, y) = x² + 3y",
        "",
        "The **gradient** collects all partial derivatives into a single vector.",
        "  ∇f = ⎡ ∂f/∂x ⎤",
        "       ⎣ ∂f/∂y ⎦",
        "",
        "#### 5. f(x, y) = x² + xy + y²",
        "",
        "  L(w, b) = (wx + b − y)²",
        "",
        "  ∂L/∂w = 2(wx + b − y)x",
        "",
        "1.  **Compute partial derivatives of:**",
        "      f(x, y) = x² + y²",
        "2.  **Evaluate gradient at (1, 1)** (using the partial derivatives from Q1).",
    ]
    assert unknown_commands(SEED_PAGE) == []


@pytest.mark.skipif(not SEED.exists(), reason="the study notes ../shared/seed are not beside this checkout")
def test_whole_seed_notebook_renders_without_latex_left() -> None:
    notes = SEED.read_text(encoding="utf-8")
    shown = render_prose(notes)
    assert not RAW_COMMAND.search(shown)
    assert "$" not in shown
    assert unknown_commands(notes) == []
    assert "(4, 5)" in shown and "return 2*x" in shown  # the notebook's code and outputs, untouched


def test_unknown_commands_never_show_raw() -> None:
    page = (
        r"Odd: $\foo{x} + \weird$ and $$\begin{strange} a \\ b \end{strange}$$ and $\underbrace{x}$ "
        r"and $\text{\bogus}$ and $\mathcal{L}(\mathbf{w}) \coloneqq \tfrac{1}{2}$."
    )
    shown = render_prose(page)
    assert not RAW_COMMAND.search(shown)
    assert not PLACEHOLDER.search(shown)
    assert "foo x + weird" in shown
    assert "L(w) ≔ 1/2" in shown


def test_unknown_commands_lists_each_once_in_order() -> None:
    page = "$\\foo + \\bar{x}$ then $$\\begin{weird} a \\end{weird}$$ and $\\foo$ and `$\\incode$`"
    assert unknown_commands(page) == ["\\foo", "\\begin{weird}"]
    assert unknown_commands("No maths here, \\alpha outside dollars is prose.") == []
    assert unknown_commands("```\n$\\nothere$\n```\n") == []


def test_inline_and_display_placement() -> None:
    assert render_prose("so $x^2$ grows") == "so x² grows"
    assert render_prose("Given:\n$$a+b$$\nthen") == "Given:\n  a + b\nthen"
    assert render_prose("$$\n\\frac{a}{b}\n$$") == "  a/b"
    # A block beside other text breaks out onto lines of its own.
    block = r"See $$\begin{bmatrix} a \\ b \end{bmatrix}$$ here."
    assert render_prose(block) == "See\n  ⎡ a ⎤\n  ⎣ b ⎦\nhere."


def test_code_is_never_touched() -> None:
    page = "```python\nprint('$x$', r'\\frac{a}{b}')\n```\nand `cost = $5` and ~~~\n"
    assert render_prose(page) == page
    tilde = "~~~\n$$a^2$$\n~~~\n$a^2$\n"
    assert render_prose(tilde) == "~~~\n$$a^2$$\n~~~\na²\n"
    unclosed = "$a$\n```\n$b$\n"
    assert render_prose(unclosed) == "a\n```\n$b$\n"
    double = "``a `$x$` b`` $y$"
    assert render_prose(double) == "``a `$x$` b`` y"
    in_list = "1. Run:\n\n    ```sh\n    echo $HOME $x$\n    ```\n2. $x$\n"
    assert render_prose(in_list) == "1. Run:\n\n    ```sh\n    echo $HOME $x$\n    ```\n2. x\n"


def test_dollars_that_are_not_maths() -> None:
    assert render_prose(r"It costs \$5, or \$x\$.") == "It costs $5, or $x$."
    assert render_prose("$5 and $10") == "$5 and $10"
    assert render_prose("a lone $ sign") == "a lone $ sign"
    assert render_prose("unclosed $x") == "unclosed $x"
    assert render_prose("unclosed $$x^2") == "unclosed $$x^2"
    assert render_prose("$x$ then $") == "x then $"
    assert render_prose("$a\n\nb$") == "$a\n\nb$"
    assert render_prose("") == ""


def test_hostile_fragments_give_text_not_errors() -> None:
    for latex in ["{" * 3000 + "x" + "}" * 3000, r"\frac", r"\frac{a}", r"\sqrt", "x^", "}}}", "\x01\x03x\x04",
                  r"\begin{bmatrix}" * 50, r"\left(" * 200, r"\text{" * 300, "&&&", r"\\\\"]:
        text = latex_to_unicode(latex, display=True)
        assert not RAW_COMMAND.search(text)
        assert not PLACEHOLDER.search(text)


_TOKENS = st.sampled_from([
    "x", "y", "2", "+", "-", "=", ",", "(", ")", "{", "}", "^", "_", "&", r"\\", " ", "'", ".", "|",
    r"\frac", r"\sqrt", r"\partial", r"\nabla", r"\alpha", r"\hat", r"\text", r"\left", r"\right",
    r"\begin{bmatrix}", r"\end{bmatrix}", r"\begin{aligned}", r"\end{aligned}", r"\sum", r"\ln",
    r"\foo", r"\mathbf", r"\operatorname", r"\,", r"\$", "$", "\\",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TOKENS, max_size=30).map("".join))
def test_any_fragment_renders_to_plain_text(latex: str) -> None:
    inline = latex_to_unicode(latex)
    assert "\n" not in inline
    for text in (inline, latex_to_unicode(latex, display=True)):
        assert not RAW_COMMAND.search(text)
        assert not PLACEHOLDER.search(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="$`\\ \nab~x^{}", max_size=40))
def test_any_markdown_renders(markdown: str) -> None:
    shown = render_prose(markdown)
    assert not PLACEHOLDER.search(shown)
    if "$" not in markdown:
        assert shown == markdown
    unknown_commands(markdown)


def test_rendering_is_deterministic() -> None:
    convert.cache_clear()
    first = render_prose(SEED_PAGE)
    convert.cache_clear()
    assert render_prose(SEED_PAGE) == first

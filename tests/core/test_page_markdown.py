"""A page as the Markdown view gets it: prepared once, in the core, with the core's own idea of code."""

from __future__ import annotations

from tutor.core.lessons.prose import page_markdown


def test_maths_inside_any_fenced_block_is_left_alone() -> None:
    page = "Text $x^2$.\n\n- item\n\n  ````\n  $y^2$ and ```\n  ````\n\n~~~\n$$z$$\n~~~\n"
    out = page_markdown(page)
    assert "x²" in out
    assert "$y^2$ and ```" in out and "$$z$$" in out  # a longer fence holds a shorter one; ~~~ too


def test_a_column_vector_keeps_its_columns_in_a_preformatted_block() -> None:
    out = page_markdown("The gradient:\n\n$$\\begin{bmatrix} 2x \\\\ 3 \\end{bmatrix}$$\n\nThen more.")
    assert "```text\n⎡ 2x ⎤\n⎣ 3  ⎦\n```" in out  # the brackets line up, one row a line
    assert out.startswith("The gradient:") and out.rstrip().endswith("Then more.")


def test_a_one_line_display_stays_text_and_code_and_output_follow() -> None:
    out = page_markdown("$$f(x) = x^2$$", code="print(1)", output="1")
    assert "f(x) = x²" in out and "```text" not in out.split("```python")[0]
    assert "```python\nprint(1)\n```" in out and "```text\n1\n```" in out

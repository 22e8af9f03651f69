"""The bundled course's code blocks print what their pages say they print, with the numpy installed here.

Run like a notebook: a lesson's blocks in order in one namespace, the last expression's value shown
as Jupyter shows it (its repr). numpy 2 shows np.float64(-1.0) in a tuple where numpy 1 showed -1.0:
a page's printed output must be what a learner running the code sees.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tutor.core.lessons.loader import load_course

RUNNER = r"""
import ast, contextlib, io, json, sys
blocks = json.load(sys.stdin)
space, out = {}, []
for code in blocks:
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(tree, "<page>", "exec"), space)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<page>", "eval"), space)
            if value is not None:
                print(repr(value))
    out.append(buffer.getvalue())
json.dump(out, sys.stdout)
"""


def test_every_page_prints_what_it_says() -> None:
    wrong = []
    for lesson in load_course().lessons:
        pages = [p for p in lesson.lesson.pages if p.code]
        if not pages:
            continue
        run = subprocess.run([sys.executable, "-c", RUNNER], input=json.dumps([p.code for p in pages]),
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, f"{lesson.id}: {run.stderr[-800:]}"
        for page, printed in zip(pages, json.loads(run.stdout)):
            if page.output is not None and printed.strip() != page.output.strip():
                wrong.append(f"{lesson.id} / {page.title}: says {page.output.strip()!r}, prints {printed.strip()!r}")
    assert wrong == []

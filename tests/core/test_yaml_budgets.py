"""YAML that would exhaust memory or the stack (alias bombs, deep nesting) is refused with its place."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tutor.core.lessons.loader import load_course
from tutor.core.lessons.yamlcompose import MAX_ALIAS_CHARACTERS, MAX_ALIAS_VALUES, MAX_DEPTH


def laughs(levels: int = 9, width: int = 9, mapping: bool = False) -> str:
    """The classic "billion laughs": each level aliases the previous one `width` times (width^levels values)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        if mapping:
            items = ", ".join(f"k{j}: *a{i - 1}" for j in range(width))
            lines.append(f"a{i}: &a{i} {{{items}}}")
        else:
            lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


BLOCK_BOMB = """\
a: &a
  - lol
  - lol
  - lol
  - lol
  - lol
  - lol
  - lol
  - lol
b: &b
  x1: *a
  x2: *a
  x3: *a
  x4: *a
  x5: *a
  x6: *a
  x7: *a
  x8: *a
c: &c [*b, *b, *b, *b, *b, *b, *b, *b]
d: &d {y1: *c, y2: *c, y3: *c, y4: *c, y5: *c, y6: *c, y7: *c, y8: *c}
e: &e [*d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f]
h: [*g, *g, *g, *g, *g, *g, *g, *g]
"""

# Each bomb's first refused alias: (line, column).
BOMBS = {
    "classic": (laughs(), (5, 10)),
    "mappings": (laughs(mapping=True), (5, 14)),
    "block and flow mixed": (BLOCK_BOMB, (21, 8)),
    "long text copied": ('a: &a "' + "lol " * 10_000 + '"\nb: [' + ", ".join(["*a"] * 30) + "]\n", (2, 105)),
    "one wide level": ("a: &a [" + ", ".join(["x"] * 200) + "]\nb: [" + ", ".join(["*a"] * 100) + "]\n", (2, 201)),
}

# Loading happens in a child process with a memory limit: a regression must fail this test with a
# MemoryError, not take the machine's memory (the classic bomb took `tutor validate` past 6 GB).
CHILD = """
import json, resource, sys, tracemalloc
resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
from tutor.core.lessons.catalog import read_catalog
from tutor.core.lessons.loader import load_course
tracemalloc.start()
course = load_course(sys.argv[1], build=False)
catalog = read_catalog(sys.argv[1])
print(json.dumps({"peak": tracemalloc.get_traced_memory()[1], "readable": [e.readable for e in catalog],
                  "broken": [b.path.name for b in course.broken],
                  "errors": [[e.line, e.column, e.message] for e in course.errors]}))
"""


def load_in_child(folder) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", list(BOMBS))
def test_alias_bombs_are_refused_at_the_alias_in_little_memory(tmp_path, name) -> None:
    text, place = BOMBS[name]
    (tmp_path / "01-bomb.yaml").write_text(text, encoding="utf-8")
    result = load_in_child(tmp_path)
    assert result["broken"] == ["01-bomb.yaml"] and result["readable"] == [False]
    line, column, message = result["errors"][0]
    assert (line, column) == place
    assert (f"aliases here stand for more than {MAX_ALIAS_VALUES:,} values" in message
            or f"aliases here stand for more than {MAX_ALIAS_CHARACTERS:,} characters of text" in message)
    assert result["peak"] < 5 * 1024**2, result["peak"]  # bytes allocated while loading: a few hundred KB


def test_the_classic_bomb_is_the_small_file_it_was() -> None:
    assert len(laughs().encode()) < 800  # the 717-byte class of file that took validate past 6 GB


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path) -> None:
    (tmp_path / "01.yaml").write_text("id: a\nhints: &h [x, *h]\n", encoding="utf-8")
    error = load_course(tmp_path).errors[0]
    assert (error.line, error.column) == (2, 15) and "would contain itself" in error.message


def test_modest_aliases_still_work(tmp_path) -> None:
    (tmp_path / "01.yaml").write_text(textwrap.dedent("""\
        id: shared
        title: Shared data
        summary: One data table, two exercises.
        exercises:
          - id: a
            type: derivative
            prompt: p
            function: (wx + b - y)^2
            data: &points {x: [1, 2, 3], y: [2, 4, 5]}
            wrt: w
          - id: b
            type: derivative
            prompt: p
            function: (wx + b - y)^2
            data: *points
            wrt: b
        """), encoding="utf-8")
    course = load_course(tmp_path)
    assert course.errors == []
    assert [e.model.data for e in course.lessons[0].exercises][1] == {"x": [1, 2, 3], "y": [2, 4, 5]}


DEEP = """
import sys
from tutor.core.lessons.loader import load_course
course = load_course(sys.argv[1], build=False)
print(course.errors[0].line, course.errors[0].column, course.errors[0].message)
"""


@pytest.mark.parametrize(("text", "line"), [
    ("id: x\nhints: " + "[" * 200_000 + "]" * 200_000 + "\n", "2"),   # libyaml's own composer crashes (C stack)
    ("id: x\nhints: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n", "2"),
    ("id: x\nhints:\n" + "- " * 300_000 + "x\n", "3"),                 # block nesting, 2 characters a level
], ids=["brackets", "braces", "dashes"])
def test_deep_nesting_is_refused_not_a_crash(tmp_path, text, line) -> None:
    (tmp_path / "01.yaml").write_text(text, encoding="utf-8")
    # In a child process: before the budget, this killed the interpreter with a segmentation fault.
    done = subprocess.run([sys.executable, "-c", DEEP, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    at, _, message = done.stdout.split(" ", 2)
    assert at == line and f"nest more than {MAX_DEPTH} deep" in message

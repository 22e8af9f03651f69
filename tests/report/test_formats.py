"""The report's formats: CSV one row per learner × exercise, JSON, Markdown, text, one self-contained HTML file."""

from __future__ import annotations

import csv
import io
import json
import os
from html.parser import HTMLParser

import pytest

from tutor.core.report import build_report
from tutor.core.report.formats import format_for, render, write

from .conftest import statement, write_jsonl

A, B = "basic-example/dfdx-basic", "basic-example/dfdy-basic"


@pytest.fixture
def report(tmp_path):
    write_jsonl(tmp_path / "s.jsonl", [
        statement("Ann", A, "2x", True),
        statement("Bob", A, "=HYPERLINK(\"x\")", False, minute=1),
        statement("Bob", A, "<script>alert(1)</script>", False, minute=2, tries=2),
        statement("Bob", B, "3y", False, minute=3, diagnosis="not-differentiated"),
        statement("Cem", B, "3", True, minute=4),
    ])
    (tmp_path / "junk.jsonl").write_text("{cut", encoding="utf-8")
    return build_report([tmp_path])


class Page(HTMLParser):
    """Every tag and attribute of a page, to check what it would fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data) -> None:
        self.text.append(data)


def test_csv_has_one_row_per_learner_and_exercise(report) -> None:
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert len(rows) == 3 * 2
    bob_a = next(r for r in rows if r["learner"] == "Bob" and r["exercise"] == "dfdx-basic")
    assert (bob_a["tries"], bob_a["wrong"], bob_a["solved"], bob_a["class"]) == ("2", "2", "0", "5B")
    bob_b = next(r for r in rows if r["learner"] == "Bob" and r["exercise"] == "dfdy-basic")
    assert bob_b["diagnoses"] == "not-differentiated" and bob_b["may_need_help"] == "0"
    cem_a = next(r for r in rows if r["learner"] == "Cem" and r["exercise"] == "dfdx-basic")
    assert cem_a["tries"] == "0" and cem_a["tries_to_solve"] == ""
    # A typed answer never becomes a spreadsheet formula.
    assert all(not r["last_response"].startswith("=") for r in rows)


def test_json_for_scripts(report) -> None:
    data = json.loads(render(report, "json"))
    assert [x["name"] for x in data["learners"]] == ["Ann", "Bob", "Cem"]
    a = next(x for x in data["exercises"] if x["key"] == A)
    assert a["success_rate"] == 0.5 and sum(g["count"] for g in a["groups"]) == 2
    assert data["misconceptions"][0]["code"] == "not-differentiated"
    assert any("truncated" in w for w in data["warnings"])


def test_markdown_and_text_carry_the_tables(report) -> None:
    md = render(report, "md")
    assert "## Learners" in md and "| Bob |" in md and "## Response analysis" in md and "## Warnings" in md
    text = render(report, "term")
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("learner"))
    column = lines[header].index("solved")
    assert all(len(row) > column for row in lines[header + 2: header + 5])  # aligned rows under the header


def test_html_is_one_self_contained_file(report) -> None:
    page = Page()
    page.feed(render(report, "html"))
    tags = {t for t, _ in page.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "xlink:href"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), f"<{tag} {name}={value}> points outside the page"
        assert "http" not in " ".join(str(v) for v in attrs.values())
    assert "style" in tags and "svg" in tags and "rect" in tags
    text = "".join(page.text)
    assert "Ann" in text and "Bob" in text and "not-differentiated" in text
    assert "<script>alert(1)</script>" in text  # shown as typed, as text, never as markup
    assert sum(1 for t, _ in page.tags if t == "details") == 2  # a response analysis per exercise with wrong answers


def test_write_is_atomic_readable_and_follows_the_suffix(report, tmp_path) -> None:
    path = write(report, format_for("out/report.HTML"), tmp_path / "out" / "report.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.stat(path).st_mode & 0o044  # others can read it, as any file the teacher makes
    assert [p.name for p in path.parent.iterdir()] == ["report.html"]
    assert format_for("x.csv") == "csv" and format_for("x.txt") == "term" and format_for("x.pdf") is None
    with pytest.raises(ValueError):
        render(report, "pdf")

"""The first screen's course listing, remembered between starts: same entries, never stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tutor.core.lessons import catalog as catalog_module
from tutor.core.lessons.catalog import read_catalog
from tutor.core.lessons.files import bundled_lessons_dir


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(folder))
    return folder / "catalog.json"


@pytest.fixture
def course(tmp_path) -> Path:
    folder = tmp_path / "lessons"
    shutil.copytree(bundled_lessons_dir(), folder)
    return folder


def parses(monkeypatch) -> list[Path]:
    """Count the files the listing parses (a remembered file is not parsed)."""
    seen: list[Path] = []
    real = catalog_module._read_entry

    def spy(file, text):
        seen.append(file)
        return real(file, text)

    monkeypatch.setattr(catalog_module, "_read_entry", spy)
    return seen


def test_remembered_listing_equals_a_fresh_read_and_parses_nothing(course, cache, monkeypatch):
    fresh = read_catalog(course)
    assert read_catalog(course, memo=True) == fresh
    assert cache.is_file()
    seen = parses(monkeypatch)
    assert read_catalog(course, memo=True) == fresh
    assert seen == []


def test_an_edited_file_is_read_again_even_with_the_same_size(course, cache, monkeypatch):
    read_catalog(course, memo=True)
    first = min(course.glob("*.yaml"))
    text = first.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    same_size = title_line[:-1] + ("X" if title_line[-1] != "X" else "Y")
    first.write_text(text.replace(title_line, same_size, 1), encoding="utf-8")
    seen = parses(monkeypatch)
    entries = read_catalog(course, memo=True)
    assert seen == [first]
    assert entries == read_catalog(course)
    assert entries[0].title.endswith(same_size[-1])


def test_sheets_and_broken_files_are_remembered_as_what_they_are(course, cache, monkeypatch):
    (course / "zz-sheet.yaml").write_text("id: s\ntitle: S\nitems: [{lesson: 01-why-partials}]\n", encoding="utf-8")
    (course / "zz-broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    fresh = read_catalog(course)
    assert read_catalog(course, memo=True) == fresh
    seen = parses(monkeypatch)
    assert read_catalog(course, memo=True) == fresh
    assert seen == []
    assert fresh[-1].readable is False and all(e.path.name != "zz-sheet.yaml" for e in fresh)


@pytest.mark.parametrize("damage", ["not json", '{"version": 1, "readers": "x", "entries": []}', "DAMAGED_ENTRY"])
def test_a_damaged_memo_is_an_empty_one(course, cache, damage):
    fresh = read_catalog(course)
    read_catalog(course, memo=True)
    if damage == "DAMAGED_ENTRY":
        data = json.loads(cache.read_text(encoding="utf-8"))
        for entry in data["entries"].values():
            entry.pop("title", None)
        damage = json.dumps(data)
    cache.write_text(damage, encoding="utf-8")
    assert read_catalog(course, memo=True) == fresh


def test_an_unwritable_cache_folder_costs_nothing_but_time(course, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TUTOR_CACHE_DIR", str(blocker / "cache"))
    assert read_catalog(course, memo=True) == read_catalog(course)

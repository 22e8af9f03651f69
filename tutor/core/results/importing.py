"""`tutor import`: statements from files (a learner who moved machines, another tool) merged in, once each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tutor.core.progress import ProgressDatabase
from tutor.core.xapi.read import ReadAnswer, Skip, read_statement


@dataclass
class ImportReport:
    added: int = 0
    duplicates: int = 0                                   # already here (same statement id): counted once
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file:line, why)
    learners: set[str] = field(default_factory=set)


def read_file(path: Path) -> Iterator[tuple[str, object]]:
    """(where, the parsed JSON or a Skip) for each statement: JSON lines, a JSON array, or an LRS
    response ({"statements": [...]})."""
    text = path.read_text(encoding="utf-8")
    document = None
    if text.lstrip()[:1] in ("[", "{"):
        try:
            document = json.loads(text)
        except ValueError:
            document = None  # not one document: JSON lines
    if isinstance(document, dict) and isinstance(document.get("statements"), list):
        document = document["statements"]
    if isinstance(document, list):
        for index, item in enumerate(document, 1):
            yield f"{path}#{index}", item
        return
    if isinstance(document, dict):
        yield f"{path}#1", document
        return
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                yield f"{path}:{number}", json.loads(line)
            except ValueError:
                yield f"{path}:{number}", Skip("not JSON (a line cut short, or not a statements file)")


def import_files(db: ProgressDatabase, paths: list[Path]) -> ImportReport:
    report = ImportReport()
    for path in paths:
        try:
            entries = list(read_file(path))
        except (OSError, UnicodeDecodeError) as err:
            report.skipped.append((str(path), f"cannot be read ({err})"))
            continue
        for where, item in entries:
            try:
                if isinstance(item, Skip):
                    raise item
                read = read_statement(item)
            except Skip as why:
                report.skipped.append((where, str(why)))
                continue
            store = db.learner(read.learner)
            new = store.import_answer(read) if isinstance(read, ReadAnswer) else store.import_completion(read)
            if new:
                report.added += 1
                report.learners.add(read.learner)
            else:
                report.duplicates += 1
    return report

"""A lab from a student's chair, through the core the screens use: pick a learner, open a sheet,
answer right and wrong, finish, export; the next student on the same machine sees none of it."""

from __future__ import annotations

import io
import json
from pathlib import Path

from tutor.core.learners import choose_learner
from tutor.core.lessons.catalog import read_catalog
from tutor.core.lessons.loader import load_course
from tutor.core.progress import ProgressDatabase, database_path
from tutor.core.results.export import lines, write
from tutor.core.sheets import load_sheet, resolve
from tutor.core.sheets.resolve import catalog_index
from tutor.core.sheets.session import SheetSession
from tutor.core.study import Study

from ..xapi.schema import problems

SHEET = """\
id: lab-2
title: Lab two
class: ML 2B
mode: study
submit: share
items:
  - exercise: basic-example/dfdx-basic
  - exercise: basic-example/dfdy-basic
"""


def sit_down(data: Path, sheet_path: Path, name: str | None):
    """What the app does before the sheet screen: who studies, the sheet against the quick catalog."""
    db, _ = ProgressDatabase.open(database_path(data))
    choice = choose_learner(db, name, sheet=True)
    sheet, errors = load_sheet(sheet_path)
    exercises, more = resolve(sheet, catalog_index(sheet))
    assert errors == more == []
    return db, choice, sheet, exercises


def test_two_students_one_machine(tmp_path):
    (tmp_path / "share").mkdir()
    sheet_path = tmp_path / "lab.yaml"
    sheet_path.write_text(SHEET, encoding="utf-8")
    course = load_course(build=False)
    titles = {entry.id: entry.title for entry in read_catalog()}

    db, choice, sheet, exercises = sit_down(tmp_path / "data", sheet_path, None)
    assert choice.ask and choice.known == ()          # a sheet asks who is there
    store = db.learner("Ana María")                    # she types her name in the picker
    session = SheetSession(sheet, exercises, store, lesson_titles=titles, submit=sheet.submit_dir)
    study = Study(course, store, sheet=session)
    assert [item.label for item in session.progress().items] == [f"{titles['basic-example']}: dfdx-basic",
                                                                f"{titles['basic-example']}: dfdy-basic"]
    for exercise_id, text in (("dfdx-basic", "2y"), ("dfdx-basic", "2x"), ("dfdy-basic", "3")):
        instance = study.instance("basic-example", exercise_id, study.study_seed("basic-example", exercise_id))
        recorded = study.record(instance, text, instance.check(text))
        assert recorded.accepted and recorded.warning is None
    assert recorded.handed_in and recorded.sheet.solved == 2 and recorded.sheet.score == 1.0
    out = io.BytesIO()
    assert write(out, lines(db, ["Ana María"]), "xapi") == 4
    statements = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [s["result"].get("success") for s in statements] == [False, True, True, None]
    assert all(problems(s) == [] for s in statements)
    submitted = (tmp_path / "share" / "ML 2B" / "Ana María.lab-2.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in submitted] == statements
    db.close()

    db, choice, sheet, exercises = sit_down(tmp_path / "data", sheet_path, None)
    assert choice.ask and [k.name for k in choice.known] == ["Ana María"]
    bo = db.learner("Bo")                              # the next student: "new learner"
    session = SheetSession(sheet, exercises, bo, lesson_titles=titles)
    progress = session.progress()
    assert [e.status for e in progress.exercises] == ["todo", "todo"] and not progress.finished
    assert Study(course, bo, sheet=session).state("basic-example", "dfdx-basic").attempts == 0
    assert list(bo.statements()) == [] and bo.last_position() is None
    db.close()

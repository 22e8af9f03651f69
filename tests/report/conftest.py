"""Statements made by hand from the xAPI contract, and a small generated class lab, for the report's tests."""

from __future__ import annotations

import importlib.util
import json
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
_NS = uuid.UUID("12345678-1234-5678-1234-567812345678")


def statement(learner: str, key: str, response: str, success: bool, *, diagnosis: str | None = None,
              minute: float = 0.0, seconds: float = 30.0, tries: int = 1, hints: int = 0, solution: bool = False,
              seed: int | None = 0, sheet: str | None = "lab", klass: str | None = "5B", title: str = "",
              message: str | None = None, with_diagnosis: bool = True) -> dict:
    """One "answered" statement shaped as the contract says (only what a test needs varies)."""
    when = START + timedelta(minutes=minute)
    ext = {"urn:tutor:ext:try": tries, "urn:tutor:ext:hints": hints, "urn:tutor:ext:solution-shown": solution,
           "urn:tutor:ext:mode": "study", "urn:tutor:ext:message": message or ("Correct." if success else "Not right.")}
    if seed is not None:
        ext["urn:tutor:ext:seed"] = seed
    if with_diagnosis:
        ext["urn:tutor:ext:diagnosis"] = diagnosis
    context: dict = {"platform": "tutor", "extensions": {"urn:tutor:ext:lesson": key.split("/")[0]}}
    if sheet:
        context["contextActivities"] = {
            "parent": [{"objectType": "Activity", "id": f"urn:tutor:sheet:{sheet}",
                        "definition": {"name": {"en-US": "The lab"}}}],
            "grouping": [{"objectType": "Activity", "id": f"urn:tutor:class:{klass}"}] if klass else []}
    return {
        "id": str(uuid.uuid5(_NS, f"{learner}\x1f{key}\x1f{when.isoformat()}\x1f{response}\x1f{tries}")),
        "actor": {"objectType": "Agent", "name": learner, "account": {"homePage": "urn:tutor:learner", "name": learner}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {"objectType": "Activity", "id": f"urn:tutor:exercise:{key}",
                   "definition": {"name": {"en-US": title or key.split("/")[1]},
                                  "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                                  "interactionType": "fill-in"}},
        "result": {"success": success, "response": response,
                   "score": {"scaled": 1.0 if success else 0.0, "raw": int(success), "min": 0, "max": 1},
                   "duration": f"PT{seconds}S", "extensions": ext},
        "context": context,
        "timestamp": when.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
    }


def write_jsonl(path: Path, statements: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements), encoding="utf-8")
    return path


def load_generator():
    """benchmarks/make_class_lab.py, the generator the benchmark uses, at a smaller size here."""
    spec = importlib.util.spec_from_file_location("make_class_lab", ROOT / "benchmarks" / "make_class_lab.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_class_lab", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def small_lab(tmp_path_factory) -> tuple[Path, Path]:
    """(sheet file, submit folder) of a generated lab: 10 learners, 8 items, with the usual noise."""
    out = tmp_path_factory.mktemp("lab")
    return load_generator().make_lab(out, learners=10, items=8, seed=3, noise=True)

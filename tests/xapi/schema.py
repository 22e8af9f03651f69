"""The xAPI 1.0.3 statement schema of this folder, and the rules JSON Schema cannot state."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).with_name("statement-1.0.3.schema.json")


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def problems(statement: dict) -> list[str]:
    """Every way `statement` breaks the xAPI 1.0.3 statement rules (empty: it is valid)."""
    found = [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
             for e in validator().iter_errors(statement)]
    score = (statement.get("result") or {}).get("score") or {}
    low, high, raw = score.get("min"), score.get("max"), score.get("raw")
    if low is not None and high is not None and not low < high:
        found.append("result/score: min must be less than max")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        found.append("result/score: raw must lie between min and max")
    return found

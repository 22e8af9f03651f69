"""The JSON Schema of sheet files, generated from the structs the loader validates with."""

from __future__ import annotations

import msgspec

from .models import SheetFile


def sheet_schema() -> dict:
    generated = msgspec.json.schema(SheetFile)
    definitions = generated["$defs"]
    root = {k: v for k, v in definitions.pop(SheetFile.__name__).items() if k not in ("title", "description")}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "tutor lab sheet",
        "description": "A lab sheet: lessons and exercises for a class, a mode, per-learner variants "
                       "(see lessons/README.md).",
        **root,
        "$defs": definitions,
    }

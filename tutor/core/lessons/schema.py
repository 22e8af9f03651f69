"""The JSON Schema of lesson files, generated from the same structs the loader validates with."""

from __future__ import annotations

import msgspec

from .exercises import LessonFile


def lesson_schema() -> dict:
    generated = msgspec.json.schema(LessonFile)  # {"$ref": "#/$defs/LessonFile", "$defs": {...}}
    definitions = generated["$defs"]
    # The lesson itself at the top (editors read title and description there); the rest as definitions.
    root = {k: v for k, v in definitions.pop(LessonFile.__name__).items() if k not in ("title", "description")}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "tutor lesson",
        "description": "One lesson of the tutor: concept pages and exercises (see lessons/README.md).",
        **root,
        "$defs": definitions,
    }

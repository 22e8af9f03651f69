"""The JSON Schema of lesson files, generated from the same models the loader validates with."""

from __future__ import annotations

from .exercises import LessonFile


def lesson_schema() -> dict:
    schema = LessonFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "tutor lesson"
    schema["description"] = "One lesson of the tutor: concept pages and exercises (see lessons/README.md)."
    return schema

"""`tutor schema`: the JSON Schema of lesson files, for editors that complete and check YAML."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="the JSON Schema of lesson files",
                       description="Print the JSON Schema of the lesson format (for editor completion).")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.lessons.schema import lesson_schema

    print(json.dumps(lesson_schema(), indent=2, ensure_ascii=False))
    return 0

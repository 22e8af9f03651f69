"""`tutor schema [lesson|sheet]`: the JSON Schema of lesson or sheet files, for editors that complete and check YAML."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="the JSON Schema of lesson (or sheet) files",
                       description="Print the JSON Schema of the lesson format, or of lab sheets (for editor "
                                   "completion).")
    p.add_argument("kind", nargs="?", choices=("lesson", "sheet"), default="lesson",
                   help="lesson files (default) or lab sheets")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.kind == "sheet":
        from tutor.core.sheets.schema import sheet_schema as schema
    else:
        from tutor.core.lessons.schema import lesson_schema as schema

    print(json.dumps(schema(), indent=2, ensure_ascii=False))
    return 0

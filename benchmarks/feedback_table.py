"""The feedback table for the closing note: every exercise, its typical wrong answers, the diagnosis each gets.

Run: python benchmarks/feedback_table.py [--all-variants] [--update]

Prints Markdown (one row per exercise and wrong answer, first variant; --all-variants for every
variant checked) and the named share. --update rewrites tests/feedback/named.json, the list of
answers that are named today, which tests/feedback/test_feedback_table.py holds the checker to.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.feedback.table import NAMED, all_rows, markdown, named_rows  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all-variants", action="store_true", help="a row for every variant checked")
    parser.add_argument("--update", action="store_true", help=f"rewrite {NAMED.relative_to(ROOT)}")
    args = parser.parse_args()
    rows = all_rows()
    print(markdown(rows, every_variant=args.all_variants))
    if args.update:
        NAMED.write_text(json.dumps(named_rows(rows), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {NAMED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

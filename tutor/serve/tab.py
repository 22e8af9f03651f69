"""What one browser tab runs: the tutor, asking the learner's name first, on the server's data directory.

    python -m tutor.serve.tab --data-dir DIR [--lessons PATH]

textual-serve starts this once per tab with its web driver in the environment; the app is the
same as in a terminal, so progress, export and the report work unchanged.
"""

from __future__ import annotations

import argparse
import sys


def run_tab(data_dir: str, lessons: str | None = None) -> int:
    from tutor.ui.app import make_app

    # No maths worker process warmed up in advance: on a server, one per tab would cost each session
    # ~55 MB more; it starts on demand for the rare answer that the numbers alone cannot decide.
    make_app(lessons, data_dir, ask_learner=True, warm_symbolic=False).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tutor.serve.tab")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--lessons")
    args = parser.parse_args(argv)
    return run_tab(args.data_dir, args.lessons)


if __name__ == "__main__":
    sys.exit(main())

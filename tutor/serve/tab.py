"""What one browser tab runs: the tutor, asking the learner's name first, on the server's data directory.

    python -m tutor.serve.tab --data-dir DIR [--lessons PATH]

textual-serve starts this once per tab with its web driver in the environment; the app is the
same as in a terminal, so progress, export and the report work unchanged.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tutor.serve.tab")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--lessons")
    args = parser.parse_args(argv)
    from tutor.ui.app import make_app

    make_app(args.lessons, args.data_dir, ask_learner=True).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

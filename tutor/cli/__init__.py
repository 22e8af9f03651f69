"""The command line: `tutor [PATH]` opens the app; `tutor COMMAND ...` runs one core task and exits.

Each subcommand lives in its own module with `register(subparsers)`; exit codes are documented in
the README so scripts can rely on them.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module
from pathlib import Path

from .common import fail, shown
from .parser import TutorParser, UsageError, prepare_argv, suggest

# name -> module; imported only when that command runs, so `tutor` starts fast.
COMMANDS = {
    "check": "tutor.cli.check",
    "descent": "tutor.cli.descent",
    "grad": "tutor.cli.grad",
    "numdiff": "tutor.cli.numdiff",
    "validate": "tutor.cli.validate",
    "schema": "tutor.cli.schema",
    "report": "tutor.cli.report",
    "serve": "tutor.cli.serve",
    "export": "tutor.cli.export",
    "import": "tutor.cli.imports",
    "push": "tutor.cli.push",
    "variant": "tutor.cli.variant",
    "learners": "tutor.cli.learners",
}

EPILOG = """commands:
  check     check an answer against an expression or a derivative (exit 0 right, 1 wrong, 2 invalid)
  descent   gradient descent on a loss: every step, the outcome, a chart or JSON
  grad      the partial derivatives of a function, and the gradient at a point
  numdiff   a central-difference estimate of a partial derivative, beside the exact value
  validate  check lesson files or a lab sheet: schema, expressions, answers, variants (exit 0 valid, 1 not)
  schema    the JSON Schema of lesson files (or `schema sheet`: of lab sheets), for editor completion
  export    every checked answer as xAPI statements (JSON lines), CSV or JSON
  import    merge exported statements (a learner who moved machines) into this machine
  push      send the statements an xAPI Learning Record Store does not have yet
  variant   the variant (seed, prompt, answer) a learner got in a lab sheet
  learners  the learners of this data directory
  report    the class report from exported statements: on screen, or term/md/csv/json/html
  serve     the tutor in browsers on the lab network (one tutor per tab)

Run `tutor COMMAND --help` for the options of one command."""


def _command_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    parser = TutorParser(prog="tutor", description="Partial derivatives, gradients and gradient descent.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser, sub


def _app_parser() -> argparse.ArgumentParser:
    parser = TutorParser(
        prog="tutor",
        usage="tutor [-h] [PATH | SHEET.yaml] [--learner NAME] [--data-dir DIR] [--submit-dir DIR] | tutor COMMAND ...",
        description="A terminal tutor for partial derivatives, gradients and gradient descent. "
        "With no command it opens the app on the bundled course (or the lessons at PATH, or a lab sheet).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", nargs="?", metavar="PATH", help="a folder or file of lessons (default: the bundled course)")
    parser.add_argument("--data-dir", metavar="DIR", help="where progress is kept (default: $TUTOR_HOME or the user data directory)")
    parser.add_argument("--learner", metavar="NAME", help="who is studying (default: $TUTOR_LEARNER; with several "
                                                          "learners, or a lab sheet, the app asks)")
    parser.add_argument("--submit-dir", metavar="DIR", help="also write every checked answer to this folder "
                                                            "(default: a lab sheet's submit:)")
    parser.add_argument("--version", action="version", version=_version())
    return parser


def _version() -> str:
    from tutor import __version__

    return f"tutor {__version__}"


def run(argv: list[str]) -> int:
    """Run one command line; every failure the user can fix is one line on stderr and exit 2,
    ctrl+c is exit 130, and a closed pipe (`tutor ... | head`) is not an error."""
    _tolerant_streams()
    try:
        return _run(argv)
    except UsageError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        print("tutor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0


def _run(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        parser, sub = _command_parser()
        import_module(COMMANDS[argv[0]]).register(sub)
        args, extra = parser.parse_known_args(prepare_argv(argv, sub.choices[argv[0]]))
        if extra:
            raise UsageError(f"unexpected argument '{shown(extra[0])}' (see 'tutor {argv[0]} --help')")
        return int(args.func(args) or 0)
    if argv and _looks_like_a_command(argv[0]):
        close = suggest(argv[0], COMMANDS)
        hint = f" (did you mean '{close}'?)" if close else f"; the commands are {', '.join(COMMANDS)}"
        raise UsageError(f"unknown command '{argv[0]}'{hint}")
    app = _app_parser()
    args = app.parse_args(prepare_argv(["", *argv], app)[1:])
    return _open_app(args)


def _looks_like_a_command(word: str) -> bool:
    """A first word that is no existing path and no path-like name (a/b, x.yaml) is a command."""
    if word.startswith("-") or "/" in word or "\\" in word or "." in word:
        return False
    try:
        return not Path(word).exists()
    except (OSError, ValueError):
        return False


def _tolerant_streams() -> None:
    """A character the terminal's encoding lacks (∂ on a latin-1 terminal, or a byte that was not
    UTF-8 in an argument) prints as an escape instead of raising in the middle of the output."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _silence_stdout() -> None:
    """After a broken pipe, send what is left to /dev/null so the exit flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _open_app(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from tutor.core.learners import LearnerNameError, normalize

    learner = args.learner or os.environ.get("TUTOR_LEARNER") or None
    try:
        learner = normalize(learner) if learner else None
    except LearnerNameError as error:
        print(f"tutor: --learner: {error}", file=sys.stderr)
        return 2
    lessons, sheet = args.path, None
    if args.path and _is_sheet(args.path):
        from .sheet_check import open_for_app

        sheet, status = open_for_app(args.path)
        if sheet is None:
            return status
        lessons = None  # the sheet names its lessons (the bundled course and its own)
    submit = Path(args.submit_dir) if args.submit_dir else None
    try:
        app_module = import_module("tutor.ui.app")
    except ModuleNotFoundError as error:  # the app arrives with its own issue
        print(f"tutor: the app is not available: {error}", file=sys.stderr)
        return 2
    return int(app_module.run_app(lessons, args.data_dir, learner=learner, sheet=sheet, submit_dir=submit) or 0)


def _is_sheet(path: str) -> bool:
    # The sheet loader (~70 ms of imports) is paid only for a YAML file: plain `tutor` and
    # `tutor LESSONS_DIR` open the home screen without it.
    if not path.endswith((".yaml", ".yml")):
        return False
    from tutor.core.sheets import is_sheet

    return is_sheet(path)

"""Argument parsing shared by every subcommand: one-line usage errors, suggestions for typos.

A usage error is one line on stderr and exit status 2, whatever found it: argparse itself, an
unknown option (`--dif`: did you mean `--diff`?), or a command's own checks (UsageError). Answers
and values may start with a minus sign (`tutor check -6xy`), so a token is only taken for an
option when it starts with `--` and a letter.
"""

from __future__ import annotations

import argparse
import difflib
import re

_OPTION = re.compile(r"--[A-Za-z]")
_DIGITS = re.compile(r"[0-9]+")


class UsageError(Exception):
    """A command-line value that cannot be used; reported in one line with exit status 2."""


class TutorParser(argparse.ArgumentParser):
    """argparse with errors raised as UsageError (one line) and no silent abbreviations.

    Subparsers made by `add_subparsers` are of the same class, so every subcommand, including
    ones added later, gets this behaviour by registering with `sub.add_parser(...)`.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)  # --dif is a typo to report, not --diff
        super().__init__(*args, **kwargs)
        # `type=int` reads whole numbers in ASCII digits only: int() would take '٣', ' 3' and '1_000'.
        self.register("type", int, whole_number)

    def error(self, message: str) -> None:  # argparse calls this and expects it not to return
        message = re.sub(r"^argument (\S+?)(/\S+)?: ", r"\1: ", message)
        message = re.sub(r"invalid int value: ", "expected a whole number, got ", message)
        raise UsageError(f"{message} (see '{self.prog} --help')")


def whole_number(text: str) -> int:
    """A whole number from 0 up, in ASCII digits (at most 18 of them)."""
    if not (_DIGITS.fullmatch(text) and len(text) <= 18):
        raise ValueError(text)
    return int(text)


def suggest(word: str, choices, cutoff: float = 0.6) -> str | None:
    """The closest of `choices` to a mistyped `word`, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def options_of(parser: argparse.ArgumentParser) -> tuple[set[str], set[str]]:
    """(every option string, the options that take a value)."""
    known = {s for a in parser._actions for s in a.option_strings}
    takes_value = {s for a in parser._actions for s in a.option_strings if a.nargs is None and a.const is None
                   and not isinstance(a, (argparse._StoreTrueAction, argparse._HelpAction))}
    return known, takes_value


def prepare_argv(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """Refuse unknown options with a suggestion; let answers and values start with a minus sign.

    argparse would read `-6xy` or `-x^2` as unknown options, so a value is glued to its option
    (`--expected=-x^2`) and a positional is moved behind `--`.
    """
    known, takes_value = options_of(parser)
    out: list[str] = [argv[0]]
    positionals: list[str] = []
    expecting_value = False
    rest = argv[1:]
    for index, token in enumerate(rest):
        if token == "--" and not expecting_value:  # the user already separated positionals
            return out + ["--", *positionals, *rest[index + 1:]]
        if expecting_value:
            if token == "--":  # argparse would drop it and hand the option an empty list
                raise UsageError(f"{out[-1]}: expected one argument")
            if token.startswith("-"):
                out[-1] = f"{out[-1]}={token}"
            else:
                out.append(token)
            expecting_value = False
            continue
        name = token.split("=", 1)[0]
        if token.startswith("-") and name not in known:
            if _OPTION.match(token):
                raise UsageError(unknown_option(name, known))
            positionals.append(token)
        else:
            out.append(token)
            expecting_value = token in takes_value
    return out + (["--", *positionals] if positionals else [])


def unknown_option(name: str, known: set[str]) -> str:
    shown = name.encode("utf-8", "backslashreplace").decode("utf-8")[:40]
    close = suggest(name, sorted(o for o in known if o.startswith("--")))
    hint = f" (did you mean '{close}'?)" if close else ""
    return f"unknown option '{shown}'{hint}"

"""The maths engine's API: read an answer safely, check it against a reference, explain the mistake.

Other packages use these names (`from tutor.core.maths import check, parse, Verdict`). They are
loaded on first use: reading an answer as it is typed (parse, preview) must not import sympy,
and importing any module of this package runs this file first.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# name -> the module that defines it
_API = {
    # reading what was typed (no sympy)
    "parse": "parser", "Parsed": "parser", "preview": "preview", "Vocabulary": "names",
    "MathsError": "errors", "ParseError": "errors", "LimitError": "errors", "UnknownNameError": "errors",
    "Limits": "limits", "DEFAULT_LIMITS": "limits",
    # checking
    "check": "check", "prepare": "check", "Problem": "check", "CheckOptions": "check", "Tolerance": "check",
    "Verdict": "verdict", "Diagnosis": "verdict", "format_number": "verdict", "sentence": "verdict",
    # calculus for the command line and the lessons
    "parse_function": "calculus", "parse_point": "calculus", "parse_number": "calculus",
    "central_difference": "calculus", "float_function": "calculus", "gradient_check": "calculus",
    "render": "render", "render_vector": "render",
}
__all__ = sorted(_API)

if TYPE_CHECKING:  # the names, for editors and type checkers (loaded on use below)
    from .calculus import (central_difference, float_function, gradient_check, parse_function,  # noqa: F401
                           parse_number, parse_point)
    from .check import CheckOptions, Problem, Tolerance, check, prepare  # noqa: F401
    from .errors import LimitError, MathsError, ParseError, UnknownNameError  # noqa: F401
    from .limits import DEFAULT_LIMITS, Limits  # noqa: F401
    from .names import Vocabulary  # noqa: F401
    from .parser import Parsed, parse  # noqa: F401
    from .preview import preview  # noqa: F401
    from .render import render, render_vector  # noqa: F401
    from .verdict import Diagnosis, Verdict, format_number, sentence  # noqa: F401


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return __all__

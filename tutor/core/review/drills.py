"""Which exercises train which slip: the course's tags (`trains: [code]`), else a generated mapping.

A course tags an exercise with the mistakes it trains. Where a course tags too few (or was written
before tags), the generated mapping adds exercises of the kinds where the checker can name that
mistake at all: a derivative of two variables for wrong-variable ("freeze the other variable"), a
composition for a dropped chain factor, a descent step or a question on its direction for a sign.
Reads the lesson models only (no maths engine), so the app can ask on any thread.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.core.lessons.loader import Course

_FUNCTIONS = re.compile(r"sigmoid|softplus|tanh|sinh|cosh|exp|sqrt|abs|sign|ln|log|sin|cos|tan")
# A composition whose inside is more than one variable: a power of a bracket, e^(…), f(…) of a sum or product.
_COMPOSITION = re.compile(r"\)\s*(\^|\*\*)|\^\s*\(|(sigmoid|softplus|tanh|exp|ln|log|sin|cos|sqrt)\s*\([^)]*[-+*/ ]")
_PARTIAL = ("derivative", "gradient")
_DESCENT = ("descent",)
# code -> (exercise types, what else the exercise must have: "several" variables, a "composition")
GENERATED: dict[str, tuple[tuple[str, ...], str | None]] = {
    "wrong-variable": (("derivative",), "several"),
    "not-held-constant": (("derivative",), "several"),
    "total-derivative": (("derivative",), "several"),
    "dropped-chain-factor": (_PARTIAL, "composition"),
    "product-rule": (_PARTIAL, None),
    "sign": (("descent", "choice"), "direction"),
    "constant-factor": (_PARTIAL, None),
    "kept-constant-term": (("derivative",), "several"),
    "dropped-term": (_PARTIAL, None),
    "not-differentiated": (_PARTIAL, None),
    "integrated": (_PARTIAL, None),
    "swapped-components": (("gradient",), None),
    "rounded": (("value",), None),
    "sum-not-mean": (_PARTIAL, "data"),
    "wrong-sign": (("descent", "choice"), "direction"),
    "forgot-lr": (_DESCENT, None),
    "sign-and-lr": (_DESCENT, None),
    "no-step": (_DESCENT, None),
    "stale-gradient": (_DESCENT, None),
    "wrong-gradient": (_DESCENT, None),
    "wrong-rate": (_DESCENT, None),
    "transposed": (("matrix",), None),
    "swapped-rows": (("matrix",), None),
    "swapped-columns": (("matrix",), None),
    "wrong-entry": (("matrix",), None),
    "no-upstream": (("backprop",), None),
    "added-on-path": (("backprop",), None),
    "missed-path": (("backprop",), None),
    "momentum-sign": (("optimizer",), None),
    "no-momentum": (("optimizer",), None),
    "wrong-beta": (("optimizer",), None),
    "forgot-square": (("optimizer",), None),
    "bias-correction": (("optimizer",), None),
    "no-square-root": (("optimizer",), None),
}


def trains(model) -> tuple[str, ...]:
    """The codes an exercise is tagged with (none in a course written before tags)."""
    return tuple(getattr(model, "trains", None) or ())


def generated_fit(model, code: str) -> bool:
    """Whether the generated mapping puts this exercise in a drill for `code`."""
    kinds, need = GENERATED.get(code, ((), None))
    if model.type not in kinds:
        return False
    text = getattr(model, "function", None) or getattr(model, "loss", None) or ""
    if need == "several":
        wrt = getattr(model, "wrt", None)
        names = set(re.findall(r"[a-z]", _FUNCTIONS.sub(" ", text))) - {"e", *model.params}
        return bool(model.variables and len(model.variables) > 1) or bool(names - {wrt})
    if need == "composition":
        return bool(_COMPOSITION.search(text))
    if need == "data":
        return bool(getattr(model, "data", None))
    if need == "direction":  # a descent step, or a question about which way descent goes
        words = f"{model.id} {model.prompt}".lower()
        return model.type == "descent" or ("direction" in words or "against" in words or "uphill" in words)
    return True


def drill_candidates(course: Course, code: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(tagged, generated): exercises for a drill on `code`, in course order; no exercise in both."""
    tagged, generated = [], []
    for lesson in course.lessons:
        for i, model in enumerate(lesson.lesson.exercises):
            if i in lesson.duplicates or model.id in lesson.broken_exercises:
                continue
            if code in trains(model):
                tagged.append((lesson.id, model.id))
            elif generated_fit(model, code):
                generated.append((lesson.id, model.id))
    return tagged, generated

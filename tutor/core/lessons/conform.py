"""Loaded YAML into the lesson structs, every problem of a file collected, each with its path in the data.

msgspec stops at the first error, so the structs are walked here: each mapping's keys are checked
(all unknown keys, with the closest known key suggested; all missing keys), each field is converted
on its own with msgspec.convert, and a struct is built (running its __post_init__ rules) only when
its fields are sound. One file with three mistakes gets three messages.
"""

from __future__ import annotations

import difflib
import functools
import re
import types
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

import msgspec
from msgspec import Meta, Struct

from .models import ID_PATTERN, NAME_PATTERN, Invalid

Path_ = tuple[str | int, ...]

_UNIONS = (Union, types.UnionType)
ID_MESSAGE = "an id uses lowercase letters, digits, - and _ (and starts with a letter or digit)"


@dataclass(frozen=True)
class Problem:
    path: Path_
    message: str


class _Bad:
    """A value that did not convert (its problems are already recorded)."""


BAD = _Bad()


def conform(data: object, tp: Any) -> tuple[Any, list[Problem]]:
    """`data` as an instance of `tp`, or None with every problem found."""
    try:  # a sound file, the usual case: one call into msgspec (a tenth of the walk's time)
        return msgspec.convert(data, tp, strict=False), []
    except msgspec.ValidationError:
        pass
    walker = _Walker()
    value = walker.value(data, tp, ())
    return (None if walker.problems or value is BAD else value), walker.problems


class _Walker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path_, message: str) -> _Bad:
        self.problems.append(Problem(path, message))
        return BAD

    def value(self, value: object, tp: Any, path: Path_) -> Any:
        route = _route(tp)
        if route == "struct":
            return self.struct(value, _split(tp)[0], path)
        if route == "union":
            return self.union(value, tp, path)
        if route == "plain container":
            try:  # the usual case, in one call; on failure each item is looked at to place the problem
                return msgspec.convert(value, tp, strict=False)
            except msgspec.ValidationError:
                pass
        if route != "leaf":
            return self.container(value, tp, path)
        return self.leaf(value, tp, path)

    def struct(self, value: object, tp: type[Struct], path: Path_) -> Any:
        if not isinstance(value, dict):
            return self.expected(value, tp, path)
        fields = _fields(tp)
        tag_field = tp.__struct_config__.tag_field
        before = len(self.problems)
        kwargs = {}
        suggested = set()  # a misspelt key is one mistake: its "missing" twin is not said again
        for key, item in value.items():
            if tag_field and key == tag_field:
                continue
            field = fields.get(key) if isinstance(key, str) else None
            if field is None:
                known = [*fields, tag_field] if tag_field else list(fields)
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                self.add((*path, key), f"unknown key '{key}'" + (f"; did you mean '{close[0]}'?" if close else ""))
                suggested.update(close)
                continue
            converted = self.value(item, field.type, (*path, key))
            if converted is not BAD:
                kwargs[field.name] = converted
        for name, field in fields.items():
            if field.required and name not in value and name not in suggested:
                self.add((*path, name), f"missing required key '{name}'")
        if len(self.problems) > before:
            return BAD
        try:
            return tp(**kwargs)
        except Invalid as error:  # a cross-field rule of __post_init__
            return self.add((*path, error.key) if error.key else path, str(error))
        except (ValueError, TypeError) as error:
            return self.add(path, str(error))

    def tagged(self, value: object, arms: list[type[Struct]], path: Path_) -> Any:
        """A tagged union (the exercises): the struct is chosen by the tag, e.g. `type: derivative`."""
        if not isinstance(value, dict):
            return self.expected(value, Union[tuple(arms)], path)  # noqa: UP007
        tag_field = arms[0].__struct_config__.tag_field
        by_tag = {arm.__struct_config__.tag: arm for arm in arms}
        known = ", ".join(by_tag)
        if tag_field not in value:
            return self.add(path, f"every exercise needs a {tag_field}: one of {known}")
        given = value[tag_field]
        if not isinstance(given, str) or given not in by_tag:
            close = difflib.get_close_matches(str(given), list(by_tag), n=1, cutoff=0.6)
            return self.add((*path, tag_field), f"unknown exercise {tag_field} '{given}'"
                            + (f"; did you mean '{close[0]}'?" if close else "") + f" (known: {known})")
        return self.struct(value, by_tag[given], path)

    def union(self, value: object, tp: Any, path: Path_) -> Any:
        # The arm is chosen by the kind of value, so a message speaks of that arm ("expected a name").
        arms = get_args(_split(tp)[0])
        if value is None:
            return None if type(None) in arms else self.expected(value, tp, path)
        arms = tuple(a for a in arms if a is not type(None))
        if all(_is_struct(a) and a.__struct_config__.tag_field for a in arms):
            return self.tagged(value, list(arms), path)
        chosen = [a for a in arms if _kind(a) == _kind_of(value)]
        if not chosen:
            return self.expected(value, tp, path)
        if len(chosen) == 1:
            return self.value(value, chosen[0], path)
        scalars = Union[tuple(chosen)]  # noqa: UP007 - such as str | int | float
        return self.leaf(value, scalars, path, shown_as=tp)

    def container(self, value: object, tp: Any, path: Path_) -> Any:
        base, metas = _split(tp)
        origin, args = get_origin(base), get_args(base)
        before = len(self.problems)
        if origin is dict:
            if not isinstance(value, dict):
                return self.expected(value, tp, path)
            out = {}
            for key, item in value.items():
                try:
                    converted_key = msgspec.convert(key, args[0], strict=False)
                except msgspec.ValidationError:
                    self.add((*path, key), f"{_label(path)}{_show(key)} is not {_describe(args[0])}"
                             + (f" ({_NAME_RULE})" if _pattern(args[0]) == NAME_PATTERN else ""))
                    continue
                out[converted_key] = self.value(item, args[1], (*path, key))
        elif origin is list:
            if not isinstance(value, list):
                return self.expected(value, tp, path)
            out = [self.value(item, args[0], (*path, i)) for i, item in enumerate(value)]
        else:  # a tuple of fixed length: ranges such as randint: [1, 9]
            if not isinstance(value, list) or len(value) != len(args):
                return self.expected(value, tp, path)
            out = tuple(self.value(item, arg, (*path, i)) for i, (item, arg) in enumerate(zip(value, args)))
        if len(self.problems) > before:
            return BAD
        for meta in metas:
            noun = "item" if origin is list else "key"
            if meta.min_length is not None and len(out) < meta.min_length:
                return self.add(path, f"{_label(path)}needs at least {_count(meta.min_length, noun)}, got {len(out)}")
            if meta.max_length is not None and len(out) > meta.max_length:
                return self.add(path, f"{_label(path)}takes at most {_count(meta.max_length, noun)}, got {len(out)}")
        return out

    def leaf(self, value: object, tp: Any, path: Path_, shown_as: Any = None) -> Any:
        try:
            return msgspec.convert(value, tp, strict=False)
        except msgspec.ValidationError as error:
            return self.add(path, _leaf_message(str(error), value, shown_as or tp, path))

    def expected(self, value: object, tp: Any, path: Path_) -> _Bad:
        return self.add(path, f"{_label(path)}expected {_describe(tp)}, got {_show(value)}{_quote_hint(value, tp)}")


# -- types (cached: the same few dozen types are looked at for every value of every file) -------------
@functools.cache
def _route(tp: Any) -> str:
    base = _split(tp)[0]
    if _is_struct(base):
        return "struct"
    origin = get_origin(base)
    if origin in _UNIONS:
        return "union"
    if origin in (list, dict, tuple):
        return "container" if _holds_struct(base) else "plain container"
    return "leaf"


@functools.cache
def _split(tp: Any) -> tuple[Any, tuple[Meta, ...]]:
    """(the type, its msgspec.Meta constraints); nested Annotated types are already flattened."""
    if get_origin(tp) is Annotated:
        return tp.__origin__, tuple(m for m in tp.__metadata__ if isinstance(m, Meta))
    return tp, ()


def _is_struct(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Struct)


def _holds_struct(tp: Any) -> bool:
    base = _split(tp)[0]
    return _is_struct(base) or any(_holds_struct(arg) for arg in get_args(base))


@functools.cache
def _kind(tp: Any) -> str:
    base = _split(tp)[0]
    if _is_struct(base) or get_origin(base) is dict:
        return "mapping"
    return "list" if get_origin(base) in (list, tuple) else "scalar"


def _kind_of(value: object) -> str:
    return "mapping" if isinstance(value, dict) else "list" if isinstance(value, list) else "scalar"


@functools.cache
def _pattern(tp: Any) -> str | None:
    """The pattern a str must match, also when only the JSON Schema says it (models.LooseName)."""
    return next((m.pattern or (m.extra_json_schema or {}).get("pattern") for m in _split(tp)[1]
                 if m.pattern or (m.extra_json_schema or {}).get("pattern")), None)


@functools.cache
def _fields(tp: type[Struct]) -> dict[str, msgspec.structs.FieldInfo]:
    return {f.encode_name: f for f in msgspec.structs.fields(tp)}


# -- messages ---------------------------------------------------------------------------------------
_NAME_RULE = "a name is a letter, then letters, digits or _"
_PLURALS = {"a name": "names", "an id": "ids", "a whole number": "whole numbers", "a number": "numbers",
            "a number or an expression": "numbers or expressions"}


def _describe(tp: Any) -> str:
    """What a value of this type looks like to a lesson author."""
    base = _split(tp)[0]
    pattern = _pattern(tp)
    if pattern == NAME_PATTERN:
        return "a name"
    if pattern == ID_PATTERN:
        return "an id"
    if _is_struct(base) or get_origin(base) is dict:
        return "a mapping"
    if get_origin(base) in _UNIONS:
        arms = [a for a in get_args(base) if a is not type(None)]
        if {_split(a)[0] for a in arms} == {str, int, float}:
            return "a number or an expression"
        if all(_is_struct(a) for a in arms):
            return "a mapping"
        # Inside a wider union a number-or-expression is just "a number", so the words stay readable.
        words = ("a number" if w == "a number or an expression" else w for w in map(_describe, arms))
        return " or ".join(dict.fromkeys(words))
    if get_origin(base) is list:
        plural = _PLURALS.get(_describe(get_args(base)[0]))
        return f"a list of {plural}" if plural else "a list"
    if get_origin(base) is tuple:
        args = get_args(base)
        plural = _PLURALS.get(_describe(args[0]), "values")
        return f"a list of {len(args)} {plural}, e.g. [1, 9]" if len(args) == 2 else f"a list of {len(args)} {plural}"
    return {str: "text", bool: "true or false", int: "a whole number", float: "a number"}.get(base, str(base))


def _show(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "…")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return f"{value} (a {type(value).__name__})"


def _quote_hint(value: object, tp: Any) -> str:
    """Text written as `{x + 1}` or `[a, b]` is read as a mapping or a list: say how to keep it text."""
    if isinstance(value, (dict, list)) and "text" in _describe(tp).split(" or "):
        return " (in YAML, a value that starts with { or [ is a mapping or a list: put text in quotes)"
    return ""


def _label(path: Path_) -> str:
    """The key a message names: the nearest key in the path (list items belong to their list)."""
    key = next((p for p in reversed(path) if isinstance(p, str)), None)
    return f"{key}: " if key else ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _leaf_message(error: str, value: object, tp: Any, path: Path_) -> str:
    """msgspec's message for one value, said the way the rest of the loader speaks."""
    error = error.split(" - at `")[0]
    label = _label(path)
    if ", got `" in error:
        return f"{label}expected {_describe(tp)}, got {_show(value)}{_quote_hint(value, tp)}"
    if "matching regex" in error:
        pattern = _pattern(tp)
        if pattern == ID_PATTERN:
            return ID_MESSAGE
        if pattern == NAME_PATTERN:
            return f"{label}{_show(value)} is not a name ({_NAME_RULE})"
        return f"{label}{_show(value)} does not match {pattern}"
    length = re.search(r"of length ([<>]=) (\d+)", error)
    if length:
        op, n = length.group(1), int(length.group(2))
        if op == ">=":
            return f"{label}must not be empty" if n == 1 else f"{label}needs at least {n} characters"
        return f"{label}takes at most {n} characters, got {len(value)}"  # type: ignore[arg-type]
    bound = re.search(r"([<>]=?) (\S+)$", error)
    if bound:
        words = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}[bound.group(1)]
        return f"{label}must be {words} {bound.group(2)}, got {_show(value)}"
    return label + error[:1].lower() + error[1:]

"""YAML loading that remembers where every key and item was written (for file:line:column errors).

The safe loader only: tags that would build Python objects are refused by PyYAML itself.
Duplicate keys, which YAML silently overwrites, are reported instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

Path_ = tuple[str | int, ...]



class TextDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's C one: it keeps marks too, and reads a lesson in a fraction of the
    time and memory) with dates left as text: `2026-13-45` would otherwise raise a bare ValueError
    from deep inside PyYAML, and a date field (a sheet's due:) is checked, and located, by its model."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader = TextDatesLoader


@dataclass
class Positions:
    """Maps a path in the loaded data (('exercises', 2, 'wrt')) to its (line, column), 1-based."""

    places: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)

    def find(self, path: Path_) -> tuple[int, int] | None:
        """The place of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.places:
                return self.places[path]
            path = path[:-1]
        return self.places.get(())


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def load_with_positions(text: str) -> tuple[object, Positions]:
    """Parse one YAML document; raises YamlProblem with a position for syntax errors."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Positions()
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(filter(None, [error.context, error.problem])) or str(error)
        raise YamlProblem(f"YAML syntax: {message}", mark.line + 1 if mark else None,
                          mark.column + 1 if mark else None) from error
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML: {error}", None, None) from error
    finally:
        loader.dispose()
    positions = Positions()
    _walk(node, (), positions)
    return data, positions


def _walk(node: yaml.Node, path: Path_, positions: Positions) -> None:
    # Iterative would be safer for deep files, but YAML nesting in a lesson is shallow by design.
    positions.places.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                positions.duplicates.append((str(key), key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            seen.add(key)
            positions.places[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _walk_value(value_node, (*path, key), positions)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), positions)


def _walk_value(node: yaml.Node, path: Path_, positions: Positions) -> None:
    # The key's own position is kept for the path; children are recorded under it.
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        saved = positions.places.get(path)
        _walk(node, path, positions)
        if saved is not None:
            positions.places[path] = saved

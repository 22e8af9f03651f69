"""YAML loading that remembers where every key and item was written (for file:line:column errors).

The safe loader only: tags that would build Python objects are refused by PyYAML itself. The nodes
are composed within budgets (yamlcompose), then walked before any value is built: positions are
recorded, duplicate keys (which YAML silently overwrites) and control characters are reported,
and the text is cleaned, so what the lesson shows can never drive the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .controls import Controls
from .yamlcompose import compose
from .yamlerrors import YamlProblem, explain

__all__ = ["Positions", "TextDatesLoader", "YamlProblem", "dotted", "load_with_positions"]

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
    # Problems that leave the file readable (control characters, now cleaned): (line, column, message).
    problems: list[tuple[int, int, str]] = field(default_factory=list)

    def find(self, path: Path_) -> tuple[int, int] | None:
        """The place of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.places:
                return self.places[path]
            path = path[:-1]
        return self.places.get(())


def load_with_positions(text: str) -> tuple[object, Positions]:
    """Parse one YAML document; raises YamlProblem with a position for what cannot be read."""
    controls = Controls(text)
    parsed = controls.cleaned_text()
    loader = _Loader(parsed)
    try:
        node = compose(loader)
        if node is None:
            return None, Positions()
        positions = Positions()
        _Walk(positions, controls).node(node, ())
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise explain(error, parsed) from error
    finally:
        loader.dispose()
    for found in controls.unclaimed():
        positions.problems.append((found.line, found.column, found.message("the file, outside any value")))
    return data, positions


def dotted(path: Path_) -> str:
    """('pages', 0, 'body') as pages[0].body, the way an author finds it in the file."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the top level"


class _Walk:
    """Records positions, duplicate keys and control characters; nesting is capped by yamlcompose."""

    def __init__(self, positions: Positions, controls: Controls) -> None:
        self.positions, self.controls = positions, controls
        self.checked: set[int] = set()  # scalar nodes seen (an alias visits a node again)

    def node(self, node: yaml.Node, path: Path_) -> None:
        places = self.positions.places
        places.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            seen: set[object] = set()
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlProblem("a key is plain text, not a list or a mapping", key_node.start_mark)
                self.scalar(key_node, path, key=True)
                key = key_node.value
                if key in seen:
                    self.positions.duplicates.append((str(key), key_node.start_mark.line + 1,
                                                      key_node.start_mark.column + 1))
                seen.add(key)
                places[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                self.value(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.node(item, (*path, index))
        else:
            self.scalar(node, path)

    def value(self, node: yaml.Node, path: Path_) -> None:
        # The key's own position is kept for the path; children are recorded under it.
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            saved = self.positions.places.get(path)
            self.node(node, path)
            if saved is not None:
                self.positions.places[path] = saved
        else:
            self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: Path_, key: bool = False) -> None:
        if id(node) in self.checked:
            return
        self.checked.add(id(node))
        found = self.controls.check(node)
        if found is not None:
            where = f"the key '{node.value}' of {dotted(path)}" if key else dotted(path)
            self.positions.problems.append((found.line, found.column, found.message(where)))

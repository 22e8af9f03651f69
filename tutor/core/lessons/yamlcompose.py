"""YAML nodes from libyaml's events, built without recursion and within budgets a lesson never nears.

libyaml's own composer recurses in C: about 100 000 nested brackets (a 200 KB file) overflow its
stack and kill the process. And aliases copy what an anchor holds, so nine lines of nested aliases
("billion laughs") stand for 10⁹ values, which every later walk of the data would visit. Here the
events are read in a loop, nesting is capped, and the values (and characters of text) aliases stand
for are counted, so such a file is refused with its line and column before anything walks it.
"""

from __future__ import annotations

import yaml

from .yamlerrors import MAX_DEPTH, TOO_DEEP, YamlProblem

MAX_ALIAS_VALUES = 10_000  # values all aliases of a file may stand for: room to reuse a data table, no more
MAX_ALIAS_CHARACTERS = 1_000_000  # and their text: a long hint copied 10 000 times is a bomb of text


def compose(loader) -> yaml.Node | None:
    """The single document's root node (None for an empty file), from a libyaml (C) loader's events."""
    loader.get_event()  # the stream's start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    node = _Document(loader).compose()
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise YamlProblem("a second YAML document starts here: a lesson file holds one (remove this '---' "
                          "and what follows, or move it to its own file)", event.start_mark)
    return node


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_STARTS = {yaml.SequenceStartEvent: yaml.SequenceNode, yaml.MappingStartEvent: yaml.MappingNode}
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _Document:
    def __init__(self, loader) -> None:
        self.loader = loader
        self.anchors: dict[str, yaml.Node] = {}
        self.sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values, characters), aliases expanded
        self.copied = (0, 0)                          # what the aliases so far stand for
        self.open: list[list] = []           # [collection node, its pending key node or None]
        self.open_ids: set[int] = set()
        self.root: yaml.Node | None = None

    def compose(self) -> yaml.Node | None:
        # One loop over the events, type-dispatched: this runs for every file the app lists.
        loader, open_, resolve = self.loader, self.open, self.loader.resolve
        loader.get_event()  # the document's start
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is _SCALAR:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(yaml.ScalarNode, event.value, event.implicit)
                node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
                if event.anchor is not None:
                    self.anchors[event.anchor] = node  # a later anchor of the same name wins (YAML 1.2)
            elif kind in _STARTS:
                self.start(event, _STARTS[kind])
                continue
            elif kind in _ENDS:
                node = open_.pop()[0]
                self.open_ids.discard(id(node))
                node.end_mark = event.end_mark
            elif kind is _ALIAS:
                node = self.alias(event)
            else:  # the document's end
                return self.root
            if not open_:
                self.root = node
                continue
            entry = open_[-1]
            if type(entry[0]) is yaml.SequenceNode:
                entry[0].value.append(node)
            elif entry[1] is None:
                entry[1] = node
            else:
                entry[0].value.append((entry[1], node))
                entry[1] = None

    def start(self, event, kind) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(kind, None, event.implicit)
        node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        self.open.append([node, None])
        self.open_ids.add(id(node))
        if len(self.open) > MAX_DEPTH:
            raise YamlProblem(TOO_DEEP, event.start_mark)

    def alias(self, event) -> yaml.Node:
        node = self.anchors.get(event.anchor)
        if node is None:
            raise YamlProblem(f"the alias *{event.anchor} names no anchor: write &{event.anchor} on a value "
                              "above it (or quote the text if * is meant literally)", event.start_mark)
        if id(node) in self.open_ids:  # the alias is inside the value it would copy
            raise YamlProblem(f"the alias *{event.anchor} is inside the value &{event.anchor} it copies, "
                              "so that value would contain itself forever", event.start_mark)
        values, characters = self.size(node)
        self.copied = (self.copied[0] + values, self.copied[1] + characters)
        if self.copied[0] > MAX_ALIAS_VALUES:
            raise YamlProblem(f"aliases here stand for more than {MAX_ALIAS_VALUES:,} values in all (each "
                              f"*name copies everything its &name holds); write the values out instead",
                              event.start_mark)
        if self.copied[1] > MAX_ALIAS_CHARACTERS:
            raise YamlProblem(f"aliases here stand for more than {MAX_ALIAS_CHARACTERS:,} characters of text in "
                              f"all (each *name copies everything its &name holds); write the text out instead",
                              event.start_mark)
        return node

    def size(self, node: yaml.Node) -> tuple[int, int]:
        """(values, characters) `node` stands for, aliases inside it expanded; each node is sized once."""
        sizes, todo = self.sizes, [node]
        while todo:
            current = todo[-1]
            if id(current) in sizes:
                todo.pop()
                continue
            if isinstance(current, yaml.ScalarNode):
                sizes[id(current)] = (1, len(current.value))
                todo.pop()
                continue
            children = current.value if isinstance(current, yaml.SequenceNode) else [n for p in current.value for n in p]
            pending = [c for c in children if id(c) not in sizes]
            if pending:
                todo.extend(pending)
            else:
                sizes[id(current)] = (1 + sum(sizes[id(c)][0] for c in children),
                                      sum(sizes[id(c)][1] for c in children))
                todo.pop()
        return sizes[id(node)]

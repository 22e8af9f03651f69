"""The layers, stated once and held: each package imports only from the layers below it (and itself),
never a sibling of its own layer, and no modules import each other round in a circle, function-level
imports included (an import only for type checkers does not count: it never runs)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. A package may import its own modules and anything in a lower layer.
LAYERS: list[set[str]] = [
    {"tutor.core.maths", "tutor.core.learners"},
    {"tutor.core.xapi"},  # statements, the LRS client, the submit folder's file writes
    {"tutor.core.review"},  # FSRS scheduling and the rating rule (the store rates cards as it records)
    {"tutor.core.progress"},
    {"tutor.core.descent", "tutor.core.recording"},
    {"tutor.core.lessons", "tutor.core.charts", "tutor.core.results", "tutor.core.answering", "tutor.core.next_step"},
    {"tutor.core.quiz", "tutor.core.study", "tutor.core.sheets"},
    {"tutor.core.report"},  # reads statements and sheets, groups answers with the checker
    {"tutor.ui"},
    {"tutor.serve"},
    {"tutor.cli"},
    {"tutor.__main__"},
]
SHARED = {"tutor", "tutor.core"}  # package roots holding only a version string and a docstring


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in (ROOT / "tutor").rglob("*.py")}


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = module.split(".")
    if node.level:
        base = base if MODULES[module].name == "__init__.py" else base[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    return [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in MODULES else prefix for a in node.names]


def imports_of(module: str) -> set[str]:
    """The tutor modules `module` imports anywhere in its code, except under `if TYPE_CHECKING:`."""
    found: set[str] = set()

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            test = node.test
            if getattr(test, "id", None) == "TYPE_CHECKING" or getattr(test, "attr", None) == "TYPE_CHECKING":
                for child in node.orelse:
                    self.visit(child)
                return
            self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            found.update(_targets(module, node))

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            found.update(_targets(module, node))

    Visitor().visit(ast.parse(MODULES[module].read_text(encoding="utf-8")))
    return {m for m in found if m in MODULES and m != module}


def package_of(module: str) -> str | None:
    """The layered package a module belongs to (the longest prefix named in LAYERS)."""
    names = [p for layer in LAYERS for p in layer if module == p or module.startswith(p + ".")]
    return max(names, key=len) if names else None


def layer_of(package: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


GRAPH = {m: imports_of(m) for m in MODULES}


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if m not in SHARED and package_of(m) is None] == []


def test_imports_go_down_the_layers_only() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        if module in SHARED:
            continue
        mine = package_of(module)
        for target in targets:
            theirs = package_of(target)
            if target in SHARED or theirs == mine:
                continue
            if layer_of(theirs) >= layer_of(mine):
                wrong.append(f"{module} imports {target} ({theirs} is not below {mine})")
    assert wrong == []


def test_no_import_cycles() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in GRAPH[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert cycles == []


def test_no_module_imports_another_modules_private_name() -> None:
    wrong = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                targets = _targets(module, node)
                for alias, target in zip(node.names, targets):
                    if alias.name.startswith("_") and not alias.name.startswith("__") and target != module:
                        wrong.append(f"{module}: from {node.module or '.'} import {alias.name}")
    assert wrong == []


def test_the_analysis_sees_imports_inside_functions() -> None:
    # problem.py imports diagnose inside a method (diagnosis is only needed for a wrong answer).
    assert "tutor.core.maths.diagnose" in GRAPH["tutor.core.maths.problem"]
    # …and not those only for type checkers (diagnose names Problem in its annotations).
    assert "tutor.core.maths.problem" not in GRAPH["tutor.core.maths.diagnose"]

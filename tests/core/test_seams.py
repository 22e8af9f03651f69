"""The app's seams, held by reading its source: screens are handed their Study, exercise screens are
made in one place, buttons name their actions, messages carry their control, styles are scoped by
screen, and the environment is read only for documented TUTOR_* settings.

Source checks (ast, no Textual import): core tests must not load Textual, and they run in milliseconds.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "tutor" / "ui"


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _trees(*folders: Path) -> dict[Path, ast.Module]:
    return {path: _tree(path) for folder in folders for path in sorted(folder.rglob("*.py"))}


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{node.lineno}"


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _enclosing(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> list[str]:
    """The names of the classes and functions around `node`, outermost first."""
    names = []
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.append(node.name)
    return names[::-1]


# -- 2. screens and widgets are given their Study ----------------------------------------------------

APP_NAMES = {"app", "tutor", "_app"}  # self.app, self.tutor (the typed app), a bare `app`


def _reads_the_apps_study(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute) and node.attr == "study":
        owner = node.value
        return (isinstance(owner, ast.Attribute) and owner.attr in APP_NAMES) or (
            isinstance(owner, ast.Name) and owner.id in APP_NAMES)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr":
        return (len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and node.args[1].value == "study")
    return False


def test_no_screen_or_widget_reads_the_apps_study() -> None:
    found = [_where(path, node) for path, tree in _trees(UI / "screens", UI / "widgets").items()
             for node in ast.walk(tree) if _reads_the_apps_study(node)]
    assert not found, f"screens are given their Study (TutorScreen(study)); these read the app's: {found}"


def test_the_check_sees_a_read_of_the_apps_study() -> None:
    for code in ("self.app.study.store", "self.tutor.study", "app.study", "getattr(self.app, 'study')"):
        assert any(_reads_the_apps_study(n) for n in ast.walk(ast.parse(code))), code
    assert not any(_reads_the_apps_study(n) for n in ast.walk(ast.parse("self.study.store")))


# -- 3. one way to open an exercise screen ------------------------------------------------------------

def _exercise_screens(trees: dict[Path, ast.Module]) -> set[str]:
    """ExerciseScreen and every class that derives from it, however deep."""
    bases = {node.name: {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
             for tree in trees.values() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    kin = {"ExerciseScreen"}
    while True:
        more = {name for name, of in bases.items() if of & kin} - kin
        if not more:
            return kin
        kin |= more


def test_exercise_screens_are_made_only_by_open_exercise() -> None:
    trees = _trees(UI, ROOT / "tutor" / "serve", ROOT / "tutor" / "cli")  # below them Textual is never imported
    kin = _exercise_screens(trees)
    assert {"ExerciseScreen", "DescentExerciseScreen", "EntriesExerciseScreen"} <= kin
    stray, opened = [], False
    for path, tree in trees.items():
        parents = _parents(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load)):
                continue
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name not in kin:
                continue
            around = _enclosing(node, parents)
            if isinstance(parents.get(node), ast.ClassDef):  # a base class: `class X(ExerciseScreen)`
                continue
            if path == UI / "app.py" and around == ["TutorApp", "open_exercise"]:
                opened = True
                continue
            stray.append(f"{_where(path, node)} {name} in {'.'.join(around) or 'the module'}")
    assert opened, "TutorApp.open_exercise no longer names the exercise screens"
    assert not stray, f"exercise screens are opened by TutorApp.open_exercise alone: {stray}"


# -- 4. buttons name their action ---------------------------------------------------------------------

def test_buttons_name_their_action_and_nothing_forwards_a_press() -> None:
    found = []
    for path, tree in _trees(UI).items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Button":
                if not any(k.arg == "action" for k in node.keywords):
                    found.append(f"{_where(path, node)} Button without action=")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.name == "on_button_pressed":
                    found.append(f"{_where(path, node)} on_button_pressed")
                for decorator in node.decorator_list:
                    if "Button.Pressed" in ast.unparse(decorator):
                        found.append(f"{_where(path, node)} @on(Button.Pressed) {node.name}")
    assert not found, f"a button says its action (Button(..., action='screen.x')): {found}"


# -- 5. messages carry their control ------------------------------------------------------------------

def _is_property(function: ast.AST) -> bool:
    return isinstance(function, ast.FunctionDef) and any(
        isinstance(d, ast.Name) and d.id == "property" for d in function.decorator_list)


def test_every_message_of_the_app_names_its_control() -> None:
    messages, without = [], []
    for path, tree in _trees(UI).items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(ast.unparse(b).split(".")[-1] == "Message" for b in node.bases):
                messages.append(node.name)
                if not any(_is_property(item) and item.name == "control" for item in node.body):
                    without.append(f"{_where(path, node)} {node.name}")
    assert len(messages) >= 8, messages  # the check still finds the app's messages
    assert not without, f"a message posted by a widget says which (a `control` property): {without}"


# -- 6. styles scoped by screen -----------------------------------------------------------------------

RULE = re.compile(r"([^{}]+)\{[^{}]*\}")


def _selectors(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert css.count("{") == css.count("}") == len(RULE.findall(css)), "nested rules: teach this test to read them"
    return [s.strip() for group in RULE.findall(css) for s in group.split(",")]


def _class_names() -> set[str]:
    return {node.name for tree in _trees(UI).values() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}


def _unscoped_in_stylesheet(selectors: list[str], screens: set[str]) -> list[str]:
    """A rule is its screen's (`HomeScreen #home`, the screen a class of ours), or a shared class
    rule with no id in it (`.buttons Button`); an id is unique only within one screen."""
    bad = []
    for selector in selectors:
        first = re.split(r"[\s>.#:]", selector, maxsplit=1)[0]
        if first in screens:
            continue
        if selector.startswith(".") and "#" not in selector:
            continue
        bad.append(selector)
    return bad


def test_every_stylesheet_rule_is_scoped_by_its_screen() -> None:
    screens = {name for name in _class_names() if name.endswith("Screen")}
    for sheet in sorted(UI.glob("*.tcss")):
        selectors = _selectors(sheet.read_text(encoding="utf-8"))
        assert selectors, sheet
        bad = _unscoped_in_stylesheet(selectors, screens)
        assert not bad, f"{sheet.name}: start each rule with its screen (`HomeScreen #lessons`): {bad}"


def test_an_unscoped_id_rule_is_caught() -> None:
    screens = {"HomeScreen", "QuizScreen"}
    rules = _selectors("HomeScreen #a { x: 1; }\n.buttons Button { x: 1; }\n#lessons { x: 1; }\n"
                       ".buttons #check { x: 1; }\nQuizScren #b { x: 1; }\nQuizScreen.-wide, Input { x: 1; }")
    assert _unscoped_in_stylesheet(rules, screens) == ["#lessons", ".buttons #check", "QuizScren #b", "Input"]


def test_default_css_of_screens_and_widgets_is_scoped_by_its_class() -> None:
    bad = []
    for path, tree in _trees(UI).items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            for item in node.body:
                if (isinstance(item, ast.Assign) and any(getattr(t, "id", "") in ("DEFAULT_CSS", "CSS") for t in item.targets)
                        and isinstance(item.value, ast.Constant)):
                    for selector in _selectors(item.value.value):
                        if re.split(r"[\s>.#:]", selector, maxsplit=1)[0] != node.name:
                            bad.append(f"{_where(path, item)} {node.name}: {selector}")
    assert not bad, f"a class's own CSS starts each rule with the class: {bad}"


# -- 7. the environment: documented TUTOR_* settings only ---------------------------------------------

# Each one is documented where a learner or teacher looks: README.md (or the command's --help).
SETTINGS = {"TUTOR_HOME", "TUTOR_LEARNER", "TUTOR_LRS_USER", "TUTOR_LRS_PASSWORD", "TUTOR_CACHE_DIR"}


def _environment_reads(tree: ast.Module) -> list[tuple[ast.AST, str | None]]:
    """(node, name) for each variable read: os.environ.get(N), os.environ[N], os.getenv(N), N in os.environ
    (N a string or a module-level constant holding one; None when it is neither). Writes (setdefault, assignment) and `dict(os.environ)`
    (the tab launcher passing the whole environment on) are not reads of a setting."""
    def environ(node: ast.AST) -> bool:
        return ast.unparse(node) in ("os.environ", "environ")

    constants = {target.id: item.value.value for item in tree.body if isinstance(item, ast.Assign)
                 and isinstance(item.value, ast.Constant) for target in item.targets if isinstance(target, ast.Name)}

    def name(node: ast.AST) -> str | None:
        value = constants.get(node.id) if isinstance(node, ast.Name) else getattr(node, "value", None)
        return value if isinstance(value, str) else None

    reads = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("get", "pop") and environ(node.func.value) or ast.unparse(node.func) in ("os.getenv", "getenv"):
                reads.append((node, name(node.args[0]) if node.args else None))
        elif isinstance(node, ast.Subscript) and environ(node.value) and isinstance(node.ctx, ast.Load):
            reads.append((node, name(node.slice)))
        elif isinstance(node, ast.Compare) and any(environ(c) for c in node.comparators):
            reads.append((node, name(node.left)))
    return reads


def test_the_environment_is_read_only_for_documented_settings() -> None:
    found = {}
    for path, tree in _trees(ROOT / "tutor").items():
        for node, name in _environment_reads(tree):
            found[_where(path, node)] = name
    assert set(found.values()) >= {"TUTOR_HOME", "TUTOR_LEARNER"}, found  # the check sees the reads
    strays = {where: name for where, name in found.items() if name not in SETTINGS}
    assert not strays, f"no switch in the environment besides the documented settings: {strays}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not {s for s in SETTINGS if s not in readme}, "each setting is documented in README.md"


def test_the_environment_check_sees_every_way_of_reading() -> None:
    code = ("import os\nG = 'G'\nos.environ.get(G)\nos.environ.get('A')\nos.environ['B']\nos.getenv('C')\n'D' in os.environ\n"
            "os.environ.get(name)\nos.environ.setdefault('E', '1')\nos.environ['F'] = '1'\ndict(os.environ)")
    assert [name for _, name in _environment_reads(ast.parse(code))] == ["G", "A", "B", "C", "D", None]

"""The core never loads Textual nor pydantic; the parser and preview never load sympy (they run on every keystroke)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE_MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for p in (ROOT / "tutor" / "core").rglob("*.py")
    if p.name != "__init__.py"
)


def _loaded_after(imports: list[str]) -> set[str]:
    code = "import sys\n" + "".join(f"import {m}\n" for m in imports) + "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(out.stdout.split())


def test_core_never_imports_textual() -> None:
    loaded = _loaded_after(CORE_MODULES)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
    assert not {m for m in loaded if m.startswith("tutor.ui")}


@pytest.mark.parametrize("module", ["tutor.core.maths.parser", "tutor.core.maths.preview"])
def test_typing_preview_path_does_not_need_sympy(module: str) -> None:
    assert "sympy" not in _loaded_after([module])


def test_lessons_load_without_pydantic() -> None:
    # The lesson format is msgspec structs: pydantic would cost the app ~20 MB of its 120 MB budget.
    loaded = _loaded_after(["tutor.core.lessons.loader", "tutor.core.lessons.schema", "tutor.core.lessons.validate"])
    assert "msgspec" in loaded
    assert not {m for m in loaded if m == "pydantic" or m.startswith(("pydantic.", "pydantic_core"))}


def test_the_maths_package_is_an_api_that_loads_on_use() -> None:
    import tutor.core.maths as maths

    assert "sympy" not in _loaded_after(["tutor.core.maths"])  # the API itself costs nothing
    for name in maths.__all__:  # every name it promises is there
        assert getattr(maths, name) is not None, name
    assert "tutor.core.maths.check" not in _loaded_after(["tutor.core.maths"])

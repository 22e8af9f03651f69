"""The list of diagnosis codes (maths/codes.py) is the list the checker's sources use, no more, no less."""

from __future__ import annotations

import re
from pathlib import Path

from tutor.core.maths.codes import CODES, label

ROOT = Path(__file__).resolve().parents[2] / "tutor" / "core"
TYPES = ROOT / "lessons" / "types"
DIAGNOSIS = ("mistakes", "chain_mistakes", "power_mistakes", "rule_mistakes", "term_mistakes", "diagnose",
             "diagnose_numbers", "number_slips", "descent_slips", "form", "matrix_check")
SOURCES = [*(ROOT / "maths" / f"{name}.py" for name in DIAGNOSIS),
           TYPES / "descent_judge.py", TYPES / "backprop_blanks.py", TYPES / "optimizer_steps.py", TYPES / "adam_steps.py"]
# A code is the first argument of Mistake(...) or Diagnosis(...), or the first item of a candidate
# tuple: ("code", [values], …) in descent, ("code", (values), …) or ("code", a_tuple, …) in the slips of
# backprop and optimizer steps, ("code", wrong expression, message, …) in the derivative slips.
USED = re.compile(r'(?:Mistake|Diagnosis)\(\s*"([a-z][a-z-]*)"|\(\s*"([a-z]+-[a-z-]+)",')


def test_every_code_the_checker_names_is_listed_and_none_is_invented():
    used = set()
    for path in SOURCES:
        for match in USED.finditer(path.read_text(encoding="utf-8")):
            used.add(match.group(1) or match.group(2))
    assert used - CODES == set(), "a code the checker names has no label in maths/codes.py"
    assert CODES - used == set(), "maths/codes.py lists a code the checker never names"


def test_labels_are_words_and_unknown_codes_show_as_themselves():
    assert label("wrong-variable") == "differentiating by the wrong variable"
    assert label("made-up") == "made-up"


def test_both_readmes_list_every_code() -> None:
    repo = ROOT.parents[1]
    for readme in (repo / "README.md", repo / "lessons" / "README.md"):
        text = readme.read_text(encoding="utf-8")
        missing = sorted(c for c in CODES if f"`{c}`" not in text)
        assert missing == [], f"{readme.relative_to(repo)} does not list {missing}"

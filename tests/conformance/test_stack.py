"""STACK's answer-test fixtures: the tutor agrees on every row, except the deviations it lists with a reason."""

from __future__ import annotations

import pytest

from . import stack

if not stack.FIXTURES.exists():
    pytest.skip(
        f"STACK conformance fixtures not found at {stack.FIXTURES}: this checkout has no ../shared/conformance beside it",
        allow_module_level=True,
    )

ROWS = stack.rows()
DEVIATIONS = stack.deviations()


def test_the_fixture_file_has_the_rows_we_expect() -> None:
    assert len(ROWS) >= 100
    assert {r.test for r in ROWS} == set(stack.TESTS)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.id}-{r.test}" for r in ROWS])
def test_row_agrees_with_stack(row: stack.Row) -> None:
    verdict = stack.run(row)
    got = stack.as_expected(verdict)
    if row.id in DEVIATIONS:
        assert got != row.expected, f"row {row.id} now agrees with STACK: remove it from deviations.json"
        return
    assert got == row.expected, (
        f"{row.test} {row.student!r} vs {row.teacher!r} ({row.options!r}): expected {row.expected}, "
        f"got {verdict.status}: {verdict.message}"
    )


def test_every_deviation_has_a_reason_and_a_row() -> None:
    ids = {r.id for r in ROWS}
    for row_id, reason in DEVIATIONS.items():
        assert row_id in ids
        assert len(reason) > 40

"""A report's table that is filled again as lines arrive, its cursor staying on the same row."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import DataTable


class ReportTable(DataTable):
    """A row-cursor table with zebra stripes; refill() replaces every row and keeps the cursor's row."""

    def __init__(self, *columns: str, id: str | None = None) -> None:  # noqa: A002 - Textual's own name
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.headings = columns

    def on_mount(self) -> None:
        self.add_columns(*self.headings)

    @property
    def highlighted(self) -> str | None:
        """The key of the row under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        return str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)

    def refill(self, rows: Iterable[tuple[str, tuple]]) -> None:
        """Every row again from (key, values); the cursor stays on its row's key when it is still there."""
        kept = self.highlighted
        self.clear()
        for key, values in rows:
            self.add_row(*values, key=key)
        if kept is not None and kept in self.rows:
            self.move_cursor(row=self.get_row_index(kept))

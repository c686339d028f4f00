"""A DataTable of rows whose Home and End keys go to the first and last row.

Owns only those two keys: Textual's DataTable, in row mode, takes Home and End to
scroll to its first and last *column*, while the help says (as every other list of
the TUI does) that they move to the first and last entry. Refuses anything else.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from checker.i18n import N_


class RowTable(DataTable[Text]):
    """A row-cursor DataTable: Home and End move the cursor to the first and last row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first_row", N_("First"), show=False),
        Binding("end", "last_row", N_("Last"), show=False),
    ]

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

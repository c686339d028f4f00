"""The portfolio table: one row per project; per profile its failing conditions by
severity, the facts it does not show, and the core's score, or "out of scope" once.

Owns the columns (more of them on wide terminals), drawing a row's cells as
literal `Text` and keeping them, so that sorting or filtering 1,000 projects
re-orders rows instead of drawing them again. Which rows, in which order, is
the portfolio screen's to say.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from checker.tui.model import ProjectRow
from checker.tui.text import bar, counts, joined, plain, unshown

Layout = tuple[bool, tuple[str, ...]]
"""Wide or not, and the profiles shown (first one first)."""


def cells(row: ProjectRow, layout: Layout) -> list[Text]:
    """A row's cells: project, country, (sector), per profile failing, not shown and score
    (or "out of scope" in the first of the three), (parties)."""
    wide, profiles = layout
    name = plain(row.id)
    if not row.valid:
        name = Text("⚠ ", style="bold #d9342b").append_text(plain(row.id))
    out = [name, plain(row.country)]
    if wide:
        out.append(plain(row.sector))
    for profile in profiles:
        score = row.scores.get(profile)
        if not row.checked:
            out.append(Text("‼ invalid file", style="bold #b03ab8"))
            out.extend((Text(""), Text(f"{row.input_problems} problem(s)", style="#b03ab8")))
        elif score is None:  # a profile just chosen: its check is still running
            out.extend((Text("checking…", style="dim"), Text(""), Text("")))
        elif score.out_of_scope:  # one verdict for the profile, never "0 failing"
            out.extend((counts(score), Text(""), Text("")))
        else:
            out.append(counts(score, width=2))
            out.append(unshown(score, width=5))
            out.append(bar(score.share, width=8 if wide else 0))
    if wide:
        out.extend((joined(row.financiers), joined(row.vendors)))
    return out


class ProjectTable(DataTable[Text]):
    """Projects as rows, keyed by their file's display path."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.header_height = 2
        self._drawn: dict[str, tuple[ProjectRow, Layout, list[Text]]] = {}
        self._layout: Layout | None = None
        self._shown: dict[str, ProjectRow] = {}

    @property
    def current(self) -> str | None:
        """The key of the highlighted row."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # a table being refilled has no cursor row yet
            return None

    def show(self, rows: Sequence[ProjectRow], layout: Layout, width: int) -> None:
        """List `rows` in this order; the highlighted project stays highlighted."""
        current = self.current
        if layout == self._layout and self._shown == {r.key: r for r in rows}:
            # Only the order changed: each row's first cell is its own kept Text,
            # so its identity gives the row's rank and nothing is drawn again.
            ranks = {id(self._drawn[row.key][2][0]): i for i, row in enumerate(rows)}
            self.sort("project", key=lambda cell: ranks[id(cell)])
        else:
            self._fill(rows, layout, width)
        if current is not None and current in self._shown:
            self.move_cursor(row=self.get_row_index(current), animate=False)

    def _fill(self, rows: Sequence[ProjectRow], layout: Layout, width: int) -> None:
        self.clear(columns=True)
        self._columns(layout, width)
        for row in rows:
            drawn = self._drawn.get(row.key)
            if drawn is None or drawn[0] is not row or drawn[1] != layout:
                drawn = (row, layout, cells(row, layout))
                self._drawn[row.key] = drawn
            self.add_row(*drawn[2], key=row.key)
        self._layout = layout
        self._shown = {r.key: r for r in rows}

    def _columns(self, layout: Layout, width: int) -> None:
        wide, profiles = layout
        # Narrow: the project id takes what the profile columns leave (at 80 columns, 14).
        narrow = max(14, min(28, width - 4 - 29 * len(profiles) - 4))
        self.add_column(Text("Project"), width=28 if wide else narrow, key="project")
        self.add_column(Text("CC"), width=2, key="country")
        if wide:
            self.add_column(Text("Sector"), width=16, key="sector")
        for profile in profiles:
            label = Text(f"{profile[:14]}\n C  H  M  L  I", style="bold")
            self.add_column(label, width=14, key=f"fails:{profile}")
            self.add_column(Text("not\nshown"), width=5, key=f"unshown:{profile}")
            label = Text(f"{profile[:13]}\n% met" if wide else "\n met")
            self.add_column(label, width=13 if wide else 4, key=f"score:{profile}")
        if wide:
            used = 28 + 2 + 16 + 32 * len(profiles) + 2 * (5 + 3 * len(profiles)) + 2
            spare = max(12, (width - used) // 2)
            self.add_column(Text("Financiers"), width=spare, key="financiers")
            self.add_column(Text("Vendors"), width=spare, key="vendors")

"""The portfolio table: one row per project; per profile its failing conditions by
severity, the facts it does not show, and the core's score, or "out of scope" once.

Owns the columns (more of them on wide terminals) and drawing only the rows on
screen: the table is virtual (Textual's line API), so listing, sorting or
filtering 10,000 projects replaces a Python list and draws the forty-odd rows
in view, never a widget row per project. Cells are literal `Text`, cut with
"…" to their column. The cursor moves with the arrows, PgUp/PgDn, Home/End
and the mouse; Enter (or a second click) selects; a header click asks to sort.
Which rows, in which order, is the portfolio screen's to say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from checker.i18n import N_, _, ngettext
from checker.tui.model import ProjectRow
from checker.tui.text import bar, counts, fit, joined, plain, unshown

Layout = tuple[bool, tuple[str, ...]]
"""Wide or not, and the profiles shown (first one first)."""

HEADER = 2
"""Header lines (a profile's name above its column labels)."""


def bars(layout: Layout, width: int) -> bool:
    """Whether the scores are drawn as bars: on wide terminals where the columns up to the
    last profile's score fit (at 120 columns they do not: the second profile's score was
    off the screen, to be scrolled to); else the percentage alone."""
    wide, profiles = layout
    # project, country, sector, per profile 14 + 5 + 13; two cells of padding a column,
    # two for the scroll bar.
    return wide and width >= 28 + 2 + 16 + 32 * len(profiles) + 2 * (3 + 3 * len(profiles)) + 2


def cells(row: ProjectRow, layout: Layout, drawn_bars: bool | None = None) -> list[Text]:
    """A row's cells: project, country, (sector), per profile failing, not shown and score
    (or "out of scope" in the first of the three), (parties)."""
    wide, profiles = layout
    with_bars = wide if drawn_bars is None else drawn_bars
    name = plain(row.id)
    if not row.valid:
        name = Text("⚠ ", style="bold #d9342b").append_text(plain(row.id))
    out = [name, plain(row.country)]
    if wide:
        out.append(plain(row.sector))
    for profile in profiles:
        score = row.scores.get(profile)
        if not row.checked:
            out.append(Text(_("‼ invalid file"), style="bold #b03ab8"))
            count = row.input_problems
            said = ngettext("{count} problem", "{count} problems", count).format(count=count)
            out.extend((Text(""), Text(said, style="#b03ab8")))
        elif score is None:  # a profile just chosen: its check is still running
            out.extend((Text(_("checking…"), style="dim"), Text(""), Text("")))
        elif score.out_of_scope:  # one verdict for the profile, never "0 failing"
            out.extend((counts(score), Text(""), Text("")))
        else:
            out.append(counts(score, width=2))
            out.append(unshown(score, width=5))
            out.append(bar(score.share, width=8 if with_bars else 0))
    if wide:
        out.extend((joined(row.financiers), joined(row.vendors)))
    return out


def middle_cut(text: Text, width: int) -> Text:
    """A project id too long for its column, cut in the middle: ids that differ at the end
    (`kg-bishkek-safe-city`, `…-eu-redesign`; `kz-internet-exchange-000312`, `-000318`)
    read alike when cut at the end."""
    if text.cell_len <= width or width < 5:
        return text
    head = (width - 1) // 2
    tail = width - 1 - head
    return text[:head] + Text("…") + text[len(text) - tail :]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: Text
    width: int


def columns(layout: Layout, width: int) -> list[Column]:
    """The columns of `layout` on a terminal `width` cells wide."""
    wide, profiles = layout
    with_bars = bars(layout, width)
    # Narrow: the project id takes what the profile columns leave (at 80 columns, 14).
    narrow = max(14, min(28, width - 4 - 29 * len(profiles) - 4))
    out = [
        Column("project", Text(_("Project")), 28 if wide else narrow),
        Column("country", Text("CC"), 2),
    ]
    if wide:
        out.append(Column("sector", Text(_("Sector")), 16))
    for profile in profiles:
        # i18n: the initials of critical, high, medium, low, info over their counts
        label = Text(f"{profile[:14]}\n" + _(" C  H  M  L  I"), style="bold")
        out.append(Column(f"fails:{profile}", label, 14))
        out.append(Column(f"unshown:{profile}", Text(_unshown_label()), 5))
        if with_bars:
            label, size = Text(f"{profile[:13]}\n" + _("% met")), 13
        else:
            said, size = (_("% met"), 5) if wide else (_(" met"), 4)
            # A translation too long for the column ("% выполнено") is cut to "% вы…":
            # the percent sign alone says what the figures are (the help says "% met").
            label = Text("\n" + (said if len(said) <= size else "%".rjust(size - 1)))
        out.append(Column(f"score:{profile}", label, size))
    if wide:
        used = sum(c.width for c in out) + 2 * (len(out) + 2) + 2
        spare = max(12, (width - used) // 2)
        out.extend(
            (
                Column("financiers", Text(_("Financiers")), spare),
                Column("vendors", Text(_("Vendors")), spare),
            )
        )
    return out


def _unshown_label() -> str:
    """The not-shown column's two-line label, or, where a translation does not fit its five
    cells ("не / показано"), the not-shown icon the findings carry (`?`)."""
    said = _("not\nshown")
    if max(cell_len(line) for line in said.split("\n")) <= 5:
        return said
    return "\n" + "?".rjust(5)


class ProjectTable(ScrollView, can_focus=True):
    """Projects as rows, keyed by their file's display path; only the rows in view are drawn."""

    DEFAULT_CSS = """
    ProjectTable {
        background: $surface;
    }
    ProjectTable > .project-table--header {
        text-style: bold;
        background: $panel;
    }
    ProjectTable > .project-table--even {
        background: $surface-lighten-1;
    }
    ProjectTable > .project-table--cursor {
        background: $block-cursor-blurred-background;
    }
    ProjectTable:focus > .project-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "project-table--header",
        "project-table--even",
        "project-table--cursor",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", N_("Up"), show=False),
        Binding("down", "move(1)", N_("Down"), show=False),
        Binding("pageup", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown", "page(1)", N_("Page down"), show=False),
        Binding("home", "edge(False)", N_("First"), show=False),
        Binding("end", "edge(True)", N_("Last"), show=False),
        Binding("enter", "select", N_("Open"), show=False),
    ]

    class Highlighted(Message):
        """The cursor moved to the project `key` (None: the table is empty)."""

        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    class Selected(Message):
        """Enter, or a click on the highlighted row."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class HeaderSelected(Message):
        """A click on a column's header."""

        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ProjectRow] = []
        self.cursor = 0
        self._index: dict[str, int] = {}
        self._columns: list[Column] = []
        self._layout: Layout | None = None
        self._width = 0
        self._drawn: dict[str, tuple[ProjectRow, list[Text]]] = {}
        self._lines: dict[str, list[Segment]] = {}
        self._marks: dict[str, str] = {}
        self._moved = False

    # --- what the screen asks -------------------------------------------------------------------

    @property
    def current(self) -> str | None:
        """The key of the highlighted row."""
        return self.rows[self.cursor].key if 0 <= self.cursor < len(self.rows) else None

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def column_keys(self) -> list[str]:
        return [c.key for c in self._columns]

    def get_cell(self, row_key: str, column_key: str) -> Text:
        """A cell as drawn (before it is cut to its column)."""
        row = self.rows[self._index[row_key]]
        return self._cells(row)[self.column_keys.index(column_key)]

    def show(
        self,
        rows: Sequence[ProjectRow],
        layout: Layout,
        width: int,
        marks: dict[str, str] | None = None,
    ) -> None:
        """List `rows` in this order; the highlighted project stays highlighted. `marks`
        adds a sign (the sort direction) to column headers, by column key."""
        current = self.current
        if layout != self._layout or width != self._width:
            self._layout, self._width = layout, width
            self._columns = columns(layout, width)
            # A row's cells depend on the layout (wide or not, which profile first), not only
            # on the row: drawn for the old layout, they would sit under the wrong headers.
            self._drawn.clear()
            self._lines.clear()
        self._marks = dict(marks or {})
        self.rows = list(rows)
        self._index = {row.key: i for i, row in enumerate(self.rows)}
        # The cursor follows its project once the reviewer has moved it; until then it
        # stays on the first row (rows arriving during a check do not drag it away).
        if self._moved and current is not None and current in self._index:
            self.cursor = self._index[current]
        self.cursor = max(0, min(self.cursor, len(self.rows) - 1))
        total = sum(c.width + 2 for c in self._columns)
        self.virtual_size = Size(total, len(self.rows) + HEADER)
        self._reveal()
        self.refresh()
        if self.current != current:
            self.post_message(self.Highlighted(self.current))

    # --- drawing --------------------------------------------------------------------------------

    def _cells(self, row: ProjectRow) -> list[Text]:
        drawn = self._drawn.get(row.key)
        if drawn is None or drawn[0] is not row or self._layout is None:
            layout = self._layout or (False, ())
            made = cells(row, layout, bars(layout, self._width))
            if self._columns:
                made[0] = middle_cut(made[0], self._columns[0].width)
            drawn = (row, made)
            self._drawn[row.key] = drawn
            self._lines.pop(row.key, None)
        return drawn[1]

    def _segments(self, row: ProjectRow) -> list[Segment]:
        """A row's cells cut to their columns, as segments (kept until the row changes)."""
        drawn = self._drawn.get(row.key)
        line = self._lines.get(row.key)
        if line is None or drawn is None or drawn[0] is not row:
            text = Text(no_wrap=True)
            for column, cell in zip(self._columns, self._cells(row), strict=False):
                text.append(" ").append_text(fit(cell, column.width)).append(" ")
            line = list(text.render(self.app.console))
            self._lines[row.key] = line
        return line

    def _header(self, y: int) -> Strip:
        text = Text(no_wrap=True)
        for column in self._columns:
            parts = column.label.split("\n")
            part = parts[y] if y < len(parts) else Text("")
            mark = self._marks.get(column.key)
            if mark and y == 0:
                part = part.copy().append(f" {mark}", style="bold")
            text.append(" ").append_text(fit(part, column.width)).append(" ")
        style = self.get_component_rich_style("project-table--header")
        return Strip(list(text.render(self.app.console))).apply_style(style)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        if y < HEADER:
            strip = self._header(y)
        else:
            index = scroll_y + y - HEADER
            if index >= len(self.rows):
                return Strip.blank(width, base)
            strip = Strip(self._segments(self.rows[index]))
            if index == self.cursor:
                strip = strip.apply_style(self.get_component_rich_style("project-table--cursor"))
            elif index % 2:
                strip = strip.apply_style(self.get_component_rich_style("project-table--even"))
        return strip.apply_style(base).crop_extend(scroll_x, scroll_x + width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    # --- moving ---------------------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER)

    def _reveal(self) -> None:
        """Scroll so that the cursor's row is in view."""
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._page:
            self.scroll_to(y=self.cursor - self._page + 1, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` (clamped) and bring it into view."""
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        self._moved = True
        if index != self.cursor:
            self.cursor = index
            self.refresh()
            self.post_message(self.Highlighted(self.current))
        self._reveal()

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * self._page)

    def action_edge(self, last: bool) -> None:
        self.move_to(len(self.rows) - 1 if last else 0)

    def action_select(self) -> None:
        key = self.current
        if key is not None:
            self.post_message(self.Selected(key))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < HEADER:
            x = offset.x + round(self.scroll_x)
            for column in self._columns:
                if x < column.width + 2:
                    self.post_message(self.HeaderSelected(column.key))
                    return
                x -= column.width + 2
            return
        index = round(self.scroll_y) + offset.y - HEADER
        if 0 <= index < len(self.rows):
            if index == self.cursor:
                self.action_select()
            else:
                self.move_to(index)

"""The first screen: every project, its country, sector, financiers and vendors, per profile
its failing conditions by severity, the facts it does not show and the core's score (or
"out of scope", once); sorted, filtered, opened with Enter. The header says the reference
date the verdicts were reached as of.

Owns the portfolio table and its filter, sort and "show" state, and the check
progress shown while results arrive. Refuses checking (the app's workers) and
counting (the view-model's rows).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, Label, ProgressBar, Static

from checker.i18n import N_, _, number
from checker.tui.model import (
    SHOW_WORDS,
    ProjectRow,
    Show,
    filter_rows,
    sort_keys,
    sort_order,
    sort_rows,
    sort_word,
)
from checker.tui.screens.base import ReviewScreen
from checker.tui.text import joined, plain, reference, verdict
from checker.tui.widgets.keys_footer import KeysFooter
from checker.tui.widgets.project_table import ProjectTable


class PortfolioScreen(ReviewScreen):
    """All projects at a glance."""

    SIZED_BY_WIDTH = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open"), tooltip=N_("Open the highlighted project")),
        Binding(
            "c", "compare", N_("Compare"), tooltip=N_("The highlighted project under both profiles")
        ),
        Binding("x", "app.swap_profiles", N_("Swap"), tooltip=N_("Swap the two profiles")),
        Binding("r", "app.rules", N_("Rules"), tooltip=N_("Browse and search the rules")),
        Binding(
            "e",
            "app.export",
            N_("Export"),
            tooltip=N_("Write the listed projects as Markdown and HTML"),
        ),
        Binding(
            "slash",
            "filter",
            N_("Filter"),
            key_display="/",
            tooltip=N_("Filter by id, title, country, sector, financier or vendor"),
        ),
        Binding(
            "s",
            "sort",
            N_("Sort"),
            tooltip=N_("Sort by failures, score, project, country or sector (or click a header)"),
        ),
        Binding("S", "reverse", N_("Reverse"), show=False, tooltip=N_("Reverse the sort order")),
        Binding(
            "f",
            "show",
            N_("Show"),
            show=False,
            tooltip=N_(
                "Show all projects, only failing ones, only those with facts not shown, "
                "or only invalid files"
            ),
        ),
        Binding("escape", "clear", N_("Clear"), show=False, tooltip=N_("Clear the filter")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_key = "fails"
        self.reverse = False
        self.show = Show.ALL
        self.shown: list[ProjectRow] = []
        self._sorted: tuple[tuple[object, ...], list[ProjectRow]] = ((), [])
        self._last_filter: tuple[tuple[object, ...], list[ProjectRow]] = ((), [])

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="portfolio-bar", classes="bar"):
            yield Input(placeholder=_("/ filter · Enter opens"), id="filter", compact=True)
            yield Label(id="portfolio-state")
        with Vertical(id="loading"):
            yield Label(_("Loading rulesets…"), id="loading-label")
            yield ProgressBar(id="loading-bar", show_eta=False)
        yield ProjectTable(id="projects")
        yield Static(id="project-info", classes="info")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.table.focus()
        self.refresh_view()

    # --- what the app tells us ------------------------------------------------------------------

    def show_progress(self, done: int, total: int, label: str) -> None:
        loading = self.query_one("#loading")
        loading.display = True
        progress = self.query_one("#loading-bar", ProgressBar)
        if total:
            self.query_one("#loading-label", Label).update(
                _("{label}: {done}/{total} files").format(
                    label=label, done=number(done), total=number(total)
                )
            )
            progress.update(total=total, progress=done)
        else:
            self.query_one("#loading-label", Label).update(f"{label}…")
            progress.update(total=None)

    def refresh_view(self) -> None:
        if self.review.workspace is None:
            return
        self.query_one("#loading").display = self.review.loading
        self.sub_title = reference(self.review.workspace.setup.as_of)
        self._rebuild()

    def export_keys(self) -> list[str] | None:
        return [row.key for row in self.shown]

    # --- the table ------------------------------------------------------------------------------

    @property
    def profiles(self) -> list[str]:
        app = self.review
        return [p for p in (app.primary, app.other) if p is not None]

    def _sort_key(self) -> str:
        if self.sort_key in ("fails", "score"):
            return f"{self.sort_key}:{self.review.primary}"
        return self.sort_key

    @property
    def table(self) -> ProjectTable:
        return self.query_one(ProjectTable)

    def project_key(self) -> str | None:
        return self._current_key()

    def _current_key(self) -> str | None:
        return self.table.current

    def _rebuild(self) -> None:
        workspace = self.review.workspace
        if workspace is None:
            return
        self.shown = self._listed(self.query_one("#filter", Input).value)
        arrow = sort_order(self.sort_key, self.reverse)[0]  # not `_`: that is gettext here
        self.table.show(
            self.shown,
            (self.wide, tuple(self.profiles)),
            self.size.width,
            marks={self._sort_key(): arrow},
        )
        self._state(len(workspace.rows))
        self._info()

    def _listed(self, text: str) -> list[ProjectRow]:
        """The rows to list: all rows sorted once per order and change of results, then
        filtered in that order; a filter that only grows filters the last rows listed."""
        workspace = self.review.workspace
        if workspace is None:
            return []
        order = (id(workspace), workspace.version, self._sort_key(), self.reverse)
        if self._sorted[0] != order:
            self._sorted = (
                order,
                sort_rows(workspace.rows.values(), self._sort_key(), self.reverse),
            )
        needle = text.strip().casefold()
        state = (order, self.show, self.review.primary)
        last, rows = self._last_filter
        source = self._sorted[1]
        if last[:1] == (state,) and needle.startswith(str(last[1])):
            source = rows  # every row the longer text keeps was kept by the shorter one
        kept = filter_rows(source, needle, self.show, self.review.primary)
        self._last_filter = ((state, needle), kept)
        return kept

    def _state(self, total: int) -> None:
        arrow, words = sort_order(self.sort_key, self.reverse)
        said = _("{shown}/{total} projects · sort: {order} {arrow} {words} · show: {show}")
        self.query_one("#portfolio-state", Label).update(
            Text(
                said.format(
                    shown=len(self.shown),
                    total=total,
                    order=sort_word(self._sort_key()),
                    arrow=arrow,
                    words=words,
                    show=_(SHOW_WORDS[self.show]),
                )
            )
        )

    def _info(self) -> None:
        key = self._current_key()
        workspace = self.review.workspace
        row = workspace.rows.get(key) if workspace and key else None
        info = Text()
        if row is not None:
            info.append_text(plain(row.id, "bold")).append("  ").append_text(plain(row.title))
            where = " · ".join(p for p in (row.country, row.sector, row.key) if p)
            info.append("\n").append_text(plain(where, "dim"))
            info.append(_("\nFinanciers: "), style="bold").append_text(joined(row.financiers))
            info.append(_("\nVendors: "), style="bold").append_text(joined(row.vendors))
            info.append("\n").append_text(self._verdicts(row))
        self.query_one("#project-info", Static).update(info, layout=False)  # fixed size

    def _verdicts(self, row: ProjectRow) -> Text:
        """Each profile's verdict in words (upcoming obligations included, apart)."""
        workspace = self.review.workspace
        covers = {s.id: s.countries for s in workspace.setup.summaries} if workspace else {}
        out = Text(no_wrap=True, overflow="ellipsis")
        for profile in self.profiles:
            score = row.scores.get(profile)
            if score is not None and row.checked:
                if out:
                    out.append("   ")
                out.append_text(verdict(profile, score, covers.get(profile, ())))
        return out

    # --- events and actions ---------------------------------------------------------------------

    @on(ProjectTable.Highlighted)
    def _highlighted(self) -> None:
        self._info()

    @on(ProjectTable.Selected)
    def _selected(self, event: ProjectTable.Selected) -> None:
        self._open(event.key, compare=False)

    @on(ProjectTable.HeaderSelected)
    def _header(self, event: ProjectTable.HeaderSelected) -> None:
        key = event.column
        if key not in sort_keys(self.profiles):
            return None
        kind = key.partition(":")[0]
        if kind in ("fails", "score") and key.partition(":")[2] != self.review.primary:
            return self.notify(_("Sorting uses the primary profile (x swaps)"), markup=False)
        if kind == self.sort_key:
            self.reverse = not self.reverse
        else:
            self.sort_key, self.reverse = kind, False
        self._rebuild()
        return None

    @on(Input.Changed, "#filter")
    def _filtered(self) -> None:
        self._rebuild()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def _open(self, key: str | None, compare: bool) -> None:
        from checker.tui.screens.compare import CompareScreen
        from checker.tui.screens.project import ProjectScreen

        if key is not None:
            self.app.push_screen(CompareScreen(key) if compare else ProjectScreen(key))

    def action_open(self) -> None:
        self._open(self._current_key(), compare=False)

    def action_compare(self) -> None:
        self._open(self._current_key(), compare=True)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        self.table.focus()

    def action_sort(self) -> None:
        order = ["fails", "score", "project", "country", "sector"]
        self.sort_key = order[(order.index(self.sort_key) + 1) % len(order)]
        self.reverse = False
        self._rebuild()

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self._rebuild()

    def action_show(self) -> None:
        self.show = self.show.next()
        self._rebuild()

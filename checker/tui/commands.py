"""Command-palette entries for opening a project or comparing it, found by id or title.

Owns the palette provider over the portfolio; the app-wide actions (export,
screenshot, rules, swap profiles, theme, help) are the app's system commands.
Project titles come from files, so hits are shown as literal `Content`, never
parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from checker.i18n import _
from checker.tui.text import safe

if TYPE_CHECKING:
    from checker.tui.app import GovcheckApp
    from checker.tui.model import ProjectRow


class ProjectCommands(Provider):
    """ "Open <project>" and "Compare <project>" for every project in the portfolio."""

    def _rows(self) -> Iterator[ProjectRow]:
        app = cast("GovcheckApp", self.app)
        return iter(app.workspace.rows.values()) if app.workspace else iter(())

    def _open(self, key: str, compare: bool) -> None:
        from checker.tui.screens.compare import CompareScreen
        from checker.tui.screens.project import ProjectScreen

        self.app.push_screen(CompareScreen(key) if compare else ProjectScreen(key))

    def _entries(self, rows: Iterable[ProjectRow]) -> Iterator[tuple[str, str, str, bool]]:
        for row in rows:
            label = safe(f"{row.id} — {row.title}" if row.title else row.id)
            # i18n: the first word is also "Open" alone (typed to narrow the palette)
            opened = _("Open {label}").format(label=label)
            compared = _("Compare {label}").format(label=label)
            yield (opened, row.key, _("Findings of this project"), False)
            yield (compared, row.key, _("Under both profiles"), True)

    def _candidates(self, query: str) -> Iterator[ProjectRow]:
        """Rows worth scoring: all of a small portfolio; of a large one, those whose id or
        title holds every word typed (fuzzy matching 20,000 entries a keystroke would take
        seconds), at most `CANDIDATES` of them."""
        rows = self._rows()
        app = cast("GovcheckApp", self.app)
        if app.workspace is None or len(app.workspace.rows) <= FUZZY_ROWS:
            yield from rows
            return
        verbs = {"open", "compare", _("Open").casefold(), _("Compare").casefold()}
        words = [w for w in query.casefold().split() if w not in verbs]
        found = 0
        for row in rows:
            if all(w in row.search for w in words):
                yield row
                found += 1
                if found >= CANDIDATES:
                    return

    async def discover(self) -> Hits:
        for text, key, help_text, compare in self._entries(islice(self._rows(), 10)):
            yield DiscoveryHit(
                Content(text), partial(self._open, key, compare), text=text, help=help_text
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, key, help_text, compare in self._entries(self._candidates(query)):
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    Content(text),
                    partial(self._open, key, compare),
                    text=text,
                    help=help_text,
                )


FUZZY_ROWS = 2_000
"""Up to this many projects every entry is matched fuzzily."""
CANDIDATES = 200

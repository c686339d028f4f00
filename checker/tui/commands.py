"""Command-palette entries for opening a project or comparing it, found by id or title.

Owns the palette provider over the portfolio; the app-wide actions (export,
screenshot, rules, swap profiles, theme, help) are the app's system commands.
Project titles come from files, so hits are shown as literal `Content`, never
parsed as markup.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from checker.tui.text import safe

if TYPE_CHECKING:
    from checker.tui.app import GovcheckApp
    from checker.tui.model import ProjectRow


class ProjectCommands(Provider):
    """ "Open <project>" and "Compare <project>" for every project in the portfolio."""

    def _rows(self) -> list[ProjectRow]:
        app = cast("GovcheckApp", self.app)
        return list(app.workspace.rows.values()) if app.workspace else []

    def _open(self, key: str, compare: bool) -> None:
        from checker.tui.screens.compare import CompareScreen
        from checker.tui.screens.project import ProjectScreen

        self.app.push_screen(CompareScreen(key) if compare else ProjectScreen(key))

    def _entries(self) -> list[tuple[str, str, str, bool]]:
        entries = []
        for row in self._rows():
            label = safe(f"{row.id} — {row.title}" if row.title else row.id)
            entries.append((f"Open {label}", row.key, "Findings of this project", False))
            entries.append((f"Compare {label}", row.key, "Under both profiles", True))
        return entries

    async def discover(self) -> Hits:
        for text, key, help_text, compare in self._entries()[:20]:
            yield DiscoveryHit(
                Content(text), partial(self._open, key, compare), text=text, help=help_text
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, key, help_text, compare in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    Content(text),
                    partial(self._open, key, compare),
                    text=text,
                    help=help_text,
                )

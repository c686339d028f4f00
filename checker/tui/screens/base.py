"""What every review screen shares: access to the app's results, refresh and export hooks.

Owns the small contract between the app and its screens ("attributes down"):
the app stores new results and calls `refresh_view()` on every screen in the
stack, which re-reads what it shows and keeps its place; `export_keys()` says
which projects "the current view" means for an export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.events import Resize
from textual.screen import Screen

if TYPE_CHECKING:
    from checker.tui.app import GovcheckApp
    from checker.tui.exports import Export


WIDE = 120
"""From this many columns on, screens show more columns and side-by-side panes."""


class ReviewScreen(Screen[None]):
    """A screen showing part of the current results."""

    _was_width: int | None = None
    SIZED_BY_WIDTH: ClassVar[bool] = False
    """Whether the screen's columns are worked out from the width (tables), so that any
    change of width redraws it; the others redraw when they cross the breakpoint."""

    @property
    def wide(self) -> bool:
        return self.size.width >= WIDE

    def on_resize(self, event: Resize) -> None:
        """Columns, label widths and score bars follow the width, not only the breakpoint
        (from 200 to 125 columns the compare table kept its 200-column widths and ran
        past the right edge): a table screen draws again when it changes."""
        width, was = event.size.width, self._was_width
        crossed = was is not None and (width >= WIDE) != (was >= WIDE)
        if was is not None and width != was and (crossed or self.SIZED_BY_WIDTH):
            self.refresh_view()
        self._was_width = width

    @property
    def review(self) -> GovcheckApp:
        return cast("GovcheckApp", self.app)

    def refresh_view(self) -> None:
        """Re-read the results (they changed) and keep the selection."""

    def show_progress(self, done: int, total: int, label: str) -> None:
        """A check is running (total 0: loading rulesets)."""

    def project_key(self) -> str | None:
        """The project this view is about, or highlights (None: no one project)."""
        key = getattr(self, "key", None)
        return key if isinstance(key, str) else None

    def export_keys(self) -> list[str] | None:
        """The projects this view shows (None: all of them)."""
        return None

    def export_name(self) -> str:
        """A file-name stem for exports and screenshots of this view."""
        return "govcheck-report"

    def export(self) -> Export | None:
        """What `e` writes: the reports of `export_keys()` (a screen showing something
        else, a comparison or the rules, says so by overriding this)."""
        from checker.tui.exports import Export, report

        workspace = self.review.workspace
        keys = self.export_keys()
        if workspace is None or any(k not in workspace.results for k in keys or ()):
            return None  # a project file removed while its screen was open
        return Export(self.export_name(), report(workspace.run(keys)))

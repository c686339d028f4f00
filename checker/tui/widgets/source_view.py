"""A project file's text, read-only, with the offending line selected and scrolled into view.

Owns showing a file's TEXT (never its data: nothing here parses YAML) with
line numbers, lines counted the way YAML counts them (so a finding's line is
the line shown), every control character neutralised, and putting the cursor
on a finding's line and column.
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.cells import cell_len
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from checker.i18n import _
from checker.i18n.os_words import os_reason
from checker.report.safe import terminal_safe

# YAML's line breaks (libyaml and PyYAML count these when they report a line).
_YAML_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
MAX_BYTES = 5_000_000


def display_text(raw: bytes) -> str:
    """The file as lines of safe text, one per YAML line."""
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return "\n".join(terminal_safe(line) for line in _YAML_BREAK.split(text))


class SourceView(TextArea):
    """The project file beside a finding."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "",
            id=id,
            read_only=True,
            show_line_numbers=True,
            soft_wrap=False,
            highlight_cursor_line=True,
        )
        self.path: Path | None = None
        self.highlighted_line = 0
        self.cursor_blink = False

    def show_file(self, path: Path) -> bool:
        """Load `path` (False, with a note in the view, when it cannot be read)."""
        if path == self.path:
            return True
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except OSError as error:
            self.path = None
            self.load_text(
                terminal_safe(
                    _("cannot read {path}: {value}").format(path=path, value=os_reason(error))
                )
            )
            return False
        self.path = path
        text = display_text(raw[:MAX_BYTES])
        if len(raw) > MAX_BYTES:
            text += _("\n… (file truncated for display)")
        self.load_text(text)
        return True

    def reload(self) -> None:
        """Read the file again (it changed on disk)."""
        path, self.path = self.path, None
        if path is not None:
            self.show_file(path)

    def highlight(self, line: int, column: int) -> None:
        """Select line `line` (1-based), cursor at `column`, and scroll it into the middle."""
        row = max(0, min(line - 1, self.document.line_count - 1))
        length = len(self.document.get_line(row))
        self.highlighted_line = row + 1
        at = max(0, min(column - 1, length))
        self.selection = Selection((row, length), (row, at))
        self.scroll_cursor_visible(center=True, animate=False)
        # Centred sideways too, the view cut the start of every line (`vernance:` for
        # `governance:`, the indentation that is YAML's structure) even where the column
        # is in view from the left edge: keep the left edge then.
        room = self.scrollable_content_region.width - self.gutter_width
        if cell_len(self.document.get_line(row)[:at]) < room - 1:
            self.scroll_to(x=0, animate=False, immediate=True)

"""Messages that workers post to the app: progress, results, reloads, failures, exports.

Owns what crosses from a worker thread to the UI thread. Each message carries
finished values (never a half-built workspace), so the UI thread only stores
them; no widget is touched from a worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.message import Message

from checker.checking import Target
from checker.config import ConfigProblem
from checker.tui.watch import Snapshot
from checker.tui.workspace import Item, Setup


class CheckProgress(Message):
    """Files checked so far, out of `total` (0 while rulesets load)."""

    def __init__(self, done: int, total: int, label: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.label = label


class Results(Message):
    """New results: of a full check (`complete`), in batches as files are checked, or of
    only the files that changed."""

    def __init__(
        self,
        setup: Setup,
        snapshot: Snapshot,
        items: Sequence[Item],
        *,
        complete: bool,
        removed: tuple[str, ...] = (),
        waivers_changed: bool = False,
        reason: str = "",
        partial: bool = False,
        first: bool = False,
    ) -> None:
        super().__init__()
        self.setup = setup
        self.snapshot = snapshot
        self.items = items
        self.complete = complete
        self.removed = removed
        self.waivers_changed = waivers_changed
        self.reason = reason
        self.partial = partial
        """Part of a full check still running (more results follow, then one with
        `partial` false and the files' snapshot)."""
        self.first = first
        """The first results of a full check: they replace the previous ones."""

    @property
    def targets(self) -> tuple[Target, ...]:
        return self.snapshot.targets


class SetupFailed(Message):
    """Rulesets, profiles or waivers could not be loaded."""

    def __init__(self, problems: list[ConfigProblem], *, fatal: bool) -> None:
        super().__init__()
        self.problems = problems
        self.fatal = fatal


class Exported(Message):
    """Report files written (or why not)."""

    def __init__(self, paths: list[Path], error: str = "") -> None:
        super().__init__()
        self.paths = paths
        self.error = error

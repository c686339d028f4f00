"""What the app's worker threads do: check everything, watch files, re-read the record.

Owns the state those threads share (the setup in force, the last snapshot of
the watched files) behind one lock, so that a re-check never runs beside a
full check and always uses the latest rulesets, profiles and waivers. Results
leave only as messages, in the order they were made; the UI thread stores them.
Textual is not imported: `post` is the app's thread-safe `post_message`.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from textual.message import Message

from checker.checking import Target
from checker.config import ConfigError
from checker.i18n import _
from checker.tui.messages import CheckProgress, Results, SetupFailed
from checker.tui.watch import Changes, Snapshot, changes, restamped, ruleset_files, snapshot
from checker.tui.workspace import (
    Item,
    Options,
    Setup,
    check_all,
    load_setup,
    recheck,
    with_profiles,
    with_waivers,
)

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.profiles import Catalogue

Post = Callable[[Message], object]
Cancelled = Callable[[], bool]


class Background:
    """The work behind the screens; every method runs in a worker thread."""

    def __init__(self, options: Options, post: Post, catalogue: Catalogue | None = None) -> None:
        self.options = options
        self.post = post
        self.catalogue = catalogue
        self.lock = threading.Lock()
        self.setup: Setup | None = None
        self.baseline: Snapshot | None = None

    def progress(self, label: str) -> Callable[[int, int], None]:
        """A progress callback posting at most every `PROGRESS_SECONDS` (and at start and
        end)."""
        last = [0.0]

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            if done in (0, total) or now - last[0] > PROGRESS_SECONDS:
                last[0] = now
                self.post(CheckProgress(done, total, label))

        return report

    def check_everything(self, profiles: tuple[str, ...] | None, cancelled: Cancelled) -> None:
        """Load rulesets and waivers (or switch profiles), then check every file."""
        with self.lock:
            self.post(CheckProgress(0, 0, _("Loading rulesets")))
            try:
                if profiles is not None and self.setup is not None:
                    chosen = with_profiles(
                        self.setup, profiles, self.options.reference(), self.options
                    )
                    setup = with_waivers(chosen, self.options)
                else:
                    setup = load_setup(self.options, self.catalogue)
            except ConfigError as error:
                self.post(SetupFailed(error.problems, fatal=self.setup is None))
                return
            sent = [0]

            def deliver(items: list[Item]) -> None:
                first = not sent[0]
                sent[0] += 1
                self.post(
                    Results(setup, Snapshot(), items, complete=True, partial=True, first=first)
                )

            progress = self.progress(_("Checking"))
            targets = check_all(self.options, setup, progress, cancelled, deliver)
            if cancelled():
                return
            self.setup = setup
            self.baseline = snapshot(self.options, setup.rulesets, targets)
            self.post(Results(setup, self.baseline, [], complete=True, first=not sent[0]))

    def preload_catalogue(self) -> None:
        """The palette, rules and compare screens list the catalogue's profiles: the app
        loads it once the whole portfolio is painted (never beside the painting: it holds
        the interpreter for a second or two), rather than on the reviewer's first key."""
        setup = self.setup
        if setup is not None:
            with contextlib.suppress(ConfigError):
                setup.rulesets.get()
        out_of_the_collectors_way()

    def watch(self, every: float, cancelled: Cancelled) -> None:
        """Live reload until cancelled: on the operating system's notice of a change under
        the project folders or rulesets (watchfiles: inotify, FSEvents, ReadDirectoryChanges),
        else by polling every `every` seconds."""
        roots = self._roots()
        try:
            from watchfiles import watch as notices
        except ImportError:  # pragma: no cover - a dependency; kept for odd installs
            return self.poll(every, cancelled)
        stop = _Stop(cancelled)
        try:
            # Every `every` seconds without a notice (yield_on_timeout), the few ruleset and
            # waivers files are stamped: a waivers file may appear outside the folders.
            for found in notices(
                *roots,
                stop_event=stop,
                debounce=100,
                step=50,
                rust_timeout=max(50, int(every * 1000)),
                yield_on_timeout=True,
                raise_interrupt=False,
            ):
                if cancelled():
                    return None
                self.look(everything=bool(found))
        except (OSError, RuntimeError):  # no notices here (e.g. inotify watches used up)
            return self.poll(every, cancelled)
        return None

    def _roots(self) -> list[str]:
        """Folders (and files) to be told about: the project paths and the ruleset folders."""
        roots = {str(Path(p).resolve()) for p in self.options.paths if Path(p).exists()}
        setup = self.setup
        if setup is not None:
            roots.update(str(f.parent) for f in ruleset_files(setup.rulesets, self.options))
        roots.update(str(Path(r).resolve()) for r in self.options.rulesets if Path(r).exists())
        return sorted(roots)

    def poll(self, every: float, cancelled: Cancelled) -> None:
        """Look for changed files every `every` seconds until cancelled."""
        while not cancelled():
            deadline = time.monotonic() + every
            while not cancelled() and time.monotonic() < deadline:
                time.sleep(min(0.2, every))
            if not cancelled():
                self.look()

    def look(self, everything: bool = True) -> None:
        """Re-check what changed since the last look; rulesets or waivers: re-read them.
        Without `everything`, only the rulesets and waivers files are stamped (a portfolio
        of up to `SMALL` files is stamped whole: it costs a few milliseconds)."""
        with self.lock:
            setup, before = self.setup, self.baseline
            if setup is None or before is None:
                return
            if everything or len(before.targets) <= SMALL:
                after = snapshot(self.options, setup.rulesets, None)
            else:
                after = restamped(before, self.options, setup.rulesets)
            found = changes(before, after)
            if not found:
                return
            self.baseline = after  # a broken ruleset is reported once, not every second
            before_review = setup.review()[1]
            try:
                setup = self.reloaded(setup, found)
            except ConfigError as error:
                self.post(SetupFailed(error.problems, fatal=False))
                return
            targets = after.targets if found.rulesets else found.changed
            if found.waivers and setup.review()[1] != before_review:
                # A verification added, removed or edited in the record changes the basis
                # of its project's findings: check again (rare, so every file).
                targets = after.targets
            items = recheck(targets, setup, self.options.day(), self.progress(_("Re-checking")))
            self.setup = setup
            self.post(
                Results(
                    setup,
                    after,
                    items,
                    complete=False,
                    removed=found.removed,
                    waivers_changed=found.waivers,
                    reason=describe(found),
                )
            )

    def reloaded(self, setup: Setup, found: Changes) -> Setup:
        if found.rulesets:
            shown = tuple(p.id for p in setup.profiles)
            return load_setup(replace(self.options, profiles=shown))
        if found.waivers:
            return with_waivers(setup, self.options)
        return setup

    def reload_waivers(self) -> None:
        """The waive form wrote the file: apply it now, not at the next look."""
        self._reread_record([])

    def reverify(self, targets: list[Target]) -> None:
        """The verify form wrote the record: re-read it and check `targets` again, so that
        their findings show the new basis now, not at the next look."""
        self._reread_record(targets)

    def _reread_record(self, targets: list[Target]) -> None:
        """Re-read the review record (a form wrote it), check `targets` again, and post
        the results; a record that no longer reads is said, never fatal."""
        with self.lock:
            if self.setup is None or self.baseline is None:
                return
            try:
                setup = with_waivers(self.setup, self.options)
            except ConfigError as error:
                self.post(SetupFailed(error.problems, fatal=False))
                return
            fresh = snapshot(self.options, setup.rulesets, self.baseline.targets)
            items = (
                recheck(targets, setup, self.options.day(), self.progress(_("Re-checking")))
                if targets
                else []
            )
            self.setup = setup
            self.baseline = replace(self.baseline, waivers=fresh.waivers)
            self.post(Results(setup, self.baseline, items, complete=False, waivers_changed=True))


def out_of_the_collectors_way() -> None:
    """Freeze every object alive now (`gc.freeze`): the portfolio's few hundred thousand
    long-lived values (rows, the rules' models) made each full collection take 160–180 ms
    at 10,000 projects, a stall in whichever key press it fell on (the palette, a sort);
    frozen, it takes 8–11 ms. Called once results are stored and once the catalogue has
    loaded; a check's `paused_gc` unfreezes everything when it ends, and the app
    unfreezes on exit."""
    gc.freeze()


SMALL = 1_000
"""Up to this many project files, a look without notice stamps them all."""
PROGRESS_SECONDS = 0.25
"""How often a running check reports its progress: each report repaints the progress
bar, and the repaints share the interpreter with the check (issue 16)."""


class _Stop:
    """watchfiles' stop event: the worker's cancellation, asked every `step`."""

    def __init__(self, cancelled: Cancelled) -> None:
        self.cancelled = cancelled

    def is_set(self) -> bool:
        return self.cancelled()


def describe(found: Changes) -> str:
    """What a live reload did, in one line."""
    if found.rulesets:
        return _("Rulesets changed: every project was checked again")
    parts = []
    if found.changed:
        parts.append(
            _("{count} project file(s) changed and were checked again").format(
                count=len(found.changed)
            )
        )
    if found.removed:
        parts.append(_("{count} project file(s) removed").format(count=len(found.removed)))
    if found.waivers:
        parts.append(_("waivers re-read"))
    return "; ".join(parts)

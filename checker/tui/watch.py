"""Noticing what changed on disk: project files, rulesets and waivers files, by stamps.

Owns a cheap snapshot (modification time and size of every watched file) and
the difference between two snapshots, so that live reload re-checks only the
projects that changed, and everything when a ruleset or waivers file did.
The app stamps files when the operating system says something changed
(watchfiles), or every second when it cannot; with 1,000 projects a snapshot
takes a few milliseconds, and without a notice only the few ruleset and
waivers files are stamped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.checking import Target, discover
from checker.config import config_files
from checker.resolving import LazyCatalogue, ruleset_folders
from checker.tui.workspace import Options, waiver_files

Stamp = tuple[int, int]


def stamp(path: Path) -> Stamp | None:
    """(mtime in ns, size), or None when the file is gone."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def ruleset_files(rulesets: LazyCatalogue, options: Options) -> list[Path]:
    """Every file the profiles may come from: the ruleset folders' YAML files (what the
    profile cache's key covers), and every file a loaded catalogue read."""
    found = set(rulesets.get().loaded_files) if rulesets.loaded else set()
    folders = [Path(r) for r in options.rulesets]
    if not rulesets.given:  # a caller's own catalogue says itself what it read
        folders = ruleset_folders(options.rulesets)
    for folder in folders:
        if folder.is_file() or folder.is_dir():  # the files a load reads (`RULES.YAML` too)
            found.update(p.resolve() for p in config_files([folder]))
    return sorted(found)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What every watched file looked like at one moment."""

    targets: tuple[Target, ...] = ()
    projects: dict[str, Stamp | None] = field(default_factory=dict)
    rulesets: dict[Path, Stamp | None] = field(default_factory=dict)
    waivers: dict[Path, Stamp | None] = field(default_factory=dict)


def snapshot(
    options: Options, rulesets: LazyCatalogue, targets: Iterable[Target] | None
) -> Snapshot:
    """Stamp every file; `targets` None means discover the project files again."""
    chosen = tuple(discover(options.paths).targets if targets is None else targets)
    return Snapshot(
        targets=chosen,
        projects={t.display: stamp(t.path) for t in chosen},
        rulesets={p: stamp(p) for p in ruleset_files(rulesets, options)},
        waivers={p: stamp(p) for p in {*waiver_files(options), options.target_file()}},
    )


def restamped(before: Snapshot, options: Options, rulesets: LazyCatalogue) -> Snapshot:
    """`before` with the ruleset and waivers files stamped again (project files as they
    were: the operating system tells when those change)."""
    fresh = snapshot(options, rulesets, ())
    return replace(before, rulesets=fresh.rulesets, waivers=fresh.waivers)


@dataclass(frozen=True, slots=True)
class Changes:
    """What differs between two snapshots."""

    changed: tuple[Target, ...] = ()
    """New or modified project files, to check."""
    removed: tuple[str, ...] = ()
    rulesets: bool = False
    waivers: bool = False

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed or self.rulesets or self.waivers)


def changes(before: Snapshot, after: Snapshot) -> Changes:
    """Project files added, modified or removed; whether any ruleset or waivers file changed."""
    changed = tuple(
        t
        for t in after.targets
        if t.display not in before.projects
        or before.projects[t.display] != after.projects[t.display]
    )
    removed = tuple(k for k in before.projects if k not in after.projects)
    return Changes(
        changed=changed,
        removed=removed,
        rulesets=before.rulesets != after.rulesets,
        waivers=before.waivers != after.waivers,
    )

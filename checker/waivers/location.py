"""Where the review record lives: one waivers file per checked tree, found the same way by
every entry point (check, questions, compare, waive, the TUI, CI).

Owns the rule, and nothing else (no YAML, no pydantic: discovery imports it):

1. `--waivers FILE` (or `--file` for `govcheck waive`) when given;
2. else, for each checked path, `govcheck-waivers.yaml` in the folder checked (a file's
   own folder), or failing that in the nearest parent folder up to the repository root
   (the folder holding `.git`, checker/repository.py); outside a repository only the
   folder checked counts;
3. the bundled samples are package data, never written to: their record is
   `govcheck-waivers.yaml` in govcheck's data folder (`GOVCHECK_DATA_DIR`, else
   `$XDG_DATA_HOME/govcheck`), whatever folder govcheck runs from.

A new file is created where rule 2 would look first: in the folder checked (of the first
path). The working directory plays no part, so a reviewer sees the same record from
any folder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from checker.repository import repository_root

FILE_NAME = "govcheck-waivers.yaml"
FILE_NAMES = (FILE_NAME, "govcheck-waivers.yml")
"""The names a waivers file is found by, in this order (`.yml` is as common a spelling)."""
SKIPPED_NAMES = frozenset(FILE_NAMES)
"""Names discovery never takes for a project file."""


def data_dir() -> Path:
    """GOVCHECK_DATA_DIR, else the platform's user data folder for govcheck."""
    explicit = os.environ.get("GOVCHECK_DATA_DIR")
    if explicit:
        return Path(explicit)
    from checker.bundled import user_data_dir

    return user_data_dir()


def samples_file() -> Path:
    """The record of the bundled samples: in the user's data folder, never in the package."""
    return data_dir() / FILE_NAME


def waiver_files(paths: Sequence[str | Path], given: Sequence[str | Path] = ()) -> list[Path]:
    """The waivers files a check of `paths` reads: `given`, else those found (rule 2, 3)."""
    if given:
        return list(dict.fromkeys(Path(g) for g in given))
    found: list[Path] = []
    for path in paths:
        candidate = _found(Path(path))
        if candidate is not None and candidate not in found:
            found.append(candidate)
    return found


def waivers_target(paths: Sequence[str | Path], given: Sequence[str | Path] = ()) -> Path:
    """Where a new waiver for a check of `paths` is written: the first file that check reads,
    else a new file in the folder checked (the data folder for the bundled samples)."""
    found = waiver_files(paths, given)
    if found:
        return found[0]
    first = Path(paths[0]) if paths else Path()
    return samples_file() if _bundled(first) else _folder(first) / FILE_NAME


def covers(paths: Sequence[str | Path], waivers: Path) -> bool:
    """Whether a check of `paths` took in every project file `waivers` can be about (so a
    waiver naming a project it did not find names a project that is gone)."""
    if _real(waivers) == _real(samples_file()):
        return any(_bundled(Path(p)) and Path(p).is_dir() for p in paths)
    home = _real(waivers.parent)
    for path in paths:
        folder = _real(Path(path))
        if Path(path).is_dir() and (folder == home or folder in home.parents):
            return True
    return False


def _found(path: Path) -> Path | None:
    if _bundled(path):
        candidate = samples_file()
        return candidate if candidate.is_file() else None
    start = _folder(path)
    for folder in _upwards(start):
        for name in FILE_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate if folder is start else _shown(candidate)
    return None


def _upwards(start: Path) -> list[Path]:
    """The folder checked, then its parents up to the repository root (none outside one)."""
    root = repository_root(start)
    if root is None:
        return [start]
    absolute = Path(os.path.abspath(start))
    chain = [absolute, *absolute.parents]
    return [start, *chain[1 : chain.index(root) + 1]]


def _folder(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _shown(path: Path) -> Path:
    """A parent folder's file, relative to the working directory when it lies below it."""
    relative = os.path.relpath(path)
    return Path(relative) if not relative.startswith("..") else path


def _bundled(path: Path) -> bool:
    from checker.bundled import projects_dir

    bundled = _real(projects_dir())
    real = _real(path)
    return real == bundled or bundled in real.parents


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def digest(path: Path) -> str | None:
    """Content hash of a file (None when it does not exist), to detect concurrent edits.
    Here, not in writing.py: the reviewer TUI stamps the waivers files before its first
    rows, without loading the waivers' models."""
    import hashlib  # not at import: `check` of cached files never imports it

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None

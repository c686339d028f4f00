"""Where a file's repository is, and a file's path as that repository names it.

Owns the one rule for finding a repository (the nearest folder at or above a
path that holds `.git` or `.hg`), used by the waivers files' discovery
(checker/waivers/location.py) and by reports whose consumer wants paths from
the repository root (GitLab's code quality). Refuses everything else: no git
command is run, nothing is read but the markers' existence, and a path in no
repository is kept as it was given.
"""

from __future__ import annotations

import os
from pathlib import Path

from checker.values import replace

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.findings import ProjectResult, RunResult

REPOSITORY_MARKERS = (".git", ".hg")
"""What marks a repository's root: a folder (or, for a git worktree or submodule, a file)."""


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` (made absolute) that holds a repository
    marker; None outside every repository. As git does, the search never goes up into
    a folder listed in `GIT_CEILING_DIRECTORIES` (absolute paths, `os.pathsep`-separated),
    so a project kept under a home folder that is itself a repository can opt out."""
    ceilings = {
        os.path.abspath(entry)
        for entry in os.environ.get("GIT_CEILING_DIRECTORIES", "").split(os.pathsep)
        if os.path.isabs(entry)
    }
    absolute = Path(os.path.abspath(start))
    for folder in (absolute, *absolute.parents):
        if folder != absolute and str(folder) in ceilings:
            return None
        if any((folder / marker).exists() for marker in REPOSITORY_MARKERS):
            return folder
    return None


class RepositoryPaths:
    """Paths of files (as shown, relative to the working directory or absolute) made
    relative to the root of the repository each lies in; a folder's root is looked for
    once."""

    def __init__(self) -> None:
        self._roots: dict[str, Path | None] = {}
        self._outside: dict[str, None] = {}  # in order met, looked up at once (thousands)

    @property
    def outside(self) -> list[str]:
        """The paths that lie in no repository, kept as given, in the order met."""
        return list(self._outside)

    def __call__(self, path: str) -> str:
        absolute = os.path.abspath(path)
        folder = os.path.dirname(absolute)
        if folder not in self._roots:
            self._roots[folder] = repository_root(Path(folder))
        root = self._roots[folder]
        if root is None:
            self._outside[path] = None
            return path
        return Path(os.path.relpath(absolute, root)).as_posix()


def with_repository_paths(run: RunResult, paths: RepositoryPaths) -> RunResult:
    """The run with every project's path, and so every finding's, relative to the root of
    its repository (the path as GitLab names the file); paths in no repository unchanged."""
    return replace(run, projects=tuple(_moved(p, paths) for p in run.projects))


def _moved(result: ProjectResult, paths: RepositoryPaths) -> ProjectResult:
    path = paths(result.project.path)
    if path == result.project.path:
        return result
    problems = tuple(replace(p, path=paths(p.path)) for p in result.problems)
    return replace(result, project=replace(result.project, path=path), problems=problems)

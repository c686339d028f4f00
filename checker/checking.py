"""Checking files and folders against profiles: discovery, per-file results, the run.

Owns finding project files under the given paths, checking each one against
every profile (one bad file never stops the others), and assembling the
`RunResult`. Results stream out of `iter_check` one project at a time so that
a 10,000-file portfolio never holds 10,000 documents in memory.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from checker.findings import Evaluation, Located, ProjectInfo, ProjectResult, RunResult
from checker.i18n import _
from checker.inputs import input_finding
from checker.limits import DEFAULT_LIMITS, Limits
from checker.pointers import split_pointer
from checker.values import Frozen, replace, set_field
from checker.waivers.location import SKIPPED_NAMES

TYPE_CHECKING = False  # not typing's: see checker/__init__.py

if TYPE_CHECKING:
    from typing import Any

    from checker.basis import Links
    from checker.documents import ProjectDocument
    from checker.expanded import Finding
    from checker.resolved import ResolvedProfile
    from checker.verification import Verification

YAML_SUFFIXES = (".yaml", ".yml")


class Target(Frozen):
    """A file to check and how to show its path."""

    __slots__ = ("display", "path")

    path: Path
    display: str

    def __init__(self, path: Path, display: str) -> None:
        set_field(self, "path", path)
        set_field(self, "display", display)


class Discovery(Frozen):
    """What the given paths expand to."""

    __slots__ = ("missing", "targets")

    targets: tuple[Target, ...]
    missing: tuple[str, ...]

    def __init__(self, targets: tuple[Target, ...], missing: tuple[str, ...]) -> None:
        set_field(self, "targets", targets)
        set_field(self, "missing", missing)


def discover(paths: Sequence[str | Path | Target]) -> Discovery:
    """Expand files and folders into project files, in a stable order.

    Folders are searched recursively for *.yaml / *.yml, skipping hidden
    folders, installed packages (`VENDORED_FOLDERS`, virtual environments) and
    waivers files; a file named explicitly is always checked, and a
    `Target` as it is (standard input, saved where the caller chose, shown by the
    name it was given). Symlink loops and unreadable folders are skipped, never
    followed forever. A file reached twice (given twice, or through a symlink) is
    checked once.
    """
    targets: list[Target] = []
    missing: list[str] = []
    seen: set[str] = set()
    cwd = Path.cwd()
    for given in paths:
        if isinstance(given, Target):
            targets.append(given)
            continue
        path = Path(given)
        if path.is_dir():
            for found, real, display in _walk(path, cwd):
                if real not in seen:
                    seen.add(real)
                    targets.append(Target(Path(found), display))
        elif path.exists() or path.is_symlink():
            real = _real(str(path))
            if real not in seen:
                seen.add(real)
                targets.append(Target(path, _display(path, cwd)))
        else:
            missing.append(str(given))
    return Discovery(tuple(targets), tuple(missing))


def empty_folders(paths: Sequence[str | Path | Target]) -> list[str]:
    """The folders among `paths` that hold no project file (*.yaml, *.yml) anywhere
    below them: checking one checks nothing, which a user or a CI job should be told
    (a wrong folder, or files with another extension). Stops at a folder's first file."""
    cwd = Path.cwd()
    return [
        str(given)
        for given in paths
        if not isinstance(given, Target)
        and Path(given).is_dir()
        and next(_walk(Path(given), cwd), None) is None
    ]


def _real(path: str) -> str:
    try:
        return os.path.realpath(path, strict=False)
    except (OSError, ValueError):
        return os.path.abspath(path)


VENDORED_FOLDERS = frozenset({"node_modules", "site-packages", "__pycache__", "__pypackages__"})
"""Folders of other people's files a walk does not enter (nor a virtual environment, known
by its `pyvenv.cfg`): `govcheck check .` in a repository would read every YAML file of
every installed package. A folder named as a path is walked all the same."""


def _walk(folder: Path, cwd: Path) -> Iterator[tuple[str, str, str]]:
    """(path, real path, display) of every project file under `folder`.

    Plain os.scandir and string joins: this runs once per file of a portfolio
    whose re-check takes a few hundred microseconds per file in all.
    """
    visited: set[str] = set()
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        real = _real(current)
        if real in visited:
            continue
        visited.add(real)
        try:
            with os.scandir(current) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError:
            continue
        shown = _display(Path(current), cwd)
        prefix = "" if shown == "." else os.path.join(shown, "")
        subfolders: list[str] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:  # e.g. a symlink loop: reported as an unreadable file
                is_dir = False
            if is_dir:
                if name not in VENDORED_FOLDERS and not os.path.exists(
                    os.path.join(entry.path, "pyvenv.cfg")
                ):
                    subfolders.append(entry.path)
            elif name.lower().endswith(YAML_SUFFIXES) and name not in SKIPPED_NAMES:
                # A symlinked file is known by its target, anything else by its folder's.
                known = _real(entry.path) if entry.is_symlink() else os.path.join(real, name)
                yield entry.path, known, prefix + name
        stack.extend(reversed(subfolders))


def _display(path: Path, cwd: Path) -> str:
    """A path relative to the working directory when it is inside it."""
    try:
        return str(path.absolute().relative_to(cwd))
    except ValueError:
        return str(path)


def today() -> str:
    """The default reference date: today, as an ISO date."""
    from datetime import date  # ~3 ms of start-up, so only once a check needs it

    return date.today().isoformat()


def check_document(
    document: ProjectDocument,
    profiles: Sequence[ResolvedProfile],
    as_of: str = "",
    review: Review | None = None,
) -> ProjectResult:
    """Evaluate an already loaded document against every profile, as of the ISO date
    `as_of` (default today), with the reviewers' verifications in `review` (by project id)."""
    from checker.engine import evaluate  # the validators, only once a file is evaluated
    from checker.identity import name_items
    from checker.screening.cite import cite_hits

    data = document.data
    evaluations: tuple[Evaluation, ...] = ()
    problems = document.problems
    files: tuple[tuple[str, str], ...] = ()
    linked_problems: tuple[Finding, ...] = ()
    if data is not None:
        when = as_of or today()
        view = evaluated_view(data, problems, when)
        links, linked_problems, files = _links(document, review)
        problems = (*problems, *linked_problems) if linked_problems else problems
        keys: dict[str, str] = {}  # item keys of pointers, shared by the profiles
        locate = document.source.locate  # not the document's: one call less per finding
        evaluations = tuple(
            cite_hits(name_items(evaluate(view, p, locate, when, links), view, keys), view, p)
            for p in profiles
        )
        if evaluations and all(e.out_of_scope for e in evaluations):
            problems = (*problems, _uncovered(document, profiles))
    info = replace(document.info, valid=False) if linked_problems else document.info
    return ProjectResult(info, problems, evaluations, document.root, files)


Review = Mapping[str, Sequence["Verification"]]
"""Reviewers' verifications by project id (checker/verification.py)."""


def _links(
    document: ProjectDocument, review: Review | None
) -> tuple[Links | None, tuple[Finding, ...], tuple[tuple[str, str], ...]]:
    """The document's evidence, linked assumptions and live verifications (checker/basis.py),
    the problems found on the way, and the evidence files read. A document without an
    `evidence` list or verifications reads no file and judges nothing."""
    from checker.basis import links_of

    data = document.data or {}
    verifications = review.get(document.info.id, ()) if review else ()
    if not data.get("evidence") and not verifications:
        return links_of(data), (), ()
    from checker.evidencefiles import check_evidence
    from checker.verification import judge

    evidence = check_evidence(document, digests=bool(verifications))
    judged = judge(document, verifications, evidence)
    links = links_of(data, verified=judged.verified, broken=evidence.broken)
    return links, (*evidence.problems, *judged.problems), evidence.files


UNCOVERED = "scope.uncovered"
_INVALID_VALUE = "schema.invalid-value"


def evaluated_view(
    data: dict[str, Any], problems: Sequence[Finding], as_of: str = ""
) -> dict[str, Any]:
    """The data rules read: each value the project schema rejects replaced by a marker
    that every condition treats as not shown (never as absent-and-fine), and each absent
    list section the project's sectors do not have read as empty (checker/sections.py).
    Each named party gets the `screening` facts the core derives from the reference
    lists (checker/screening/), as of the ISO date `as_of` (a hand-written entry's end
    date is compared with it). The file's own data is not changed: only the mappings
    on the way are copied."""
    from checker.screening import screened_view

    return screened_view(_marked_view(data, problems), as_of)


def _marked_view(data: dict[str, Any], problems: Sequence[Finding]) -> dict[str, Any]:
    from checker.access import derived_access
    from checker.sections import implied_empty

    empty = implied_empty(data)
    access = derived_access(data)
    pointers = [p.pointer for p in problems if p.rule == _INVALID_VALUE and p.pointer]
    if not pointers and not empty and access is None:
        return data
    from checker.conditions import INVALID

    view: Any = dict(data)
    for section in empty:  # a section the sector does not have: a stated "none"
        head, _, tail = section.partition(".")
        if tail:
            view[head] = {**view[head], tail: []}
        else:
            view[section] = []
    if access is not None:  # access from abroad read from the stated countries
        view["data_processing"] = {**view["data_processing"], "third_party_access": access}
    for pointer in pointers:
        parts = split_pointer(pointer)
        node, copied = view, True
        for part in parts[:-1]:
            child = node.get(part) if isinstance(node, dict) else _item(node, part)
            if not isinstance(child, dict | list):
                copied = False
                break
            child = dict(child) if isinstance(child, dict) else list(child)
            if isinstance(node, dict):
                node[part] = child
            else:
                node[int(part)] = child
            node = child
        if copied and isinstance(node, dict) and parts[-1] in node:
            node[parts[-1]] = INVALID
        elif copied and isinstance(node, list) and _item(node, parts[-1]) is not None:
            node[int(parts[-1])] = INVALID
    result: dict[str, Any] = view
    return result


def _item(items: Any, part: str) -> Any:
    if isinstance(items, list) and part.isdigit() and int(part) < len(items):
        return items[int(part)]
    return None


def _uncovered(document: ProjectDocument, profiles: Sequence[ResolvedProfile]) -> Finding:
    """The input finding of a file that no requested profile covers."""
    from checker.engine import project_countries

    data = document.data or {}
    where = ", ".join(project_countries(data)) or "no stated country"
    covered = "; ".join(f"{p.id} covers {', '.join(sorted(p.countries or ()))}" for p in profiles)
    position = document.locate("/country")
    return input_finding(
        UNCOVERED,
        f"no requested profile covers this project ({where}): {covered}. Choose a profile "
        "that does (e.g. -p eu, or the host profile of its country), or pass "
        "--allow-out-of-scope to check a mixed portfolio",
        document.info.id,
        document.info.path,
        Located("/country", position.line, position.column),
    )


def allow_out_of_scope(run: RunResult) -> RunResult:
    """The run without `scope.uncovered` findings (for mixed portfolios, on request)."""
    projects = tuple(
        replace(p, problems=tuple(f for f in p.problems if f.rule != UNCOVERED))
        if any(f.rule == UNCOVERED for f in p.problems)
        else p
        for p in run.projects
    )
    return replace(run, projects=projects)


def check_file(
    target: Target,
    profiles: Sequence[ResolvedProfile],
    limits: Limits = DEFAULT_LIMITS,
    as_of: str = "",
    review: Review | None = None,
) -> ProjectResult:
    """Load and evaluate one file; a bug met on this file is reported on it, not raised."""
    from checker.documents import load_project  # PyYAML, only once a file is read

    try:
        document = load_project(target.path, target.display, limits)
        return check_document(document, profiles, as_of, review)
    except Exception as error:  # one file that trips a bug must not hide the others' results
        return internal_error_result(target, error)


INTERNAL_ERROR = "internal.error"


def internal_error_result(target: Target, error: Exception) -> ProjectResult:
    """The result of a file whose check failed inside govcheck (the CLI exits 3)."""
    detail = f"{type(error).__name__}: {error}"
    detail = detail if len(detail) <= 200 else detail[:197] + "..."
    info = ProjectInfo(id=Path(target.display).stem or target.display, path=target.display)
    problem = input_finding(
        INTERNAL_ERROR,
        f"govcheck failed while checking this file ({detail}); this is a bug in govcheck, "
        "please report it",
        info.id,
        target.display,
        Located("", 1, 1),
    )
    return ProjectResult(replace(info, valid=False), (problem,))


def iter_check(
    targets: Iterable[Target],
    profiles: Sequence[ResolvedProfile],
    limits: Limits = DEFAULT_LIMITS,
    *,
    mark_duplicates: bool = True,
    as_of: str = "",
    review: Review | None = None,
) -> Iterator[ProjectResult]:
    """Results one file at a time, marking project ids used by an earlier file
    (unless the caller marks them over a larger set of files itself)."""
    owners: dict[str, str] = {}
    as_of = as_of or today()
    with paused_gc():
        for count, target in enumerate(targets, 1):
            result = check_file(target, profiles, limits, as_of, review)
            if count % _COLLECT_EVERY == 0:
                gc.collect()
            yield mark_duplicate(result, owners) if mark_duplicates else result


_COLLECT_EVERY = 2_000


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while files are checked.

    Parsed documents and results are acyclic and freed by reference counting;
    the collector would only rescan the growing heap (the research measured it
    at up to half the time on large inputs). Objects created before the check,
    such as the compiled rulesets, are frozen out of its way too.
    """
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.unfreeze()


def mark_duplicate(result: ProjectResult, owners: dict[str, str]) -> ProjectResult:
    project = result.project
    owner = owners.setdefault(project.id, project.path)
    if owner == project.path:
        return result
    where = result.root
    problem = input_finding(
        "project.duplicate-id",
        _("project id `{id}` is already used by {path}").format(id=project.id, path=owner),
        project.id,
        project.path,
        Located("/id", where.line, where.column),
    )
    return replace(
        result, project=replace(project, valid=False), problems=(*result.problems, problem)
    )


def missing_result(path: str) -> ProjectResult:
    """A result for a path that does not exist, so that reports show it."""
    info = ProjectInfo(id=Path(path).stem or path, path=path, valid=False)
    problem = input_finding(
        "file.not-found", _("no such file or folder"), info.id, path, Located("", 1, 1)
    )
    return ProjectResult(info, (problem,))


def check(
    paths: Sequence[str | Path],
    profiles: Sequence[ResolvedProfile],
    limits: Limits = DEFAULT_LIMITS,
    as_of: str = "",
    review: Review | None = None,
) -> RunResult:
    """Check every project file under `paths` against every profile, as of the ISO date
    `as_of` (default today), with the reviewers' verifications in `review`."""
    found = discover(paths)
    as_of = as_of or today()
    results = [missing_result(m) for m in found.missing]
    results.extend(iter_check(found.targets, profiles, limits, as_of=as_of, review=review))
    return RunResult(tuple(p.summary() for p in profiles), tuple(results), as_of=as_of)

"""Structure-only runs: every project file's input problems, no rule evaluated.

Owns `check_structure`, the run behind `govcheck check --schema-only` (editors,
pre-commit on save). A file is judged exactly as a full check judges it before
any rule is read (checker/documents.py: syntax, encoding, duplicate and unknown
keys, types, enums, dates, country codes, evidence references), plus the
cross-file duplicate id; nothing here words or decides a problem of its own.

Refuses everything that needs a profile or another file: rules, scope,
waivers, evidence files on disk and reviewers' verifications. No cache: a
file is parsed and validated in about a millisecond, less than a cache lookup
saves, and the result carries no profile to key it on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from checker.checking import (
    discover,
    internal_error_result,
    mark_duplicate,
    missing_result,
    paused_gc,
)
from checker.findings import ProjectResult, RunResult
from checker.limits import DEFAULT_LIMITS, Limits

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.checking import Target


def check_structure(
    paths: Sequence[str | Path | Target], limits: Limits = DEFAULT_LIMITS
) -> RunResult:
    """Every project file under `paths` validated against the project schema only; a
    missing path is reported as in a full check. Ctrl-C returns what was read so far."""
    found = discover(paths)
    results = [missing_result(m) for m in found.missing]
    owners: dict[str, str] = {}
    interrupted = False
    try:
        with paused_gc():
            for target in found.targets:
                results.append(mark_duplicate(structure_of(target, limits), owners))
    except KeyboardInterrupt:
        interrupted = True
    return RunResult((), tuple(results), interrupted=interrupted, structure_only=True)


def structure_of(target: Target, limits: Limits = DEFAULT_LIMITS) -> ProjectResult:
    """One file's input problems (none: a valid file), as the full check finds them."""
    from checker.documents import load_project  # PyYAML and the validator

    try:
        document = load_project(target.path, target.display, limits)
    except Exception as error:  # one file that trips a bug must not hide the others
        return internal_error_result(target, error)
    return ProjectResult(document.info, document.problems, (), document.root)

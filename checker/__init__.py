"""govcheck: check digital-infrastructure project descriptions against governance profiles.

The public API, small on purpose:

    from checker import load_catalogue, resolve_profile, check
    catalogue = load_catalogue()                      # bundled rulesets and profiles
    eu = resolve_profile(catalogue, "eu")
    run = check(["projects/"], [eu])                  # RunResult
    for finding in run.findings(): ...                # Finding values, located

Everything is imported on first use, so `import checker` is cheap and never
pulls in Textual or the report formats.

The modules a cached check runs through do not import `typing` at run time
(`TYPE_CHECKING = False` stands in for `typing.TYPE_CHECKING`; mypy reads
both alike): importing it is about a tenth of such a check's start-up. Nor do
they define dataclasses (checker/values.py says why). A test in
tests/test_batch.py keeps it that way.
"""

from __future__ import annotations

import importlib

from checker._version import __version__

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from checker.checking import check, discover, iter_check
    from checker.config import ConfigError, ConfigProblem
    from checker.documents import ProjectDocument, load_project, parse_project
    from checker.findings import (
        Finding,
        Position,
        ProjectInfo,
        ProjectResult,
        Reference,
        RunResult,
        Severity,
        Status,
    )
    from checker.limits import Limits
    from checker.profiles import Catalogue, ResolvedProfile, resolve_profile

_EXPORTS = {
    "check": "checker.checking",
    "discover": "checker.checking",
    "iter_check": "checker.checking",
    "ConfigError": "checker.config",
    "ConfigProblem": "checker.config",
    "ProjectDocument": "checker.documents",
    "load_project": "checker.documents",
    "parse_project": "checker.documents",
    "Finding": "checker.findings",
    "Position": "checker.findings",
    "ProjectInfo": "checker.findings",
    "ProjectResult": "checker.findings",
    "Reference": "checker.findings",
    "RunResult": "checker.findings",
    "Severity": "checker.findings",
    "Status": "checker.findings",
    "Limits": "checker.limits",
    "Catalogue": "checker.profiles",
    "ResolvedProfile": "checker.profiles",
    "resolve_profile": "checker.profiles",
}

__all__ = [
    "Catalogue",
    "ConfigError",
    "ConfigProblem",
    "Finding",
    "Limits",
    "Position",
    "ProjectDocument",
    "ProjectInfo",
    "ProjectResult",
    "Reference",
    "ResolvedProfile",
    "RunResult",
    "Severity",
    "Status",
    "__version__",
    "check",
    "discover",
    "iter_check",
    "load_catalogue",
    "load_project",
    "parse_project",
    "resolve_profile",
]


def load_catalogue(*extra: str | Path) -> Catalogue:
    """The bundled rulesets and profiles, plus any extra folders or files."""
    from pathlib import Path

    from checker.bundled import rulesets_dir
    from checker.profiles import load_catalogue as _load

    return _load([rulesets_dir(), *(Path(e) for e in extra)])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

"""Exit codes of the `govcheck` command (a documented, stable contract)."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """What a pipeline can rely on."""

    OK = 0
    """Nothing at or above --fail-on, and every project file valid."""
    FINDINGS = 1
    """Findings at or above --fail-on, or invalid project files."""
    USAGE = 2
    """Bad arguments or configuration: unknown profile, invalid ruleset, missing path."""
    INTERNAL = 3
    """A bug in govcheck: a short report is printed; please file it."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C."""

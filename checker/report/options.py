"""Options every renderer may consult; renderers stay pure functions of (run, options)."""

from __future__ import annotations

from dataclasses import dataclass

from checker.findings import Severity, Status


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render, independent of the format."""

    color: bool = False
    quiet: bool = False
    show_passed: bool = False
    fail_on: Severity = Severity.LOW
    tool_version: str = ""
    include: frozenset[Status] = frozenset()
    """Statuses that machine formats list in full besides those that need attention
    (`--include passed,not_applicable,upcoming`); by default they are only counted."""
    fingerprints: bool = False
    """The JSON results list each finding's fingerprint (`--include fingerprints`); by
    default readers compute it from the identity the document states."""
    only_new: bool = False
    """List only what is new against the run's baseline (`--only-new`: text and github);
    which findings those are is the core's (`listed_when_only_new`)."""

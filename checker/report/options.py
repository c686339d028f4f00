"""Options every renderer may consult; renderers stay pure functions of (run, options)."""

from __future__ import annotations

from dataclasses import dataclass

from checker.findings import Severity


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render, independent of the format."""

    color: bool = False
    quiet: bool = False
    show_passed: bool = False
    fail_on: Severity = Severity.LOW
    tool_version: str = ""

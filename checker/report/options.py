"""Options every renderer may consult; renderers stay pure functions of (run, options)."""

from __future__ import annotations

from checker.findings import Severity, Status
from checker.values import Frozen, set_field


class RenderOptions(Frozen):
    """How to render, independent of the format."""

    __slots__ = (
        "color",
        "fail_on",
        "fingerprints",
        "include",
        "only_new",
        "quiet",
        "results_format",
        "show_passed",
        "tool_version",
    )

    color: bool
    quiet: bool
    show_passed: bool
    fail_on: Severity
    tool_version: str
    include: frozenset[Status]
    """Statuses that machine formats list in full besides those that need attention
    (`--include passed,not_applicable,upcoming`); by default they are only counted."""
    fingerprints: bool
    """The JSON results list each finding's fingerprint (`--include fingerprints`); by
    default readers compute it from the identity the document states."""
    only_new: bool
    """List only what is new against the run's baseline (`--only-new`: text and github);
    which findings those are is the core's (`listed_when_only_new`)."""
    results_format: str
    """The JSON results format to write: "3.0", or "2.0" for one release
    (`--results-format`, checker/report/json_report.py)."""

    def __init__(  # noqa: PLR0917
        self,
        color: bool = False,
        quiet: bool = False,
        show_passed: bool = False,
        fail_on: Severity = Severity.LOW,
        tool_version: str = "",
        include: frozenset[Status] = frozenset(),
        fingerprints: bool = False,
        only_new: bool = False,
        results_format: str = "3.0",
    ) -> None:
        set_field(self, "color", color)
        set_field(self, "quiet", quiet)
        set_field(self, "show_passed", show_passed)
        set_field(self, "fail_on", fail_on)
        set_field(self, "tool_version", tool_version)
        set_field(self, "include", include)
        set_field(self, "fingerprints", fingerprints)
        set_field(self, "only_new", only_new)
        set_field(self, "results_format", results_format)

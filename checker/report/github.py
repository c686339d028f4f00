"""`--format github`: GitHub Actions workflow commands that annotate the changed files.

Owns the `::error file=...,line=...,col=...,title=...::message` lines, with
the escaping GitHub requires (`%`, CR, LF everywhere; `:` and `,` in
properties). Critical and high are errors, medium warnings, low and info notices.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import RunResult, Severity
from checker.report.options import RenderOptions
from checker.report.safe import terminal_safe

_COMMAND = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "notice",
    Severity.INFO: "notice",
}


def _data(text: str) -> str:
    """`%` and line breaks encoded as GitHub requires; other controls shown escaped."""
    return "%0A".join(terminal_safe(line).replace("%", "%25") for line in text.split("\n"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """One workflow command per problem."""
    for finding in run.findings(problems_only=True):
        if not finding.status.is_problem:
            continue
        profile = f" [{finding.profile}]" if finding.profile else ""
        title = f"{finding.rule}{profile}: {finding.title}"
        message = finding.message + (f" — {finding.detail}" if finding.detail else "")
        if finding.remediation:
            message += f"\nHow to fix: {finding.remediation}"
        yield (
            f"::{_COMMAND[finding.severity]} file={_property(finding.path)},"
            f"line={finding.line},col={finding.column},title={_property(title)}::"
            f"{_data(message)}\n"
        )
    for orphan in run.orphaned_waivers:
        text = f"{orphan.rule} for {orphan.project} matches no finding"
        yield (
            f"::warning file={_property(orphan.path)},line={orphan.line},"
            f"title=orphaned waiver::{_data(text)}\n"
        )
    del options

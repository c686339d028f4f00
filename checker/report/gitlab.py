"""`--format gitlab`: GitLab CI code-quality report (a JSON array of issues).

Owns the mapping to GitLab's code-climate subset: description, check_name,
fingerprint, severity (info, minor, major, critical, blocker) and location.
Every problem is an issue: a failure, a rule that errored, and a fact the
proposal does not show, whose description reads "Not shown: …" and names the
facts, at the severity of its rule (it gates CI like a failure). Waived
findings, upcoming obligations and profiles out of scope are not issues:
GitLab has no way to mark an issue accepted or not yet due.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from checker.findings import RunResult, Severity, Status
from checker.report.options import RenderOptions
from checker.report.safe import json_safe
from checker.report.verdicts import not_shown_text

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding

_SEVERITY = {
    Severity.CRITICAL: "blocker",
    Severity.HIGH: "critical",
    Severity.MEDIUM: "major",
    Severity.LOW: "minor",
    Severity.INFO: "info",
}


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The issues of every problem finding."""
    issues = [
        {
            "description": _description(f),
            "check_name": f.rule,
            "fingerprint": f.fingerprint,
            "severity": _SEVERITY[f.severity],
            "location": {"path": f.path, "lines": {"begin": f.line}},
        }
        for f in run.findings(problems_only=True)
        if f.status.is_problem
    ]
    yield json_safe(json.dumps(issues, indent=2, ensure_ascii=False)) + "\n"
    del options


def _description(finding: Finding) -> str:
    """`RULE [profile] Not shown: <requirement> (the proposal does not show …: `a.b` is …)`"""
    detail = not_shown_text(finding) if finding.status is Status.NOT_SHOWN else finding.detail
    head = f"{finding.rule} [{finding.profile or 'input'}] {finding.message}"
    return f"{head} ({detail})" if detail else head

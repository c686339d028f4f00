"""`--format gitlab`: GitLab CI code-quality report (a JSON array of issues).

Owns the mapping to GitLab's code-climate subset: description, check_name,
fingerprint, severity (info, minor, major, critical, blocker) and location.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from checker.findings import RunResult, Severity
from checker.report.options import RenderOptions
from checker.report.safe import json_safe

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
            "description": f"{f.rule} [{f.profile or 'input'}] {f.message}"
            + (f" ({f.detail})" if f.detail else ""),
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

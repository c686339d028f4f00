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

from collections.abc import Iterator

from checker.findings import RunResult, Severity, Status
from checker.report.jsontext import compact
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
    """The issues of every problem finding, one compact issue per line, written a few
    hundred at a time (the whole list of 10,000 projects took 3.3 GB; written with
    `json.dumps(indent=2)`'s Python encoder, a third of the time)."""
    del options
    batch: list[str] = []
    between = "[\n  "
    for f in run.findings(problems_only=True):
        if not f.status.is_problem:
            continue
        issue = {
            "description": _description(f),
            "check_name": f.rule,
            "fingerprint": f.fingerprint,
            "severity": _SEVERITY[f.severity],
            "location": {"path": f.path, "lines": {"begin": f.line}},
        }
        batch.append(between + json_safe(compact(issue)))
        between = ",\n  "
        if len(batch) >= _BATCH:
            yield "".join(batch)
            batch.clear()
    if between == "[\n  ":  # no issue: the empty array
        yield "[]\n"
        return
    yield "".join(batch) + "\n]\n"


_BATCH = 256
"""Issues given to the writer in one string."""


def _description(finding: Finding) -> str:
    """`RULE [profile] Not shown: <requirement> (the proposal does not show …: `a.b` is …)`"""
    detail = not_shown_text(finding) if finding.status is Status.NOT_SHOWN else finding.detail
    head = f"{finding.rule} [{finding.profile or 'input'}] {finding.message}"
    return f"{head} ({detail})" if detail else head

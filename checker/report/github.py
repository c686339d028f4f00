"""`--format github`: GitHub Actions workflow commands that annotate the changed files.

Owns the `::error file=...,line=...,col=...,title=...::message` lines, with
the escaping GitHub requires (`%`, CR, LF everywhere; `:` and `,` in
properties), and GitHub's limits: a step shows at most 10 error, 10 warning
and 10 notice annotations (50 per job), so the most severe problems are
annotated and one notice says how many more there are and where to read them.

Critical and high are errors, medium warnings, low and info notices, for a
`not_shown` problem as for a failure: it gates CI like a failure of its
severity, and its message starts "Not shown:" and names the facts to state.
Where a profile sets `not_shown_gates: false` its unshown facts cannot fail
the job, so they are at most warnings. Waived findings, upcoming obligations
and profiles out of scope are not annotations (the job summary has them).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import RunResult, Severity, Status
from checker.report.options import RenderOptions
from checker.report.safe import terminal_safe
from checker.report.verdicts import by_severity, not_shown_text

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding

_COMMAND = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "notice",
    Severity.INFO: "notice",
}
PER_STEP = 10
"""Annotations of each kind (error, warning, notice) GitHub shows for one step."""


def _data(text: str) -> str:
    """`%` and line breaks encoded as GitHub requires; other controls shown escaped."""
    return "%0A".join(terminal_safe(line).replace("%", "%25") for line in text.split("\n"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The most severe problems within GitHub's per-step limits, then what was left out."""
    quiet = {p.id for p in run.profiles if not p.not_shown_gates}
    problems = by_severity([f for f in run.findings(problems_only=True) if f.status.is_problem])
    lines = [(_kind(f, quiet), _annotation(f, _kind(f, quiet))) for f in problems]
    lines.extend(
        (
            "warning",
            f"::warning file={_property(o.path)},line={o.line},title=stale waiver::"
            f"{_data(o.what)}\n",
        )
        for o in run.stale_waivers
    )
    wanted = {
        kind: sum(1 for k, _ in lines if k == kind) for kind in ("error", "warning", "notice")
    }
    # One notice is kept for the line that says what was left out, when something is.
    cut = any(n > PER_STEP for n in wanted.values())
    room = {"error": PER_STEP, "warning": PER_STEP, "notice": PER_STEP - cut}
    shown = dict.fromkeys(wanted, 0)
    left = dict.fromkeys(wanted, 0)
    for kind, line in lines:
        if shown[kind] < room[kind]:
            shown[kind] += 1
            yield line
        else:
            left[kind] += 1
    if any(left.values()):
        yield _left_out(left)
    del options


def _kind(finding: Finding, quiet: set[str]) -> str:
    kind = _COMMAND[finding.severity]
    if kind == "error" and finding.status is Status.NOT_SHOWN and finding.profile in quiet:
        return "warning"  # cannot fail the job: its profile does not gate unshown facts
    return kind


def _annotation(finding: Finding, kind: str) -> str:
    profile = f" [{finding.profile}]" if finding.profile else ""
    title = f"{finding.rule}{profile}: {finding.title}"
    if finding.status is Status.NOT_SHOWN:
        message = f"{finding.message} — {not_shown_text(finding)}"
    else:
        message = finding.message + (f" — {finding.detail}" if finding.detail else "")
    if finding.remediation:
        message += f"\nHow to fix: {finding.remediation}"
    return (
        f"::{kind} file={_property(finding.path)},"
        f"line={finding.line},col={finding.column},title={_property(title)}::"
        f"{_data(message)}\n"
    )


def _left_out(left: dict[str, int]) -> str:
    counts = " and ".join(f"{n} {kind}" for kind, n in left.items() if n)
    return (
        f"::notice title=govcheck%3A {sum(left.values())} more not annotated::"
        f"{counts} annotation(s) left out: GitHub shows at most {PER_STEP} errors, {PER_STEP} "
        f"warnings and {PER_STEP} notices per step, so the most severe are shown above. The job "
        "summary and the SARIF report list every problem.\n"
    )

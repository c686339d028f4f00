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

Also owns the job summary the command appends to `$GITHUB_STEP_SUMMARY`
beside the annotations (`summary`): each profile's counts per status, then the
most severe problems with a link to their line, because the annotations stop
at ten of a kind. Small by construction (a table and at most `LISTED` lines),
far under GitHub's 1 MiB per step.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator
from pathlib import PurePath
from urllib.parse import quote

from checker.findings import RunResult, Severity, Status, listed_when_only_new
from checker.i18n import N_, _
from checker.packing import line_of
from checker.report.options import RenderOptions
from checker.report.safe import markdown_safe, terminal_safe
from checker.report.verdicts import (
    STATUS_ORDER,
    not_shown_text,
    severity_key,
    severity_word,
    status_word,
)

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding
    from checker.findings import ProblemRef

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
    """The most severe problems within GitHub's per-step limits, then what was left out.

    Only the few annotations a step shows are kept, each kind's most severe as
    `by_severity` orders them (ties in the order found); the rest are counted. Making an
    annotation of every problem first took 1.5 GB at 10,000 projects for a 24 KB output."""
    quiet = {p.id for p in run.profiles if not p.not_shown_gates}
    wanted = dict.fromkeys(("error", "warning", "notice"), 0)
    best: dict[str, list[tuple[tuple[int, int, str], int, Finding | ProblemRef]]] = {
        k: [] for k in wanted
    }
    found: Iterator[Finding | ProblemRef]
    if options.only_new:  # which are new needs each problem's fingerprint: its finding
        found = (f for f in run.findings(problems_only=True) if listed_when_only_new(f))
    else:
        found = run.problems()  # findings are made of the few kept
    for index, problem in enumerate(found):
        severity, status, profile, rule = _said(problem)
        kind = _kind(severity, status, profile, quiet)
        wanted[kind] += 1
        kept = best[kind]
        kept.append((severity_key(severity, status, rule), index, problem))
        if len(kept) > 4 * PER_STEP:  # keep the most severe few, in a bounded list
            kept.sort(key=_first_two)
            del kept[PER_STEP:]
    if options.only_new:
        yield _known_left_out(run)
    titles = {
        "waiver": _property(_("stale waiver")),
        "verification": _property(_("stale verification")),
    }
    stale_lines = [
        f"::warning file={_property(o.path)},line={o.line},"
        f"title={titles[o.kind]}::{_data(o.what)}\n"
        for o in run.stale_waivers
    ]
    wanted["warning"] += len(stale_lines)
    # One notice is kept for the line that says what was left out, when something is.
    cut = any(n > PER_STEP - (kind == "notice" and options.only_new) for kind, n in wanted.items())
    room = {"error": PER_STEP, "warning": PER_STEP, "notice": PER_STEP - cut - options.only_new}
    shown = dict.fromkeys(wanted, 0)
    for _key, _index, problem in sorted((t for k in best.values() for t in k), key=_first_two):
        finding = problem if not isinstance(problem, tuple) else run.made(problem)
        kind = _kind(finding.severity, finding.status, finding.profile, quiet)
        if shown[kind] < room[kind]:
            shown[kind] += 1
            yield _annotation(finding, kind)
    for line in stale_lines:
        if shown["warning"] < room["warning"]:
            shown["warning"] += 1
            yield line
    left = {kind: wanted[kind] - shown[kind] for kind in wanted}
    if any(left.values()):
        yield _left_out(left)


def _first_two(
    item: tuple[tuple[int, int, str], int, Finding | ProblemRef],
) -> tuple[tuple[int, int, str], int]:
    return item[0], item[1]


def _said(problem: Finding | ProblemRef) -> tuple[Severity, Status, str | None, str]:
    """Severity, status, profile and rule of a problem, found or made."""
    if isinstance(problem, tuple):
        return problem[0], problem[1], problem[2], problem[3]
    return problem.severity, problem.status, problem.profile, problem.rule


def _known_left_out(run: RunResult) -> str:
    """The notice of `--only-new`: how many problems the baseline already had (not
    annotated), so that a short list is not read as a clean run."""
    counts = run.against_baseline()
    title = _("govcheck: {new} new problem(s) against the baseline").format(new=counts.new)
    said = _(
        "{known} problem(s) the baseline already has are not annotated (--only-new); "
        "`govcheck check` without --only-new lists them."
    ).format(known=counts.known)
    return f"::notice title={_property(title)}::{_data(said)}\n"


def _kind(severity: Severity, status: Status, profile: str | None, quiet: set[str]) -> str:
    kind = _COMMAND[severity]
    if kind == "error" and status is Status.NOT_SHOWN and profile in quiet:
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
        message += _("\nHow to fix: {remediation}").format(remediation=finding.remediation)
    return (
        f"::{kind} file={_property(finding.path)},"
        f"line={finding.line},col={finding.column},title={_property(title)}::"
        f"{_data(message)}\n"
    )


def _left_out(left: dict[str, int]) -> str:
    counts = _(" and ").join(f"{n} {kind}" for kind, n in left.items() if n)
    title = _("govcheck: {count} more not annotated").format(count=sum(left.values()))
    said = _(
        "{counts} annotation(s) left out: GitHub shows at most {limit} errors, {limit} warnings "
        "and {limit} notices per step, so the most severe are shown above. The job summary and "
        "the SARIF report list every problem."
    ).format(counts=counts, limit=PER_STEP)
    return f"::notice title={_property(title)}::{_data(said)}\n"


# --- the job summary ------------------------------------------------------------------------

LISTED = 50
"""Problems the job summary lists, most severe first; the counts cover them all."""
_COLUMNS = (
    (Status.FAIL, N_("failed")),
    (Status.NOT_SHOWN, N_("not shown")),
    (Status.ERROR, N_("errors")),
    (Status.WAIVED, N_("waived")),
    (Status.PASS, N_("passed")),
    (Status.NOT_APPLICABLE, N_("not applicable")),
    (Status.UPCOMING, N_("upcoming")),
)


def summary(run: RunResult, *, link_base: str = "", root: str = "") -> Iterator[str]:
    """The job summary in Markdown: counts per profile and status, then the most severe
    problems, each linked to its line (`link_base`: the repository's blob URL at the
    commit, e.g. `https://github.com/o/r/blob/<sha>`; empty: `path:line` only; `root`:
    the checkout, which absolute paths are made relative to)."""
    on = _(" as of {as_of}").format(as_of=run.as_of) if run.as_of else ""
    yield _("### govcheck: {count} project(s) checked{on}\n\n").format(
        count=len(run.projects), on=on
    )
    yield (
        _("| profile | ")
        + " | ".join(_(w) for _status, w in _COLUMNS)
        + _(" | projects out of scope |\n")
    )
    yield "|---" * (len(_COLUMNS) + 2) + "|\n"
    for profile in run.profiles:
        tally = run.tally(profile.id)
        cells = " | ".join(str(tally.count(s)) for s, _ in _COLUMNS)
        yield f"| {markdown_safe(profile.id)} | {cells} | {tally.out_of_scope} |\n"
    total = 0

    def ranked(problems: Iterator[ProblemRef]) -> Iterator[tuple[_Rank, int, ProblemRef]]:
        nonlocal total
        for problem in problems:
            total += 1
            yield _rank(problem), total, problem

    kept = heapq.nsmallest(LISTED, ranked(run.problems()))
    worst = [run.made(problem) for _rank_, _order, problem in kept]
    if not worst:
        yield _("\nNo failed, not shown or errored rules.\n")
    else:
        yield (
            _(
                "\n#### The {count} most severe of {total} problem(s)\n\nAnnotations stop at "
                "{PER_STEP} errors, {PER_STEP} warnings and {PER_STEP} notices per step; the "
                "SARIF and JSON reports list every problem.\n\n"
            ).format(count=len(worst), total=total, PER_STEP=PER_STEP)
        )
    for finding in worst:
        yield _summary_line(finding, link_base, root)
    if run.stale_waivers:
        stale = len(run.stale_waivers)
        yield _("\n{stale} stale waiver(s): see the annotations or `govcheck check`.\n").format(
            stale=stale
        )


_Rank = tuple[int, int, str, int, str]


def _rank(problem: ProblemRef) -> _Rank:
    """Most severe first, then fail, error, not shown, then by file, line and rule."""
    severity, status, _profile, rule, project, evaluation, where = problem
    if evaluation is None:
        assert not isinstance(where, int)
        path, line = where.path, where.line
    else:
        assert isinstance(where, int)
        path, line = project.project.path, line_of(evaluation.located, where, project.root)
    return (-severity.rank, STATUS_ORDER.get(status, 3), path, line, rule)


def _summary_line(finding: Finding, link_base: str, root: str) -> str:
    path = PurePath(finding.path)
    if root and path.is_absolute() and path.is_relative_to(root):
        path = path.relative_to(root)
    where = f"{path.as_posix()}:{finding.line}"
    shown = "`" + where.replace("`", "'") + "`"
    if link_base and not path.is_absolute():
        shown = f"[{shown}]({link_base}/{quote(os.fsencode(path.as_posix()))}#L{finding.line})"
    status = status_word(finding.status)
    profile = f" [{markdown_safe(finding.profile)}]" if finding.profile else ""
    title = markdown_safe(finding.title[:200])
    severity = severity_word(finding.severity)
    return f"- **{severity}** {status} `{finding.rule}`{profile}: {title} — {shown}\n"

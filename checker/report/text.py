"""Terminal text: `path:line:col  severity  rule-id  message`, grouped by project, then a summary.

Owns the human-readable format. Every string from a file passes through
`terminal_safe`; colour only when asked (the CLI decides from the terminal and
NO_COLOR).
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter

from checker.findings import (
    REPORTABLE,
    STATUS_CODE,
    ProjectResult,
    RunResult,
    Severity,
    Status,
    fact_words,
    listed_when_only_new,
    marked,
    marking,
    message_for,
)
from checker.i18n import _, ngettext, number
from checker.packing import positions
from checker.report.options import RenderOptions
from checker.report.safe import terminal_safe
from checker.report.verdicts import (
    basis_marker,
    count_of,
    counts_line,
    met_basis,
    severity_word,
    status_word,
)

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding, Tally
    from checker.gaps import FactGap

_COLORS = {
    Severity.CRITICAL: "\x1b[1;35m",
    Severity.HIGH: "\x1b[1;31m",
    Severity.MEDIUM: "\x1b[33m",
    Severity.LOW: "\x1b[36m",
    Severity.INFO: "\x1b[2m",
}
_BOLD, _DIM, _GREEN, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[0m"
_SELF_WORDED = frozenset({Status.FAIL, Status.NOT_SHOWN, Status.UPCOMING})


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The report as chunks of text."""
    several = len(run.profiles) > 1
    if options.quiet and run.baseline is None and not options.show_passed:
        tails: dict[tuple[str, int, int, Severity], str] = {}
        for project in run.projects:
            yield "".join(_quick(project, options, several, tails))
        return
    for project in run.projects:
        if not run.structure_only or project.problems:  # for an editor: only what is wrong
            yield from _project(run, project, options, several)
    if not options.quiet:
        yield from _summary(run, options)


def _project(
    run: RunResult, result: ProjectResult, options: RenderOptions, several: bool
) -> Iterator[str]:
    # Input problems first: a verdict on a file with invalid values reads them as not shown.
    shown = sorted(
        (
            f
            for f in run.project_findings(result, problems_only=not options.show_passed)
            if _visible(f, options)
        ),
        key=lambda f: (f.profile is not None, f.line, f.column),
    )
    if not options.quiet and not options.show_passed and not options.only_new:
        shown.extend(_upcoming(result))
    if options.only_new and not shown:  # a portfolio's known problems: said in the summary
        return
    info = result.project
    if not options.quiet:
        title = f"  {terminal_safe(info.title)}" if info.title else ""
        state = "" if info.valid else _paint(_("  (invalid file)"), _COLORS[Severity.HIGH], options)
        yield _paint(terminal_safe(info.id), _BOLD, options) + title + state + "\n"
    if options.quiet:
        for finding in shown:
            yield _line(finding, options, several)
    else:  # a section left out is told once, not once for every rule that reads it
        from checker.gaps import FactGap, told_together  # not on the quiet path

        for item in told_together(shown):
            yield (
                _gap(item, options, several)
                if isinstance(item, FactGap)
                else _line(item, options, several)
            )
    if not options.quiet:
        outside = [e.profile for e in result.evaluations if e.out_of_scope]
        for profile in outside:
            covers = next((p.countries for p in run.profiles if p.id == profile), ())
            yield _paint(
                _("  {profile}: out of scope (it covers {value})\n").format(
                    profile=profile, value=", ".join(covers) or _("other projects")
                ),
                _DIM,
                options,
            )
        if not shown and len(outside) < len(result.evaluations):
            yield _paint(_("  no failing or unshown conditions\n"), _GREEN, options)
        yield "\n"


def _upcoming(result: ProjectResult) -> list[Finding]:
    """Obligations that apply only after the reference date: shown, never counted as failing."""
    code = STATUS_CODE[Status.UPCOMING]
    return sorted(
        (
            f
            for e in result.evaluations
            for f in e.findings(result.project, result.root, frozenset({code}))
        ),
        key=lambda f: (f.line, f.column),
    )


def _quick(
    result: ProjectResult,
    options: RenderOptions,
    several: bool,
    tails: dict[tuple[str, int, int, Severity], str],
) -> Iterator[str]:
    """`--quiet` lines straight from the compact results, without making Finding values.

    Re-checking a cached portfolio is mostly printing these, and everything
    after `path:line:col` depends only on the profile, rule, status and
    severity: that tail is made once per run and kept in `tails`.
    """
    rows = [(f.line, f.column, _line(f, options, several)) for f in result.problems]
    path = terminal_safe(result.project.path)
    root = result.root
    at_root = (root.line, root.column)
    for evaluation in result.evaluations:
        profile = evaluation.profile
        spots = positions(evaluation.located)
        severities, rules = evaluation.severities, evaluation.rules
        statuses = evaluation.statuses
        for index in marked(statuses, _REPORTABLE_MARKS):
            code = statuses[index]
            severity = severities.get(index)
            if severity is None:
                severity = rules[index].severity
            key = (profile, index, code, severity)
            tail = tails.get(key)
            if tail is None:
                rule = evaluation.rules[index]
                status = evaluation.status(index)
                tail = tails[key] = _head(
                    "",
                    severity,
                    rule.id,
                    profile=f"[{profile}] " if several else "",
                    status=status,
                    message=message_for(rule, status),
                    options=options,
                )
            line, column = spots.get(index, at_root)
            rows.append((line, column, f"{path}:{line}:{column}{tail}"))
    rows.sort(key=_LINE_COLUMN)
    for row in rows:
        yield row[2]


_LINE_COLUMN = itemgetter(0, 1)
_REPORTABLE_MARKS = marking(REPORTABLE)


def _visible(finding: Finding, options: RenderOptions) -> bool:
    if options.only_new:
        return listed_when_only_new(finding)
    if finding.status.is_problem or finding.status is Status.WAIVED:
        return True
    return options.show_passed


def _head(
    location: str,
    severity: Severity,
    rule: str,
    *,
    profile: str,
    status: Status,
    message: str,
    options: RenderOptions,
    baseline: str | None = None,
) -> str:
    """`path:line:col  severity  rule-id  message`: the line every finding starts with."""
    painted = _paint(severity_word(severity).ljust(_severity_width()), _COLORS[severity], options)
    # `not_shown` and `upcoming` messages say so themselves ("Not shown: ...").
    state = "" if status in _SELF_WORDED else f"{status_word(status)}: "
    if baseline == "unchanged":
        state = _("(in baseline) {state}").format(state=state)
    return f"{location}  {painted}  {rule}  {profile}{state}{terminal_safe(message)}\n"


def _gap(gap: FactGap, options: RenderOptions, several: bool) -> str:
    """One absent fact and, under it, each rule it leaves not shown (by its title)."""
    first = gap.findings[0]
    said = ngettext(
        "{fact}: {n} rule cannot be decided without it",
        "{fact}: {n} rules cannot be decided without it",
        len(gap.findings),
    ).format(fact=fact_words(gap.pointer, "absent"), n=number(len(gap.findings)))
    painted = _paint(
        severity_word(gap.severity).ljust(_severity_width()), _COLORS[gap.severity], options
    )
    lines = [f"{terminal_safe(first.location())}  {painted}  {terminal_safe(said)}\n"]
    for finding in gap.findings:
        profile = f"[{finding.profile}] " if several and finding.profile else ""
        word = severity_word(finding.severity).ljust(_severity_width())
        lines.append(
            _paint(
                f"    {word}  {finding.rule}  {profile}{terminal_safe(finding.title)}\n",
                _DIM,
                options,
            )
        )
    return "".join(lines)


def _line(finding: Finding, options: RenderOptions, several: bool) -> str:
    profile = f"[{finding.profile}] " if several and finding.profile else ""
    head = _head(
        terminal_safe(finding.location()),
        finding.severity,
        finding.rule,
        profile=profile,
        status=finding.status,
        message=finding.message,
        options=options,
        baseline=finding.baseline_state,
    )
    if options.quiet:
        return head
    extra = ""
    if finding.detail:
        extra += _paint(f"    {terminal_safe(finding.detail)}\n", _DIM, options)
    if finding.force == "law":  # a benchmark says so in its label; law says why
        extra += f"    {terminal_safe(finding.force_because)}\n"
    marker = basis_marker(finding)
    if marker:
        extra += f"    {terminal_safe(marker)}\n"
    if finding.waiver is not None:
        waiver = finding.waiver
        state = _("EXPIRED ") if waiver.expired else ""
        extra += _("    {state}waiver until {expires} by {approved_by}: {justification}\n").format(
            state=state,
            expires=waiver.expires,
            approved_by=terminal_safe(waiver.approved_by),
            justification=terminal_safe(waiver.justification),
        )
    return head + extra


def _summary(run: RunResult, options: RenderOptions) -> Iterator[str]:
    invalid = len(run.invalid_projects)
    line = _("{count} project(s) checked").format(count=len(run.projects))
    if run.structure_only:
        line = _("{count} file(s) checked for structure only (no rule evaluated)").format(
            count=len(run.projects)
        )
    if invalid:
        problems = sum(len(p.problems) for p in run.projects)
        line += _(", {invalid} with invalid input ({problems} input problem(s))").format(
            invalid=invalid, problems=problems
        )
    if run.as_of:
        line += _(", as of {as_of}").format(as_of=run.as_of)
    yield _paint(line, _BOLD, options) + "\n"
    for profile in run.profiles:
        tally = run.tally(profile.id)
        yield f"  {profile.id}: {summary_line(tally)}\n"
        rests = met_basis(run.score(profile.id))
        if rests:
            yield f"    {rests}\n"
    for stale in run.stale_waivers:
        where = f"{terminal_safe(stale.path)}:{stale.line}:{stale.column}"
        yield f"  {where}: {terminal_safe(stale.message)}\n"
    if run.baseline is not None:
        counts = run.against_baseline()
        line = _("  against the baseline: {new} new problem(s)").format(new=counts.new)
        if options.only_new:
            line += _("; {known} known problem(s) not listed (--only-new)").format(
                known=counts.known
            )
        yield line + "\n"
    if run.interrupted:
        yield _("  interrupted: not every file was checked\n")


def summary_line(tally: Tally) -> str:
    """`32 failed, 12 not shown, 7 passed, 51 not applicable, 3 upcoming (1 critical, ...)`:
    the counts line every report shows, then what the text report adds."""
    line = counts_line(tally.by_status)
    if tally.out_of_scope:
        line += _(", out of scope for {out_of_scope} project(s)").format(
            out_of_scope=tally.out_of_scope
        )
    severities = ", ".join(
        count_of(n, severity_word(s))
        for s, n in sorted(tally.problems_by_severity.items(), key=lambda i: -i[0].rank)
    )
    return line + (
        _(" (to act on: {severities})").format(severities=severities) if severities else ""
    )


def _severity_width() -> int:
    """The severity column's width: the longest severity word in the language in use."""
    return max(len(severity_word(s)) for s in Severity)


def _paint(text: str, code: str, options: RenderOptions) -> str:
    return f"{code}{text}{_RESET}" if options.color else text

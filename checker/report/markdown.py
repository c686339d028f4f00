"""`--format markdown`: a summary fit for a pull-request comment or a CI job summary.

Owns the layout: each profile's counts ("4 failed, 36 not shown, 5 passed, 42
not applicable, 3 upcoming"), a projects × profiles table, then per project
and profile the failed rules and, apart, the facts the proposal does not show
(to ask the sponsor), with locations and links to their legal references.
A profile that does not cover a project says "out of scope" once, never
"nothing failing"; obligations that apply only later are listed apart with
their date and never counted as failing; waived decisions and stale waivers are
listed, never hidden. GitHub cuts a job summary at 1 MiB, so the document
stays under it and says what it left out. Every string from a file is escaped
so that it cannot inject markup or HTML.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import ProfileSummary, ProjectResult, RunResult, Status
from checker.gaps import FactGap, told_together
from checker.i18n import _, ngettext, number
from checker.report.options import RenderOptions
from checker.report.safe import UNENCODABLE, terminal_safe
from checker.report.safe import markdown_safe as md
from checker.report.verdicts import (
    basis_marker,
    by_severity,
    counts_line,
    met_basis,
    of_status,
    out_of_scope_text,
    percent_met,
    problem_severities,
    severities_said,
    severity_word,
    status_counts,
    unshown,
)

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding

LIMIT = 1_000_000
"""Bytes: GitHub refuses a job summary ($GITHUB_STEP_SUMMARY) of 1 MiB or more."""
_TABLE_SHARE = 0.4  # of LIMIT for the overview table, so that some details always fit


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The Markdown document, under LIMIT bytes."""
    head = "".join(_head(run))
    used = _size(head)
    yield head
    table = _overview(run, int(LIMIT * _TABLE_SHARE) - used)
    used += _size(table)
    yield table
    for count, project in enumerate(run.projects):
        section = "".join(_project(run, project))
        if used + _size(section) > LIMIT - 2_000:
            left = len(run.projects) - count
            yield (
                _(
                    "\n_{left} more project(s) left out to keep this summary under 1 MiB; the "
                    "JSON and SARIF reports have every finding._\n"
                ).format(left=left)
            )
            break
        used += _size(section)
        yield section
    waivers = [s for s in run.stale_waivers if s.kind == "waiver"]
    if waivers:
        yield _(
            "\n### Stale waivers\n\nThese waivers are no longer needed; remove or fix them.\n\n"
        )
        for stale in waivers[:200]:
            yield f"- `{_code(stale.path)}:{stale.line}` — {md(stale.message)}\n"
    verifications = [s for s in run.stale_waivers if s.kind == "verification"]
    if verifications:
        yield _(
            "\n### Stale verifications\n\nThese verifications name a project no file checked "
            "has; they count for nothing. Verify the project again under its new id, or remove "
            "them.\n\n"
        )
        for stale in verifications[:200]:
            yield f"- `{_code(stale.path)}:{stale.line}` — {md(stale.message)}\n"
    del options


def _size(text: str) -> int:
    return len(text.encode("utf-8", UNENCODABLE))  # as it is written


def _head(run: RunResult) -> Iterator[str]:
    profiles = ", ".join(f"`{md(p.id)}`" for p in run.profiles)
    as_of = _(", as of {as_of}").format(as_of=run.as_of) if run.as_of else ""
    yield _("## govcheck: {count} project(s), profile(s) {profiles}{as_of}\n\n").format(
        count=len(run.projects), profiles=profiles, as_of=as_of
    )
    for profile in run.profiles:
        tally = run.tally(profile.id)
        covers = (
            _(" (it covers {items})").format(items=", ".join(profile.countries))
            if profile.countries
            else ""
        )
        outside = _("out of scope for {out_of_scope} project(s){covers}").format(
            out_of_scope=tally.out_of_scope, covers=covers
        )
        if tally.out_of_scope and not any(tally.by_status.values()):
            yield f"- **{md(profile.id)}**: {outside}\n"  # no zeros that read as a pass
            continue
        counts = counts_line(tally.by_status)
        yield f"- **{md(profile.id)}**: {counts}{'; ' + outside if tally.out_of_scope else ''}\n"
    yield "\n"


def _overview(run: RunResult, budget: int) -> str:
    profiles = [p.id for p in run.profiles]
    lines = [
        _("| project | country | sector | ") + " | ".join(md(p) for p in profiles) + " |\n",
        "|---|---|---|" + "---|" * len(profiles) + "\n",
    ]
    used = sum(_size(line) for line in lines)
    for count, project in enumerate(run.projects):
        info = project.project
        cells = " | ".join(_cell(project, profile) for profile in profiles)
        row = f"| {md(info.id)} | {md(info.country)} | {md(info.sector)} | {cells} |\n"
        if used + _size(row) > budget:
            lines.append(
                _("\n_{value} more project(s) not in this table._\n").format(
                    value=len(run.projects) - count
                )
            )
            break
        used += _size(row)
        lines.append(row)
    return "".join(lines) + "\n"


def _cell(project: ProjectResult, profile: str) -> str:
    evaluation = project.evaluation(profile)
    if evaluation is None:
        return _("⚠️ not checked (invalid file)")
    if evaluation.out_of_scope:
        return _("➖ out of scope")
    counts = status_counts(evaluation)
    invalid = _("⚠️ invalid file: ") if not project.project.valid else ""
    share = evaluation.score().share
    met = "" if share is None else f" · {percent_met(share)}"
    failed, unshown_ = counts.get(Status.FAIL, 0), counts.get(Status.NOT_SHOWN, 0)
    errors = counts.get(Status.ERROR, 0)
    if not failed and not unshown_ and not errors:
        return _("{invalid}✅ 0 failed, 0 not shown{met}").format(invalid=invalid, met=met)
    problems = problem_severities(evaluation, (Status.FAIL, Status.NOT_SHOWN, Status.ERROR))
    error_part = f", {errors} error(s)" if errors else ""
    return _("{invalid}❌ {failed} failed, {unshown} not shown{error_part}{met} ({value})").format(
        invalid=invalid,
        failed=failed,
        unshown=unshown_,
        error_part=error_part,
        met=met,
        value=severities_said(problems),
    )


def _project(run: RunResult, project: ProjectResult) -> Iterator[str]:
    info = project.project
    yield f"### {md(info.id)} — {md(info.title)}\n\n`{_code(info.path)}`\n\n"
    if project.problems:
        yield _("**Input problems** (the file is invalid):\n\n")
        for finding in project.problems:
            yield f"- `{_code(finding.location())}` {md(finding.rule)}: {md(finding.message)}\n"
        yield "\n"
    for profile in run.profiles:
        yield from _profile(run, project, profile)


def _profile(run: RunResult, project: ProjectResult, profile: ProfileSummary) -> Iterator[str]:
    evaluation = project.evaluation(profile.id)
    if evaluation is None:
        return
    if evaluation.out_of_scope:
        text = out_of_scope_text(profile, project.project)
        yield _("**{value}**: out of scope ({value2}).\n\n").format(
            value=md(profile.id), value2=md(text)
        )
        return
    score = evaluation.score()
    met = "" if score.share is None else f" · {percent_met(score.share)}"
    rests = met_basis(score)
    met += f" ({rests})" if rests else ""
    yield f"**{md(profile.id)}**: {counts_line(status_counts(evaluation))}{met}\n\n"
    mine = [f for f in run.project_findings(project, problems_only=True) if f.profile == profile.id]
    failed = by_severity([f for f in mine if f.status in (Status.FAIL, Status.ERROR)])
    if failed:
        yield _("Failed: the proposal states something this profile does not accept.\n\n")
        yield _("| severity | rule | where | requirement | references |\n|---|---|---|---|---|\n")
        yield from (_row(f, md(f.message)) for f in failed)
        yield "\n"
    asked = by_severity([f for f in mine if f.status is Status.NOT_SHOWN])
    if asked:
        yield _("Not shown: facts to ask the sponsor for.\n\n")
        yield _("| severity | rule | where | not shown | references |\n|---|---|---|---|---|\n")
        for item in told_together(asked):  # a section left out: one row, its rules listed
            yield _gap_row(item) if isinstance(item, FactGap) else _row(item, _not_shown(item))
        yield "\n"
    yield from _upcoming(project, profile.id)
    yield from _waived([f for f in mine if f.status is Status.WAIVED])


def _gap_row(gap: FactGap) -> str:
    """One absent fact and every rule it leaves not shown, by severity, id and title."""
    path, words = unshown(gap.findings[0])[1][0]
    fact = f"`{_code(path)}` {md(words)}"
    said = md(
        ngettext(
            "{fact}: {n} rule cannot be decided without it",
            "{fact}: {n} rules cannot be decided without it",
            len(gap.findings),
        ).format(fact=_FACT, n=number(len(gap.findings)))
    ).replace(_FACT, fact)  # the fact is in a code span, its words escaped on their own
    rules = "<br>".join(
        f"{severity_word(f.severity)}: {md(f.rule)} {md(f.title)}" for f in gap.findings
    )
    where = _code(gap.findings[0].location())
    return f"| {severity_word(gap.severity)} | — | `{where}` | {said}<br>{rules} | |\n"


_FACT = "\ue000"  # a private-use character: no markdown escapes it, no message contains it


def _not_shown(finding: Finding) -> str:
    lead, facts = unshown(finding)
    listed = "; ".join(f"`{_code(path)}` {md(words)}" for path, words in facts)
    marker = basis_marker(finding)
    rests = f"<br>{md(marker)}" if marker else ""
    listed = listed or _("a fact it reads")
    return f"{md(finding.message)}<br>{md(lead)}: {listed}{rests}"


def _upcoming(project: ProjectResult, profile: str) -> Iterator[str]:
    later = of_status(project, profile, Status.UPCOMING)
    if not later:
        return
    said = _("Upcoming ({count}): not counted as failing yet").format(count=len(later))
    yield f"<details><summary>{said}</summary>\n\n"
    for finding in sorted(later, key=lambda f: f.rule):
        yield f"- {md(finding.rule)} {md(finding.title)}: {md(finding.detail)}\n"
    yield "\n</details>\n\n"


def _waived(waived: list[Finding]) -> Iterator[str]:
    if not waived:
        return
    said = _("Waived ({count})").format(count=len(waived))
    yield f"<details><summary>{said}</summary>\n\n"
    for finding in waived:
        waiver = finding.waiver
        assert waiver is not None
        yield (
            _("- {value} until {value2}, approved by {value3}: {value4}\n").format(
                value=md(finding.rule),
                value2=md(waiver.expires),
                value3=md(waiver.approved_by),
                value4=md(waiver.justification),
            )
        )
    yield "\n</details>\n\n"


def _row(finding: Finding, text: str) -> str:
    marker = " 🆕" if finding.baseline_state == "new" else ""
    references = "<br>".join(
        f"[{md(r.instrument)}, {md(r.article)}]({r.url})"
        if r.url and _safe_url(r.url)
        else f"{md(r.instrument)}, {md(r.article)}"
        for r in finding.references
    )
    expired = _(" (waiver expired)") if finding.waiver and finding.waiver.expired else ""
    # Where the rule's source binds a party as law, say why (a benchmark says so in its label).
    law = f"<br>**{md(finding.force_because)}**" if finding.force == "law" else ""
    return (
        f"| {severity_word(finding.severity)}{marker} | {md(finding.rule)} {md(finding.title)} | "
        f"`{_code(finding.location())}` | {text}{law}{expired} | {references} |\n"
    )


def _code(text: str) -> str:
    """Text for a code span: no backticks to break out of it, no control characters."""
    return terminal_safe(text).replace("`", "'")


def _safe_url(url: str) -> bool:
    return (
        url.startswith(("https://", "http://"))
        and not any(c in url for c in " <>()[]|")
        and terminal_safe(url) == url
    )

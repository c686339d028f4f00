"""`--format markdown`: a summary fit for a pull-request comment or a CI job summary.

Owns the layout: a projects × profiles table of failing counts, then, per
project and profile, the failing rules with their location and links to their
legal references; waived and orphaned decisions are listed, never hidden.
Every string from a file is escaped so that it cannot inject markup or HTML.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import Finding, ProjectResult, RunResult, Severity, Status
from checker.report.options import RenderOptions
from checker.report.safe import markdown_safe as md
from checker.report.safe import terminal_safe


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The Markdown document."""
    profiles = [p.id for p in run.profiles]
    yield (
        f"## govcheck: {len(run.projects)} project(s), profile(s) "
        f"{', '.join(f'`{p}`' for p in profiles)}\n\n"
    )
    yield from _overview(run, profiles)
    for project in run.projects:
        yield from _project(run, project)
    if run.orphaned_waivers:
        yield "\n### Orphaned waivers\n\nThese waivers match no finding; remove or fix them.\n\n"
        for orphan in run.orphaned_waivers:
            yield (
                f"- `{_code(orphan.path)}:{orphan.line}` — {md(orphan.rule)} for "
                f"{md(orphan.project)}\n"
            )
    del options


def _overview(run: RunResult, profiles: list[str]) -> Iterator[str]:
    yield "| project | country | sector | " + " | ".join(profiles) + " |\n"
    yield "|---|---|---|" + "---|" * len(profiles) + "\n"
    for project in run.projects:
        info = project.project
        cells = []
        for profile in profiles:
            problems = [f for f in project.by_profile(profile) if f.status.is_problem]
            cells.append(_cell(problems) if info.valid else "invalid file")
        yield (
            f"| {md(info.id)} | {md(info.country)} | {md(info.sector)} | "
            + " | ".join(cells)
            + " |\n"
        )
    yield "\n"


def _cell(problems: list[Finding]) -> str:
    if not problems:
        return "✅ 0 failing"
    counts: dict[Severity, int] = {}
    for finding in problems:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    detail = ", ".join(
        f"{n} {s.value}" for s, n in sorted(counts.items(), key=lambda i: -i[0].rank)
    )
    return f"❌ {len(problems)} failing ({detail})"


def _project(run: RunResult, project: ProjectResult) -> Iterator[str]:
    info = project.project
    findings = list(run.project_findings(project))
    yield f"### {md(info.id)} — {md(info.title)}\n\n`{_code(info.path)}`\n\n"
    problems = [f for f in findings if f.profile is None]
    if problems:
        yield "**Input problems** (the file is invalid):\n\n"
        for finding in problems:
            yield (f"- `{_code(finding.location())}` {md(finding.rule)}: {md(finding.message)}\n")
        yield "\n"
    for profile in run.profiles:
        mine = [f for f in findings if f.profile == profile.id]
        if not mine:
            continue
        failing = sorted((f for f in mine if f.status.is_problem), key=lambda f: -f.severity.rank)
        waived = [f for f in mine if f.status is Status.WAIVED]
        passed = sum(1 for f in mine if f.status is Status.PASS)
        skipped = sum(1 for f in mine if f.status is Status.NOT_APPLICABLE)
        yield (
            f"**{md(profile.id)}**: {len(failing)} failing, {passed} passed, "
            f"{skipped} not applicable, {len(waived)} waived\n\n"
        )
        if failing:
            yield "| severity | rule | where | requirement | references |\n"
            yield "|---|---|---|---|---|\n"
            for finding in failing:
                yield _row(finding)
            yield "\n"
        if waived:
            yield f"<details><summary>Waived ({len(waived)})</summary>\n\n"
            for finding in waived:
                waiver = finding.waiver
                assert waiver is not None
                yield (
                    f"- {md(finding.rule)} until {md(waiver.expires)}, approved by "
                    f"{md(waiver.approved_by)}: {md(waiver.justification)}\n"
                )
            yield "\n</details>\n\n"


def _row(finding: Finding) -> str:
    marker = " 🆕" if finding.baseline_state == "new" else ""
    references = "<br>".join(
        f"[{md(r.instrument)}, {md(r.article)}]({r.url})"
        if r.url and _safe_url(r.url)
        else f"{md(r.instrument)}, {md(r.article)}"
        for r in finding.references
    )
    expired = " (waiver expired)" if finding.waiver and finding.waiver.expired else ""
    return (
        f"| {finding.severity.value}{marker} | {md(finding.rule)} {md(finding.title)} | "
        f"`{_code(finding.location())}` | {md(finding.message)}{expired} | {references} |\n"
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

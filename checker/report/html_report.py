"""`--format html`: one self-contained HTML file with inline SVG charts.

Owns the trainer's report: each profile's counts ("4 failed, 35 not shown, 6
passed, 42 not applicable, 3 upcoming"), a projects × profiles heat map and
per-area bars of the core's one score (html_charts.py draws them), and per
project the failed conditions, apart from them the facts the proposal does
not show, and apart again the obligations that apply only later ("applies
from 2027-12-11"), with legal references; each row says what its facts rest on
(the reports' one basis marker) and each profile what "met" rests on (the core's
split of its score). A profile that does not cover a project reads "out of
scope" once, never "nothing failing". No external scripts, styles, fonts or
images: it opens offline and prints well. Every string from a file is
HTML-escaped; links are http(s) only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

from checker.compare import Cell, CellState, Comparison, compare, decider
from checker.findings import Finding, ProjectInfo, RunResult, Status, fact_path, whole_percent
from checker.gaps import FactGap, told_together
from checker.i18n import N_, _, language, ngettext, number
from checker.report.html_charts import PALETTE, area_bars, heat_map
from checker.report.html_rules import Cited, appendix, escape, reference_link
from checker.report.options import RenderOptions
from checker.report.verdicts import (
    ALWAYS,
    WHEN_ANY,
    basis_marker,
    counts_line,
    met_basis,
    severity_word,
    status_word,
    unshown,
)

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem auto;
max-width:1100px;color:#1b1b1b;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd}
h3{margin-bottom:.3rem}.muted{color:#5a5a5a}table{border-collapse:collapse;width:100%;
margin:.6rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .45rem;text-align:left;
vertical-align:top;font-size:.9rem}th{background:#f2f2f2}.sev{font-weight:600}
.critical{color:#7b1fa2}.high{color:#b71c1c}.medium{color:#8a5a00}.low{color:#00696b}
.info{color:#555}section.project{page-break-inside:avoid;break-inside:avoid}
td.num{text-align:right}td.pid{white-space:nowrap}td.scope{color:#5a5a5a;font-style:italic}
.basis{font-style:italic;color:#6a4f00}summary{cursor:pointer;font-weight:600;margin:.4rem 0}
svg text{font-family:inherit}.legend span{display:inline-block;margin-right:1rem}
.swatch{display:inline-block;width:.9rem;height:.9rem;vertical-align:middle;margin-right:.3rem}
@media print{body{margin:0;max-width:none}a{color:inherit}h2{break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""
_COLUMNS = (*ALWAYS, *WHEN_ANY)


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The whole report for a run, written as it is made."""
    yield from iter_comparison_html(compare(run), options.tool_version)


def render_comparison_html(comparison: Comparison, version: str = "") -> str:
    return "".join(iter_comparison_html(comparison, version))


def iter_comparison_html(comparison: Comparison, version: str = "") -> Iterator[str]:
    """The report in pieces, one project's section at a time: a portfolio's report is
    written as it is made, never held whole. With more than one project each cited rule's
    fixed texts go once into an appendix the rows link to (html_rules.py); one project's
    report keeps them beside its findings."""
    cited = Cited() if len(comparison.projects) > 1 else None
    profiles = [p.id for p in comparison.profiles]
    generated = _now().strftime("%Y-%m-%d %H:%M UTC")
    as_of = (
        _(", obligations as of {value}").format(value=_e(comparison.as_of))
        if comparison.as_of
        else ""
    )
    muted = _(
        "{projects} project(s) under {profiles} profile(s){as_of} — generated {when} by "
        "govcheck {version}"
    ).format(
        projects=len(comparison.projects),
        profiles=len(profiles),
        as_of=as_of,
        when=generated,
        version=_e(version),
    )
    parts = [
        f'<!DOCTYPE html>\n<html lang="{language()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>govcheck: {_e(', '.join(profiles))}</title><style>{CSS}</style></head><body>",
        "<h1>" + _e(_("Conditionality compared")) + "</h1>",
        f'<p class="muted">{muted}</p>',
        _profile_table(comparison),
        "<h2>" + _e(_("Projects × profiles")) + "</h2>",
        "<p>"
        + _e(
            _(
                "Each cell: the share of applicable conditions met (passed ÷ passed, failed, "
                "not shown, errored and waived; info-level flags and obligations not yet "
                "applicable left out), then the conditions failed and those the proposal does "
                "not show. Hatched: the profile does not cover the project, or the file could "
                "not be read."
            )
        )
        + "</p>",
        heat_map(comparison),
        "<h2>" + _e(_("Compliance by area")) + "</h2>",
        "<p>"
        + _e(_("Share of applicable conditions met, over all projects each profile covers."))
        + "</p>",
        area_bars(comparison),
        "<h2>" + _e(_("Projects")) + "</h2>",
    ]
    yield "\n".join(parts)
    for project in comparison.projects:
        yield "\n" + _project_section(comparison, project, cited)
    if cited is not None:
        yield "\n" + appendix(cited, comparison.profiles)
    yield "\n</body></html>\n"


def _now() -> datetime:
    """The generation time; SOURCE_DATE_EPOCH makes reports reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)


_e = escape


def _profile_table(comparison: Comparison) -> str:
    rows = []
    for i, p in enumerate(comparison.profiles):
        cells = [c for (_, profile), c in comparison.cells.items() if profile == p.id]
        totals: dict[Status, int] = {}
        for cell in cells:
            for status in _COLUMNS:
                totals[status] = totals.get(status, 0) + cell.counts.get(status.value, 0)
        outside = sum(1 for c in cells if c.state is CellState.OUT_OF_SCOPE)
        scope = (
            _("out of scope for {outside} project(s)").format(outside=outside) if outside else ""
        )
        if outside == len(cells):  # no zeros that would read as a pass
            outcome = scope
        else:
            outcome = counts_line(totals) + (f"; {scope}" if scope else "")
        covers = (
            _e(_(" (covers {countries})").format(countries=", ".join(p.countries)))
            if p.countries
            else ""
        )
        rows.append(
            f'<tr><td class="pid"><span class="swatch" '
            f'style="background:{PALETTE[i % len(PALETTE)]}"></span>'
            f"<code>{_e(p.id)}</code></td><td>{_e(p.title)}{covers}</td>"
            f"<td>{p.rule_count}</td><td>{_e(outcome)}</td></tr>"
        )
    heads = (_("profile"), _("title"), _("rules"), _("outcomes"))
    return (
        "<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in heads) + "</tr>"
        f"{''.join(rows)}</table>"
    )


def _project_section(comparison: Comparison, project: ProjectInfo, cited: Cited | None) -> str:
    profiles = [p.id for p in comparison.profiles]
    invalid = "" if project.valid else " · <strong>" + _e(_("invalid file")) + "</strong>"
    out = [
        f'<section class="project" id="{_e(project.id)}"><h3>{_e(project.id)} — '
        f'{_e(project.title)}</h3><p class="muted">{_e(project.country)} · '
        f"{_e(project.sector)} · <code>{_e(project.path)}</code>"
        f"{invalid}</p>",
        "<table><tr><th>"
        + _e(_("profile"))
        + "</th>"
        + "".join(f"<th>{_e(_heading(s))}</th>" for s in _COLUMNS)
        + "<th>"
        + _e(_("met"))
        + "</th></tr>",
    ]
    cells = {profile: _cell(comparison, project.id, profile) for profile in profiles}
    out.extend(_counts_row(cells[profile], comparison, project) for profile in profiles)
    out.append("</table>")
    out.extend(_met_basis(cells[profile]) for profile in profiles)
    for profile in profiles:
        for other in profiles:
            found = decider(comparison, project.id, profile, other)
            if found is not None and found.findings:
                out.append(_decider_text(found.findings, profile, other))
    for profile, cell in cells.items():
        out.extend(_details(profile, cell, cited))
    out.append("</section>")
    return "".join(out)


def _met_basis(cell: Cell) -> str:
    """What "met" rests on under one profile, as the core's score splits it."""
    rests = met_basis(cell.scorecard) if cell.state is CellState.CHECKED else ""
    if not rests:
        return ""
    return f'<p class="basis"><code>{_e(cell.profile)}</code>: {_e(rests)}</p>'


def _heading(status: Status) -> str:
    words = {Status.FAIL: N_("failed"), Status.PASS: N_("passed"), Status.ERROR: N_("errors")}
    return _(words[status]) if status in words else status_word(status)


def _counts_row(cell: Cell, comparison: Comparison, project: ProjectInfo) -> str:
    head = f'<tr><td class="pid"><code>{_e(cell.profile)}</code></td>'
    span = len(_COLUMNS) + 1
    if cell.state is CellState.OUT_OF_SCOPE:
        summary = next(p for p in comparison.profiles if p.id == cell.profile)
        covers = ", ".join(summary.countries) or _("other projects")
        where = f" ({project.country})" if project.country else ""
        said = _("out of scope: this profile covers {covers}, not this project{where}").format(
            covers=covers, where=where
        )
        return f'{head}<td class="scope" colspan="{span}">{_e(said)}</td></tr>'
    if cell.state is CellState.NOT_CHECKED:
        said = _("not checked: the file could not be read as data (see its input problems)")
        return f'{head}<td class="scope" colspan="{span}">{_e(said)}</td></tr>'
    numbers = "".join(f'<td class="num">{cell.counts.get(s.value, 0)}</td>' for s in _COLUMNS)
    met = "–" if cell.score is None else f"{whole_percent(cell.score)}%"
    return f'{head}{numbers}<td class="num">{met}</td></tr>'


def _decider_text(findings: tuple[Finding, ...], profile: str, other: str) -> str:
    failed = sum(1 for f in findings if f.status is not Status.NOT_SHOWN)
    unshown_ = len(findings) - failed
    verbs = _e(_(" and ")).join(
        part
        for part in (
            _("Fails <strong>{count}</strong>").format(count=failed) if failed else "",
            (
                _("does not show <strong>{count}</strong>")
                if failed
                else _("Does not show <strong>{count}</strong>")
            ).format(count=unshown_)
            if unshown_
            else "",
        )
        if part
    )
    return (
        "<p>"
        + _(
            "{verbs} condition(s) that only <code>{profile}</code> imposes (not <code>{other}"
            "</code>): {rules}"
        ).format(
            verbs=verbs,
            profile=_e(profile),
            other=_e(other),
            rules=_e(", ".join(f.rule for f in findings)),
        )
        + "</p>"
    )


def _details(profile: str, cell: Cell, cited: Cited | None) -> Iterator[str]:
    # Rows linking to the appendix drop the rule's fixed texts (requirement, how to fix,
    # references) and say what varies: what was found, which facts are not shown.
    if cell.failed:
        summary = _(
            "Failed under <code>{profile}</code> ({count}): the proposal states what this "
            "profile does not accept"
        ).format(profile=_e(profile), count=len(cell.failed))
        heads = (
            (_("severity"), _("rule"), _("where"), _("requirement"), _("references"))
            if cited is None
            else (_("severity"), _("rule"), _("where"), _("found"))
        )
        yield (
            f"<details open><summary>{summary}</summary><table><tr>"
            + "".join(f"<th>{_e(h)}</th>" for h in heads)
            + "</tr>"
        )
        yield from (
            _finding_row(f, _e(f.message if cited is None else f.detail or f.message), cited)
            for f in cell.failed
        )
        yield "</table></details>"
    if cell.not_shown:
        summary = _(
            "Not shown under <code>{profile}</code> ({count}): facts to ask the sponsor for"
        ).format(profile=_e(profile), count=len(cell.not_shown))
        heads = (_("severity"), _("rule"), _("where"), _("not shown"))
        if cited is None:
            heads = (*heads, _("references"))
        yield (
            f"<details open><summary>{summary}</summary><table><tr>"
            + "".join(f"<th>{_e(h)}</th>" for h in heads)
            + "</tr>"
        )
        for item in told_together(cell.not_shown):  # a section left out: one row
            if isinstance(item, FactGap):
                yield _gap_row(item, cited)
            else:
                yield _finding_row(item, _not_shown(item, with_requirement=cited is None), cited)
        yield "</table></details>"
    if cell.upcoming:
        summary = _(
            "Upcoming under <code>{profile}</code> ({count}): not counted as failing yet"
        ).format(profile=_e(profile), count=len(cell.upcoming))
        yield f"<details><summary>{summary}</summary><ul>"
        yield from (
            f"<li><code>{_e(f.rule)}</code> {_e(f.title)}: {_e(f.detail)}</li>"
            for f in sorted(cell.upcoming, key=lambda f: f.rule)
        )
        yield "</ul></details>"


def _gap_row(gap: FactGap, cited: Cited | None) -> str:
    """One absent fact and every rule it leaves not shown (the core's `told_together`)."""
    path, words = unshown(gap.findings[0])[1][0]
    said = ngettext(
        "{fact}: {n} rule cannot be decided without it",
        "{fact}: {n} rules cannot be decided without it",
        len(gap.findings),
    ).format(fact=_FACT, n=number(len(gap.findings)))
    fact = f"<code>{_e(path)}</code> {_e(words)}"
    rules = "".join(
        f"<li>{_e(severity_word(f.severity))}: {_rule_id(f, cited)} {_e(f.title)}</li>"
        for f in gap.findings
    )
    return (
        f'<tr><td class="sev {gap.severity.value}">{_e(severity_word(gap.severity))}</td>'
        f"<td>—</td><td><code>{_e(gap.findings[0].location())}</code></td>"
        f"<td>{_e(said).replace(_FACT, fact)}<ul>{rules}</ul></td>"
        + ("<td></td></tr>" if cited is None else "</tr>")
    )


def _rule_id(finding: Finding, cited: Cited | None) -> str:
    if cited is None:
        return f"<code>{_e(finding.rule)}</code>"
    return cited.link(finding.profile, finding.rule)


_FACT = "\ue000"  # a private-use character: escaping leaves it, no message contains it


def _not_shown(finding: Finding, *, with_requirement: bool = True) -> str:
    lead, facts = unshown(finding)
    listed = "; ".join(f"<code>{_e(path)}</code> {_e(words)}" for path, words in facts)
    said = f"{_e(lead)}: {listed or _e(fact_path(finding.pointer))}"
    return f"{_e(finding.message)}<br>{said}" if with_requirement else said


def _finding_row(finding: Finding, text: str, cited: Cited | None) -> str:
    head = (
        f'<tr><td class="sev {finding.severity.value}">{_e(severity_word(finding.severity))}</td>'
        f"<td>{_rule_id(finding, cited)}<br>{_e(finding.title)}</td>"
        f"<td><code>{_e(finding.location())}</code></td><td>{text}{_force(finding)}"
        f"{_basis(finding)}"
    )
    if cited is not None:  # the rule's fixed texts are in the appendix the id links to
        return head + "</td></tr>"
    references = "<br>".join(
        reference_link(r.instrument, r.article, r.url) for r in finding.references
    )
    return (
        head + f'<br><span class="muted">{_e(finding.remediation)}</span></td>'
        f"<td>{references}</td></tr>"
    )


def _basis(finding: Finding) -> str:
    """`rests on assumed facts (evidence: …)`: the reports' one marker (unmarked: claimed)."""
    marker = basis_marker(finding)
    return f'<br><span class="basis">{_e(marker)}</span>' if marker else ""


def _force(finding: Finding) -> str:
    """Where the rule's source binds a party as law, why (a benchmark says so in its label)."""
    if finding.force != "law":
        return ""
    return f'<br><strong class="law">{_e(finding.force_because)}</strong>'


def _cell(comparison: Comparison, project: str, profile: str) -> Cell:
    cell = comparison.cell(project, profile)
    assert cell is not None
    return cell

"""Rendering comparisons as text, JSON and Markdown: profile diffs, matrices, gaps.

Owns the wording trainers read ("fails 3 and does not show 20 condition(s)
that only eu imposes", "4 failed, 35 not shown, 14% met", "out of scope",
"to change" and "to document"). Refuses computing: every count and score
comes from checker.compare, which holds the core's `Evaluation.score()`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import Any

from checker.compare import (
    Cell,
    CellState,
    Comparison,
    Condition,
    Gap,
    GapItem,
    ProfileDiff,
    decider,
)
from checker.findings import (
    Finding,
    ProjectInfo,
    Score,
    Status,
    fact_path,
    fact_words,
    whole_percent,
)
from checker.i18n import _
from checker.report.html_charts import area_word
from checker.report.json_report import finding_record
from checker.report.safe import markdown_safe as md
from checker.report.safe import terminal_safe as safe
from checker.report.verdicts import met_basis, severity_word

# --- profile diff --------------------------------------------------------------------------


def render_profile_diff(diff: ProfileDiff, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(asdict(diff), indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "markdown":
        return "".join(_diff_markdown(diff))
    return "".join(_diff_text(diff))


def _condition_line(item: Condition) -> str:
    params = ", ".join(f"{k}={v!r}" for k, v in item.parameters.items())
    extra = f" [{params}]" if params else ""
    return f"{item.rule:<34} {item.severity:<8} {item.area:<15} {item.title}{extra}"


def _diff_text(diff: ProfileDiff) -> Iterator[str]:
    yield _("Conditions only in {a} ({count}):\n").format(a=diff.a, count=len(diff.only_a))
    yield from (f"  {safe(_condition_line(c))}\n" for c in diff.only_a)
    yield _("\nConditions only in {b} ({count}):\n").format(b=diff.b, count=len(diff.only_b))
    yield from (f"  {safe(_condition_line(c))}\n" for c in diff.only_b)
    yield _("\nIn both but different ({count}):\n").format(count=len(diff.different))
    for item in diff.different:
        yield f"  {item.topic}\n"
        yield from (f"    - {safe(d)}\n" for d in item.differences)
    yield _("\nIn both and the same: {count}").format(count=len(diff.same))
    yield f" ({', '.join(diff.same)})\n" if diff.same else "\n"


def _diff_markdown(diff: ProfileDiff) -> Iterator[str]:
    yield f"## `{diff.a}` versus `{diff.b}`\n\n"
    for title, items in (
        (_("Only in `{a}`").format(a=diff.a), diff.only_a),
        (_("Only in `{b}`").format(b=diff.b), diff.only_b),
    ):
        yield f"### {title} ({len(items)})\n\n" + _("| rule | severity | area | condition |\n")
        yield "|---|---|---|---|\n"
        for c in items:
            params = ", ".join(f"{k} = {v!r}" for k, v in c.parameters.items())
            yield (
                f"| {md(c.rule)} | {c.severity} | {c.area} | {md(c.title)}"
                f"{' (' + md(params) + ')' if params else ''} |\n"
            )
        yield "\n"
    yield _("### In both but different ({count})\n\n").format(count=len(diff.different))
    for item in diff.different:
        yield f"- **{md(item.topic)}**: " + "; ".join(md(d) for d in item.differences) + "\n"
    yield _("\nIn both and the same: {count}.\n").format(count=len(diff.same))


# --- matrix ------------------------------------------------------------------------------------


def render_comparison(comparison: Comparison, fmt: str) -> str:
    return "".join(iter_comparison(comparison, fmt))


def iter_comparison(comparison: Comparison, fmt: str) -> Iterator[str]:
    """The comparison in pieces to write as they come: text and Markdown a line at a time
    (the whole text of 10,000 projects, held and joined before writing, was the peak of
    `compare`'s memory), JSON as one document."""
    if fmt == "json":
        yield from _json_pieces(comparison)
    elif fmt == "markdown":
        yield from _matrix_markdown(comparison)
    else:
        yield from _matrix_text(comparison)


def percent(score: float | None) -> str:
    """The core's share as people read it: `14%`, or `–` when no scored rule applies."""
    return "–" if score is None else f"{whole_percent(score)}%"


def cell_text(cell: Cell) -> str:
    """`4 failed, 35 not shown, 14% met`; `out of scope`; `not checked (invalid file)`."""
    if cell.state is CellState.OUT_OF_SCOPE:
        return _("out of scope")
    if cell.state is CellState.NOT_CHECKED:
        return _("not checked (invalid file)")
    errors = cell.counts.get("error", 0)
    return (
        _("{value} failed, {value2} not shown").format(
            value=cell.counts.get("fail", 0), value2=cell.counts.get("not_shown", 0)
        )
        + (_(", {errors} error(s)").format(errors=errors) if errors else "")
        + ", "
        + _("{share} met").format(share=percent(cell.score))
    )


def score_record(score: Score) -> dict[str, Any]:
    return {
        "passed": score.passed,
        "failed": score.failed,
        "not_shown": score.not_shown,
        "error": score.error,
        "waived": score.waived,
        "share": score.share,
    }


def comparison_record(comparison: Comparison) -> dict[str, Any]:
    """The whole comparison as one JSON value (`_json_pieces` writes the same text in
    pieces)."""
    return {
        **_head_record(comparison),
        "projects": [_project_record(comparison, project) for project in comparison.projects],
    }


def _head_record(comparison: Comparison) -> dict[str, Any]:
    profiles = [p.id for p in comparison.profiles]
    return {
        "profiles": profiles,
        "areas": list(comparison.areas),
        "area_scores": {
            p: {a: score_record(comparison.area_score(p, a)) for a in comparison.areas}
            for p in profiles
        },
    }


def _project_record(comparison: Comparison, project: ProjectInfo) -> dict[str, Any]:
    return {
        "id": project.id,
        "title": project.title,
        "country": project.country,
        "sector": project.sector,
        "valid": project.valid,
        "profiles": {p.id: _cell_record(comparison, project.id, p.id) for p in comparison.profiles},
    }


def _json_pieces(comparison: Comparison) -> Iterator[str]:
    """`json.dumps(comparison_record(...), indent=2)` and a line break, a project at a
    time: the whole value of 10,000 projects took 627 MB before it was written."""
    head = _head_record(comparison)
    if not comparison.projects:
        yield json.dumps({**head, "projects": []}, indent=2, ensure_ascii=False) + "\n"
        return
    text = json.dumps(head, indent=2, ensure_ascii=False)
    yield text[: -len("\n}")] + ',\n  "projects": [\n'
    between = ""
    for project in comparison.projects:
        record = json.dumps(_project_record(comparison, project), indent=2, ensure_ascii=False)
        yield between + "    " + record.replace("\n", "\n    ")
        between = ",\n"
    yield "\n  ]\n}\n"


def _cell_record(comparison: Comparison, project: str, profile: str) -> dict[str, Any]:
    cell = comparison.cell(project, profile)
    assert cell is not None
    deciding = {
        other.id: [f.rule for f in d.findings]
        for other in comparison.profiles
        if other.id != profile and (d := decider(comparison, project, profile, other.id))
    }
    return {
        "state": cell.state.value,
        "counts": cell.counts,
        "score": cell.score,
        "scorecard": score_record(cell.scorecard),
        "areas": {a: score_record(s) for a, s in cell.areas.items()},
        "failed": [f.rule for f in cell.failed],
        "not_shown": [f.rule for f in cell.not_shown],
        "only_this_profile_imposes": deciding,
    }


def _label(project: ProjectInfo) -> str:
    return project.id if project.valid else _("{id} (invalid file)").format(id=project.id)


def _as_of_line(as_of: str, *, markdown: bool) -> str:
    """The reference date the verdicts were decided on (which obligations apply yet), as
    `check` states it; nothing when the run had none."""
    if not as_of:
        return ""
    said = _("as of {as_of}").format(as_of=as_of)
    return f"_{said}_\n\n" if markdown else f"{said}\n\n"


def _matrix_text(comparison: Comparison) -> Iterator[str]:
    yield _as_of_line(comparison.as_of, markdown=False)
    profiles = [p.id for p in comparison.profiles]
    rows = [
        (_label(project), [cell_text(_cell(comparison, project.id, p)) for p in profiles])
        for project in comparison.projects
    ]
    width = max((len(label) for label, _ in rows), default=len(_("project")))
    widths = [max([len(p), *(len(cells[i]) for _, cells in rows)]) for i, p in enumerate(profiles)]
    head = _("project")
    yield (
        f"{head:<{width}}  "
        + "  ".join(f"{p:<{w}}" for p, w in zip(profiles, widths, strict=True)).rstrip()
        + "\n"
    )
    for label, cells in rows:
        yield (
            f"{safe(label):<{width}}  "
            + "  ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)).rstrip()
            + "\n"
        )
    yield "\n"
    for project in comparison.projects:
        for line in _decider_lines(comparison, project.id):
            yield f"{safe(project.id)} {line}\n"
    head = _('\nWhat "met" rests on:\n')  # said once, before the first line
    for project in comparison.projects:
        for profile, said in _basis_lines(comparison, project.id):
            yield head + f"  {safe(project.id)}  {profile}: {said}\n"
            head = ""
    yield (
        _(
            "\nCompliance by area (share of applicable conditions met, over all projects a "
            "profile covers):\n"
        )
    )
    label = _("area")
    yield f"  {label:<16}" + "".join(f"{p:>14}" for p in profiles) + "\n"
    total = len(comparison.projects)
    of = _("{covered} of {total}")
    over = [of.format(covered=comparison.covered(p), total=total) for p in profiles]
    label = _("projects")
    yield f"  {label:<16}" + "".join(f"{o:>14}" for o in over) + "\n"
    for area in comparison.areas:
        yield (
            f"  {safe(area_word(area)):<16}"
            + "".join(f"{percent(comparison.area_score(p, area).share):>14}" for p in profiles)
            + "\n"
        )


def _cell(comparison: Comparison, project: str, profile: str) -> Cell:
    cell = comparison.cell(project, profile)
    assert cell is not None
    return cell


def _decider_lines(comparison: Comparison, project: str, code: str = "") -> Iterator[str]:
    """`fails 3 and does not show 20 condition(s) that only eu imposes (not minimal): …`"""
    profiles = [p.id for p in comparison.profiles]
    for profile in profiles:
        for other in profiles:
            found = decider(comparison, project, profile, other)
            if found is None or not found.findings:
                continue
            failed = sum(1 for f in found.findings if f.status is not Status.NOT_SHOWN)
            unshown = len(found.findings) - failed
            verbs = _(" and ").join(
                part
                for part in (
                    _("fails {failed}").format(failed=failed) if failed else "",
                    _("does not show {unshown}").format(unshown=unshown) if unshown else "",
                )
                if part
            )
            rules = ", ".join(f.rule for f in found.findings)
            yield (
                _(
                    "{verbs} condition(s) that only {code}{profile}{code} imposes (not "
                    "{code}{other}{code}): {rules}"
                ).format(verbs=verbs, code=code, profile=profile, other=other, rules=rules)
            )


def _matrix_markdown(comparison: Comparison) -> Iterator[str]:
    profiles = [p.id for p in comparison.profiles]
    yield _("## Projects × profiles\n\n") + _as_of_line(comparison.as_of, markdown=True)
    yield _("| project | ") + " | ".join(profiles) + " |\n"
    yield "|---|" + "---|" * len(profiles) + "\n"
    for project in comparison.projects:
        cells = [cell_text(_cell(comparison, project.id, p)) for p in profiles]
        yield f"| {md(_label(project))} | " + " | ".join(cells) + " |\n"
    yield _("\n## What decides the difference\n\n")
    for project in comparison.projects:
        for line in _decider_lines(comparison, project.id, code="`"):
            yield f"- **{md(project.id)}** {line}\n"
    head = _('\n## What "met" rests on\n\n')  # said once, before the first line
    for project in comparison.projects:
        for profile, said in _basis_lines(comparison, project.id):
            yield head + f"- **{md(project.id)}** `{profile}`: {md(said)}\n"
            head = ""


def _basis_lines(comparison: Comparison, project: str) -> Iterator[tuple[str, str]]:
    """(profile, `of 9 met: 0 assumed, 4 claimed, 5 evidenced, 0 verified`) for each of
    the project's checked cells with something met: what the core's score rests on, as
    `check` and the HTML comparison say it (issue 18)."""
    for profile in comparison.profiles:
        cell = _cell(comparison, project, profile.id)
        if cell.state is CellState.CHECKED and (said := met_basis(cell.scorecard)):
            yield profile.id, said


def yaml_path(pointer: str, target: str) -> str:
    """Where to edit, as a YAML path: the failing node, made as specific as the rule's target.

    `/ai_systems/0` with target `ai_systems` gives `ai_systems[0]`;
    `/data_processing` with target `data_processing.dpia.status` gives the target.
    """
    parts = [p for p in pointer.split("/") if p]
    path = ""
    for part in parts:
        path += f"[{part}]" if part.isdigit() else (f".{part}" if path else part)
    plain = ".".join(p for p in parts if not p.isdigit())
    if target and target.startswith(plain) and len(target) > len(plain):
        rest = target[len(plain) :].lstrip(".")
        path = f"{path}.{rest}" if path else rest
    return path or "/"


# --- gap ----------------------------------------------------------------------------------------


def render_gap(result: Gap, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(_gap_record(result), indent=2, ensure_ascii=False) + "\n"
    return "".join(_gap_lines(result, markdown=fmt == "markdown"))


def _gap_record(result: Gap) -> dict[str, Any]:
    def items(group: dict[str, tuple[GapItem, ...]]) -> dict[str, list[dict[str, Any]]]:
        return {
            area: [
                {
                    **finding_record(i.finding),
                    "target": i.target,
                    "also_required_by": list(i.also_required_by),
                }
                for i in members
            ]
            for area, members in group.items()
        }

    return {
        "project": result.project.id,
        "profile": result.profile.id,
        "state": result.state.value,
        "count": result.count,
        "to_change": result.changes,
        "to_document": result.documents,
        "only_this_profile": result.only_this_profile,
        "compared_with": list(result.others),
        "out_of_scope": list(result.others_out_of_scope),
        "input_problems": result.input_problems,
        "change": items(result.to_change),
        "document": items(result.to_document),
        "waived": [finding_record(i.finding) for i in result.waived],
    }


def _gap_lines(result: Gap, *, markdown: bool) -> Iterator[str]:
    esc = md if markdown else safe
    head = "## " if markdown else ""
    sub = "### " if markdown else ""
    project, profile = esc(result.project.id), result.profile.id
    if result.state is CellState.OUT_OF_SCOPE:
        covers = ", ".join(result.profile.countries) or _("other projects")
        country = f" ({esc(result.project.country)})" if result.project.country else ""
        yield (
            _(
                "{head}{project} is out of scope for {profile}: the profile covers {covers}, not "
                "this project{country}. Nothing was checked against it.\n"
            ).format(head=head, project=project, profile=profile, covers=covers, country=country)
        )
        return
    yield (
        _(
            "{head}What it would take for {project} to meet {profile}: {changes} to change, "
            "{documents} to document"
        ).format(
            head=head,
            project=project,
            profile=profile,
            changes=result.changes,
            documents=result.documents,
        )
    )
    alone = result.only_this_profile
    if alone is not None and result.count:
        yield _("; {only_this_profile} of them not asked for by {items}").format(
            only_this_profile=alone, items=" or ".join(result.others)
        )
    yield "\n\n" + _as_of_line(result.as_of, markdown=markdown)
    for other in result.others_out_of_scope:
        yield (
            _("{profile} does not cover {project} (out of scope): nothing is compared with it.")
            + "\n\n"
        ).format(profile=esc(other), project=project)
    if result.input_problems:
        yield (
            _(
                "The file has {input_problems} input problem(s) (see `govcheck check`); values "
                "they name are read as not shown until they are fixed.\n\n"
            ).format(input_problems=result.input_problems)
        )
    if result.to_change:
        yield (
            _(
                "{sub}To change: the proposal states what {profile} does not accept ({changes})\n\n"
            ).format(sub=sub, profile=profile, changes=result.changes)
        )
        yield from _gap_group(result, result.to_change, esc, markdown=markdown)
    if result.to_document:
        yield (
            _(
                "{sub}To document: the proposal does not show these; ask the sponsor "
                "({documents})\n\n"
            ).format(sub=sub, documents=result.documents)
        )
        yield from _gap_group(result, result.to_document, esc, markdown=markdown)
    if result.waived:
        yield (
            _("{sub}Waived: accepted by the review record, still not met ({count})\n\n").format(
                sub=sub, count=len(result.waived)
            )
        )
        for item in result.waived:
            yield from _waived_line(item.finding, esc, markdown=markdown)
        yield "\n"


def _waived_line(finding: Finding, esc: Callable[[str], str], *, markdown: bool) -> Iterator[str]:
    waiver = finding.waiver
    bullet = "- " if markdown else "  "
    yield f"{bullet}[{severity_word(finding.severity)}] {esc(finding.rule)} {esc(finding.title)}\n"
    if waiver is not None:
        said = (
            _("by {approved_by} expired on {expires}: {justification} ({where})")
            if waiver.expired
            else _("by {approved_by} until {expires}: {justification} ({where})")
        )
        yield (
            "    "
            + said.format(
                approved_by=esc(waiver.approved_by),
                expires=esc(waiver.expires),
                justification=esc(waiver.justification),
                where=esc(finding.location()),
            )
            + "\n"
        )


def _gap_group(
    result: Gap,
    group: dict[str, tuple[GapItem, ...]],
    esc: Callable[[str], str],
    *,
    markdown: bool,
) -> Iterator[str]:
    for area, items in group.items():
        yield f"{'#### ' if markdown else ''}{esc(area_word(area))} ({len(items)})\n"
        for item in items:
            finding = item.finding
            others = (
                _(" (also required by {items})").format(items=", ".join(item.also_required_by))
                if item.also_required_by
                else (_(" (only {id} asks)").format(id=result.profile.id) if result.others else "")
            )
            bullet = "- " if markdown else "  "
            yield (
                f"{bullet}[{severity_word(finding.severity)}] {esc(finding.rule)} "
                f"{esc(finding.title)}"
                f"{others}\n"
            )
            if finding.status is Status.NOT_SHOWN:
                facts = "; ".join(
                    fact_words(pointer, state) for pointer, state in finding.facts
                ) or esc(yaml_path(finding.pointer, item.target))
                yield _("    state: {facts} ({where})\n").format(
                    facts=esc(facts), where=esc(finding.location())
                )
            else:
                yield _("    change: {field} ({where})\n").format(
                    field=esc(yaml_path(finding.pointer, item.target)),
                    where=esc(finding.location()),
                )
            undocumented = _undocumented(finding)
            if undocumented:  # stated, but the profile wants the document behind it
                yield _(
                    "    how: attach the document that shows {fields}: an `evidence` entry "
                    "(title, issuer, date, and a file or an address) with them in its "
                    "`supports`, or have a reviewer verify them (`govcheck verify`)\n"
                ).format(fields=esc(", ".join(f"`{fact_path(p)}`" for p in undocumented)))
            elif finding.remediation:
                yield _("    how: {remediation}\n").format(remediation=esc(finding.remediation))
        yield "\n"


def _undocumented(finding: Finding) -> list[str]:
    """The pointers of a not-shown finding whose facts are all stated but rest on less than
    its profile demands (docs/evidence.md): what is missing is a document, not a value,
    so the rule's remediation ("set `x: true`") is not the way. [] otherwise."""
    from checker.questions import BASIS_STATES

    if finding.status is not Status.NOT_SHOWN or not finding.facts:
        return []
    if any(state not in BASIS_STATES for _pointer, state in finding.facts):
        return []
    return [pointer for pointer, _state in finding.facts]

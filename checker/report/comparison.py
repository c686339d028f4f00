"""Rendering comparisons as text, JSON and Markdown: profile diffs, matrices, gaps.

Owns the wording trainers read ("fails 9 conditions that only eu imposes").
Refuses computing: everything comes from checker.compare.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from checker.compare import Comparison, Condition, Gap, ProfileDiff, decider
from checker.report.json_report import finding_record
from checker.report.safe import markdown_safe as md
from checker.report.safe import terminal_safe as safe

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
    yield f"Conditions only in {diff.a} ({len(diff.only_a)}):\n"
    yield from (f"  {safe(_condition_line(c))}\n" for c in diff.only_a)
    yield f"\nConditions only in {diff.b} ({len(diff.only_b)}):\n"
    yield from (f"  {safe(_condition_line(c))}\n" for c in diff.only_b)
    yield f"\nIn both but different ({len(diff.different)}):\n"
    for item in diff.different:
        yield f"  {item.topic}\n"
        yield from (f"    - {safe(d)}\n" for d in item.differences)
    yield f"\nIn both and the same: {len(diff.same)}"
    yield f" ({', '.join(diff.same)})\n" if diff.same else "\n"


def _diff_markdown(diff: ProfileDiff) -> Iterator[str]:
    yield f"## `{diff.a}` versus `{diff.b}`\n\n"
    for title, items in (
        (f"Only in `{diff.a}`", diff.only_a),
        (f"Only in `{diff.b}`", diff.only_b),
    ):
        yield f"### {title} ({len(items)})\n\n| rule | severity | area | condition |\n"
        yield "|---|---|---|---|\n"
        for c in items:
            params = ", ".join(f"{k} = {v!r}" for k, v in c.parameters.items())
            yield (
                f"| {md(c.rule)} | {c.severity} | {c.area} | {md(c.title)}"
                f"{' (' + md(params) + ')' if params else ''} |\n"
            )
        yield "\n"
    yield f"### In both but different ({len(diff.different)})\n\n"
    for item in diff.different:
        yield f"- **{md(item.topic)}**: " + "; ".join(md(d) for d in item.differences) + "\n"
    yield f"\nIn both and the same: {len(diff.same)}.\n"


# --- matrix ------------------------------------------------------------------------------------


def render_comparison(comparison: Comparison, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(comparison_record(comparison), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return "".join(_matrix_markdown(comparison))
    return "".join(_matrix_text(comparison))


def _percent(score: float | None) -> str:
    return "–" if score is None else f"{round(score * 100)}%"


def comparison_record(comparison: Comparison) -> dict[str, Any]:
    profiles = [p.id for p in comparison.profiles]
    return {
        "profiles": profiles,
        "areas": list(comparison.areas),
        "projects": [
            {
                "id": project.id,
                "title": project.title,
                "country": project.country,
                "sector": project.sector,
                "valid": project.valid,
                "profiles": {
                    profile: _cell_record(comparison, project.id, profile) for profile in profiles
                },
            }
            for project in comparison.projects
        ],
    }


def _cell_record(comparison: Comparison, project: str, profile: str) -> dict[str, Any]:
    cell = comparison.cell(project, profile)
    assert cell is not None
    deciding = {
        other.id: [f.rule for f in d.findings]
        for other in comparison.profiles
        if other.id != profile and (d := decider(comparison, project, profile, other.id))
    }
    return {
        "counts": cell.counts,
        "score": cell.score,
        "areas": {
            a: {"met": s.met, "failed": s.failed, "score": s.score} for a, s in cell.areas.items()
        },
        "failing": [f.rule for f in cell.failing],
        "only_this_profile_imposes": deciding,
    }


def _matrix_text(comparison: Comparison) -> Iterator[str]:
    profiles = [p.id for p in comparison.profiles]
    width = max((len(p.id) for p in comparison.projects), default=8)
    yield f"{'project':<{width}}  " + "  ".join(f"{p:>22}" for p in profiles) + "\n"
    for project in comparison.projects:
        cells = []
        for profile in profiles:
            cell = comparison.cell(project.id, profile)
            assert cell is not None
            cells.append(f"{len(cell.failing):>3} fail {_percent(cell.score):>5} met".rjust(22))
        yield f"{safe(project.id):<{width}}  " + "  ".join(cells) + "\n"
    yield "\n"
    for project in comparison.projects:
        for profile in profiles:
            for other in profiles:
                found = decider(comparison, project.id, profile, other)
                if found is None or not found.findings:
                    continue
                rules = ", ".join(f.rule for f in found.findings)
                yield (
                    f"{safe(project.id)} fails {len(found.findings)} condition(s) that only "
                    f"{profile} imposes (not {other}): {rules}\n"
                )
    yield "\nCompliance by area (share of applicable conditions met, average over projects):\n"
    yield f"  {'area':<16}" + "".join(f"{p:>14}" for p in profiles) + "\n"
    for area in comparison.areas:
        yield (
            f"  {area:<16}"
            + "".join(f"{_percent(comparison.area_average(p, area)):>14}" for p in profiles)
            + "\n"
        )


def _matrix_markdown(comparison: Comparison) -> Iterator[str]:
    profiles = [p.id for p in comparison.profiles]
    yield "## Projects × profiles\n\n| project | " + " | ".join(profiles) + " |\n"
    yield "|---|" + "---|" * len(profiles) + "\n"
    for project in comparison.projects:
        cells = []
        for profile in profiles:
            cell = comparison.cell(project.id, profile)
            assert cell is not None
            cells.append(f"{len(cell.failing)} failing, {_percent(cell.score)} met")
        yield f"| {md(project.id)} | " + " | ".join(cells) + " |\n"
    yield "\n## What decides the difference\n\n"
    for project in comparison.projects:
        for profile in profiles:
            for other in profiles:
                found = decider(comparison, project.id, profile, other)
                if found is not None and found.findings:
                    yield (
                        f"- **{md(project.id)}** fails {len(found.findings)} condition(s) "
                        f"that only `{profile}` imposes (not `{other}`): "
                        + ", ".join(md(f.rule) for f in found.findings)
                        + "\n"
                    )


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
        return (
            json.dumps(
                {
                    "project": result.project.id,
                    "profile": result.profile,
                    "count": result.count,
                    "only_this_profile": result.only_this_profile,
                    "areas": {
                        area: [
                            {
                                **finding_record(i.finding),
                                "target": i.target,
                                "also_required_by": list(i.also_required_by),
                            }
                            for i in items
                        ]
                        for area, items in result.by_area.items()
                    },
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    return "".join(_gap_lines(result, markdown=fmt == "markdown"))


def _gap_lines(result: Gap, *, markdown: bool) -> Iterator[str]:
    esc = md if markdown else safe
    head = "## " if markdown else ""
    yield (
        f"{head}What it would take for {esc(result.project.id)} to meet "
        f"{result.profile}: {result.count} requirement(s)"
    )
    if result.others:
        yield (
            f"; {result.only_this_profile} of them not asked for by {' or '.join(result.others)}"
        )
    yield "\n\n"
    for area, items in result.by_area.items():
        yield f"{'### ' if markdown else ''}{area} ({len(items)})\n"
        for item in items:
            finding = item.finding
            others = (
                f" (also required by {', '.join(item.also_required_by)})"
                if item.also_required_by
                else (f" (only {result.profile} asks)" if result.others else "")
            )
            bullet = "- " if markdown else "  "
            yield (
                f"{bullet}[{finding.severity.value}] {esc(finding.rule)} {esc(finding.title)}"
                f"{others}\n"
            )
            yield f"    change: {esc(yaml_path(finding.pointer, item.target))} "
            yield f"({esc(finding.location())})\n"
            if finding.remediation:
                yield f"    how: {esc(finding.remediation)}\n"
        yield "\n"

"""`--format html`: one self-contained HTML file with inline SVG charts.

Owns the trainer's report: a projects × profiles heat map, per-area bars for
each profile, and per-project detail with the deciding conditions and legal
references. No external scripts, styles, fonts or images: it opens offline and
prints well. Every string from a file is HTML-escaped; links are http(s) only.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterator
from datetime import UTC, datetime

from checker.compare import Comparison, compare, decider
from checker.findings import Finding, RunResult
from checker.report.options import RenderOptions
from checker.report.safe import terminal_safe

PALETTE = ("#1f5fa8", "#c2571a", "#2e8540", "#7a3fa0", "#a3312a", "#5f6b00")
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem auto;
max-width:1100px;color:#1b1b1b;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd}
h3{margin-bottom:.3rem}.muted{color:#5a5a5a}table{border-collapse:collapse;width:100%;
margin:.6rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .45rem;text-align:left;
vertical-align:top;font-size:.9rem}th{background:#f2f2f2}.sev{font-weight:600}
.critical{color:#7b1fa2}.high{color:#b71c1c}.medium{color:#8a5a00}.low{color:#00696b}
.info{color:#555}section.project{page-break-inside:avoid;break-inside:avoid}
svg text{font-family:inherit}.legend span{display:inline-block;margin-right:1rem}
.swatch{display:inline-block;width:.9rem;height:.9rem;vertical-align:middle;margin-right:.3rem}
@media print{body{margin:0;max-width:none}a{color:inherit}h2{break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def render(run: RunResult, options: RenderOptions) -> Iterator[str]:
    """The whole report for a run."""
    yield render_comparison_html(compare(run), options.tool_version)


def render_comparison_html(comparison: Comparison, version: str = "") -> str:
    profiles = [p.id for p in comparison.profiles]
    generated = _now().strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>govcheck: {_e(', '.join(profiles))}</title><style>{CSS}</style></head><body>",
        "<h1>Conditionality compared</h1>",
        f'<p class="muted">{len(comparison.projects)} project(s) under '
        f"{len(profiles)} profile(s) — generated {generated} by govcheck {_e(version)}</p>",
        _profile_table(comparison),
        "<h2>Projects × profiles</h2>",
        "<p>Each cell: failing conditions and the share of applicable conditions met.</p>",
        heat_map(comparison),
        "<h2>Compliance by area</h2>",
        "<p>Share of applicable conditions met, averaged over projects, per profile.</p>",
        area_bars(comparison),
        "<h2>Projects</h2>",
    ]
    parts.extend(_project_section(comparison, project.id) for project in comparison.projects)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _now() -> datetime:
    """The generation time; SOURCE_DATE_EPOCH makes reports reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)


def _e(text: object) -> str:
    return html.escape(terminal_safe(str(text)), quote=True)


def _profile_table(comparison: Comparison) -> str:
    rows = "".join(
        f'<tr><td><span class="swatch" style="background:{PALETTE[i % len(PALETTE)]}">'
        f"</span><code>{_e(p.id)}</code></td><td>{_e(p.title)}</td><td>{p.rule_count}</td></tr>"
        for i, p in enumerate(comparison.profiles)
    )
    return f"<table><tr><th>profile</th><th>title</th><th>rules</th></tr>{rows}</table>"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _score_colour(score: float | None) -> str:
    if score is None:
        return "#e0e0e0"
    low, mid, high = (215, 48, 39), (254, 224, 139), (26, 152, 80)
    a, b, t = (low, mid, score * 2) if score < 0.5 else (mid, high, (score - 0.5) * 2)
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def heat_map(comparison: Comparison) -> str:
    """Projects (rows) × profiles (columns), coloured by the share of conditions met."""
    label_width, cell_w, cell_h = 300, 150, 30
    profiles = [p.id for p in comparison.profiles]
    width = label_width + cell_w * len(profiles)
    height = 40 + cell_h * len(comparison.projects)
    out = [
        f'<svg role="img" aria-label="heat map of projects by profiles" '
        f'xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="heatmap">'
    ]
    for column, profile in enumerate(profiles):
        x = label_width + column * cell_w + cell_w / 2
        out.append(
            f'<text x="{x}" y="24" text-anchor="middle" font-weight="600">{_e(profile)}</text>'
        )
    for row, project in enumerate(comparison.projects):
        y = 40 + row * cell_h
        out.append(
            f'<text x="{label_width - 8}" y="{y + 20}" text-anchor="end" '
            f'font-size="13">{_e(project.id[:34])}</text>'
        )
        for column, profile in enumerate(profiles):
            cell = comparison.cell(project.id, profile)
            assert cell is not None
            x = label_width + column * cell_w
            score = cell.score
            text = (
                "not applicable"
                if score is None and not cell.failing
                else f"{len(cell.failing)} fail · {round((score or 0) * 100)}%"
            )
            out.append(
                f"<g><title>{_e(project.id)} under {_e(profile)}: {_e(text)}</title>"
                f'<rect class="cell" x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" '
                f'height="{cell_h - 4}" rx="3" fill="{_score_colour(score)}"/>'
                f'<text x="{x + cell_w / 2}" y="{y + 20}" text-anchor="middle" '
                f'font-size="12">{_e(text)}</text></g>'
            )
    out.append("</svg>")
    return "".join(out)


def area_bars(comparison: Comparison) -> str:
    """Grouped bars: for each area, one bar per profile (average share of conditions met)."""
    profiles = [p.id for p in comparison.profiles]
    areas = list(comparison.areas)
    bar, chart_h, left = 18, 200, 40
    group = max(110, bar * len(profiles) + 30)
    gap = group - bar * len(profiles)
    width = left + group * max(len(areas), 1) + 20
    height = chart_h + 90
    out = [
        f'<svg role="img" aria-label="compliance by area" class="bars" '
        f'xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">'
    ]
    for tick in (0, 25, 50, 75, 100):
        y = 10 + chart_h - chart_h * tick / 100
        out.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y}" y2="{y}" '
            f'stroke="#ddd"/><text x="{left - 6}" y="{y + 4}" text-anchor="end" '
            f'font-size="11">{tick}%</text>'
        )
    for index, area in enumerate(areas):
        x0 = left + index * group + gap / 2
        for column, profile in enumerate(profiles):
            score = comparison.area_average(profile, area)
            value = 0.0 if score is None else score
            h = chart_h * value if score is None or value > 0 else 2.0  # 0% stays visible
            x = x0 + column * bar
            label = f"{profile} · {area}: {'not applicable' if score is None else f'{value:.0%}'}"
            out.append(
                f'<g><title>{_e(label)}</title><rect class="bar" x="{x}" '
                f'y="{10 + chart_h - h}" width="{bar - 3}" height="{h}" '
                f'fill="{PALETTE[column % len(PALETTE)]}"/></g>'
            )
        out.append(
            f'<text x="{x0 + bar * len(profiles) / 2}" y="{chart_h + 28}" '
            f'text-anchor="middle" font-size="11">{_e(area.replace("_", " "))}</text>'
        )
    for column, profile in enumerate(profiles):
        out.append(
            f'<rect x="{left + column * 120}" y="{chart_h + 50}" width="12" '
            f'height="12" fill="{PALETTE[column % len(PALETTE)]}"/><text '
            f'x="{left + column * 120 + 18}" y="{chart_h + 61}" font-size="12">'
            f"{_e(profile)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _project_section(comparison: Comparison, project_id: str) -> str:
    project = next(p for p in comparison.projects if p.id == project_id)
    profiles = [p.id for p in comparison.profiles]
    out = [
        f'<section class="project" id="{_e(project.id)}"><h3>{_e(project.id)} — '
        f'{_e(project.title)}</h3><p class="muted">{_e(project.country)} · '
        f"{_e(project.sector)} · <code>{_e(project.path)}</code>"
        f"{'' if project.valid else ' · <strong>invalid file</strong>'}</p>"
    ]
    out.append(
        "<table><tr><th>profile</th><th>failing</th><th>passed</th>"
        "<th>not applicable</th><th>waived</th><th>met</th></tr>"
    )
    for profile in profiles:
        cell = comparison.cell(project_id, profile)
        assert cell is not None
        score = "–" if cell.score is None else f"{cell.score:.0%}"
        out.append(
            f"<tr><td><code>{_e(profile)}</code></td><td>{len(cell.failing)}</td>"
            f"<td>{cell.counts.get('pass', 0)}</td>"
            f"<td>{cell.counts.get('not_applicable', 0)}</td>"
            f"<td>{cell.counts.get('waived', 0)}</td><td>{score}</td></tr>"
        )
    out.append("</table>")
    for profile in profiles:
        for other in profiles:
            found = decider(comparison, project_id, profile, other)
            if found is not None and found.findings:
                out.append(
                    f"<p>Fails <strong>{len(found.findings)}</strong> condition(s) that "
                    f"only <code>{_e(profile)}</code> imposes (not <code>{_e(other)}"
                    f"</code>): {_e(', '.join(f.rule for f in found.findings))}</p>"
                )
    for profile in profiles:
        cell = comparison.cell(project_id, profile)
        if cell is None or not cell.failing:
            continue
        out.append(
            f"<details open><summary>Failing under <code>{_e(profile)}</code> "
            f"({len(cell.failing)})</summary><table><tr><th>severity</th><th>rule</th>"
            "<th>where</th><th>requirement</th><th>references</th></tr>"
        )
        out.extend(_finding_row(f) for f in cell.failing)
        out.append("</table></details>")
    out.append("</section>")
    return "".join(out)


def _finding_row(finding: Finding) -> str:
    references = "<br>".join(_reference(r.instrument, r.article, r.url) for r in finding.references)
    return (
        f'<tr><td class="sev {finding.severity.value}">{finding.severity.value}</td>'
        f"<td><code>{_e(finding.rule)}</code><br>{_e(finding.title)}</td>"
        f"<td><code>{_e(finding.location())}</code></td><td>{_e(finding.message)}"
        f'<br><span class="muted">{_e(finding.remediation)}</span></td>'
        f"<td>{references}</td></tr>"
    )


def _reference(instrument: str, article: str, url: str | None) -> str:
    text = f"{_e(instrument)}, {_e(article)}"
    if url and url.startswith(("https://", "http://")):
        return f'<a href="{_e(url)}">{text}</a>'
    return text

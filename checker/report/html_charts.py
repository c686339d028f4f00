"""The HTML report's inline SVG charts: the projects × profiles heat map and the area bars.

Owns drawing: each heat-map cell shows the core's "% met" with the failed
and not-shown counts, grey and hatched when the profile does not cover the
project ("out of scope") or the file could not be read ("not checked"); the
bars show, per policy area and profile, the core's per-area scores added up
over the projects a profile covers. Refuses computing a share: every number
comes from checker.compare, which holds `Evaluation.score()`.
"""

from __future__ import annotations

import html

from checker.compare import Cell, CellState, Comparison
from checker.report.safe import terminal_safe

PALETTE = ("#1f5fa8", "#c2571a", "#2e8540", "#7a3fa0", "#a3312a", "#5f6b00")
_HATCH = (
    '<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="8" height="8" fill="#eeeeee"/>'
    '<line x1="0" y1="0" x2="0" y2="8" stroke="#d2d2d2" stroke-width="3"/></pattern></defs>'
)


def _e(text: object) -> str:
    return html.escape(terminal_safe(str(text)), quote=True)


def score_colour(score: float | None) -> str:
    if score is None:
        return "#e0e0e0"
    low, mid, high = (215, 48, 39), (254, 224, 139), (26, 152, 80)
    a, b, t = (low, mid, score * 2) if score < 0.5 else (mid, high, (score - 0.5) * 2)
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def cell_lines(cell: Cell) -> tuple[str, str]:
    """The two lines of a heat-map cell: the share met, then the problems."""
    if cell.state is CellState.OUT_OF_SCOPE:
        return "out of scope", ""
    if cell.state is CellState.NOT_CHECKED:
        return "not checked", "invalid file"
    share = cell.score
    # No share: nothing that counts toward the score applies (only info-level flags, if any).
    first = "not scored" if share is None else f"{round(share * 100)}% met"
    second = f"{cell.counts.get('fail', 0)} failed · {cell.counts.get('not_shown', 0)} not shown"
    return first, second


def heat_map(comparison: Comparison) -> str:
    """Projects (rows) × profiles (columns), coloured by the core's share of conditions met."""
    label_width, cell_w, cell_h = 300, 160, 44
    profiles = [p.id for p in comparison.profiles]
    width = label_width + cell_w * len(profiles)
    height = 40 + cell_h * len(comparison.projects)
    out = [
        f'<svg role="img" aria-label="heat map of projects by profiles" '
        f'xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="heatmap">{_HATCH}'
    ]
    for column, profile in enumerate(profiles):
        x = label_width + column * cell_w + cell_w / 2
        out.append(
            f'<text x="{x}" y="24" text-anchor="middle" font-weight="600">{_e(profile)}</text>'
        )
    for row, project in enumerate(comparison.projects):
        y = 40 + row * cell_h
        label = project.id[:34] + ("" if project.valid else " ⚠")
        out.append(
            f'<text x="{label_width - 8}" y="{y + 26}" text-anchor="end" '
            f'font-size="13">{_e(label)}</text>'
        )
        for column, profile in enumerate(profiles):
            cell = comparison.cell(project.id, profile)
            assert cell is not None
            out.append(_heat_cell(cell, label_width + column * cell_w, y, cell_w, cell_h))
    out.append("</svg>")
    return "".join(out)


def _heat_cell(cell: Cell, x: float, y: float, w: int, h: int) -> str:
    first, second = cell_lines(cell)
    checked = cell.state is CellState.CHECKED
    fill = score_colour(cell.score) if checked else "url(#hatch)"
    tip = f"{cell.project} under {cell.profile}: {first}" + (f", {second}" if second else "")
    middle = x + w / 2
    top = y + 20 if second else y + 27  # one line sits in the middle of the cell
    text = (
        f'<text x="{middle}" y="{top}" text-anchor="middle" font-size="12" '
        f'font-weight="{600 if checked else 400}">{_e(first)}</text>'
    )
    if second:
        text += (
            f'<text x="{middle}" y="{y + 35}" text-anchor="middle" font-size="11">'
            f"{_e(second)}</text>"
        )
    return (
        f"<g><title>{_e(tip)}</title>"
        f'<rect class="cell {cell.state.value}" x="{x + 2}" y="{y + 2}" width="{w - 4}" '
        f'height="{h - 4}" rx="3" fill="{fill}"/>{text}</g>'
    )


def area_bars(comparison: Comparison) -> str:
    """Grouped bars: for each area, one bar per profile (the core's share met, over projects)."""
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
            score = comparison.area_score(profile, area).share
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

"""The HTML reports' inline SVG charts: the projects × profiles heat map, the area bars,
and a lesson's score per profile across its steps.

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
from checker.findings import whole_percent
from checker.i18n import N_, _
from checker.report.safe import terminal_safe
from checker.report.verdicts import percent_met

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
        return _("out of scope"), ""
    if cell.state is CellState.NOT_CHECKED:
        return _("not checked"), _("invalid file")
    share = cell.score
    # No share: nothing that counts toward the score applies (only info-level flags, if any).
    first = _("not scored") if share is None else percent_met(share)
    second = _("{value} failed · {value2} not shown").format(
        value=cell.counts.get("fail", 0), value2=cell.counts.get("not_shown", 0)
    )
    return first, second


def heat_map(comparison: Comparison) -> str:
    """Projects (rows) × profiles (columns), coloured by the core's share of conditions met."""
    label_width, cell_w, cell_h = 300, 160, 44
    profiles = [p.id for p in comparison.profiles]
    width = label_width + cell_w * len(profiles)
    height = 40 + cell_h * len(comparison.projects)
    aria = _e(_("heat map of projects by profiles"))
    out = [
        f'<svg role="img" aria-label="{aria}" '
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
    tip = _("{project} under {profile}: {verdict}").format(
        project=cell.project, profile=cell.profile, verdict=first
    ) + (f", {second}" if second else "")
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


_AREAS = {
    "ai": N_("ai"),
    "cybersecurity": N_("cybersecurity"),
    "data_protection": N_("data protection"),
    "delivery": N_("delivery"),
    "financing": N_("financing"),
    "human_rights": N_("human rights"),
    "sustainability": N_("sustainability"),
    "transparency": N_("transparency"),
    "procurement": N_("procurement"),
    "sanctions": N_("sanctions"),
    "export_control": N_("export control"),
    "connectivity": N_("connectivity"),
    "integrity": N_("integrity"),
    "host_law": N_("host law"),
}


def area_word(area: str) -> str:
    """An area id as a reader reads it, in the language in use (the id is the key)."""
    said = _AREAS.get(area)
    return _(said) if said else area.replace("_", " ")


def area_bars(comparison: Comparison) -> str:
    """Grouped bars: for each area, one bar per profile (the core's share met, over projects)."""
    profiles = [p.id for p in comparison.profiles]
    areas = list(comparison.areas)
    bar, chart_h, left, top = 18, 200, 40, 34  # `top`: room for a full bar's label
    group = max(110, bar * len(profiles) + 30)
    gap = group - bar * len(profiles)
    width = left + group * max(len(areas), 1) + 20
    height = top + chart_h + 80
    aria = _e(_("compliance by area"))
    out = [
        f'<svg role="img" aria-label="{aria}" class="bars" '
        f'xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">'
    ]
    out.extend(_grid(left, width - 10, top, chart_h))
    for index, area in enumerate(areas):
        x0 = left + index * group + gap / 2
        for column, profile in enumerate(profiles):
            score = comparison.area_score(profile, area).share
            value = 0.0 if score is None else score
            h = chart_h * value if score is None or value > 0 else 2.0  # 0% stays visible
            x = x0 + column * bar
            shown = _("not applicable") if score is None else f"{whole_percent(value)}%"
            label = f"{profile} · {area_word(area)}: {shown}"
            # The value is printed above its bar (turned, bars are narrow), not only in
            # the tooltip: a printed or projected chart has no hover.
            mid, above = x + (bar - 3) / 2 + 4, top + chart_h - h - 3
            value_text = "n/a" if score is None else f"{whole_percent(value)}%"
            out.append(
                f'<g><title>{_e(label)}</title><rect class="bar" x="{x}" '
                f'y="{top + chart_h - h}" width="{bar - 3}" height="{h}" '
                f'fill="{PALETTE[column % len(PALETTE)]}"/><text class="value" '
                f'x="{mid}" y="{above}" transform="rotate(-90 {mid} {above})" '
                f'font-size="10">{_e(value_text)}</text></g>'
            )
        out.append(
            f'<text x="{x0 + bar * len(profiles) / 2}" y="{top + chart_h + 18}" '
            f'text-anchor="middle" font-size="11">{_e(area_word(area))}</text>'
        )
    total = len(comparison.projects)
    over = {p: comparison.covered(p) for p in profiles}
    out.extend(_legend(profiles, left, top + chart_h + 40, over, total))
    out.append("</svg>")
    return "".join(out)


def _legend(
    profiles: list[str],
    left: float,
    y: float,
    over: dict[str, int] | None = None,
    total: int = 0,
) -> list[str]:
    """Each profile's colour, and how many projects its shares are over when that is not
    all of them (a host profile covers its country's projects only)."""
    over = over or dict.fromkeys(profiles, total)
    spacing = 120 if all(over[p] == total for p in profiles) else 190
    return [
        f'<rect x="{left + column * spacing}" y="{y}" width="12" '
        f'height="12" fill="{PALETTE[column % len(PALETTE)]}"/><text '
        f'x="{left + column * spacing + 18}" y="{y + 11}" font-size="12">'
        f"{_e(_legend_name(profile, over[profile], total))}</text>"
        for column, profile in enumerate(profiles)
    ]


def _legend_name(profile: str, covered: int, total: int) -> str:
    if covered == total:
        return profile
    return _("{profile} ({covered} of {total} projects)").format(
        profile=profile, covered=covered, total=total
    )


def _grid(left: float, right: float, top: float, chart_h: float) -> list[str]:
    return [
        f'<line x1="{left}" x2="{right}" y1="{top + chart_h - chart_h * t / 100}" '
        f'y2="{top + chart_h - chart_h * t / 100}" stroke="#ddd"/><text x="{left - 6}" '
        f'y="{top + chart_h - chart_h * t / 100 + 4}" text-anchor="end" font-size="11">{t}%</text>'
        for t in (0, 25, 50, 75, 100)
    ]


def step_lines(steps: list[str], scores: dict[str, list[float | None]]) -> str:
    """One line per profile: the core's share met as written (step 0) and after each
    step. A step where nothing is scored (out of scope) leaves a gap in the line."""
    profiles = list(scores)
    left, top, chart_h, step_w = 44, 12, 220, 110
    width = left + step_w * max(len(steps) - 1, 1) + 40
    height = top + chart_h + 80
    aria = _e(_("score per profile across the steps"))
    out = [
        f'<svg role="img" aria-label="{aria}" class="steps" '
        f'xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        *_grid(left, width - 20, top, chart_h),
    ]
    for index, label in enumerate(steps):
        out.append(
            f'<text x="{left + index * step_w}" y="{top + chart_h + 20}" text-anchor="middle" '
            f'font-size="11">{_e(label)}</text>'
        )
    for column, profile in enumerate(profiles):
        colour = PALETTE[column % len(PALETTE)]
        points = [
            (left + index * step_w, top + chart_h - chart_h * share, share)
            for index, share in enumerate(scores[profile])
            if share is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"/>'
            )
        for x, y, share in points:
            out.append(
                f"<g><title>{_e(profile)}: {_e(percent_met(share))}</title>"
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/></g>'
            )
    out.extend(_legend(profiles, left, top + chart_h + 44))
    out.append("</svg>")
    return "".join(out)

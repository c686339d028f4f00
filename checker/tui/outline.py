"""A project's findings as the project screen shows them: filtered, grouped, stepped through.

Owns the finding filter (status, minimum severity, area, free text), the
grouping by area then rule in a stable reviewer order (problems first, most
severe first) and finding the next or previous failure. Pure values over
`Finding`s; refuses Textual and any rule logic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checker.findings import Finding, ProjectResult, Severity
from checker.tui.model import Review, review

INPUT_AREA = "input"


@dataclass(frozen=True, slots=True)
class FindingFilter:
    """What the reviewer asked to see; None means no restriction."""

    status: Review | None = None
    problems_only: bool = False
    severity: Severity | None = None
    """Minimum severity."""
    area: str | None = None
    text: str = ""

    def accepts(self, finding: Finding) -> bool:
        state = review(finding)
        if self.status is not None and state is not self.status:
            return False
        if self.problems_only and not state.is_problem:
            return False
        if self.severity is not None and not finding.severity.at_least(self.severity):
            return False
        if self.area is not None and finding.area != self.area:
            return False
        return not self.text or _matches(finding, self.text.strip().casefold())

    @property
    def active(self) -> bool:
        return self != FindingFilter()


def _matches(finding: Finding, needle: str) -> bool:
    fields = (
        finding.rule,
        finding.title,
        finding.area,
        finding.message,
        finding.detail,
        finding.pointer,
        *(r.short() for r in finding.references),
    )
    return any(needle in value.casefold() for value in fields)


def project_findings(result: ProjectResult, profile: str) -> list[Finding]:
    """The file's own problems, then every outcome under `profile`."""
    return [*result.problems, *result.by_profile(profile)]


@dataclass(frozen=True, slots=True)
class RuleGroup:
    rule: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class AreaGroup:
    area: str
    rules: tuple[RuleGroup, ...]

    @property
    def findings(self) -> Iterable[Finding]:
        for group in self.rules:
            yield from group.findings

    def problems(self) -> int:
        return sum(1 for f in self.findings if review(f).is_problem)


def _order(finding: Finding) -> tuple[int, int, str, int, int]:
    return (
        review(finding).rank,
        -finding.severity.rank,
        finding.rule,
        finding.line,
        finding.column,
    )


def outline(findings: Iterable[Finding], selected: FindingFilter) -> list[AreaGroup]:
    """Findings passing the filter, by area (file problems first, then by name), then rule."""
    by_area: dict[str, dict[str, list[Finding]]] = {}
    for finding in sorted((f for f in findings if selected.accepts(f)), key=_order):
        by_area.setdefault(finding.area, {}).setdefault(finding.rule, []).append(finding)
    areas = sorted(by_area, key=lambda a: (a != INPUT_AREA, a))
    return [
        AreaGroup(area, tuple(RuleGroup(r, tuple(fs)) for r, fs in by_area[area].items()))
        for area in areas
    ]


def flatten(groups: Sequence[AreaGroup]) -> list[Finding]:
    """The findings in display order."""
    return [f for group in groups for f in group.findings]


def step(findings: Sequence[Finding], current: Finding | None, forward: bool) -> Finding | None:
    """The next (or previous) problem after `current` in display order, wrapping around."""
    problems = [i for i, f in enumerate(findings) if review(f).is_problem]
    if not problems:
        return None
    here = _index(findings, current)
    if here is None:
        return findings[problems[0] if forward else problems[-1]]
    if forward:
        later = [i for i in problems if i > here]
        return findings[later[0] if later else problems[0]]
    earlier = [i for i in problems if i < here]
    return findings[earlier[-1] if earlier else problems[-1]]


def _index(findings: Sequence[Finding], current: Finding | None) -> int | None:
    if current is None:
        return None
    key = identity(current)
    return next((i for i, f in enumerate(findings) if identity(f) == key), None)


Identity = tuple[str, str, int, int]


def identity(finding: Finding) -> Identity:
    """What stays "the same finding" across a re-check or a profile switch.

    A rule has one outcome per profile, so its id is enough (lines may move);
    a file problem is known by its code, message and position.
    """
    if finding.profile is None:
        return (finding.rule, finding.message, finding.line, finding.column)
    return (finding.rule, "", 0, 0)


def find(findings: Iterable[Finding], key: Identity) -> Finding | None:
    return next((f for f in findings if identity(f) == key), None)


def areas(findings: Iterable[Finding]) -> list[str]:
    return sorted({f.area for f in findings}, key=lambda a: (a != INPUT_AREA, a))

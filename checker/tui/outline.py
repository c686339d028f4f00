"""A project's findings as the project screen shows them: filtered, grouped, stepped through.

Owns the finding filter (status, minimum severity, area, free text), the
grouping by area then rule in a stable reviewer order (problems first, most
severe first; obligations that apply only later in a group of their own, after
every area) and finding the next or previous problem. A profile that does not
cover the project yields no findings here: it is one verdict, said once by the
screen. Pure values over `Finding`s; refuses Textual and any rule logic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checker.findings import Finding, ProjectResult, Severity, Status
from checker.tui.model import Review, review

INPUT_AREA = "input"
UPCOMING_AREA = "upcoming"
"""The group of obligations not yet applicable on the reference date (not an area)."""


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
    """The file's own problems, then every outcome under `profile` (none when the profile
    does not cover the project: "out of scope" is not a verdict per rule)."""
    return [*result.problems, *outcomes(result, profile)]


def outcomes(result: ProjectResult, profile: str) -> list[Finding]:
    """Every rule's outcome under `profile`; none when the profile does not cover it."""
    evaluation = result.evaluation(profile)
    if evaluation is None or evaluation.out_of_scope:
        return []
    return list(evaluation.findings(result.project, result.root))


def applies_from(result: ProjectResult | None, profile: str) -> dict[str, str]:
    """By rule id, the date each dated obligation under `profile` applies from."""
    evaluation = result.evaluation(profile) if result is not None else None
    rules = evaluation.rules if evaluation is not None else ()
    return {rule.id: rule.applies_from for rule in rules if rule.applies_from}


def out_of_scope(result: ProjectResult | None, profile: str) -> bool:
    evaluation = result.evaluation(profile) if result is not None else None
    return evaluation is not None and evaluation.out_of_scope


@dataclass(frozen=True, slots=True)
class RuleGroup:
    rule: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class AreaGroup:
    area: str
    """An area, or UPCOMING_AREA for the obligations that apply only later."""
    rules: tuple[RuleGroup, ...]

    @property
    def upcoming(self) -> bool:
        return self.area == UPCOMING_AREA

    @property
    def findings(self) -> Iterable[Finding]:
        for group in self.rules:
            yield from group.findings

    def problems(self) -> int:
        return sum(1 for f in self.findings if review(f).is_problem)

    def unshown(self) -> int:
        """The problems that are facts not shown (the rest are stated failures or errors)."""
        return sum(1 for f in self.findings if review(f) is Review.NOT_SHOWN)


def _order(finding: Finding) -> tuple[int, int, str, int, int]:
    return (
        review(finding).rank,
        -finding.severity.rank,
        finding.rule,
        finding.line,
        finding.column,
    )


def outline(findings: Iterable[Finding], selected: FindingFilter) -> list[AreaGroup]:
    """Findings passing the filter, by area (file problems first, then by name), then rule;
    upcoming obligations apart, after every area."""
    by_area: dict[str, dict[str, list[Finding]]] = {}
    for finding in sorted((f for f in findings if selected.accepts(f)), key=_order):
        area = UPCOMING_AREA if finding.status is Status.UPCOMING else finding.area
        by_area.setdefault(area, {}).setdefault(finding.rule, []).append(finding)
    areas = sorted(by_area, key=lambda a: (a == UPCOMING_AREA, a != INPUT_AREA, a))
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

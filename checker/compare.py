"""Comparing conditionality: profile against profile, and projects across profiles.

Owns the one comparison API the CLI (`profiles diff`, `compare`, `gap`), the
HTML report and the TUI's compare view share. Rules of different profiles are
matched by `topic` (e.g. `breach-notification`: EU 72 h, Kazakhstan one
business day), so a comparison says what one profile demands that the other
does not, and what differs where both demand something. Pure: no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.conditions import parameter_names
from checker.findings import Finding, ProfileSummary, ProjectInfo, RuleInfo, RunResult, Status
from checker.profiles import ResolvedProfile, ResolvedRule
from checker.rules import rule_json

# --- profile against profile --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Condition:
    """A rule as one profile imposes it."""

    rule: str
    title: str
    topic: str
    area: str
    severity: str
    applies_when: str
    requirement: str
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TopicDifference:
    """A topic both profiles impose, and how they differ."""

    topic: str
    a: tuple[Condition, ...]
    b: tuple[Condition, ...]
    differences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProfileDiff:
    """What profile A demands that B does not, the reverse, and what differs."""

    a: str
    b: str
    only_a: tuple[Condition, ...]
    only_b: tuple[Condition, ...]
    different: tuple[TopicDifference, ...]
    same: tuple[str, ...]


def condition(rule: ResolvedRule, parameters: dict[str, Any]) -> Condition:
    names = parameter_names(rule_json(rule.rule, "when")) | parameter_names(
        rule_json(rule.rule, "require")
    )
    info = rule.info
    return Condition(
        rule=info.id,
        title=info.title,
        topic=info.topic or info.id,
        area=info.area,
        severity=info.severity.value,
        applies_when=info.applies_when,
        requirement=info.requirement,
        parameters={n: parameters[n] for n in sorted(names) if n in parameters},
    )


def diff_profiles(a: ResolvedProfile, b: ResolvedProfile) -> ProfileDiff:
    """Compare two profiles condition by condition (matched by topic)."""
    left = _by_topic(condition(r, a.parameters) for r in a.rules)
    right = _by_topic(condition(r, b.parameters) for r in b.rules)
    different: list[TopicDifference] = []
    same: list[str] = []
    for topic in [t for t in left if t in right]:
        differences = _differences(left[topic], right[topic])
        if differences:
            different.append(TopicDifference(topic, left[topic], right[topic], differences))
        else:
            same.append(topic)
    return ProfileDiff(
        a=a.id,
        b=b.id,
        only_a=tuple(c for t, cs in left.items() if t not in right for c in cs),
        only_b=tuple(c for t, cs in right.items() if t not in left for c in cs),
        different=tuple(different),
        same=tuple(same),
    )


def _by_topic(conditions: Iterable[Condition]) -> dict[str, tuple[Condition, ...]]:
    grouped: dict[str, list[Condition]] = defaultdict(list)
    for item in conditions:
        grouped[item.topic].append(item)
    return {topic: tuple(items) for topic, items in grouped.items()}


def _differences(a: tuple[Condition, ...], b: tuple[Condition, ...]) -> tuple[str, ...]:
    found: list[str] = []
    if [c.rule for c in a] != [c.rule for c in b]:
        found.append(f"rules: {', '.join(c.rule for c in a)} vs {', '.join(c.rule for c in b)}")
    severities = (_join(c.severity for c in a), _join(c.severity for c in b))
    if severities[0] != severities[1]:
        found.append(f"severity: {severities[0]} vs {severities[1]}")
    params_a = {k: v for c in a for k, v in c.parameters.items()}
    params_b = {k: v for c in b for k, v in c.parameters.items()}
    for name in sorted(set(params_a) | set(params_b)):
        if params_a.get(name) != params_b.get(name):
            found.append(f"parameter {name}: {_show(params_a, name)} vs {_show(params_b, name)}")
    if _join(c.applies_when for c in a) != _join(c.applies_when for c in b):
        found.append(
            f"applies when: {_join(c.applies_when for c in a)} vs "
            f"{_join(c.applies_when for c in b)}"
        )
    if found and _join(c.requirement for c in a) != _join(c.requirement for c in b):
        found.append(
            f"requires: {_join(c.requirement for c in a)} vs {_join(c.requirement for c in b)}"
        )
    return tuple(found)


def _join(values: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(values))


def _show(parameters: dict[str, Any], name: str) -> str:
    return repr(parameters[name]) if name in parameters else "not set"


# --- projects across profiles -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AreaScore:
    """Applicable conditions of one area: how many are met."""

    met: int
    failed: int

    @property
    def score(self) -> float | None:
        total = self.met + self.failed
        return self.met / total if total else None


@dataclass(frozen=True, slots=True)
class Cell:
    """One project under one profile."""

    project: str
    profile: str
    counts: dict[str, int]
    areas: dict[str, AreaScore]
    failing: tuple[Finding, ...]

    @property
    def score(self) -> float | None:
        met = sum(a.met for a in self.areas.values())
        failed = sum(a.failed for a in self.areas.values())
        return met / (met + failed) if met + failed else None


@dataclass(frozen=True, slots=True)
class Decider:
    """Failing conditions of `profile` that `other` does not impose (by topic)."""

    project: str
    profile: str
    other: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """A projects × profiles matrix with the conditions that decide each difference."""

    profiles: tuple[ProfileSummary, ...]
    projects: tuple[ProjectInfo, ...]
    cells: dict[tuple[str, str], Cell]
    deciders: tuple[Decider, ...]
    areas: tuple[str, ...]

    def cell(self, project: str, profile: str) -> Cell | None:
        return self.cells.get((project, profile))

    def area_average(self, profile: str, area: str) -> float | None:
        scores = [
            c.areas[area].score
            for (_, p), c in self.cells.items()
            if p == profile and area in c.areas and c.areas[area].score is not None
        ]
        present = [s for s in scores if s is not None]
        return sum(present) / len(present) if present else None


_MET = (Status.PASS, Status.WAIVED)


def compare(run: RunResult) -> Comparison:
    """The matrix of every project under every profile of a run."""
    topics = {p.id: {r.topic or r.id for r in p.rules} for p in run.profiles}
    cells: dict[tuple[str, str], Cell] = {}
    deciders: list[Decider] = []
    areas: set[str] = set()
    for result in run.projects:
        for profile in run.profiles:
            findings = list(result.by_profile(profile.id))
            cell = _cell(result.project.id, profile.id, findings)
            areas.update(cell.areas)
            cells[(result.project.id, profile.id)] = cell
        for profile in run.profiles:
            cell = cells[(result.project.id, profile.id)]
            for other in run.profiles:
                if other.id == profile.id:
                    continue
                own = tuple(f for f in cell.failing if _topic(f, profile) not in topics[other.id])
                deciders.append(Decider(result.project.id, profile.id, other.id, own))
    return Comparison(
        profiles=run.profiles,
        projects=tuple(p.project for p in run.projects),
        cells=cells,
        deciders=tuple(deciders),
        areas=tuple(sorted(areas)),
    )


def _cell(project: str, profile: str, findings: Sequence[Finding]) -> Cell:
    counts: dict[str, int] = defaultdict(int)
    met: dict[str, int] = defaultdict(int)
    failed: dict[str, int] = defaultdict(int)
    for finding in findings:
        counts[finding.status.value] += 1
        if finding.status in _MET:
            met[finding.area] += 1
        elif finding.status.is_problem:
            failed[finding.area] += 1
    areas = {a: AreaScore(met[a], failed[a]) for a in sorted(set(met) | set(failed))}
    failing = tuple(
        sorted(
            (f for f in findings if f.status.is_problem), key=lambda f: (-f.severity.rank, f.rule)
        )
    )
    return Cell(project, profile, dict(counts), areas, failing)


def _topic(finding: Finding, profile: ProfileSummary) -> str:
    info = _info(profile, finding.rule)
    return (info.topic or info.id) if info is not None else finding.rule


def _info(profile: ProfileSummary, rule: str) -> RuleInfo | None:
    return next((r for r in profile.rules if r.id == rule), None)


def decider(comparison: Comparison, project: str, profile: str, other: str) -> Decider | None:
    return next(
        (
            d
            for d in comparison.deciders
            if (d.project, d.profile, d.other) == (project, profile, other)
        ),
        None,
    )


# --- what it would take -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GapItem:
    """One failing requirement: what to change, and who else asks for it."""

    finding: Finding
    target: str
    also_required_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    """What it would take for a project to meet a profile."""

    project: ProjectInfo
    profile: str
    by_area: dict[str, tuple[GapItem, ...]]
    others: tuple[str, ...]

    @property
    def count(self) -> int:
        return sum(len(items) for items in self.by_area.values())

    @property
    def only_this_profile(self) -> int:
        return sum(1 for items in self.by_area.values() for i in items if not i.also_required_by)


def gap(run: RunResult, project: str, profile: str) -> Gap:
    """Failing requirements of `project` under `profile`, by area, most severe first."""
    result = next(r for r in run.projects if r.project.id == project)
    summary = next(p for p in run.profiles if p.id == profile)
    others = tuple(p for p in run.profiles if p.id != profile)
    failing = sorted(
        (f for f in result.by_profile(profile) if f.status.is_problem),
        key=lambda f: (-f.severity.rank, f.rule),
    )
    by_area: dict[str, list[GapItem]] = defaultdict(list)
    for finding in failing:
        info = _info(summary, finding.rule)
        topic = (info.topic or info.id) if info else finding.rule
        also = tuple(o.id for o in others if topic in {r.topic or r.id for r in o.rules})
        target = info.target if info and info.target else finding.pointer
        by_area[finding.area].append(GapItem(finding, target, also))
    ordered = sorted(
        by_area.items(), key=lambda item: -max(i.finding.severity.rank for i in item[1])
    )
    return Gap(
        result.project,
        profile,
        {a: tuple(items) for a, items in ordered},
        tuple(o.id for o in others),
    )

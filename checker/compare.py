"""Comparing conditionality: profile against profile, and projects across profiles.

Owns the one comparison API the CLI (`profiles diff`, `compare`, `gap`), the
HTML report and the TUI's compare view share. Rules of different profiles are
matched by `topic` (e.g. `breach-notification`: EU 72 h, Kazakhstan one
business day), so a comparison says what one profile demands that the other
does not, and what differs where both demand something. Projects across
profiles carry the core's one score (`Evaluation.score()`, per profile and
per policy area) and never compute a share of their own; a profile that does
not cover a project is out of scope there, and an unreadable file is not
checked, never "nothing failing". `gap` separates what to change (stated
non-compliance) from what to document (facts the proposal does not show).
Pure: no I/O.
"""

from __future__ import annotations

import contextlib
import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from checker.findings import (
    STATUS_CODE,
    Evaluation,
    Finding,
    ProfileSummary,
    ProjectInfo,
    ProjectResult,
    RuleInfo,
    RunResult,
    Score,
    Status,
)
from checker.i18n import _

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.profiles import ResolvedProfile, ResolvedRule

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
    parameters: tuple[tuple[str, str | None, str | None], ...] = ()
    """Each parameter that differs: its name and its value under A and under B (as
    shown; None where that profile does not set it), the teaching point of a
    comparison (a 72-hour deadline against 24)."""


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
    # The rule models (pydantic) only for a profile diff: a comparison of checked
    # projects, read from the result cache, never loads them (~25 MB at start).
    from checker.conditions import parameter_names
    from checker.rules import rule_json

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
            parameters = _parameter_differences(left[topic], right[topic])
            different.append(
                TopicDifference(topic, left[topic], right[topic], differences, parameters)
            )
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
        found.append(
            _("rules: {items} vs {items2}").format(
                items=", ".join(c.rule for c in a), items2=", ".join(c.rule for c in b)
            )
        )
    severities = (_join(c.severity for c in a), _join(c.severity for c in b))
    if severities[0] != severities[1]:
        found.append(
            _("severity: {value} vs {value2}").format(value=severities[0], value2=severities[1])
        )
    found.extend(
        _("parameter {name}: {value} vs {value2}").format(
            name=name,
            value=_("not set") if one is None else one,
            value2=_("not set") if two is None else two,
        )
        for name, one, two in _parameter_differences(a, b)
    )
    if _join(c.applies_when for c in a) != _join(c.applies_when for c in b):
        found.append(
            _("applies when: {value} vs {value2}").format(
                value=_join(c.applies_when for c in a), value2=_join(c.applies_when for c in b)
            )
        )
    if found and _join(c.requirement for c in a) != _join(c.requirement for c in b):
        found.append(
            _("requires: {value} vs {value2}").format(
                value=_join(c.requirement for c in a), value2=_join(c.requirement for c in b)
            )
        )
    return tuple(found)


def _parameter_differences(
    a: tuple[Condition, ...], b: tuple[Condition, ...]
) -> tuple[tuple[str, str | None, str | None], ...]:
    params_a = {k: v for c in a for k, v in c.parameters.items()}
    params_b = {k: v for c in b for k, v in c.parameters.items()}
    return tuple(
        (name, _shown(params_a, name), _shown(params_b, name))
        for name in sorted(set(params_a) | set(params_b))
        if params_a.get(name) != params_b.get(name)
    )


def _shown(parameters: dict[str, Any], name: str) -> str | None:
    return repr(parameters[name]) if name in parameters else None


def _join(values: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(values))


# --- projects across profiles -----------------------------------------------------------------


class CellState(enum.StrEnum):
    """Whether a project was checked under a profile at all."""

    CHECKED = "checked"
    OUT_OF_SCOPE = "out_of_scope"
    """The profile does not cover the project: no score, no counts, one verdict."""
    NOT_CHECKED = "not_checked"
    """The file could not be read as data (an invalid file): no rule was evaluated."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One project under one profile: the core's score, counts and problems.

    `score` and `areas` are the core's `Evaluation.score()` (of the whole
    profile, and of each policy area), kept as they are: this module renders
    them and never computes a share of its own. The findings (`problems`,
    `upcoming`) are made from the project's result when asked for, not held:
    a comparison of 10,000 projects held every finding of every project at once
    (4 GB for eu and minimal).
    """

    project: str
    profile: str
    state: CellState
    counts: dict[str, int]
    """Rules per status value (`fail`, `not_shown`, `pass`, ...)."""
    scorecard: Score
    source: ProjectResult | None = field(default=None, repr=False, compare=False)
    """The project's result the findings are made from (None: nothing was checked)."""

    @property
    def areas(self) -> dict[str, Score]:
        """The core's score of each policy area the profile has rules in (none when the
        cell was not checked), made when asked for: held for every cell of a portfolio
        they were most of a comparison's memory."""
        evaluation = self._evaluation()
        if evaluation is None:
            return {}
        return {area: evaluation.score(area=area) for area in _areas_of(evaluation)}

    def area(self, area: str) -> Score | None:
        """The core's score of one policy area (None: the profile has no rule in it here)."""
        evaluation = self._evaluation()
        if evaluation is None or area not in _areas_of(evaluation):
            return None
        return evaluation.score(area=area)

    def _evaluation(self) -> Evaluation | None:
        if self.state is not CellState.CHECKED or self.source is None:
            return None
        return self.source.evaluation(self.profile)

    @property
    def score(self) -> float | None:
        """The core's "% met" (None when out of scope, unchecked or nothing applies)."""
        return self.scorecard.share

    @property
    def problems(self) -> tuple[Finding, ...]:
        """Failed, not shown and errored rules, most severe first."""
        return _findings_of(self)[0]

    @property
    def upcoming(self) -> tuple[Finding, ...]:
        """Obligations that apply only after the reference date: listed, never counted."""
        return _findings_of(self)[1]

    @property
    def failed(self) -> tuple[Finding, ...]:
        """Stated non-compliance and rules that errored: what to change."""
        return tuple(f for f in self.problems if f.status is not Status.NOT_SHOWN)

    @property
    def not_shown(self) -> tuple[Finding, ...]:
        """Facts the proposal does not show: what to ask the sponsor for."""
        return tuple(f for f in self.problems if f.status is Status.NOT_SHOWN)


_Found = tuple[tuple[Finding, ...], tuple[Finding, ...]]
_MADE: dict[int, tuple[Cell, _Found]] = {}
"""The findings of the cells asked for last (by the cell's id, the cell kept with them so
that its id is not reused): a report asks for one project's cells several times in a row."""
_MADE_AT_MOST = 64


def _findings_of(cell: Cell) -> _Found:
    made = _MADE.get(id(cell))
    if made is not None and made[0] is cell:
        return made[1]
    result = cell.source
    evaluation = result.evaluation(cell.profile) if result is not None else None
    if result is None or evaluation is None or cell.state is not CellState.CHECKED:
        return (), ()
    problems = tuple(
        sorted(
            evaluation.findings(result.project, result.root, _PROBLEMS),
            key=lambda f: (-f.severity.rank, f.rule),
        )
    )
    upcoming = tuple(evaluation.findings(result.project, result.root, _UPCOMING))
    if len(_MADE) >= _MADE_AT_MOST:
        # The oldest: a report goes project by project. The TUI's threads share the memo;
        # one that empties or changes it meanwhile is no harm to a memo.
        with contextlib.suppress(KeyError, RuntimeError, StopIteration):
            del _MADE[next(iter(_MADE))]
    _MADE[id(cell)] = (cell, (problems, upcoming))
    return problems, upcoming


@dataclass(frozen=True, slots=True)
class Decider:
    """Problems under `profile` (failed or not shown) on topics `other` does not impose."""

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
    areas: tuple[str, ...]
    as_of: str = ""
    """The reference date (ISO) that decided which obligations apply yet."""

    def cell(self, project: str, profile: str) -> Cell | None:
        return self.cells.get((project, profile))

    @property
    def deciders(self) -> tuple[Decider, ...]:
        """Every project's deciders, profile against profile (`decider` makes one)."""
        found = (
            decider(self, project.id, profile.id, other.id)
            for project in self.projects
            for profile in self.profiles
            for other in self.profiles
        )
        return tuple(d for d in found if d is not None)

    def covered(self, profile: str) -> int:
        """How many projects `profile` checked (not out of scope, not unreadable): what
        its per-area shares are over."""
        return sum(
            1
            for (_project, p), cell in self.cells.items()
            if p == profile and cell.state is CellState.CHECKED
        )

    def area_score(self, profile: str, area: str) -> Score:
        """The core's per-area scores of every checked project, added up (`Score.add`)."""
        total = Score()
        for (_project, p), cell in self.cells.items():
            if p == profile and (score := cell.area(area)) is not None:
                total.add(score)
        return total


def compare(run: RunResult) -> Comparison:
    """The matrix of every project under every profile of a run."""
    cells: dict[tuple[str, str], Cell] = {}
    areas: set[str] = set()
    for result in run.projects:
        for profile in run.profiles:
            cell = _cell(result, profile.id)
            evaluation = cell._evaluation()
            if evaluation is not None:
                areas.update(_areas_of(evaluation))
            cells[(result.project.id, profile.id)] = cell
    return Comparison(
        profiles=run.profiles,
        projects=tuple(p.project for p in run.projects),
        cells=cells,
        areas=tuple(sorted(areas)),
        as_of=run.as_of,
    )


_TOPICS: dict[int, tuple[ProfileSummary, dict[str, str]]] = {}


def _topics(profile: ProfileSummary) -> dict[str, str]:
    """Each rule's topic (its id when it has none): how rules of two profiles are matched;
    worked out once per profile, not per project."""
    known = _TOPICS.get(id(profile))
    if known is None or known[0] is not profile:
        if len(_TOPICS) >= 256:
            _TOPICS.clear()
        known = _TOPICS[id(profile)] = (profile, {r.id: r.topic or r.id for r in profile.rules})
    return known[1]


_AREAS: dict[int, tuple[tuple[RuleInfo, ...], tuple[str, ...]]] = {}


def _areas_of(evaluation: Evaluation) -> tuple[str, ...]:
    """The policy areas of an evaluation's rules, sorted; once per rule table (a profile's
    evaluations share it), not once per project."""
    rules = evaluation.rules
    known = _AREAS.get(id(rules))
    if known is None or known[0] is not rules:
        if len(_AREAS) >= 256:
            _AREAS.clear()
        known = _AREAS[id(rules)] = (rules, tuple(sorted({r.area for r in rules})))
    return known[1]


def _cell(result: ProjectResult, profile: str) -> Cell:
    project = result.project.id
    evaluation = result.evaluation(profile)
    if evaluation is None:
        return Cell(project, profile, CellState.NOT_CHECKED, {}, Score())
    if evaluation.out_of_scope:
        return Cell(project, profile, CellState.OUT_OF_SCOPE, {}, Score())
    counts: dict[str, int] = defaultdict(int)
    for index in range(len(evaluation.rules)):
        counts[evaluation.status(index).value] += 1
    return Cell(project, profile, CellState.CHECKED, dict(counts), evaluation.score(), result)


_PROBLEMS = frozenset(STATUS_CODE[s] for s in Status if s.is_problem)
_UPCOMING = frozenset({STATUS_CODE[Status.UPCOMING]})
_WAIVED = frozenset({STATUS_CODE[Status.WAIVED]})


def _info(profile: ProfileSummary, rule: str) -> RuleInfo | None:
    return next((r for r in profile.rules if r.id == rule), None)


def decider(comparison: Comparison, project: str, profile: str, other: str) -> Decider | None:
    """The problems of `project` under `profile` on topics `other` does not impose; None
    for a profile against itself, or against one that did not check the project (there is
    nothing to weigh). Made when asked for: a lookup in a list of every decider made each
    report of 10,000 projects quadratic."""
    cell, against = comparison.cell(project, profile), comparison.cell(project, other)
    if other == profile or cell is None or against is None:
        return None
    if against.state is not CellState.CHECKED:
        return None
    summaries = {p.id: p for p in comparison.profiles}
    topics = _topics(summaries[profile]) if profile in summaries else {}
    imposed = set(_topics(summaries[other]).values()) if other in summaries else set()
    own = tuple(f for f in cell.problems if topics.get(f.rule, f.rule) not in imposed)
    return Decider(project, profile, other, own)


# --- what it would take -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GapItem:
    """One requirement not met: what to change or state, and who else asks for it."""

    finding: Finding
    target: str
    also_required_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    """What it would take for a project to meet a profile.

    Two lists, because they ask different people for different things: what
    the proposal states and the profile does not accept is *to change*; what
    the proposal does not show is *to document* (a question for the sponsor).
    """

    project: ProjectInfo
    profile: ProfileSummary
    state: CellState
    to_change: dict[str, tuple[GapItem, ...]]
    """Failed (and errored) requirements by area, the area of the most severe first."""
    to_document: dict[str, tuple[GapItem, ...]]
    """Requirements whose facts the proposal does not show, by area."""
    others: tuple[str, ...]
    input_problems: int = 0
    waived: tuple[GapItem, ...] = ()
    """Requirements the review record waives: accepted gaps, still not met (the score
    counts them so), listed so that a gap list never hides a decision."""
    as_of: str = ""
    """The reference date (ISO) the run decided applicability on."""
    others_out_of_scope: tuple[str, ...] = ()
    """Profiles compared with that do not cover the project: nothing is weighed against
    them (not in `others`)."""

    @property
    def changes(self) -> int:
        return sum(len(items) for items in self.to_change.values())

    @property
    def documents(self) -> int:
        return sum(len(items) for items in self.to_document.values())

    @property
    def count(self) -> int:
        return self.changes + self.documents

    @property
    def only_this_profile(self) -> int | None:
        """Requirements none of `others` asks for; None when no profile compared with
        covers the project (none given, or each out of scope): a profile that imposes
        nothing on the project cannot be said not to ask, so there is nothing to count."""
        if not self.others:
            return None
        return sum(
            1
            for group in (self.to_change, self.to_document)
            for items in group.values()
            for item in items
            if not item.also_required_by
        )


def gap(run: RunResult, project: str, profile: str) -> Gap:
    """Requirements of `profile` that `project` does not meet or does not show, by area."""
    result = next(r for r in run.projects if r.project.id == project)
    summary = next(p for p in run.profiles if p.id == profile)
    # Only a profile that checked the project can be said to ask for a requirement or
    # not (as `decider` weighs no difference against one that did not).
    states = {p.id: _cell(result, p.id).state for p in run.profiles if p.id != profile}
    others = tuple(p for p in run.profiles if states.get(p.id) is CellState.CHECKED)
    outside = tuple(p for p, state in states.items() if state is CellState.OUT_OF_SCOPE)
    cell = _cell(result, profile)
    change: dict[str, list[GapItem]] = defaultdict(list)
    document: dict[str, list[GapItem]] = defaultdict(list)
    topics = _topics(summary)
    imposed = {o.id: set(_topics(o).values()) for o in others}
    for finding in cell.problems:
        info = _info(summary, finding.rule)
        topic = topics.get(finding.rule, finding.rule)
        also = tuple(o.id for o in others if topic in imposed[o.id])
        target = info.target if info and info.target else finding.pointer
        into = document if finding.status is Status.NOT_SHOWN else change
        into[finding.area].append(GapItem(finding, target, also))
    evaluation = result.evaluation(profile)
    waived = (
        tuple(
            GapItem(f, f.pointer, ())
            for f in sorted(
                evaluation.findings(result.project, result.root, _WAIVED),
                key=lambda f: (-f.severity.rank, f.rule),
            )
        )
        if evaluation is not None and cell.state is CellState.CHECKED
        else ()
    )
    return Gap(
        result.project,
        summary,
        cell.state,
        _by_severity(change),
        _by_severity(document),
        tuple(o.id for o in others),
        len(result.problems),
        waived,
        run.as_of,
        outside,
    )


def _by_severity(by_area: dict[str, list[GapItem]]) -> dict[str, tuple[GapItem, ...]]:
    ordered = sorted(
        by_area.items(), key=lambda item: -max(i.finding.severity.rank for i in item[1])
    )
    return {area: tuple(items) for area, items in ordered}

"""One project under two profiles, condition by condition, as the compare screen shows it.

Owns lining up a project's outcomes under profiles A and B by rule topic and
marking the rows that matter: the ones that decide the difference (a problem
under one profile that the other does not have) and the ones whose
conditions differ. The comparison itself is the core's, shared with
`govcheck compare`: `compare()` for the deciding conditions,
`diff_profiles()` for how two profiles' conditions on a topic differ; the
scores are `Evaluation.score()`, on the portfolio row. A profile that does not
cover the project lists no outcome per topic: the screen says "out of scope"
once for that side.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from checker.compare import ProfileDiff, compare, decider
from checker.findings import Finding, ProfileSummary, ProjectResult, RunResult
from checker.tui.model import Review, review
from checker.tui.outline import out_of_scope, outcomes


class Mark(enum.StrEnum):
    """How a topic row differs between the two profiles."""

    DECIDES = "decides"
    """A problem under one profile only."""
    DIFFERS = "differs"
    """The conditions differ (or only one profile imposes one) but not the verdict."""
    SAME = "same"


@dataclass(frozen=True, slots=True)
class Side:
    """A topic's outcomes under one profile (empty: the profile does not impose it)."""

    findings: tuple[Finding, ...] = ()

    @property
    def outcome(self) -> Review | None:
        states = [review(f) for f in self.findings]
        return min(states, key=lambda s: s.rank) if states else None

    @property
    def problem(self) -> bool:
        outcome = self.outcome
        return outcome is not None and outcome.is_problem

    @property
    def applies(self) -> bool:
        return self.outcome not in (None, Review.NOT_APPLICABLE, Review.OUT_OF_SCOPE)


@dataclass(frozen=True, slots=True)
class TopicRow:
    topic: str
    area: str
    a: Side
    b: Side
    mark: Mark
    notes: tuple[str, ...] = ()
    parameters: tuple[tuple[str, str | None, str | None], ...] = ()
    """Parameters that differ: name, value under A, value under B (None: not set; the
    core's)."""

    @property
    def values(self) -> str:
        """`30 ≠ 7`: the parameter values that differ, A's against B's ("–" for a side
        that sets none), for the table row; "" when none differs but lists."""
        # A list (the sectors a rule covers) is a scope, not a value to teach: it stays
        # in the note, where it is written out.
        scalars = [
            (a, b)
            for _name, a, b in self.parameters
            if not any(v is not None and v.startswith(("[", "{")) for v in (a, b))
        ]
        if not scalars:
            return ""
        one = ", ".join(a for a, _b in scalars if a is not None) or "–"
        two = ", ".join(b for _a, b in scalars if b is not None) or "–"
        return f"{one} ≠ {two}"

    @property
    def title(self) -> str:
        """The condition in words: the title of its rule (under A, else under B)."""
        findings = self.a.findings or self.b.findings
        return findings[0].title if findings else self.topic

    @property
    def interesting(self) -> bool:
        """Shown in "differences only": a deciding row, or a differing one that applies."""
        return self.mark is Mark.DECIDES or (
            self.mark is Mark.DIFFERS and (self.a.applies or self.b.applies)
        )


@dataclass(frozen=True, slots=True)
class ProjectComparison:
    a: str
    b: str
    out_of_scope_a: bool
    out_of_scope_b: bool
    only_a: tuple[Finding, ...]
    """Problems under A on topics B does not impose (the core's deciding conditions)."""
    only_b: tuple[Finding, ...]
    rows: tuple[TopicRow, ...]


def compare_project(
    result: ProjectResult, a: ProfileSummary, b: ProfileSummary, diff: ProfileDiff
) -> ProjectComparison:
    """The project under `a` and `b`, topic by topic, worst outcomes first."""
    comparison = compare(RunResult((a, b), (result,)))
    project = result.project.id
    left, right = decider(comparison, project, a.id, b.id), decider(comparison, project, b.id, a.id)
    sides_a, areas = _by_topic(result, a)
    sides_b, areas_b = _by_topic(result, b)
    notes = {t.topic: t.differences for t in diff.different}
    parameters = {t.topic: t.parameters for t in diff.different}
    # Against a profile that does not cover the project nothing decides a difference.
    weighed = not (out_of_scope(result, a.id) or out_of_scope(result, b.id))
    rows = []
    for topic in dict.fromkeys([*sides_a, *sides_b]):
        side_a = Side(tuple(sides_a.get(topic, ())))
        side_b = Side(tuple(sides_b.get(topic, ())))
        rows.append(
            TopicRow(
                topic,
                areas.get(topic) or areas_b.get(topic, ""),
                side_a,
                side_b,
                _mark(side_a, side_b, notes.get(topic, ()), weighed),
                notes.get(topic, ()),
                parameters.get(topic, ()),
            )
        )
    rows.sort(key=lambda r: (_MARK_ORDER[r.mark], _urgency(r), -_severity(r), r.area, r.topic))
    return ProjectComparison(
        a=a.id,
        b=b.id,
        out_of_scope_a=out_of_scope(result, a.id),
        out_of_scope_b=out_of_scope(result, b.id),
        only_a=left.findings if left else (),
        only_b=right.findings if right else (),
        rows=tuple(rows),
    )


_MARK_ORDER = {Mark.DECIDES: 0, Mark.DIFFERS: 1, Mark.SAME: 2}


def _urgency(row: TopicRow) -> int:
    ranks = [s.outcome.rank for s in (row.a, row.b) if s.outcome is not None]
    return min(ranks) if ranks else len(Review)


def _severity(row: TopicRow) -> int:
    problems = [f.severity.rank for s in (row.a, row.b) for f in s.findings if review(f).is_problem]
    return max(problems, default=-1)


def _by_topic(
    result: ProjectResult, profile: ProfileSummary
) -> tuple[dict[str, list[Finding]], dict[str, str]]:
    topics = {r.id: r.topic or r.id for r in profile.rules}
    found: dict[str, list[Finding]] = {}
    areas: dict[str, str] = {}
    for finding in outcomes(result, profile.id):
        topic = topics.get(finding.rule, finding.rule)
        found.setdefault(topic, []).append(finding)
        areas.setdefault(topic, finding.area)
    return found, areas


def _mark(a: Side, b: Side, notes: tuple[str, ...], weighed: bool = True) -> Mark:
    if weighed and a.problem != b.problem:
        return Mark.DECIDES
    if notes or not a.findings or not b.findings:
        return Mark.DIFFERS
    return Mark.SAME

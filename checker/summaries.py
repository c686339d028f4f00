"""A checked project in the few numbers a portfolio lists: stored beside each cached result.

Owns `ProjectSummary` (the project's identity, its input problems, and per
profile the count of each (status, severity) pair and the core's `Score`),
making one from a `ProjectResult`, and its compact JSON form. The result cache
stores one with every result, so that a reviewer's portfolio of 10,000 files
opens from the summaries without reading back and expanding every finding;
a project's full result is read only when it is opened. Refuses rendering:
what a row shows is the TUI's; the score is `Evaluation.score()`, copied, never
recomputed.
"""

from __future__ import annotations

from collections import Counter

from checker.findings import Evaluation, ProjectResult, Score, Severity
from checker.values import Frozen, field_names, set_field

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

SEVERITIES = tuple(Severity)
"""Severity ranks as a tally counts them: 0 is the most severe."""

_RANK = {level: index for index, level in enumerate(SEVERITIES)}
_RULE_RANKS: dict[int, tuple[object, bytes]] = {}


class EvaluationSummary(Frozen):
    """One project under one profile, counted."""

    __slots__ = ("out_of_scope", "profile", "score", "tally")

    profile: str
    out_of_scope: bool
    tally: tuple[int, ...]
    """(status code, severity rank, how many rules) for every pair that occurs, the
    triples one after another (flat: read back from the cache without a tuple each)."""
    score: Score

    def __init__(
        self,
        profile: str,
        out_of_scope: bool,
        tally: tuple[int, ...],
        score: Score,
    ) -> None:
        set_field(self, "profile", profile)
        set_field(self, "out_of_scope", out_of_scope)
        set_field(self, "tally", tally)
        set_field(self, "score", score)


class ProjectSummary(Frozen):
    """What a portfolio row needs of one checked file, without its findings."""

    __slots__ = (
        "country",
        "data_less",
        "evaluations",
        "evidence_files",
        "financiers",
        "id",
        "problems",
        "sector",
        "title",
        "valid",
        "vendors",
    )

    id: str
    title: str
    country: str
    sector: str
    valid: bool
    financiers: tuple[str, ...]
    vendors: tuple[str, ...]
    problems: int
    """Input problems (the file's own findings, not rule outcomes)."""
    data_less: bool
    """The file could not be read as a mapping, so no rule was evaluated."""
    evaluations: tuple[EvaluationSummary, ...]
    evidence_files: tuple[tuple[str, str], ...]
    """The evidence files the result read, with their digests: a summary is current only
    while they are (as its result)."""

    def __init__(  # noqa: PLR0917
        self,
        id: str,
        title: str,
        country: str,
        sector: str,
        valid: bool,
        financiers: tuple[str, ...],
        vendors: tuple[str, ...],
        problems: int,
        data_less: bool,
        evaluations: tuple[EvaluationSummary, ...],
        evidence_files: tuple[tuple[str, str], ...] = (),
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "country", country)
        set_field(self, "sector", sector)
        set_field(self, "valid", valid)
        set_field(self, "financiers", financiers)
        set_field(self, "vendors", vendors)
        set_field(self, "problems", problems)
        set_field(self, "data_less", data_less)
        set_field(self, "evaluations", evaluations)
        set_field(self, "evidence_files", evidence_files)

    def evaluation(self, profile: str) -> EvaluationSummary | None:
        return next((e for e in self.evaluations if e.profile == profile), None)


def tally(evaluation: Evaluation) -> tuple[int, ...]:
    """How many rules have each (status code, severity rank) pair, severities set for this
    project included; counted in C (a portfolio makes 20,000 of these while it loads)."""
    ranks = bytearray(_ranks(evaluation))
    for index, level in evaluation.severities.items():
        ranks[index] = _RANK[level]
    counted = Counter(zip(evaluation.statuses, ranks, strict=False))
    return tuple(
        n for (code, rank), number in sorted(counted.items()) for n in (code, rank, number)
    )


def _ranks(evaluation: Evaluation) -> bytes:
    """Each rule's severity rank, worked out once per profile's rule list."""
    rules = evaluation.rules
    known = _RULE_RANKS.get(id(rules))
    if known is None or known[0] is not rules:
        known = (rules, bytes(_RANK[rule.severity] for rule in rules))
        _RULE_RANKS[id(rules)] = known
    return known[1]


def summarise_evaluation(evaluation: Evaluation) -> EvaluationSummary:
    out = evaluation.out_of_scope
    return EvaluationSummary(
        evaluation.profile, out, () if out else tally(evaluation), evaluation.score()
    )


def summarise(result: ProjectResult) -> ProjectSummary:
    """The summary of one result, as checked (waivers are applied later, by the caller)."""
    info = result.project
    return ProjectSummary(
        info.id,
        info.title,
        info.country,
        info.sector,
        info.valid,
        info.financiers,
        info.vendors,
        len(result.problems),
        result.data_less(),
        tuple(summarise_evaluation(e) for e in result.evaluations),
        result.evidence_files,
    )


def pack(summary: ProjectSummary) -> list[object]:
    """The summary as plain JSON data (what the result cache stores)."""
    return [
        summary.id,
        summary.title,
        summary.country,
        summary.sector,
        summary.valid,
        list(summary.financiers),
        list(summary.vendors),
        summary.problems,
        summary.data_less,
        [
            [e.profile, e.out_of_scope, list(e.tally), _score_fields(e.score)]
            for e in summary.evaluations
        ],
        [list(pair) for pair in summary.evidence_files],
    ]


def _score_fields(score: Score) -> list[int]:
    # Field by field (astuple deep-copies); a test holds the order to Score's fields.
    return [
        score.passed,
        score.failed,
        score.not_shown,
        score.error,
        score.waived,
        score.assumed,
        score.claimed,
        score.evidenced,
        score.verified,
    ]


_INT = {int}
_SCORE_FIELDS = len(field_names(Score))


def unpack(data: list[Any]) -> ProjectSummary:
    """A summary from `pack`'s form; raises ValueError or TypeError when it is not one (a
    damaged cache: the caller treats it as a miss). Types are not checked value by value:
    the cache wrote them, and 10,000 of these are read while a portfolio opens."""
    (
        ident,
        title,
        country,
        sector,
        valid,
        financiers,
        vendors,
        problems,
        less,
        evaluations,
        files,
    ) = data
    for evaluation in evaluations:  # the counts are ints (a type check per list, in C)
        if len(evaluation[3]) != _SCORE_FIELDS or not set(map(type, evaluation[2])) <= _INT:
            raise TypeError("a stored tally or score of another shape")
    return ProjectSummary(
        ident,
        title,
        country,
        sector,
        valid,
        tuple(financiers),
        tuple(vendors),
        problems,
        less,
        tuple(
            EvaluationSummary(profile, out, tuple(counted), Score(*fields))
            for profile, out, counted, fields in evaluations
        ),
        tuple(map(tuple, files)),
    )

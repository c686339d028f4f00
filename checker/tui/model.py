"""The reviewer TUI's view-model: portfolio rows and findings as the screens list them.

Owns turning core results into what a reviewer reads (a project row with
per-profile failing counts and score, a finding's reviewer-facing status such
as "expired waiver"), and the pure filtering, sorting, grouping and stepping
over those values. Refuses Textual, YAML and rule logic: scores and failing
conditions come from `checker.compare`, statuses and locations from findings.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from checker.compare import compare
from checker.findings import Finding, ProfileSummary, ProjectResult, RunResult, Severity, Status

SEVERITIES = tuple(Severity)


class Review(enum.StrEnum):
    """A finding's status as a reviewer reads it (an expired waiver is its own state)."""

    FAIL = "fail"
    ERROR = "error"
    EXPIRED = "expired waiver"
    WAIVED = "waived"
    PASS = "pass"
    NOT_APPLICABLE = "not applicable"

    @property
    def is_problem(self) -> bool:
        """What `n`/`p` jump to: anything a reviewer must act on."""
        return self in (Review.FAIL, Review.ERROR, Review.EXPIRED)

    @property
    def rank(self) -> int:
        """0 for the most urgent, so that sorting puts problems first."""
        return _REVIEW_ORDER.index(self)


_REVIEW_ORDER = tuple(Review)
_PLAIN = {
    Status.FAIL: Review.FAIL,
    Status.ERROR: Review.ERROR,
    Status.WAIVED: Review.WAIVED,
    Status.PASS: Review.PASS,
    Status.NOT_APPLICABLE: Review.NOT_APPLICABLE,
}


def review(finding: Finding) -> Review:
    """The reviewer-facing status: a failure whose waiver lapsed says so."""
    if finding.status is Status.FAIL and finding.waiver is not None and finding.waiver.expired:
        return Review.EXPIRED
    return _PLAIN[finding.status]


# --- portfolio rows -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProfileScore:
    """One project under one profile: failing conditions by severity, and the share met."""

    failing: tuple[int, ...]
    """Counts aligned with SEVERITIES (critical first)."""
    score: float | None

    @property
    def total(self) -> int:
        return sum(self.failing)


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """A project as the portfolio lists it."""

    key: str
    """The file's display path: unique even when two files share a project id."""
    id: str
    title: str
    country: str
    sector: str
    financiers: tuple[str, ...]
    vendors: tuple[str, ...]
    valid: bool
    input_problems: int
    checked: bool = True
    """False when the file could not be read as data, so no rule was evaluated."""
    scores: dict[str, ProfileScore] = field(default_factory=dict)

    def haystack(self) -> str:
        parts = (self.id, self.title, self.country, self.sector, *self.financiers, *self.vendors)
        return "\n".join(parts).casefold()


def project_row(result: ProjectResult, profiles: Sequence[ProfileSummary]) -> ProjectRow:
    """The row of one checked project; counts and scores are the core comparison's cells."""
    info = result.project
    comparison = compare(RunResult(tuple(profiles), (result,)))
    scores: dict[str, ProfileScore] = {}
    for profile in profiles:
        cell = comparison.cell(info.id, profile.id)
        if cell is None:
            continue
        failing = tuple(sum(1 for f in cell.failing if f.severity is s) for s in SEVERITIES)
        scores[profile.id] = ProfileScore(failing, cell.score)
    return ProjectRow(
        key=info.path,
        id=info.id,
        title=info.title,
        country=info.country,
        sector=info.sector,
        financiers=info.financiers,
        vendors=info.vendors,
        valid=info.valid,
        input_problems=len(result.problems),
        checked=not result.data_less(),
        scores=scores,
    )


class Show(enum.StrEnum):
    """Which projects the portfolio lists."""

    ALL = "all"
    FAILING = "failing"
    INVALID = "invalid files"

    def next(self) -> Show:
        members = list(Show)
        return members[(members.index(self) + 1) % len(members)]


def filter_rows(
    rows: Iterable[ProjectRow], text: str, show: Show, profile: str
) -> list[ProjectRow]:
    """Rows whose id, title, country, sector, financiers or vendors contain `text`."""
    needle = text.strip().casefold()
    kept: list[ProjectRow] = []
    for row in rows:
        if needle and needle not in row.haystack():
            continue
        if show is Show.INVALID and row.valid:
            continue
        score = row.scores.get(profile)
        if show is Show.FAILING and row.valid and (score is None or not score.total):
            continue
        kept.append(row)
    return kept


def sort_keys(profiles: Sequence[str]) -> list[str]:
    """Every way the portfolio sorts: by column, and per profile by failures or score."""
    keys = ["project", "country", "sector"]
    for profile in profiles:
        keys.extend((f"fails:{profile}", f"score:{profile}"))
    return keys


def sort_rows(rows: Iterable[ProjectRow], key: str, reverse: bool = False) -> list[ProjectRow]:
    """Rows in order; failures sort worst first (invalid files first of all) and scores
    lowest first, unless reversed."""
    kind, _, profile = key.partition(":")
    if kind == "fails":
        missing = (1,) * len(SEVERITIES)
        return sorted(
            rows,
            key=lambda r: (
                r.valid,
                tuple(-n for n in r.scores[profile].failing) if profile in r.scores else missing,
                r.id,
            ),
            reverse=reverse,
        )
    if kind == "score":
        return sorted(rows, key=lambda r: (_score(r, profile), r.id), reverse=reverse)
    attribute = {"project": "id", "country": "country", "sector": "sector"}.get(kind, "id")
    return sorted(rows, key=lambda r: (getattr(r, attribute).casefold(), r.id), reverse=reverse)


def _score(row: ProjectRow, profile: str) -> float:
    score = row.scores.get(profile)
    return score.score if score is not None and score.score is not None else 2.0

"""The reviewer TUI's view-model: portfolio rows and findings as the screens list them.

Owns turning core results into what a reviewer reads (a project row with, per
profile, its failing conditions and facts not shown by severity, its upcoming
obligations, the core's score, or "out of scope"; a finding's reviewer-facing
status such as "expired waiver" or "not shown"), and the pure filtering,
sorting, grouping and stepping over those values. Refuses Textual, YAML and
rule logic, and refuses to compute a score: the share met is
`Evaluation.score()`, the one the reports and `govcheck compare` render.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from checker.findings import (
    STATUS_CODE,
    Evaluation,
    Finding,
    ProfileSummary,
    ProjectResult,
    Score,
    Status,
)
from checker.i18n import N_, _
from checker.summaries import (
    SEVERITIES,
    EvaluationSummary,
    ProjectSummary,
    summarise,
    summarise_evaluation,
)


class Review(enum.StrEnum):
    """A finding's status as a reviewer reads it (an expired waiver is its own state)."""

    FAIL = "fail"
    NOT_SHOWN = "not shown"
    ERROR = "error"
    EXPIRED = "expired waiver"
    WAIVED = "waived"
    UPCOMING = "upcoming"
    PASS = "pass"
    NOT_APPLICABLE = "not applicable"
    OUT_OF_SCOPE = "out of scope"

    @property
    def is_problem(self) -> bool:
        """What `n`/`p` jump to: anything a reviewer must act on (a fact not shown is a
        question to ask, so it is one)."""
        return self in _TO_ACT_ON

    @property
    def rank(self) -> int:
        """0 for the most urgent, so that sorting puts stated failures first, then the
        questions, then what needs nothing now."""
        return _REVIEW_ORDER.index(self)


_REVIEW_ORDER = tuple(Review)
_TO_ACT_ON = frozenset({Review.FAIL, Review.NOT_SHOWN, Review.ERROR, Review.EXPIRED})
_PLAIN = {
    Status.FAIL: Review.FAIL,
    Status.NOT_SHOWN: Review.NOT_SHOWN,
    Status.ERROR: Review.ERROR,
    Status.WAIVED: Review.WAIVED,
    Status.UPCOMING: Review.UPCOMING,
    Status.PASS: Review.PASS,
    Status.NOT_APPLICABLE: Review.NOT_APPLICABLE,
    Status.OUT_OF_SCOPE: Review.OUT_OF_SCOPE,
}


def review(finding: Finding) -> Review:
    """The reviewer-facing status: a failure whose waiver lapsed says so."""
    if finding.status is Status.FAIL and finding.waiver is not None and finding.waiver.expired:
        return Review.EXPIRED
    return _PLAIN[finding.status]


# --- portfolio rows -----------------------------------------------------------------------

_FAILING = frozenset({STATUS_CODE[Status.FAIL], STATUS_CODE[Status.ERROR]})
_NOT_SHOWN = STATUS_CODE[Status.NOT_SHOWN]
_UPCOMING = STATUS_CODE[Status.UPCOMING]


@dataclass(frozen=True, slots=True)
class ProfileScore:
    """One project under one profile: what fails, what is not shown, what comes later,
    and the core's score; or only that the profile does not cover the project."""

    failing: tuple[int, ...] = (0,) * len(SEVERITIES)
    """Stated failures and errors, aligned with SEVERITIES (critical first)."""
    not_shown: tuple[int, ...] = (0,) * len(SEVERITIES)
    """Facts the proposal does not show, by the severity of the rule that needs them."""
    upcoming: int = 0
    """Obligations that apply only after the reference date: never counted as failing."""
    score: Score = field(default_factory=Score)
    """`Evaluation.score()`, rendered as is."""
    out_of_scope: bool = False
    failure_rank: int = field(init=False, compare=False, repr=False)
    """How it sorts among failures, most first (stated failures by severity, then facts
    not shown), as one integer: worked out once, and compared in C when 10,000 rows sort."""

    score_rank: float = field(init=False, compare=False, repr=False)
    """How it sorts by score, lowest first (no score: after every share): made once."""

    def __post_init__(self) -> None:
        rank = 0
        for number in (*self.failing, sum(self.not_shown)):
            rank = rank * _COUNT_BASE + min(number, _COUNT_BASE - 1)
        object.__setattr__(self, "failure_rank", -rank)
        share = self.score.share
        object.__setattr__(self, "score_rank", 2.0 if share is None else share)

    @property
    def total(self) -> int:
        """Failing conditions (stated failures and errors)."""
        return sum(self.failing)

    @property
    def unshown(self) -> int:
        return sum(self.not_shown)

    @property
    def share(self) -> float | None:
        """The core's "% met" (None when no scored rule applies or out of scope)."""
        return self.score.share


_COUNT_BASE = 1 << 20
"""Above any count of a project's rules (the digits of `failure_rank`)."""


def profile_score(evaluation: Evaluation | EvaluationSummary) -> ProfileScore:
    """Counts from the core's tally of (status, severity) pairs (no `Finding` is made),
    score from the core; from a result's evaluation or a stored summary of it alike."""
    if isinstance(evaluation, Evaluation):
        evaluation = summarise_evaluation(evaluation)
    if evaluation.out_of_scope:
        return ProfileScore(out_of_scope=True)
    failing = [0] * len(SEVERITIES)
    not_shown = [0] * len(SEVERITIES)
    upcoming = 0
    triples = iter(evaluation.tally)
    for code, rank, number in zip(triples, triples, triples, strict=True):
        if code in _FAILING:
            failing[rank] += number
        elif code == _NOT_SHOWN:
            not_shown[rank] += number
        elif code == _UPCOMING:
            upcoming += number
    return ProfileScore(tuple(failing), tuple(not_shown), upcoming, evaluation.score)


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
    search: str = field(default="", compare=False, repr=False)
    """`haystack()`, worked out once when the row is made (filtering 10,000 rows a keystroke
    then costs a substring test each)."""

    def haystack(self) -> str:
        if self.search:
            return self.search
        parts = (self.id, self.title, self.country, self.sector, *self.financiers, *self.vendors)
        return "\n".join(parts).casefold()


def project_row(
    result: ProjectResult, profiles: Sequence[ProfileSummary], summary: ProjectSummary | None = None
) -> ProjectRow:
    """The row of one checked project, one `ProfileScore` per profile it was checked under
    (from `summary` when given: the stored summary of `result`, which is then not read)."""
    return summary_row(summary or summarise(result), result.project.path, profiles)


def summary_row(
    summary: ProjectSummary, key: str, profiles: Sequence[ProfileSummary]
) -> ProjectRow:
    """The row of one checked project from its summary: the portfolio opens from the
    summaries the result cache holds, without reading any project's findings."""
    scores: dict[str, ProfileScore] = {}
    for profile in profiles:
        evaluation = summary.evaluation(profile.id)
        if evaluation is not None:
            scores[profile.id] = profile_score(evaluation)
    info = summary
    parts = (info.id, info.title, info.country, info.sector, *info.financiers, *info.vendors)
    return ProjectRow(
        key=key,
        id=info.id,
        title=info.title,
        country=info.country,
        sector=info.sector,
        financiers=info.financiers,
        vendors=info.vendors,
        valid=info.valid,
        input_problems=info.problems,
        checked=not info.data_less,
        scores=scores,
        search="\n".join(parts).casefold(),
    )


class Show(enum.StrEnum):
    """Which projects the portfolio lists."""

    ALL = "all"
    FAILING = "failing"
    NOT_SHOWN = "not shown"
    """Projects whose proposal leaves facts unshown (questions for the sponsor)."""
    INVALID = "invalid files"

    def next(self) -> Show:
        members = list(Show)
        return members[(members.index(self) + 1) % len(members)]


def filter_rows(
    rows: Iterable[ProjectRow], text: str, show: Show, profile: str
) -> list[ProjectRow]:
    """Rows whose id, title, country, sector, financiers or vendors contain `text`."""
    needle = text.strip().casefold()
    if show is Show.ALL:  # a keystroke over 10,000 rows: one test a row, in a comprehension
        return [row for row in rows if needle in row.haystack()] if needle else list(rows)
    kept: list[ProjectRow] = []
    for row in rows:
        if needle and needle not in row.haystack():
            continue
        if show is Show.INVALID and row.valid:
            continue
        score = row.scores.get(profile)
        if show is Show.FAILING and row.valid and (score is None or not score.total):
            continue
        if show is Show.NOT_SHOWN and (score is None or not score.unshown):
            continue
        kept.append(row)
    return kept


def sort_keys(profiles: Sequence[str]) -> list[str]:
    """Every way the portfolio sorts: by column, and per profile by failures or score."""
    keys = ["project", "country", "sector"]
    for profile in profiles:
        keys.extend((f"fails:{profile}", f"score:{profile}"))
    return keys


_SORT_WORDS = {
    "fails": (N_("most failing first"), N_("fewest failing first")),
    "score": (N_("lowest score first"), N_("highest score first")),
}
SHOW_WORDS = {
    Show.ALL: N_("all"),
    Show.FAILING: N_("failing"),
    Show.NOT_SHOWN: N_("not shown"),
    Show.INVALID: N_("invalid files"),
}
"""Which projects the portfolio lists, in words (the value is the machine key)."""
_COLUMN_WORDS = {
    "project": N_("project"),
    "country": N_("country"),
    "sector": N_("sector"),
    "score": N_("score"),
}
_FALLING = frozenset({"fails"})
"""Sorts whose first order puts the largest values first (the others rise: A→Z, 0→100%)."""


def sort_order(kind: str, reverse: bool) -> tuple[str, str]:
    """How a sort reads: an arrow (↓ largest first, ↑ smallest or A first), the same for
    every column, and the order in words."""
    words = _(_SORT_WORDS.get(kind, ("A→Z", "Z→A"))[reverse])
    return ("↓" if (kind in _FALLING) != reverse else "↑"), words


def sort_word(key: str) -> str:
    """What a sort key sorts by, in words: `failing (eu)`, `score (eu)`, `country`."""
    kind, _sep, profile = key.partition(":")
    if kind == "fails":
        return _("failing ({profile})").format(profile=profile)
    if kind == "score" and profile:  # each profile has its score column
        return _("score ({profile})").format(profile=profile)
    return _(_COLUMN_WORDS.get(kind, kind))


def sort_rows(rows: Iterable[ProjectRow], key: str, reverse: bool = False) -> list[ProjectRow]:
    """Rows in order; failures sort worst first (invalid files first of all, then stated
    failures, then facts not shown) and scores lowest first, unless reversed; ties by
    project id. By failures or score, a profile that does not cover a project (or has
    not checked it yet) has nothing to rank: those rows come after the scored ones, either
    way round. Sorted twice, by id and then (stably) by one number or string per row:
    10,000 rows sort in a few milliseconds, where tuples compared element by element
    took a tenth of a second."""
    by_id = sorted(rows, key=_ID, reverse=reverse)
    kind, _, profile = key.partition(":")
    if kind in ("fails", "score"):
        scored: list[tuple[float, ProjectRow]] = []  # (key, row): each key made once
        unscored: list[ProjectRow] = []
        for row in by_id:
            score = row.scores.get(profile)
            if score is None or score.out_of_scope:
                unscored.append(row)
            elif kind == "fails":
                scored.append((score.failure_rank + (_VALID if row.valid else 0), row))
            else:
                scored.append((score.score_rank, row))
        scored.sort(key=itemgetter(0), reverse=reverse)
        return [row for _key, row in scored] + sorted(unscored, key=lambda r: (r.valid, r.id))
    attribute = {"project": "id", "country": "country", "sector": "sector"}.get(kind, "id")
    return sorted(by_id, key=lambda r: getattr(r, attribute).casefold(), reverse=reverse)


_ID = attrgetter("id")
_VALID = 1 << 200
"""Added to a valid file's failure rank: invalid files sort first."""

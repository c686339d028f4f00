"""The JSON results document as models: the versioned public contract of `--format json`.

Owns the schema of the JSON output (exported as `results.schema.json`), version
2.0: rule metadata once per profile, findings that refer to rules by id, the
findings that need attention listed and the others counted per project and
profile, and the fields later work fills (`basis`, `binding`, `screening`, the
signature's screening lists and evidence digests) reserved from the start so
that filling them renames nothing. docs/results-format.md is its prose.
Refuses rendering: report/json_report.py writes the document directly for
speed, and a test validates its output against this schema.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from checker.findings import Severity

FindingStatus = Literal[
    "pass", "fail", "not_shown", "not_applicable", "upcoming", "error", "waived"
]
"""A finding's status; `out_of_scope` is a verdict on a project and profile, never a finding's."""

IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
MessageId = Annotated[str, Field(pattern=r"^(finding|input)\.[a-z0-9_.-]+$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class ReferenceRecord(_Model):
    """A legal or policy source."""

    instrument: str
    """The instrument."""
    article: str
    """Article and paragraph."""
    url: str | None
    """Official text."""
    note: str | None
    """What the source says on the point, when the rule gives it."""


class RuleRecord(_Model):
    """A rule as the profile uses it, written once per profile."""

    title: str
    """Rule title."""
    area: str
    """Policy area."""
    severity: Severity
    """Severity in this profile (a finding may carry another, e.g. after an override)."""
    requirement: str
    """What the rule requires."""
    label: str
    """How the profile frames its messages ("EU benchmark"), or empty."""
    references: list[ReferenceRecord]
    """Legal sources."""
    remediation: str
    """How to meet it."""
    applies_when: str
    """When the rule applies, in words ("always" when it always does)."""
    applies_from: IsoDate | None
    """The obligation applies from this date; null when already in force."""
    in_service_from: IsoDate | None
    """The rule reaches only systems put into service (or substantially modified) on or
    after this date; null when it reaches every system."""
    topic: str
    """What the rule is about, shared across profiles (the rule id when not given)."""


class InputCodeRecord(_Model):
    """An input-problem code (a problem with the file itself), written once per document."""

    title: str
    """Title."""
    area: Literal["input"]
    """Always `input`."""
    remediation: str
    """How to fix it."""


class MissingFact(_Model):
    """A fact the proposal does not show."""

    pointer: str
    """JSON pointer to what is missing, unknown, empty or invalid."""
    path: str
    """The same as a reviewer reads it: `parties.vendors[0].remote_access`."""
    state: Literal["absent", "unknown", "empty", "invalid", "assumed", "claimed", "evidenced"]
    """Why it is not shown: `absent`, `unknown`, `empty`, `invalid`; or, for a pass the
    profile does not accept on its basis (`require_basis`), the basis it rests on."""


class WaiverRecord(_Model):
    """The reviewer decision attached to a finding."""

    justification: str
    """Why it is accepted."""
    approved_by: str
    """Who approved it."""
    expires: str
    """Last valid day."""
    ticket: str | None
    """Decision record."""
    expired: bool
    """True when the waiver has lapsed and the finding counts again."""


class FindingRecord(_Model):
    """One (profile, project, rule) outcome, or a problem with the file itself."""

    profile: str | None
    """Profile id (its rule table is `profiles[].rules`); null for problems with the file
    itself (their code is in `input_codes`)."""
    project: str
    """Project id."""
    path: str
    """File path (project ids may repeat across files; the path never does)."""
    rule: str
    """Rule id, or an input-problem code such as `yaml.syntax`."""
    status: FindingStatus
    """Outcome."""
    waived_status: Literal["fail", "not_shown"] | None
    """For `waived`: the status the waiver is over; null otherwise."""
    severity: Severity
    """Effective severity."""
    line: int
    """1-based line."""
    column: int
    """1-based column."""
    pointer: str
    """JSON pointer to the node the finding is located at (may move between versions
    as locating improves; it is not part of the identity)."""
    item: str | None
    """The list item the finding is about, by its natural key
    (`parties.vendors["Huawei Technologies"]`), or by position (`ai_systems[0]`) when it
    has none; null when the finding is about no list item."""
    message_id: MessageId
    """Stable id of the message (`finding.fail`, `finding.not_shown`,
    `input.schema.invalid-value`, ...): what translations and scripts key on."""
    message: str
    """The message rendered in `lang`."""
    detail: str
    """What was found and why."""
    missing_facts: list[MissingFact]
    """For `not_shown` (and a waiver over one): each fact the proposal does not show."""
    fingerprint: str
    """Identity: a hash of (profile, rule, project, item key); for input problems of
    (code, project, pointer). Stable across line moves and more exact locating."""
    baseline_state: Literal["new", "unchanged"] | None
    """With `--baseline`, for problems: whether the baseline had it; null otherwise."""
    waiver: WaiverRecord | None
    """Reviewer decision, if any."""
    basis: Literal["claimed", "evidenced", "verified", "assumed"] | None
    """For a rule outcome, the weakest basis among the stated facts it was decided on
    (assumed < claimed < evidenced < verified; docs/evidence.md); null for input problems."""
    evidence: list[str]
    """Ids of the project's `evidence` entries behind those facts."""
    binding: Literal["law", "benchmark"] | None
    """Whether the rule's source is law binding a party to this project (`law`: an
    EU-established controller, an EU exporter, EU-budget money...) or a benchmark; decided
    per project from the rule's `binding` declaration; null for rules that declare none
    (host law, lender practice) and for input problems."""
    binding_because: str | None
    """Why it is law, or why only a benchmark (e.g. how far the AI Act reaches); null
    when `binding` is."""
    screening: list[dict[str, JsonValue]]
    """Reserved: screening-list hits behind the finding (empty until filled)."""


class StatusCounts(_Model):
    """How many rules of a profile came out each way for one project."""

    pass_: int = Field(alias="pass")
    """Met."""
    fail: int
    """Stated non-compliance."""
    not_shown: int
    """Not shown by the proposal."""
    not_applicable: int
    """Does not apply."""
    upcoming: int
    """Applies only after the reference date."""
    error: int
    """Could not be evaluated."""
    waived: int
    """Accepted by a reviewer."""


class ScoreRecord(_Model):
    """The core's one score (`Evaluation.score()`): passed ÷ applicable, over the rules
    that apply, leaving out info-level rules and upcoming obligations; waived is not met."""

    passed: int
    """Met."""
    failed: int
    """Stated non-compliance."""
    not_shown: int
    """Not shown."""
    error: int
    """Could not be evaluated."""
    waived: int
    """Accepted gaps (not met)."""
    applicable: int
    """The sum of the five above."""
    share: float | None
    """passed ÷ applicable, from 0 to 1; null when no scored rule applies."""
    met_by_basis: dict[Literal["assumed", "claimed", "evidenced", "verified"], int]
    """Of `passed`, how many rest on each basis (they add up to `passed`)."""


class ProjectProfileResult(_Model):
    """One project under one profile: the verdict's counts and score."""

    profile: str
    """Profile id."""
    out_of_scope: bool
    """The profile does not cover this project (another country's law): one verdict for
    the whole profile; no counts, no score, no findings."""
    counts: StatusCounts | None
    """Rules per status; null when out of scope."""
    score: ScoreRecord | None
    """The score; null when out of scope."""


class ProjectRecord(_Model):
    """A checked project."""

    id: str
    """Project id."""
    path: str
    """File path."""
    title: str
    """Title."""
    country: str
    """Host country."""
    sector: str
    """Main sector."""
    valid: bool
    """False when the file has input problems."""
    results: list[ProjectProfileResult]
    """One entry per profile evaluated (none when the file could not be read)."""


class ProfileRecord(_Model):
    """A profile used in the run, with its rules' metadata."""

    id: str
    """Profile id."""
    title: str
    """Title."""
    version: str | None
    """The profile's version; null while profiles carry none."""
    digest: str | None
    """Digest of the resolved profile; null when not known (an upgraded document)."""
    rule_count: int
    """Number of rules."""
    not_shown_gates: bool
    """Whether `not_shown` findings gate CI like failures of their severity."""
    countries: list[str]
    """Host countries the profile covers; empty when it covers every project."""
    rules: dict[str, RuleRecord]
    """Every rule of the profile, by id, in the profile's order."""


class ToolRecord(_Model):
    """The program that produced the document."""

    name: Literal["govcheck"]
    """Always `govcheck`."""
    version: str
    """Its version."""


class SignedProfile(_Model):
    """A profile as a signed verdict names it."""

    id: str
    """Profile id."""
    version: str | None
    """Version; null while profiles carry none."""
    digest: str | None
    """Digest of the resolved profile; null when not known."""


class Signature(_Model):
    """What a review board files with a signed verdict: everything the verdict depends on."""

    tool: ToolRecord
    """The program and its version."""
    profiles: list[SignedProfile]
    """Each profile's id, version and digest."""
    screening_lists: list[dict[str, JsonValue]]
    """Reserved: screening lists consulted and their dates (empty until filled)."""
    evidence_digests: list[dict[str, JsonValue]]
    """The evidence files the verdicts read: `project`, `path` and `sha256` ("" when the
    file is missing)."""


class SeverityCounts(_Model):
    """Unwaived problems per severity."""

    critical: int
    """Critical."""
    high: int
    """High."""
    medium: int
    """Medium."""
    low: int
    """Low."""
    info: int
    """Info."""


class Summary(_Model):
    """Totals over the run."""

    projects: int
    """Projects checked."""
    invalid_projects: int
    """Projects with input problems."""
    input_problems: int
    """Problems with the files themselves."""
    out_of_scope: int
    """(project, profile) pairs where the profile does not cover the project."""
    by_status: StatusCounts
    """Rule outcomes per status over every project and profile in scope (the sum of
    `projects[].results[].counts`); input problems are not in it."""
    problems_by_severity: SeverityCounts
    """Unwaived problems (fail, not_shown, error, and input problems) per severity."""


class StaleWaiverRecord(_Model):
    """A waiver no longer needed (docs/review-record.md), judged over what the run checked."""

    path: str
    """The waivers file."""
    line: int
    """Line of the waiver in it."""
    column: int
    """Column of the waiver in it."""
    rule: str
    """The rule it names."""
    project: str
    """The project it names."""
    profile: str | None
    """The profile it is limited to; null for every profile."""
    reason: str
    """Why it is stale, in words: the rule is met or does not apply, the pointer names no
    finding, the profile has no such rule, or the project is gone."""


class ResultsDocument(_Model):
    """The output of `govcheck check --format json`, format 2.0 (docs/results-format.md)."""

    format_version: Literal["2.0"]
    """Version of this document format (json_report.RESULTS_FORMAT_VERSION)."""
    upgraded_from: Annotated[str, Field(pattern=r"^1\.0$")] | None
    """The format version this document was upgraded from by `govcheck baseline upgrade`
    (its signature then names what the old document knew); null when written by a check."""
    lang: str
    """Language of the rendered texts (`message`, `detail`), as a BCP 47 tag."""
    as_of: IsoDate | None
    """The reference date that decided which obligations apply yet."""
    tool: ToolRecord
    """The program that wrote the document."""
    signature: Signature
    """What the verdict depends on."""
    listed_statuses: list[FindingStatus]
    """The statuses `findings` lists in full; the others are only counted (`--include`)."""
    profiles: list[ProfileRecord]
    """Profiles used, with their rules."""
    input_codes: dict[str, InputCodeRecord]
    """The input-problem codes that occur in `findings`."""
    projects: list[ProjectRecord]
    """Projects checked, with their counts and score per profile."""
    findings: list[FindingRecord]
    """Input problems and the rule outcomes whose status is listed."""
    stale_waivers: list[StaleWaiverRecord] = []
    """Waivers of the review record no longer needed (absent in documents written before
    govcheck reported them)."""
    summary: Summary
    """Totals."""
    interrupted: bool
    """True when the run was stopped before every file was checked."""

"""The JSON results document as models: the versioned public contract of `--format json`.

Owns the schema of the JSON output (exported as `results.schema.json`), version
3.0: rule metadata and messages once per profile, findings nested in their
project and profile, grouped by status, that refer to rules by id, to their
place in their project's `places` and to their detail texts and missing facts
by index (each written once), the findings that need attention listed and the
others counted per project and profile, and the fields later
work fills (`basis`, `binding`, `screening`, the signature's screening lists
and evidence digests) reserved from the start so that filling them renames
nothing. docs/results-format.md is its prose; checker/report/contract_v2.py keeps
format 2.0, which govcheck still reads and writes on request for one release.
Refuses rendering: report/json_report.py writes the document directly for
speed, and a test validates its output against this schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from checker.findings import Severity

FindingStatus = Literal[
    "pass", "fail", "not_shown", "not_applicable", "upcoming", "error", "waived"
]
"""A finding's status; `out_of_scope` is a verdict on a project and profile, never a finding's."""

IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
MessageId = Annotated[str, Field(pattern=r"^(finding|input)\.[a-z0-9_.-]+$")]
Index = Annotated[int, Field(ge=0)]
"""A position in one of the document's tables (`texts`, `facts`, a project's `places`)."""


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
    messages: dict[FindingStatus, str]
    """The message of this rule's findings for each listed status, rendered in `lang`: a
    finding's message is `messages[status]` and its message id `finding.<status>`."""
    binding: Literal["benchmark"] | None = None
    """`benchmark` when the rule declares a binding: what its findings are unless a
    finding says `binding: law`; absent for rules that declare none (host law, lender
    practice)."""
    binding_because: str | None = None
    """Why the rule is only a benchmark where no law binds; absent when `binding` is."""


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


class FindingOutcome(_Model):
    """What a finding says besides its status and place, the same in formats 2.0 and
    3.0. Fields whose value would be null or empty are left out; a reader takes a
    missing field as null (or empty)."""

    rule: str
    """Rule id: its metadata and message are `profiles[].rules[rule]`."""
    waived_status: Literal["fail", "not_shown"] | None = None
    """For `waived`: the status the waiver is over; absent otherwise."""
    severity: Severity | None = None
    """Effective severity, only when it differs from the rule table's."""
    detail: Index
    """What was found and why: an index into the document's `texts`."""
    missing_facts: list[Index] = []
    """For `not_shown` (and a waiver over one): each fact the proposal does not show, as
    indices into the document's `facts`."""
    fingerprint: str | None = None
    """Identity, with `--include fingerprints`: a hash of (profile, rule, project, item
    key), stable across line moves and more exact locating (docs/results-format.md)."""
    baseline_state: Literal["new", "unchanged"] | None = None
    """With `--baseline`, for problems: whether the baseline had it."""
    waiver: WaiverRecord | None = None
    """Reviewer decision, if any."""
    basis: Literal["evidenced", "verified", "assumed"] | None = None
    """The weakest basis among the stated facts the outcome was decided on (assumed <
    claimed < evidenced < verified; docs/evidence.md); absent: `claimed`, the basis of
    a fact the proposal states without evidence, which most outcomes rest on."""
    evidence: list[str] = []
    """Ids of the project's `evidence` entries behind those facts; absent when none."""
    message: str | None = None
    """The message, only where it differs from `messages[status]` in the rule table: where
    the law binds a party to this project and the rule frames it with its law label."""
    binding: Literal["law"] | None = None
    """`law` where the rule's source is law binding a party to this project (an
    EU-established controller, an EU exporter, EU-budget money...), decided per project
    from the rule's `binding` declaration; absent otherwise, when the rule table's
    `binding` (`benchmark`, or none for rules that declare no binding) applies."""
    binding_because: Index | None = None
    """Why it is law: an index into the document's `texts`; absent when `binding` is."""
    screening: list[dict[str, JsonValue]] = []
    """Reserved: screening-list hits behind the finding (absent until filled)."""


class FindingRecord(FindingOutcome):
    """One rule outcome of one project under one profile, format 3.0: the enclosing
    `projects[].results[]` entry names the project and profile, the group it is listed
    in (`findings.<status>`) its status, and `at` its place in the project's `places`."""

    at: Index
    """Where the finding is located: an index into the enclosing project's `places`."""


Place = tuple[int, int, str] | tuple[int, int, str, Annotated[str, Field(min_length=1)]]
"""A place findings are located at, format 3.0: `[line, column, pointer]`, or `[line,
column, pointer, item]` for a finding about a list item (`places[at]`). The line and
column are 1-based; the pointer is a JSON pointer into the project file (it may move
between versions as locating improves and is not part of the identity); the item names
the list item by its natural key (`parties.vendors["Huawei Technologies"]`), or by
position (`ai_systems[0]`) when it has none."""


class ProblemRecord(_Model):
    """A problem with the file itself (syntax, schema, scope): it depends on no profile."""

    rule: str
    """The input-problem code (`yaml.syntax`, `schema.invalid-value`...): `input_codes`."""
    status: Literal["error"]
    """Always `error`."""
    severity: Severity
    """Severity."""
    line: int
    """1-based line."""
    column: int
    """1-based column."""
    pointer: str
    """JSON pointer to where the problem is."""
    message_id: MessageId
    """`input.<code>`: what translations and scripts key on."""
    message: str
    """The message rendered in `lang`."""
    detail: Index
    """More on it: an index into the document's `texts` (often the empty text)."""
    fingerprint: str | None = None
    """Identity, with `--include fingerprints`: a hash of (code, project, pointer)."""
    baseline_state: Literal["new", "unchanged"] | None = None
    """With `--baseline`: whether the baseline had it."""


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


class ResultNumbers(_Model):
    """One project under one profile: the verdict's counts and score (formats 2.0 and
    3.0)."""

    profile: str
    """Profile id."""
    out_of_scope: bool
    """The profile does not cover this project (another country's law): one verdict for
    the whole profile; no counts, no score, no findings."""
    counts: StatusCounts | None
    """Rules per status; null when out of scope."""
    score: ScoreRecord | None
    """The score; null when out of scope."""


class ListedFindings(_Model):
    """The listed outcomes of one project under one profile, by status: a key for each
    status of `listed_statuses` (its list empty when no rule came out that way, and
    every list empty when out of scope), each list in the profile's order."""

    pass_: list[FindingRecord] = Field(default=[], alias="pass")
    """Met (listed with `--include passed`)."""
    fail: list[FindingRecord] = []
    """Stated non-compliance."""
    not_shown: list[FindingRecord] = []
    """Not shown by the proposal."""
    not_applicable: list[FindingRecord] = []
    """Does not apply (listed with `--include not_applicable`)."""
    upcoming: list[FindingRecord] = []
    """Applies only after the reference date (listed with `--include upcoming`)."""
    error: list[FindingRecord] = []
    """Could not be evaluated."""
    waived: list[FindingRecord] = []
    """Accepted by a reviewer (`waived_status` says over what)."""


class ProjectProfileResult(ResultNumbers):
    """One project under one profile: the verdict's counts, score and listed findings."""

    findings: ListedFindings
    """The outcomes whose status is listed (`listed_statuses`), grouped by status."""


class ProjectFields(_Model):
    """A checked project: what formats 2.0 and 3.0 say alike."""

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
    problems: list[ProblemRecord]
    """Problems with the file itself."""


class ProjectRecord(ProjectFields):
    """A checked project, format 3.0."""

    results: list[ProjectProfileResult]
    """One entry per profile evaluated (none when the file could not be read)."""
    places: list[Place]
    """Every place the project's findings are located at, once, in the order findings
    first name them (`at`)."""


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


class StaleVerificationRecord(_Model):
    """A verification of the review record whose project id no project checked has (the
    project was renamed or its file removed; docs/review-record.md): it counts for nothing,
    and the record keeps it."""

    path: str
    """The review record (the waivers file)."""
    line: int
    """Line of the verification in it."""
    column: int
    """Column of the verification in it."""
    project: str
    """The project id it names."""
    pointer: str
    """The fact it names (JSON pointer)."""
    by: str
    """Who verified it."""
    on: IsoDate
    """When it was verified."""
    reason: str
    """Why it is stale, in words."""


class DocumentFields(_Model):
    """A results document: what formats 2.0 and 3.0 say alike (each format's model
    narrows its version and projects)."""

    format_version: str
    """Version of this document format."""
    upgraded_from: str | None
    """The format version this document was upgraded from; null when written by a check."""
    lang: str
    """Language of the rendered texts (`message`, `detail`), as a BCP 47 tag."""
    as_of: IsoDate | None
    """The reference date that decided which obligations apply yet."""
    tool: ToolRecord
    """The program that wrote the document."""
    signature: Signature
    """What the verdict depends on."""
    listed_statuses: list[FindingStatus]
    """The statuses `projects[].results[].findings` lists in full; the others are only
    counted (`--include`)."""
    fingerprints: bool
    """Whether findings carry their `fingerprint` (`--include fingerprints`)."""
    profiles: list[ProfileRecord]
    """Profiles used, with their rules."""
    input_codes: dict[str, InputCodeRecord]
    """The input-problem codes that occur in `projects[].problems`."""
    projects: Sequence[ProjectFields]
    """Projects checked."""
    texts: list[str]
    """Every distinct `detail` text, once; findings refer to them by index."""
    facts: list[MissingFact]
    """Every distinct fact not shown, once; findings refer to them by index."""
    stale_waivers: list[StaleWaiverRecord] = []
    """Waivers of the review record no longer needed (absent in documents written before
    govcheck reported them)."""
    stale_verifications: list[StaleVerificationRecord] = []
    """Verifications of the review record whose project no project checked has (absent in
    documents written before govcheck reported them)."""
    summary: Summary
    """Totals."""
    interrupted: bool
    """True when the run was stopped before every file was checked."""


class ResultsDocument(DocumentFields):
    """The output of `govcheck check --format json`, format 3.0 (docs/results-format.md)."""

    format_version: Literal["3.0"]
    """Version of this document format (json_report.RESULTS_FORMAT_VERSION)."""
    upgraded_from: Annotated[str, Field(pattern=r"^[12]\.0$")] | None
    """The format version this document was upgraded from by `govcheck baseline upgrade`
    (from 1.0, its signature names what the old document knew); null when written by a
    check."""
    projects: list[ProjectRecord]
    """Projects checked: their input problems, per profile the counts, the score and the
    listed findings by status, and the places those findings are located at."""

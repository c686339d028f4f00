"""Models of rulesets, rules, conditions and profiles, as written in YAML.

Owns what a ruleset or profile file may contain and its JSON Schema. Refuses
behaviour: compiling conditions is conditions.py's job, resolving profiles
(extends, include/exclude, overrides, parameters) is profiles.py's.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints, model_validator

from checker.findings import Severity
from checker.i18n import _

RuleId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$", max_length=80),
    Field(description="Stable rule id in upper case, e.g. EU-DP-DPIA."),
]
ProfileId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80),
    Field(description="Profile name used with -p, e.g. eu, minimal, host-kg."),
]
Area = Literal[
    "data_protection",
    "cybersecurity",
    "ai",
    "transparency",
    "human_rights",
    "sustainability",
    "financing",
    "delivery",
]
AREAS: tuple[str, ...] = Area.__args__  # type: ignore[attr-defined]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=500)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=5000)]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, populate_by_name=True
    )


class ParamRef(_Strict):
    """A profile parameter used as a value."""

    param: str = Field(alias="$param")
    """Name of a parameter declared by a ruleset."""


Number = int | float | ParamRef


class Condition(_Strict):
    """One condition: a combinator, or a path with exactly one operator.

    See docs/rules.md for the semantics of each operator (including what an
    absent path means for it).
    """

    path: str | None = None
    """Dotted path into the project, e.g. data_processing.dpia.status."""
    description: str | None = None
    """Plain-language text shown instead of the generated description."""
    all_: list[Condition] | None = Field(default=None, alias="all")
    """Every condition holds."""
    any_: list[Condition] | None = Field(default=None, alias="any")
    """At least one condition holds."""
    not_: Condition | None = Field(default=None, alias="not")
    """The condition does not hold."""
    exists: bool | None = None
    """The path is stated (not null), or absent with false."""
    equals: JsonValue = None
    """The value equals this."""
    not_equals: JsonValue = None
    """The value is absent or differs from this."""
    in_: list[JsonValue] | ParamRef | None = Field(default=None, alias="in")
    """The value is one of these."""
    not_in: list[JsonValue] | ParamRef | None = None
    """The value is absent or none of these."""
    min: Number | None = None
    """The number is at least this."""
    max: Number | None = None
    """The number is at most this."""
    contains: JsonValue = None
    """The list includes this value."""
    contains_any: list[JsonValue] | ParamRef | None = None
    """The list includes at least one of these."""
    contains_none: list[JsonValue] | ParamRef | None = None
    """The list is absent or includes none of these."""
    min_items: int | ParamRef | None = None
    """The list has at least this many items."""
    max_items: int | ParamRef | None = None
    """The list has at most this many items."""
    pattern: str | None = None
    """The text matches this regular expression (linear-time engine; no backreferences)."""
    some: Condition | list[Condition] | None = None
    """At least one item of the list satisfies these (paths relative to the item)."""
    every: Condition | list[Condition] | None = None
    """Every item of the list satisfies these (true for an absent list)."""
    none: Condition | list[Condition] | None = None
    """No item of the list satisfies these."""
    schema_: dict[str, JsonValue] | None = Field(default=None, alias="schema")
    """A raw JSON Schema 2020-12 fragment; `$ref` may only point inside it."""


ConditionInput = Condition | list[Condition]


class Reference(_Strict):
    """A legal or policy source."""

    instrument: ShortText
    """The instrument, e.g. "Regulation (EU) 2016/679 (GDPR)"."""
    article: ShortText
    """Article and paragraph (or principle, requirement, measure), e.g. "Art. 35(3)(c)"."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """Official text."""
    note: LongText | None = None
    """Verification status or caveats."""


class LawGround(_Strict):
    """A case in which the law behind a rule binds a party to the project."""

    when: ConditionInput
    """Condition on the project's facts under which the law binds (e.g. the controller is
    established in the Union); undecided counts as not binding."""
    because: ShortText
    """Why, in words: the provision that makes it law for that party."""


class Binding(_Strict):
    """When a rule states law binding a party, and when only a benchmark (data, not code)."""

    law: list[LawGround] = []
    """Cases in which the rule's source binds a party as law; the first that holds is
    reported."""
    benchmark: LongText
    """Why the rule is otherwise a benchmark (e.g. how far the instrument reaches)."""


class Examples(_Strict):
    """Project fragments that double as tests of the rule."""

    pass_: list[dict[str, JsonValue]] = Field(alias="pass", min_length=1)
    """Fragments on which the rule applies and passes."""
    fail: list[dict[str, JsonValue]] = []
    """Fragments on which the rule applies and fails on stated facts. Every rule has one,
    except a rule that only asks whether a fact is stated (it can pass or ask, never
    fail): that one has `not_shown` examples instead."""
    not_applicable: list[dict[str, JsonValue]] = []
    """Fragments on which the rule does not apply."""
    not_shown: list[dict[str, JsonValue]] = []
    """Fragments that do not show a fact the rule needs (absent or `unknown`)."""

    @model_validator(mode="after")
    def _fails_or_asks(self) -> Examples:
        if not self.fail and not self.not_shown:
            raise ValueError(
                _(
                    "give at least one `fail` example (or `not_shown` ones for a rule "
                    "that only asks whether a fact is stated)"
                )
            )
        return self


class Rule(_Strict):
    """One condition a project is checked against."""

    id: RuleId
    """Stable id; never reuse an id for a different requirement."""
    title: ShortText
    """Short title."""
    area: Area
    """Policy area."""
    topic: (
        Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)] | None
    ) = None
    """What the rule is about, shared by rules of other profiles that check the same thing
    their own way (e.g. `breach-notification`); comparisons match rules by topic."""
    severity: Severity
    """What a failure costs: critical for prohibited practices, info for risk flags."""
    references: list[Reference] = Field(min_length=1)
    """Legal or policy sources."""
    requirement: LongText
    """What must hold, in one sentence."""
    rationale: LongText
    """Why it matters."""
    remediation: LongText
    """What to change in the project YAML (and in the project) to meet it."""
    applies_when: ShortText | None = None
    """When the rule applies, in words; generated from `when` if omitted."""
    when: ConditionInput | None = None
    """Condition for the rule to apply; omitted means always."""
    require: ConditionInput
    """Condition that must hold when the rule applies."""
    target: str | None = None
    """Dotted path the rule is about, shown as the place to change."""
    check: Literal["automatic", "attestation"] = "attestation"
    """`automatic` when the YAML facts decide; `attestation` when a reviewer must verify a claim."""
    applies_from: date | None = None
    """Date the underlying obligation applies from. Before it (on the check's reference
    date, or a proposal's planned `in_service_on` if later) the rule is `upcoming`:
    reported, never counted as a failure, never gating CI."""
    in_service_from: date | None = None
    """The rule reaches only systems put into service on or after this date, or
    substantially modified after it (e.g. Cyber Resilience Act Art. 69(2)); an older
    system is not applicable, one whose service date is not stated is `not_shown`."""
    uncertain: LongText | None = None
    """Why the current state of the law is uncertain, when it is."""
    binding: Binding | None = None
    """When the rule's source is law binding a party and when a benchmark; replaces the
    ruleset's `binding` for this rule."""
    examples: Examples
    """Pass and fail fragments, run by `govcheck rules test`."""


class ParameterSpec(_Strict):
    """A value profiles can set and rules use through {$param: name}."""

    type: Literal["integer", "number", "string", "boolean", "array"]
    """Type of the value."""
    default: JsonValue
    """Value when no profile sets it."""
    description: ShortText
    """What it means."""
    minimum: float | None = None
    """Smallest allowed value for numbers."""
    maximum: float | None = None
    """Largest allowed value for numbers."""


class Ruleset(_Strict):
    """A file of rules."""

    kind: Literal["ruleset"]
    """Marks this file as a ruleset."""
    id: ProfileId
    """Ruleset id."""
    title: ShortText
    """Title."""
    description: LongText | None = None
    """What the rules cover."""
    label: ShortText | None = None
    """Prefix of finding messages, e.g. "EU benchmark", framing what a failure means."""
    countries: list[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]] | None = None
    """Host countries (ISO 3166-1 alpha-2) whose law these rules state. A project in none
    of them is out of scope for a profile made of such rules; a project spanning several
    countries is checked for its part in each."""
    binding: Binding | None = None
    """When its rules state law binding a party and when a benchmark (a rule may give its
    own)."""
    law_label: ShortText | None = None
    """Prefix of finding messages where the law binds, e.g. "EU law"."""
    parameters: dict[str, ParameterSpec] = {}
    """Parameters the rules use."""
    rules: list[Rule] = Field(min_length=1)
    """The rules."""


class AreaSelector(_Strict):
    """Select every rule of an area."""

    area: Area
    """Area name."""


class RulesetSelector(_Strict):
    """Select every rule of a ruleset."""

    ruleset: ProfileId
    """Ruleset id."""


Selector = str | AreaSelector | RulesetSelector


BasisName = Literal["assumed", "claimed", "evidenced", "verified"]
"""What a fact rests on, weakest first (docs/evidence.md)."""


class Profile(_Strict):
    """A named set of rules with their severities and parameters."""

    kind: Literal["profile"]
    """Marks this file as a profile."""
    id: ProfileId
    """Profile name."""
    title: ShortText
    """Title."""
    description: LongText | None = None
    """What the profile represents and how to read its verdicts."""
    extends: list[str] = []
    """Profiles (names or paths) whose rules, severities and parameters this one starts from."""
    rulesets: list[str] = []
    """Extra ruleset files or folders, relative to this file."""
    include: list[Selector] = []
    """Rules to add: ids, globs such as EU-DP-*, {area: ...} or {ruleset: ...}."""
    exclude: list[Selector] = []
    """Rules to remove, in the same forms."""
    severity: dict[str, Severity] = {}
    """Severity overrides by rule id or glob."""
    parameters: dict[str, JsonValue] = {}
    """Parameter values."""
    not_shown_gates: bool | None = None
    """Whether `not_shown` findings (facts the proposal does not show) fail CI like
    failures of their severity under `--fail-on`; true unless a profile (or one it
    extends) says false."""
    require_basis: dict[Severity, BasisName] = {}
    """The basis a pass needs, per severity (e.g. {critical: evidenced, high: evidenced}):
    a requirement met on weaker facts (claimed, or assumed) is `not_shown`, asking for the
    document (docs/evidence.md). Inherited from the profiles extended; none by default."""


class CoverageGap(_Strict):
    """A requirement govcheck knows of but does not check, and why."""

    instrument: ShortText
    """The instrument, named as the rules name it."""
    article: ShortText
    """Article, paragraph or measure."""
    requirement: LongText
    """What it requires."""
    reason: LongText
    """Why no rule checks it (no field in the format, unverified source, ...)."""
    profiles: list[ProfileId] = Field(min_length=1)
    """Profiles the requirement belongs to."""


class Coverage(_Strict):
    """A file listing known requirements that are not covered by any rule."""

    kind: Literal["coverage"]
    """Marks this file as a coverage file."""
    gaps: list[CoverageGap]
    """Requirements not covered."""


def rule_json(rule: Rule, field: Literal["when", "require"]) -> Any:
    """A condition as plain data (aliases, unset fields dropped), for compiling."""
    return condition_json(getattr(rule, field))


def condition_json(value: Any) -> Any:
    """A condition model (or list of them) as plain data, for compiling."""
    if value is None:
        return None
    if isinstance(value, list):
        return [c.model_dump(by_alias=True, exclude_unset=True) for c in value]
    return value.model_dump(by_alias=True, exclude_unset=True)


def dump(value: Any) -> Any:
    """Plain JSON data for a model or list of models."""
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, exclude_unset=True, mode="json")
    if isinstance(value, list):
        return [dump(v) for v in value]
    return value

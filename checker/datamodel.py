"""Building blocks shared by every part of a project description and by the
screening lists.

Owns the base model configuration (unknown keys forbidden, attribute
docstrings become JSON Schema descriptions) and the small value types used
across sections: facts (true, false or unknown), dates, country and currency
codes, assessments, links. Refuses any rule logic: these types say what can be
written, never whether it is enough.

It lives outside `checker.project`, whose package builds every section's model
when imported: loading profiles needs these types for the screening lists, and
through the package a first run (`--no-cache`, or a CI runner without a cache)
spent 0.12 s building project models it never used (0.70 → 0.60 s for one file).

A type that a pattern alone cannot explain carries its reviewer wording in the
schema (`patternErrorMessage`, `errorMessage`: keywords editors show too), so
that govcheck's messages never quote a regular expression.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
)
from typing_extensions import TypeAliasType

from checker.countries import COUNTRIES


class Model(BaseModel):
    """Base of every project-description model."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
    )


Fact = TypeAliasType(
    "Fact",
    Annotated[
        StrictBool | Literal["unknown"],
        WithJsonSchema(
            {
                "enum": [True, False, "unknown"],
                "description": "true, false or unknown. Unknown is not no: write "
                "`unknown` when the fact is not known, rather than guessing false.",
            }
        ),
    ],
)
"""A yes/no fact about the project, which a proposal may also state as not known."""


def _assigned(code: str) -> str:
    if code not in COUNTRIES:
        raise ValueError(f"`{code}` is not an ISO 3166-1 alpha-2 country code")
    return code


CountryCode = TypeAliasType(
    "CountryCode",
    Annotated[
        str,
        AfterValidator(_assigned),
        WithJsonSchema(
            {
                "type": "string",
                "enum": list(COUNTRIES),
                "enumDescriptions": list(COUNTRIES.values()),
                "errorMessage": "must be an ISO 3166-1 alpha-2 country code, such as KG, "
                "KZ, TJ, UZ, CN or DE",
                "description": "ISO 3166-1 alpha-2 country code (officially assigned), "
                "e.g. KG, KZ, TJ, UZ, CN, DE; NO is Norway.",
            }
        ),
    ],
)
"""A country, by its officially assigned ISO 3166-1 alpha-2 code (checker/countries.py)."""

# A day in the Gregorian calendar, YYYY-MM-DD, leap years included: the schema's
# pattern must refuse 2023-02-29 and 2024-13-45 on its own, as `format: date` would.
_DAY = (
    r"\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
    r"|02-(?:0[1-9]|1\d|2[0-8]))"
    r"|(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29"
)
PARTIAL_DATE_PATTERN = rf"^(?:\d{{4}}(?:-(?:0[1-9]|1[0-2]))?|{_DAY})$"
PartialDate = TypeAliasType(
    "PartialDate",
    Annotated[
        str,
        StringConstraints(pattern=PARTIAL_DATE_PATTERN),
        WithJsonSchema(
            {
                "type": "string",
                "pattern": PARTIAL_DATE_PATTERN,
                "patternErrorMessage": "must be a real date written YYYY, YYYY-MM or "
                "YYYY-MM-DD, such as 2019, 2019-03 or 2019-03-15",
                "description": "A year, a month or a day: YYYY, YYYY-MM or YYYY-MM-DD.",
            }
        ),
    ],
)
"""A date known to the year, the month or the day, e.g. from a press report."""

CurrencyCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(
        description="ISO 4217 currency code, e.g. EUR, USD, CNY, KGS.",
        json_schema_extra={
            "patternErrorMessage": "must be an ISO 4217 currency code in capitals, "
            "such as EUR, USD, CNY or KGS"
        },
    ),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Url = Annotated[
    str,
    StringConstraints(pattern=r"^(https?://|file:|urn:)\S+$", max_length=2_000),
    Field(
        description="An http(s) address (or urn:/file: for internal records).",
        json_schema_extra={
            "patternErrorMessage": "must be an address starting with https://, http://, "
            "urn: or file:, without spaces"
        },
    ),
]
IDENTIFIER_WORDS = (
    "must be lower-case letters, digits, '.', '_' and '-', starting with a letter or digit"
)
EvidenceRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100),
    Field(
        description="The `id` of an entry in the project's `evidence` list.",
        json_schema_extra={"patternErrorMessage": IDENTIFIER_WORDS},
    ),
]
Percent = Annotated[float, Field(ge=0, le=100)]

AssessmentStatus = Literal["not_started", "in_progress", "completed", "not_required", "unknown"]


class Assessment(Model):
    """An assessment or plan the project claims (DPIA, HRIA, risk assessment...)."""

    status: AssessmentStatus
    """Where the assessment stands; `not_required` should say why in `notes`."""
    completed_on: date | None = None
    """Date the assessment was completed (YYYY-MM-DD)."""
    performed_by: Name | None = None
    """Who carried it out."""
    independent: Fact | None = None
    """Carried out or reviewed by a party independent of the sponsor and vendors."""
    published: Fact | None = None
    """Whether the assessment (or a summary) is public."""
    url: Url | None = None
    """Where it can be read."""
    evidence: list[EvidenceRef] = []
    """Evidence documents that back this claim."""
    notes: Text | None = None
    """Anything a reviewer should know, e.g. why it is not required."""


class Link(Model):
    """A public record: a notice, a register entry, a published document."""

    published: Fact
    """Whether the document is publicly available."""
    url: Url | None = None
    """Where it is published."""
    published_on: date | None = None
    """Publication date (YYYY-MM-DD)."""
    evidence: list[EvidenceRef] = []
    """Evidence documents that back this claim."""
    notes: Text | None = None
    """Caveats, e.g. partial publication or redactions."""

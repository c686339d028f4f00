"""Building blocks shared by every part of a project description.

Owns the base model configuration (unknown keys forbidden, attribute
docstrings become JSON Schema descriptions) and the small value types used
across sections: country and currency codes, assessments, links. Refuses any
rule logic: these types say what can be written, never whether it is enough.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class Model(BaseModel):
    """Base of every project-description model."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
    )


CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    Field(description="ISO 3166-1 alpha-2 country code, e.g. KG, KZ, TJ, UZ, CN, DE."),
]
CurrencyCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="ISO 4217 currency code, e.g. EUR, USD, CNY, KGS."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Url = Annotated[
    str,
    StringConstraints(pattern=r"^(https?://|file:|urn:)\S+$", max_length=2_000),
    Field(description="An http(s) address (or urn:/file: for internal records)."),
]
EvidenceRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100),
    Field(description="The `id` of an entry in the project's `evidence` list."),
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
    independent: bool | None = None
    """Carried out or reviewed by a party independent of the sponsor and vendors."""
    published: bool | None = None
    """Whether the assessment (or a summary) is public."""
    url: Url | None = None
    """Where it can be read."""
    evidence: list[EvidenceRef] = []
    """Evidence documents that back this claim."""
    notes: Text | None = None
    """Anything a reviewer should know, e.g. why it is not required."""


class Link(Model):
    """A public record: a notice, a register entry, a published document."""

    published: bool
    """Whether the document is publicly available."""
    url: Url | None = None
    """Where it is published."""
    published_on: date | None = None
    """Publication date (YYYY-MM-DD)."""
    evidence: list[EvidenceRef] = []
    """Evidence documents that back this claim."""
    notes: Text | None = None
    """Caveats, e.g. partial publication or redactions."""

"""The project description: one proposal per YAML file.

Owns the root model and the identity, provenance and evidence sections; the
other sections live in sibling modules. The JSON Schema exported from
`Project` is committed under `checker/schemas/` and is what the checker
validates files against at speed; this model is its single source.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from checker.datamodel import (
    IDENTIFIER_WORDS,
    CountryCode,
    Model,
    Name,
    PartialDate,
    Text,
    Url,
)
from checker.project.ai import AISystem
from checker.project.connectivity import Connectivity
from checker.project.data import DataProcessing
from checker.project.governance import Delivery, Governance, HumanRights, Sustainability
from checker.project.parties import Parties
from checker.project.security import Cybersecurity

FORMAT_VERSION = 1

Sector = Literal[
    "telecom_5g",
    "telecom_backbone",
    "safe_city",
    "video_surveillance",
    "data_centre",
    "cloud",
    "satellite_ground_station",
    "internet_exchange",
    "e_government",
    "digital_identity",
    "smart_transport",
    "broadband_access",
    "other",
]

ProjectStatus = Literal[
    "concept",
    "proposed",
    "appraisal",
    "approved",
    "contracted",
    "under_construction",
    "operational",
    "suspended",
    "cancelled",
    "completed",
]

ProjectId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100),
    Field(
        description="Stable identifier: lower-case letters, digits, '.', '_' and '-'.",
        json_schema_extra={"patternErrorMessage": IDENTIFIER_WORDS},
    ),
]
Sha256 = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{64}$"),
    Field(
        json_schema_extra={
            "patternErrorMessage": "must be a SHA-256 digest: 64 characters, each 0-9 or a-f"
        }
    ),
]


class Component(Model):
    """A physical or software component, e.g. 855 CCTV cameras or a core network."""

    type: Name
    """What it is."""
    quantity: int | None = Field(default=None, ge=0)
    """How many."""
    vendor: Name | None = None
    """Who supplies it (a name from `parties.vendors`)."""
    face_recognition: Literal["none", "capable_unused", "in_use", "unknown"] | None = None
    """For cameras and video software: whether they can recognise faces — `none`,
    `capable_unused` (the function exists but is said to be unused) or `in_use`."""
    capability_safeguard: Text | None = None
    """How an unused face-recognition function is kept off and checked, e.g. the licence
    is not bought, the firmware lacks the feature, or an audited configuration lock."""
    notes: Text | None = None
    """Details."""


class Source(Model):
    """Public reporting a fact in this file comes from."""

    title: Name
    """Title of the article, report or record."""
    url: Url | None = None
    """Where it can be read."""
    publisher: Name | None = None
    """Who published it."""
    published_on: PartialDate | None = None
    """Publication date: YYYY, YYYY-MM or YYYY-MM-DD."""
    supports: Text | None = None
    """Which facts in this file it supports."""


class DerivedChange(Model):
    """One fact a variant changed from the project it derives from."""

    pointer: Annotated[
        str,
        StringConstraints(pattern=r"^/", max_length=1000),
        Field(json_schema_extra={"patternErrorMessage": "must be a JSON pointer starting with /"}),
    ]
    """JSON pointer of the fact, e.g. /ai_systems/0/rbi_mode."""
    value: Any = None
    """The value the variant gives it."""
    before: Any = None
    """The value it had in the original; left out when the original did not state it."""


class Derivation(Model):
    """What a variant (a what-if, a lesson step) derives from and what it changed."""

    project: ProjectId
    """Id of the original project."""
    path: Annotated[str, StringConstraints(min_length=1, max_length=1000)] | None = None
    """The original's file, as it was given when the variant was made."""
    sha256: Sha256 | None = None
    """SHA-256 of the original file's text when the variant was made."""
    changes: list[DerivedChange] = []
    """Each fact changed, in the order the changes were applied."""


FactPath = Annotated[
    str,
    StringConstraints(min_length=1, max_length=500),
    Field(
        description="A fact or section of this file, as a path such as "
        "`governance.procurement.method` or `parties.vendors[0].remote_access` (or a JSON "
        "pointer such as `/governance/procurement`); a section covers every fact in it."
    ),
]


class Assumption(Model):
    """An analyst's modelling assumption, linked to the facts it underpins: findings decided
    on those facts rest on an assumption (docs/evidence.md)."""

    text: Text
    """The assumption, in words."""
    underpins: list[FactPath] = []
    """The facts (or sections) stated in this file only because of this assumption."""


class Provenance(Model):
    """Which statements are reported facts and which are illustrative assumptions."""

    sources: list[Source] = []
    """Public reporting behind the facts in this file."""
    derived_from: Derivation | None = None
    """For a variant written by `govcheck whatif --save-as` or the TUI's scenario pane:
    the project it derives from and what changed."""
    assumptions: list[Text | Assumption] = []
    """Statements made for illustration, not established by public sources: a text, or an
    `Assumption` with `underpins` naming the facts that rest on it."""


class Evidence(Model):
    """A document backing facts in this file: named by `supports`, or by `evidence: [id]`
    on the section it backs. Either a `url` (recorded, never fetched) or a `path` (checked
    to exist and, with `sha256`, to be unchanged)."""

    id: ProjectId
    """Identifier used to refer to this document."""
    title: Name
    """What the document is."""
    issuer: Name | None = None
    """Who issued or published it."""
    issued_on: PartialDate | None = None
    """When it was issued: YYYY, YYYY-MM or YYYY-MM-DD."""
    path: Annotated[str, StringConstraints(min_length=1, max_length=1000)] | None = None
    """File path, relative to the project file."""
    url: Url | None = None
    """Where the document is published."""
    sha256: Sha256 | None = None
    """SHA-256 of the document, so that a reviewer can tell it has not changed."""
    supports: list[FactPath] = []
    """The facts (or sections) of this file the document backs."""


class Project(Model):
    """A digital-infrastructure project proposal."""

    format_version: Literal[1]
    """Version of this file format; currently 1."""
    id: ProjectId
    """Stable identifier of the project."""
    title: Name
    """Short title."""
    country: CountryCode
    """Host country (ISO 3166-1 alpha-2); for a project spanning several, the lead one."""
    countries: list[CountryCode] = []
    """Every host country of a project that spans several (e.g. [KZ, KG, TJ, UZ]); each
    host-country profile checks the project's part in its country."""
    region: Name | None = None
    """City or region."""
    sector: Sector
    """Main sector."""
    other_sectors: list[Sector] = []
    """Further sectors the project touches, e.g. a data centre inside a safe city."""
    status: ProjectStatus
    """Where the project stands."""
    summary: Text | None = None
    """A few sentences on what the project does."""
    announced: PartialDate | None = None
    """When it was announced or signed: YYYY, YYYY-MM or YYYY-MM-DD."""
    in_service_on: date | None = None
    """When the system was, or is planned to be, put into service (placed on the market),
    a date such as 2019-03-15. Decides which transitional rules reach it: obligations of a
    proposal apply as of this date, those of an operating system as of the check's date."""
    substantially_modified_on: date | None = None
    """When an operating system was, or will be, substantially modified (new functions,
    a new purpose), a date such as 2027-06-01. Rules that reach only systems put into
    service after a date also reach an older system modified after it."""
    provenance: Provenance | None = None
    """Where the facts come from."""
    parties: Parties
    """Sponsor, operator, financiers, vendors."""
    components: list[Component] = []
    """What is built or supplied."""
    data_processing: DataProcessing | None = None
    """Personal data."""
    ai_systems: list[AISystem] = []
    """AI systems."""
    cybersecurity: Cybersecurity | None = None
    """Security measures."""
    connectivity: Connectivity | None = None
    """Open access, neutrality and host-law duties of a network carrying others' traffic."""
    governance: Governance | None = None
    """Transparency and governance."""
    human_rights: HumanRights | None = None
    """Human-rights due diligence."""
    sustainability: Sustainability | None = None
    """Environment."""
    delivery: Delivery | None = None
    """Acceptance and handover."""
    evidence: list[Evidence] = []
    """Documents backing the claims."""
    tags: list[Name] = []
    """Free labels for filtering."""
    url: Url | None = None
    """The project's public page."""


__all__ = ["FORMAT_VERSION", "Assumption", "Evidence", "Project"]

"""What personal data the project processes, why, where, and under which safeguards.

Owns the data-processing section: categories (including special categories
and biometric data), data subjects, scale, purposes and their legal regime,
legal basis, retention, storage and transfers, third-party access, DPIA, DPO,
police use, breach handling and data-subject rights.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from checker.datamodel import Assessment, CountryCode, Fact, Model, Name, Text, Url

DataCategory = Literal[
    "identity",
    "contact",
    "location",
    "images",
    "video",
    "audio",
    "biometric",
    "health",
    "genetic",
    "racial_or_ethnic_origin",
    "political_opinions",
    "religious_beliefs",
    "criminal_offences",
    "vehicle",
    "communications_metadata",
    "communications_content",
    "financial",
    "online_identifiers",
    "children",
    "other",
]

DataSubject = Literal[
    "residents",
    "citizens",
    "drivers",
    "pedestrians",
    "passengers",
    "customers",
    "subscribers",
    "employees",
    "students",
    "children",
    "suspects",
    "visitors",
    "public_officials",
    "other",
]

LawfulBasis = Literal[
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
    "none_stated",
]

SpecialCategoryCondition = Literal[
    "explicit_consent",
    "employment_social_security",
    "vital_interests",
    "manifestly_made_public",
    "legal_claims",
    "substantial_public_interest",
    "health_care",
    "public_health",
    "archiving_research",
    "authorised_by_law_enforcement_law",
    "none_stated",
]

Regime = Literal["general", "law_enforcement", "national_security"]

TransferSafeguard = Literal[
    "adequacy",
    "standard_contractual_clauses",
    "binding_corporate_rules",
    "intergovernmental_agreement",
    "certification_or_code",
    "explicit_consent",
    "derogation",
    "none",
    "unknown",
]


class Scale(Model):
    """How much, and how systematically, the project processes."""

    estimated_subjects: int | None = Field(default=None, ge=0)
    """Rough number of people whose data is processed."""
    large_scale: Fact | None = None
    """Processing is large-scale (many people, wide area, long duration)."""
    systematic_monitoring: Fact | None = None
    """People are regularly and systematically monitored."""
    publicly_accessible_areas: Fact | None = None
    """Cameras or sensors cover streets, squares, transport or other public places."""


class Purpose(Model):
    """One purpose of processing and the legal regime it falls under."""

    name: Name
    """What the processing is for, e.g. traffic-offence detection."""
    regime: Regime
    """`law_enforcement` for police and criminal-justice purposes (LED-type rules)."""


class LegalBasis(Model):
    """Why processing is lawful."""

    basis: LawfulBasis
    """The lawful basis relied upon."""
    reference: Text | None = None
    """The statute or act that lays down the task or obligation, with its article."""
    special_category_condition: SpecialCategoryCondition | None = None
    """The exception relied on for biometric or other special-category data."""
    contract_includes_consent: Fact | None = None
    """For `basis: contract`: the contract carries the subject's consent to the processing
    for stated purposes (a consent clause, or an accepted public offer stating them)."""


class Retention(Model):
    """How long identifying data is kept."""

    days: int | None = Field(default=None, ge=0, le=1_000_000)
    """Maximum retention in days; omit only if truly unknown."""
    justification: Text | None = None
    """Why this period is necessary."""
    automatic_deletion: Fact | None = None
    """Data is deleted automatically when the period ends."""


class Transfer(Model):
    """Personal data leaving the country where it is collected."""

    destination: CountryCode
    """Country receiving the data."""
    recipient: Name | None = None
    """Who receives it."""
    safeguard: TransferSafeguard
    """Legal mechanism that protects the data abroad."""
    transfer_impact_assessment: Fact | None = None
    """The recipient country's laws on access to data have been assessed."""


AccessKind = Literal[
    "remote_maintenance",
    "data_mirroring",
    "cloud_hosting",
    "foreign_authority_request",
    "analytics_service",
    "other",
]


class ThirdPartyAccess(Model):
    """Access to the system or its data by a vendor or a foreign authority."""

    party: Name
    """Who can access."""
    country: CountryCode
    """Where that party is established."""
    kind: AccessKind
    """How the access happens."""
    controlled: Fact | None = None
    """Access is authorised case by case, logged and can be cut off."""
    from_abroad: Fact | None = None
    """The party reaches the data from a country where they are not stored: a transfer
    (EDPB Guidelines 05/2021). When not stated, govcheck reads it from `country` and
    `data_processing.storage_countries` (and leaves it not shown if those are not stated)."""
    transfer_safeguard: TransferSafeguard | None = None
    """For access from abroad: the transfer mechanism that covers it (as for `transfers`)."""
    transfer_impact_assessment: Fact | None = None
    """For access from abroad under contractual or similar safeguards: the accessing
    party's country's laws on access to data have been assessed."""
    notes: Text | None = None
    """Details."""


class AutomatedDecision(Model):
    """A decision about a person taken by automated means, e.g. a traffic fine issued
    from a camera's detection."""

    decision: Name
    """What is decided, e.g. a speeding fine."""
    legal_effect: Fact
    """It produces legal effects for the person or affects them similarly significantly."""
    solely_automated: Fact
    """No person meaningfully reviews the decision before it takes effect."""
    authorised_by: Text | None = None
    """The statute that authorises the automated decision, with its safeguards and article."""
    human_intervention: Fact | None = None
    """The person can obtain human review, give their view and contest the decision."""


class Dpo(Model):
    """The data protection officer."""

    appointed: Fact
    """A DPO (or the host-law equivalent) is designated."""
    contact: Text | None = None
    """Published contact."""


class PoliceUse(Model):
    """Use of the system or its data by police or other law-enforcement bodies."""

    enabled: Fact
    """Police access or operate the system."""
    authorities: list[Name] = []
    """Which bodies."""
    legal_basis_reference: Text | None = None
    """The statute that authorises the police processing."""
    access_logging: Fact | None = None
    """Every consultation, disclosure and erasure is logged."""
    strict_necessity_assessed: Fact | None = None
    """Biometric use has been shown strictly necessary, with safeguards."""


class BreachNotification(Model):
    """What happens when personal data is breached."""

    procedure: Fact | None = None
    """A documented breach-response procedure exists."""
    authority_hours: int | None = Field(default=None, ge=0, le=100_000)
    """Hours within which the data-protection authority is notified."""
    notify_data_subjects: Fact | None = None
    """People are told when a breach puts them at high risk."""


class DataSubjectRights(Model):
    """How people can use their rights over their data."""

    procedure: Fact | None = None
    """A procedure for access, rectification, erasure and objection exists."""
    response_days: int | None = Field(default=None, ge=0, le=3650)
    """Days within which requests are answered."""
    public_notice: Fact | None = None
    """People are informed, e.g. signs at camera locations and a public privacy notice."""


class DataProcessing(Model):
    """Personal data in the project."""

    personal_data: Fact
    """Whether the project processes personal data at all."""
    controller: Name | None = None
    """Who decides why and how data is processed."""
    categories: list[DataCategory] = []
    """Kinds of data processed, including special categories and biometric data."""
    data_subjects: list[DataSubject] = []
    """Whose data it is."""
    scale: Scale | None = None
    """How much and how systematically."""
    purposes: list[Purpose] = []
    """What the processing is for, each with its legal regime."""
    legal_basis: LegalBasis | None = None
    """Why processing is lawful."""
    retention: Retention | None = None
    """How long data is kept."""
    storage_countries: list[CountryCode] = []
    """Countries where the data is stored (primary copy first)."""
    primary_storage_country: CountryCode | None = None
    """Country holding the primary database, for localisation rules."""
    transfers: list[Transfer] = []
    """Cross-border transfers of personal data."""
    third_party_access: list[ThirdPartyAccess] = []
    """Access by vendors or foreign authorities."""
    foreign_orders_only_by_treaty: Fact | None = None
    """Orders of foreign courts or authorities to hand over the data are met only through an
    international agreement such as a mutual legal assistance treaty (GDPR Art. 48)."""
    automated_decisions: list[AutomatedDecision] = []
    """Decisions about people taken by automated means (fines, refusals); [] states none."""
    dpia: Assessment | None = None
    """Data protection impact assessment."""
    prior_consultation: Fact | None = None
    """The data-protection authority was consulted before processing (high residual risk)."""
    dpo: Dpo | None = None
    """Data protection officer."""
    records_of_processing: Fact | None = None
    """Records of processing activities are kept."""
    privacy_by_design: list[Text] = []
    """Built-in protections, e.g. face blurring by default, pseudonymisation, tiered access."""
    police_use: PoliceUse | None = None
    """Use by police."""
    breach_notification: BreachNotification | None = None
    """Breach handling."""
    data_subject_rights: DataSubjectRights | None = None
    """Rights of the people concerned."""
    database_registration: Fact | None = None
    """The database is entered in the host country's register of personal-data databases."""
    authority_notified: Fact | None = None
    """The host data-protection authority has been notified or consulted."""
    privacy_notice_url: Url | None = None
    """Where the public privacy notice is published."""

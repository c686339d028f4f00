"""AI systems in the project: what they do, who deploys them, under what oversight.

Owns the description of each AI system (remote biometric identification in
real time or after the fact, emotion recognition, biometric categorisation,
scoring, predictive policing, traffic analytics...) and of the assessments
and safeguards around it.
"""

from __future__ import annotations

from typing import Literal

from checker.datamodel import Assessment, Fact, Model, Name, Text

AISystemType = Literal[
    "remote_biometric_identification",
    "biometric_verification",
    "biometric_categorisation",
    "emotion_recognition",
    "social_scoring",
    "crime_prediction",
    "licence_plate_recognition",
    "traffic_analytics",
    "video_analytics",
    "network_analytics",
    "chatbot",
    "decision_support",
    "other",
]

ReferenceSource = Literal[
    "watchlist",
    "national_id_register",
    "passport_or_visa_register",
    "criminal_records",
    "cctv_footage",
    "internet_scraping",
    "other",
]

Authorisation = Literal["judicial", "independent_administrative", "internal", "none"]

PermittedObjective = Literal[
    "targeted_victim_search",
    "imminent_threat_to_life",
    "terrorist_threat",
    "serious_crime_suspect",
]


class ReferenceDatabase(Model):
    """The database faces (or other biometrics) are compared against."""

    source: ReferenceSource
    """Where the reference images come from."""
    untargeted_scraping: Fact | None = None
    """Built or expanded by scraping faces from the internet or CCTV without targeting."""
    description: Text | None = None
    """Size, governance, who can add entries."""


class HumanOversight(Model):
    """How people stay in control of the system's outputs."""

    in_place: Fact
    """Trained people can interpret, disregard, override or stop the system."""
    two_person_verification: Fact | None = None
    """An identification is acted on only after two competent people confirm it."""
    description: Text | None = None
    """How oversight works in practice."""


class AISystem(Model):
    """One AI system used by the project."""

    name: Name
    """What the system is called."""
    type: AISystemType
    """What the system does."""
    rbi_mode: Literal["real_time", "post"] | None = None
    """For remote biometric identification: live matching, or after the fact."""
    provider: Name | None = None
    """Who develops or supplies it."""
    deployer: Name | None = None
    """Who uses it under its authority."""
    purpose: Text | None = None
    """What it is used for."""
    law_enforcement: Fact | None = None
    """Used by or on behalf of law-enforcement authorities."""
    publicly_accessible_spaces: Fact | None = None
    """Applied to people in streets, squares, stations or other public places."""
    permitted_objectives: list[PermittedObjective] = []
    """Narrow objectives the use is limited to (targeted searches, imminent threats...)."""
    prior_authorisation: Authorisation | None = None
    """Who authorises each use before it happens."""
    reference_database: ReferenceDatabase | None = None
    """For identification: what faces are matched against."""
    sensitive_attributes_inferred: Fact | None = None
    """Infers race, political opinions, religion, sexual orientation or similar traits."""
    workplace_or_education: Fact | None = None
    """Used on employees at work or on students in education."""
    human_oversight: HumanOversight | None = None
    """Human oversight."""
    risk_management: Fact | None = None
    """A documented risk-management system covers the system's lifecycle."""
    accuracy_tested: Fact | None = None
    """Accuracy and error rates are tested, including across demographic groups."""
    logging: Fact | None = None
    """Automatic logs of use are kept for at least six months."""
    fundamental_rights_impact_assessment: Assessment | None = None
    """Fundamental-rights impact assessment before first use."""
    registered: Fact | None = None
    """Entered in a public or national register of high-risk AI systems."""
    people_informed: Fact | None = None
    """People exposed to the system are informed of it."""

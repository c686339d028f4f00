"""Cybersecurity of the project: risk management, incidents, supply chain, continuity.

Owns the description of security measures as a reviewer would ask about them:
the risk-management measures of a NIS2-style regime, incident reporting
deadlines, encryption, access control, vulnerability handling, supplier and
high-risk-supplier assessment, certifications and business continuity.
"""

from __future__ import annotations

from pydantic import Field

from checker.datamodel import Assessment, Fact, Model, Name, Text


class IncidentResponse(Model):
    """Handling and reporting of security incidents."""

    plan: Fact
    """A documented incident-handling plan exists."""
    csirt: Name | None = None
    """The CSIRT or authority incidents are reported to."""
    early_warning_hours: int | None = Field(default=None, ge=0, le=100_000)
    """Hours within which a first warning of a significant incident is sent."""
    notification_hours: int | None = Field(default=None, ge=0, le=100_000)
    """Hours within which a full incident notification is sent."""
    final_report_days: int | None = Field(default=None, ge=0, le=10_000)
    """Days after the notification within which a final report is sent."""
    inform_service_recipients: Fact | None = None
    """Users of the service are told about incidents that affect them."""


class Encryption(Model):
    """Protection of data by cryptography."""

    at_rest: Fact | None = None
    """Stored data is encrypted."""
    in_transit: Fact | None = None
    """Data is encrypted in transit."""
    policy: Fact | None = None
    """A documented cryptography and key-management policy exists."""


class AccessControl(Model):
    """Who can reach what."""

    policy: Fact | None = None
    """A documented access-control policy exists."""
    multi_factor: Fact | None = None
    """Multi-factor authentication for administrators and remote access."""
    role_based: Fact | None = None
    """Access is granted by role, on a need-to-know basis."""
    logging: Fact | None = None
    """Access is logged and logs are reviewed."""


class VulnerabilityHandling(Model):
    """Finding and fixing weaknesses."""

    process: Fact | None = None
    """A vulnerability-management and patching process exists."""
    coordinated_disclosure: Fact | None = None
    """Outsiders can report vulnerabilities through a published channel."""
    penetration_testing: Fact | None = None
    """Independent penetration tests are carried out."""
    patch_days: int | None = Field(default=None, ge=0, le=3650)
    """Target days to patch critical vulnerabilities."""


class SupplyChain(Model):
    """Security of suppliers and the products they deliver."""

    assessment: Assessment | None = None
    """Security assessment of direct suppliers and service providers."""
    high_risk_supplier_assessment: Assessment | None = None
    """Assessment of suppliers' risk profiles, including non-technical factors."""
    high_risk_suppliers_excluded_from_critical: Fact | None = None
    """High-risk suppliers are kept out of core and other critical functions."""
    multi_vendor: Fact | None = None
    """No single vendor supplies a whole network layer."""


class BusinessContinuity(Model):
    """Keeping the service running and recovering from disruption."""

    plan: Fact | None = None
    """A business-continuity and crisis-management plan exists."""
    backups: Fact | None = None
    """Backups are made and kept separately."""
    disaster_recovery: Fact | None = None
    """A disaster-recovery site or procedure exists."""
    tested: Fact | None = None
    """Continuity and recovery are tested regularly."""


class ManagementAccountability(Model):
    """The management body's responsibility for security."""

    approved_measures: Fact | None = None
    """The management body approved the security measures."""
    approved_by: Name | None = None
    """Which body approved them."""
    training: Fact | None = None
    """Management-body members follow cybersecurity training."""


class Cybersecurity(Model):
    """Security measures of the project."""

    risk_assessment: Assessment | None = None
    """All-hazards risk analysis of the information systems."""
    security_policy: Fact | None = None
    """A documented information-security policy exists."""
    incident_response: IncidentResponse | None = None
    """Incident handling and reporting."""
    encryption: Encryption | None = None
    """Cryptography."""
    access_control: AccessControl | None = None
    """Access control."""
    asset_management: Fact | None = None
    """An inventory of assets is kept."""
    vulnerability_handling: VulnerabilityHandling | None = None
    """Vulnerability handling."""
    secure_development: Fact | None = None
    """Security in acquisition, development and maintenance of systems."""
    effectiveness_review: Fact | None = None
    """The effectiveness of measures is assessed regularly (audits, tests, metrics)."""
    staff_training: Fact | None = None
    """Staff receive cyber-hygiene and security training."""
    secure_communications: Fact | None = None
    """Secured voice, video, text and emergency communications where appropriate."""
    supply_chain: SupplyChain | None = None
    """Supplier security."""
    certifications: list[Name] = []
    """Certifications held, e.g. ISO/IEC 27001."""
    eu_scheme_certification: Fact | None = None
    """The ICT products or services that carry the system's risk are certified under a
    European cybersecurity certification scheme of Regulation (EU) 2019/881 (e.g. EUCC,
    Implementing Regulation (EU) 2024/482) or an equivalent Common Criteria evaluation."""
    business_continuity: BusinessContinuity | None = None
    """Continuity and recovery."""
    management: ManagementAccountability | None = None
    """Management accountability."""
    critical_infrastructure: Fact | None = None
    """Designated as critical (information) infrastructure under host law."""
    regulator_connected: Fact | None = None
    """Connected to the host cybersecurity authority's monitoring system, where required."""
    notes: Text | None = None
    """Anything else."""

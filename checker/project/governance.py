"""Transparency and governance, human rights, sustainability, delivery.

Owns how the project is procured, disclosed, consulted on, overseen and
audited; its human-rights due diligence and export-control screening; its
environmental footprint; and its technical acceptance.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from checker.datamodel import (
    Assessment,
    CountryCode,
    Fact,
    Link,
    Model,
    Name,
    PartialDate,
    Percent,
    Text,
    Url,
)

ProcurementMethod = Literal[
    "open_tender",
    "restricted_tender",
    "competitive_dialogue",
    "negotiated_with_publication",
    "negotiated_without_publication",
    "direct_award",
    "single_source",
    "in_kind_donation",
    "unknown",
]


DirectAwardGround = Literal[
    "no_suitable_tenders",
    "single_operator_technical_or_exclusive_rights",
    "extreme_urgency",
    "additional_deliveries_by_original_supplier",
    "repetition_of_similar_services",
    "crisis_situation",
    "low_value",
    "other",
    "none_stated",
    "unknown",
]


class Procurement(Model):
    """How suppliers were chosen."""

    method: ProcurementMethod
    """Procurement procedure used."""
    international: Fact | None = None
    """Open to bidders from any country."""
    notice: Link | None = None
    """Published contract notice."""
    award_notice: Link | None = None
    """Published contract-award notice."""
    bidders: int | None = Field(default=None, ge=0)
    """Number of bids received."""
    justification: Text | None = None
    """Why a non-competitive procedure was used, in words (for the reviewer)."""
    direct_award_ground: DirectAwardGround | None = None
    """Which of the listed exceptions a non-competitive award relies on (cf. Directive
    2014/24/EU Art. 32, the Financial Regulation's Annex I and PRAG): no suitable tenders
    in an earlier competitive procedure; a single operator for technical reasons or
    exclusive rights; extreme urgency the buyer did not cause; additional deliveries by
    the original supplier; repetition of similar services; a declared crisis situation
    (EU external action); a low-value contract. `other` is not one of them."""
    complaints_mechanism: Fact | None = None
    """Bidders can challenge decisions before an independent body."""
    integrity_covenant: Fact | None = None
    """Bidders signed an anti-corruption / integrity undertaking."""
    follow_on_tendered: Fact | None = None
    """After an in-kind supply, maintenance, upgrades and extensions are awarded by
    competitive procedure, not to the donor's supplier by default."""
    payment_per_fine: Fact | None = None
    """The contractor or operator is paid per fine issued or collected."""


class Disclosure(Model):
    """What the public can read about the deal."""

    contract: Link | None = None
    """The main contract."""
    loan_terms: Link | None = None
    """The financing terms."""
    debt_reported: Fact | None = None
    """The debt appears in the host country's public-debt statistics or register."""
    ratified: Fact | None = None
    """The financing agreement was ratified by the host parliament (its existence and
    headline terms are then public even where the text is not)."""
    budget: Link | None = None
    """Project budget."""


class BeneficialOwnership(Model):
    """Who ultimately owns the contractors and special-purpose vehicles."""

    disclosed: Fact
    """Beneficial owners of all contractors and SPVs are disclosed."""
    url: Url | None = None
    """Where."""


class Consultation(Model):
    """Public and stakeholder consultation."""

    held: Fact
    """Consultation took place before the decision."""
    held_on: date | None = None
    """When."""
    groups: list[Name] = []
    """Who was consulted (civil society, residents, affected groups)."""
    url: Url | None = None
    """Record of the consultation."""


class Oversight(Model):
    """An independent body watching over the system's use."""

    body: Name
    """Name of the body."""
    independent: Fact
    """Independent of the operator and of the government bodies using the system."""
    powers: Text | None = None
    """What it can do: inspect, order, sanction, report."""


class GrievanceMechanism(Model):
    """How affected people can complain and get a remedy."""

    exists: Fact
    """A grievance mechanism exists."""
    independent: Fact | None = None
    """Run independently of the operator."""
    url: Url | None = None
    """How to use it."""


class Audit(Model):
    """Independent audit of the project or system."""

    independent: Fact
    """Audited by an independent auditor."""
    auditor: Name | None = None
    """Who."""
    published: Fact | None = None
    """Audit reports are public."""


DebtFramework = Literal["lic_dsf", "mac_sraf", "none", "unknown"]
DebtRisk = Literal["low", "moderate", "high", "in_debt_distress", "unknown"]


class DebtSustainability(Model):
    """The borrowing country's debt sustainability, as the IMF and World Bank rate it."""

    framework: DebtFramework
    """`lic_dsf`: the IMF-World Bank Debt Sustainability Framework for Low-Income
    Countries; `mac_sraf`: the IMF framework for market-access countries."""
    risk_rating: DebtRisk | None = None
    """Risk of external debt distress in the latest assessment (LIC DSF ratings)."""
    assessed_on: PartialDate | None = None
    """Date of that assessment: YYYY, YYYY-MM or YYYY-MM-DD."""
    url: Url | None = None
    """The published assessment."""
    lender_assessment: Fact | None = None
    """The lender assessed the new debt against that analysis before committing
    (G20 Operational Guidelines for Sustainable Financing)."""


class Governance(Model):
    """Transparency and governance."""

    procurement: Procurement | None = None
    """Procurement."""
    disclosure: Disclosure | None = None
    """Public disclosure of contract, terms and budget."""
    beneficial_ownership: BeneficialOwnership | None = None
    """Ownership transparency."""
    public_consultation: Consultation | None = None
    """Consultation."""
    independent_oversight: Oversight | None = None
    """Oversight body."""
    grievance_mechanism: GrievanceMechanism | None = None
    """Complaints and remedy."""
    audit: Audit | None = None
    """Audit."""
    debt_sustainability: DebtSustainability | None = None
    """Debt sustainability of the borrowing country, where the state borrows or guarantees."""


class ExportControl(Model):
    """Dual-use and cyber-surveillance export screening."""

    screened: Fact
    """Items were screened against dual-use and cyber-surveillance export rules."""
    cyber_surveillance_items: Fact | None = None
    """Items are designed for covert surveillance of people through ICT systems."""
    exporter_countries: list[CountryCode] = []
    """Countries the items are exported from."""
    licence: Text | None = None
    """Licence or authority decision, if any."""
    annex_i_classified: Fact | None = None
    """Each item was classified against Annex I of Regulation (EU) 2021/821 (e.g.
    5A001.f, 5A001.j, 4A005, 4D004, Category 5 Part 2)."""
    listed_items: Fact | None = None
    """Some items are listed in Annex I (dual-use items needing an export authorisation)."""
    control_entries: list[Name] = []
    """The Annex I entries that apply, e.g. [5A001.j, 5A002]; empty when none applies."""
    military_end_use: Fact | None = None
    """The exporter knows, or was told, that items are or may be intended for weapons of
    mass destruction or a military end use (Art. 4 of Regulation (EU) 2021/821)."""
    eu_services: Fact | None = None
    """A person in the Union brokers the supply or gives technical assistance for it
    (installation, training, maintenance): Arts 6 and 8 of Regulation (EU) 2021/821."""
    services_screened: Fact | None = None
    """Those brokering and technical-assistance services were screened and, where the
    competent authority requires it, authorised."""
    end_use_due_diligence: Fact | None = None
    """End-use and end-user due diligence on the surveillance items, whoever exports
    them: who will use them, for what, and the human-rights record of that user."""


class SurveillanceLegality(Model):
    """What makes surveillance lawful under the European Convention on Human Rights."""

    foreseeable_law: Fact | None = None
    """A published law says who may be watched, for which offences, for how long, and
    how the data are kept, used and destroyed."""
    independent_authorisation: Fact | None = None
    """Each use (a watch list, an interception, a search) is authorised beforehand by a
    judge or another independent body."""
    necessity_test: Fact | None = None
    """Each use must be necessary and proportionate to its aim, and is recorded with
    its justification."""
    notification_and_remedy: Fact | None = None
    """People surveilled are told once it no longer endangers the purpose, and can
    challenge the use before an independent body."""


class HumanRights(Model):
    """Human-rights due diligence."""

    impact_assessment: Assessment | None = None
    """Human-rights impact assessment."""
    due_diligence: Fact | None = None
    """Ongoing due diligence: identify, prevent, mitigate, track, communicate."""
    affected_groups: list[Name] = []
    """Groups at particular risk, e.g. journalists, minorities, protesters."""
    export_control: ExportControl | None = None
    """Export-control screening."""
    safeguards: list[Text] = []
    """Specific safeguards against misuse."""
    financier_assessment: Fact | None = None
    """The financier assessed the human-rights risks itself before approving its support
    (its own due diligence, not only the sponsor's)."""
    surveillance_legality: SurveillanceLegality | None = None
    """Legal safeguards of a surveillance capability."""


class Sustainability(Model):
    """Environmental footprint."""

    environmental_impact_assessment: Assessment | None = None
    """Environmental impact assessment (host approval or international standard)."""
    host_permit: Fact | None = None
    """Host-country environmental permit obtained."""
    it_power_kw: float | None = Field(default=None, ge=0)
    """Installed IT power demand of a data centre, in kW."""
    pue: float | None = Field(default=None, ge=1, le=10)
    """Power usage effectiveness (total facility energy / IT energy)."""
    renewable_share_pct: Percent | None = None
    """Share of energy from renewable sources."""
    wue_l_per_kwh: float | None = Field(default=None, ge=0, le=100)
    """Water usage effectiveness, litres per kWh of IT energy."""
    waste_heat_reuse: Fact | None = None
    """Waste heat is reused, or shown not to be feasible."""
    energy_reporting: Link | None = None
    """Published energy, water and efficiency figures."""
    code_of_conduct: Fact | None = None
    """Participates in the European Code of Conduct on Data Centre Energy Efficiency."""
    refrigerant_gwp: float | None = Field(default=None, ge=0, le=100_000)
    """Highest global-warming potential of the refrigerants in the cooling system."""
    code_of_conduct_verified: Fact | None = None
    """The Code of Conduct's expected practices are implemented, verified by an
    independent third party and audited at least every three years."""
    rating_scheme_reported: Fact | None = None
    """The full set of indicators of the Union rating scheme for data centres
    (Delegated Regulation (EU) 2024/1364) is reported or published."""
    e_waste_plan: Fact | None = None
    """Equipment is collected and recycled at end of life."""


class Delivery(Model):
    """Handing the system over."""

    technical_acceptance: Fact | None = None
    """The borrower or owner signed a technical acceptance certificate."""
    accepted_on: date | None = None
    """When."""
    warranty_years: float | None = Field(default=None, ge=0, le=50)
    """Warranty period."""
    local_permits: Fact | None = None
    """Host-country construction, frequency or operating permits obtained."""
    training_and_transfer: Fact | None = None
    """Local staff are trained to operate and maintain the system."""
    notes: Text | None = None
    """Anything else."""

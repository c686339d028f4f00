"""Who is involved: sponsor, beneficiary, operator, financiers, vendors.

Owns the description of parties and the money and terms they bring. Refuses
judgement: a confidentiality clause is recorded here as a fact; whether it
matters is for a rule to say.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic.config import JsonDict

from checker.datamodel import (
    CountryCode,
    CurrencyCode,
    Fact,
    Model,
    Name,
    PartialDate,
    Percent,
    Text,
    Url,
)
from checker.project.screening import Screening

_DERIVED: JsonDict = {"readOnly": True}
"""Computed by govcheck (checker/screening/); a file that writes it gets an input problem."""

PartyType = Literal[
    "ministry",
    "public_authority",
    "municipality",
    "law_enforcement",
    "security_service",
    "state_owned_enterprise",
    "private_company",
    "public_private_partnership",
    "development_finance_institution",
    "policy_bank",
    "export_credit_agency",
    "commercial_bank",
    "foreign_government",
    "international_organisation",
    "civil_society",
    "other",
]


class Party(Model):
    """An organisation taking part in the project."""

    name: Name
    """Legal or common name."""
    type: PartyType
    """What kind of organisation it is; public bodies and police matter to several rules."""
    country: CountryCode | None = None
    """Country where it is established or headquartered."""
    notes: Text | None = None
    """Anything else a reviewer should know."""
    screening: Screening | None = Field(default=None, json_schema_extra=_DERIVED)
    """Derived by govcheck from its reference lists (docs/screening.md); never written."""


FinancingInstrument = Literal[
    "grant",
    "loan",
    "concessional_loan",
    "preferential_buyer_credit",
    "export_credit",
    "supplier_credit",
    "equity",
    "guarantee",
    "in_kind",
    "budget",
    "other",
]

PledgedRevenue = Literal["none", "fines", "user_fees", "tax_revenue", "commodity", "other"]
EuFunding = Literal["eu_budget", "eib", "member_state", "none"]

BorrowerType = Literal["state", "sub_national", "state_owned_enterprise", "private"]

Collateral = Literal[
    "none", "revenue_account", "escrow_account", "asset_pledge", "commodity", "other"
]


class FinancingTerms(Model):
    """The terms that come with the money, as far as they are known."""

    interest_rate_pct: Percent | None = None
    """Annual interest rate in percent."""
    maturity_years: float | None = Field(default=None, ge=0, le=100)
    """Years until the last repayment."""
    grace_years: float | None = Field(default=None, ge=0, le=100)
    """Years before the first repayment of principal."""
    borrower: Name | None = None
    """Who signs as borrower, e.g. the Ministry of Finance."""
    borrower_type: BorrowerType | None = None
    """Whose debt it is: the state, a region or city, a state-owned enterprise, or a company."""
    sovereign_guarantee: Fact | None = None
    """The state guarantees repayment."""
    repayment_source: Text | None = None
    """Where repayment comes from, e.g. traffic-fine revenues or the state budget."""
    pledged_revenue: PledgedRevenue | None = None
    """A revenue stream earmarked for repayment: `fines` when the system's own fines
    (traffic or other penalties) repay the debt; `none` when repayment is general."""
    collateral: Collateral | None = None
    """Security given to the lender."""
    lender_controlled_account: Fact | None = None
    """A revenue or escrow account that the lender controls or can seize on default."""
    confidentiality_clause: Fact | None = None
    """The borrower may not disclose the terms or existence of the debt."""
    tied_procurement: Fact | None = None
    """Goods, works or services must come from the lender's country."""
    tied_share_pct: Percent | None = None
    """Minimum share of goods that must come from the lender's country."""
    no_paris_club_clause: Fact | None = None
    """The debt is excluded from collective (Paris Club) restructuring."""
    cross_default_clause: Fact | None = None
    """Default on other debt triggers default on this one."""
    stabilisation_clause: Fact | None = None
    """Changes in the borrower's law trigger lender remedies."""
    policy_linked_cancellation: Fact | None = None
    """Cancellation or acceleration can follow the borrower's policy actions."""


class Financier(Model):
    """One source of finance."""

    name: Name
    """Lender, donor or investor."""
    type: PartyType
    """What kind of institution it is."""
    country: CountryCode | None = None
    """Country of the institution (omit for multilateral institutions)."""
    instrument: FinancingInstrument
    """How the money is given."""
    amount: float | None = Field(default=None, ge=0)
    """Amount committed, in `currency`."""
    currency: CurrencyCode | None = None
    """Currency of `amount`."""
    signed_on: PartialDate | None = None
    """When the agreement was signed: YYYY, YYYY-MM or YYYY-MM-DD."""
    terms: FinancingTerms | None = None
    """Loan or grant terms."""
    eu_funding: EuFunding | None = None
    """Whether the money is the Union's: `eu_budget` (a Commission grant, an EFSD+
    guarantee or blending under NDICI-Global Europe, governed by the Financial
    Regulation), `eib` (EIB own resources, governed by its Statute and standards),
    `member_state` (a Member State's agency), or `none`."""
    source_url: Url | None = None
    """Public record of the financing, if any."""
    screening: Screening | None = Field(default=None, json_schema_extra=_DERIVED)
    """Derived by govcheck from its reference lists (docs/screening.md); never written."""


VendorRole = Literal[
    "equipment_supplier",
    "system_integrator",
    "epc_contractor",
    "software_provider",
    "cloud_provider",
    "maintainer",
    "operator",
    "processor",
    "consultant",
    "subcontractor",
    "other",
]

NetworkFunction = Literal[
    "core", "radio_access", "transport", "management_orchestration", "oss_bss", "none"
]
DataAccess = Literal["none", "metadata", "personal_data", "full"]
RiskProfile = Literal["low", "medium", "high", "not_assessed"]


class Listing(Model):
    """A listing the project states, with where it comes from."""

    list: Literal[
        "eu-fsf",
        "un",
        "ofac-sdn",
        "ofac-ns-cmic",
        "entity-list",
        "eu-5g-high-risk",
        "wb-debarred",
        "adb-sanctions",
        "ebrd-ineligible",
        "other",
    ]
    """Which list: the EU financial sanctions list, the UN consolidated list, OFAC SDN,
    OFAC's Chinese Military-Industrial Complex list, the US Entity List, the
    Commission's 2023 5G high-risk position, World Bank, ADB or EBRD debarment, or
    another."""
    regime: Text
    """The regime or programme, e.g. `Venezuela (E.O. 13692)`."""
    listed_on: PartialDate | None = None
    """When the listing was made."""
    source_url: Url | None = None
    """Public record of the listing."""


class Owner(Model):
    """A person or company holding shares in a vendor, or controlling it."""

    name: Name
    """The owner's name, as a sanctions list would write it: govcheck screens it."""
    share_pct: Percent | None = None
    """Its share of the vendor's capital or voting rights, directly or indirectly, in per
    cent; not stated when not known (a listed owner with an unknown share is a question)."""
    controls: Fact | None = None
    """It controls the vendor otherwise than by its shares (appoints the management, holds
    a veto, directs it by agreement), or, `false`, it is known not to."""


class Vendor(Model):
    """A company supplying, building, running or maintaining part of the system."""

    name: Name
    """Company name."""
    country: CountryCode
    """Country of headquarters: foreign-access laws follow it."""
    role: VendorRole
    """What the vendor does in the project."""
    scope: Text | None = None
    """What exactly it supplies or does."""
    network_functions: list[NetworkFunction] = []
    """For networks: which functions its equipment or software performs."""
    share_pct: Percent | None = None
    """Share of the network or system supplied by this vendor."""
    remote_access: Fact | None = None
    """Has remote access for maintenance or support."""
    data_access: DataAccess | None = None
    """What data the vendor can reach in operation."""
    processor_agreement: Fact | None = None
    """A written data-processing agreement (instructions, confidentiality, deletion) is signed."""
    risk_profile: RiskProfile | None = None
    """Outcome of a supplier risk assessment (technical and non-technical factors)."""
    subject_to_foreign_access_law: Fact | None = None
    """Its home law can compel it to hand over data or cooperate with intelligence services."""
    support_period_years: float | None = Field(default=None, ge=0, le=50)
    """Years of security updates promised for its products."""
    sbom: Fact | None = None
    """Delivers a machine-readable software bill of materials."""
    security_attestation: Text | None = None
    """Product security attestation, e.g. conformity with Cyber Resilience Act requirements."""
    sanctions_listed: Fact | None = None
    """The project's claim that the vendor is on a sanctions list (EU, UN or the US
    OFAC SDN list); export-control lists such as the US Entity List are not sanctions.
    govcheck compares the claim with its reference lists (`screening.claim`)."""
    exclusion_checked: Fact | None = None
    """The contracting authority checked the vendor in the EU's exclusion database (EDES)
    and the development banks' debarment lists, and found it neither excluded nor
    debarred."""
    listings: list[Listing] = []
    """The listings the project knows of, each with its list, regime and date."""
    owners: list[Owner] = []
    """The vendor's owners and controllers, as far as known. Each is screened: a vendor
    owned or controlled by a listed person is treated as listed (EU, UN: more than 50 %
    or control; OFAC: 50 % or more in the aggregate). Not stated, the vendor's ownership
    is asked; an empty list states that no person or entity holds 50 % or more of it or
    controls it."""
    screening: Screening | None = Field(default=None, json_schema_extra=_DERIVED)
    """Derived by govcheck from its reference lists (docs/screening.md); never written."""


class Parties(Model):
    """Everyone with a stake in the project."""

    sponsor: Party
    """Who promotes the project (usually the contracting authority)."""
    beneficiary: Party | None = None
    """Who the project is for, if not the sponsor."""
    operator: Party | None = None
    """Who runs the system once it is built."""
    financiers: list[Financier] = []
    """Where the money comes from."""
    vendors: list[Vendor] = []
    """Suppliers, integrators, contractors and maintainers."""

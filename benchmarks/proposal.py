"""One synthetic proposal in govcheck's project format, from a seeded generator.

Owns the content of a generated project: which country, sector, lenders,
vendors, data, AI systems and safeguards it has, and how diligent its
sponsor was (a per-file `care` level decides how often a safeguard is
stated and met). The mix is chosen so that most rules see pass, fail and
not-applicable outcomes across a corpus. Refuses text layout (`yamltext.py`)
and defects (`corpus.py`).
"""

from __future__ import annotations

import random
from typing import Any

import safeguards
from vocabulary import (
    COUNTRIES,
    LENDERS,
    OPERATORS,
    SECTORS,
    SPONSORS,
    SUPPLIERS,
    TAGS,
    Country,
)
from yamltext import Commented, Flow, Folded, Plain, Remark

LOANS = ("loan", "concessional_loan", "preferential_buyer_credit", "export_credit")
STATUSES = (
    ("concept", 4),
    ("proposed", 14),
    ("appraisal", 10),
    ("approved", 10),
    ("contracted", 14),
    ("under_construction", 16),
    ("operational", 24),
    ("suspended", 3),
    ("completed", 5),
)
ASSESSMENT = ("completed", "in_progress", "not_started", "unknown")


class Writer:
    """Draws the facts of one proposal; `care` in [0, 1] is the sponsor's diligence."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.care = rng.choice((0.1, 0.35, 0.6, 0.85, 0.97))

    # -- small draws ---------------------------------------------------------
    def chance(self, p: float) -> bool:
        """True with probability p."""
        return self.rng.random() < p

    def good(self, bias: float = 0.0) -> bool:
        """Whether a safeguard is in place, given the sponsor's care."""
        return self.rng.random() < min(1.0, max(0.0, self.care + bias))

    def maybe_bool(self, bias: float = 0.0, omit: float = 0.15) -> bool | None:
        """A yes/no fact, sometimes left unstated."""
        return None if self.chance(omit) else self.good(bias)

    def date(self, first: int = 2016, last: int = 2025) -> Plain:
        """A YYYY-MM-DD date, unquoted as people type it."""
        y = self.rng.randint(first, last)
        return Plain(f"{y}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}")

    def assessment(self, bias: float = 0.0) -> dict[str, Any]:
        """An assessment entry, completed more often by careful sponsors."""
        status = "completed" if self.good(bias - 0.1) else self.rng.choice(ASSESSMENT[1:])
        entry: dict[str, Any] = Flow(status=status)
        if status == "completed" and self.chance(0.3):
            entry = {"status": status, "completed_on": self.date(2019)}
            if self.chance(0.6):
                entry["independent"] = self.good()
            if self.chance(0.4):
                entry["published"] = self.good(-0.2)
        return entry


def _pick_weighted(rng: random.Random, items: list[tuple[Any, int]]) -> Any:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _drop_none(value: dict[Any, Any]) -> dict[Any, Any]:
    kind = type(value)
    kept = {k: v for k, v in value.items() if v is not None}
    return kind(kept) if kind is not dict else kept


class Proposal:
    """Builds the mapping of one project file."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.w = Writer(rng, index)
        self.index = index
        self.rng = rng
        self.country: Country = _pick_weighted(rng, [(c, c.weight) for c in COUNTRIES])
        self.sector: str = _pick_weighted(rng, [(s, v[0]) for s, v in SECTORS.items()])
        self.city = rng.choice(self.country.cities)
        self.status: str = _pick_weighted(rng, list(STATUSES))
        self.vendors: list[dict[str, Any]] = []
        self.policing = self.sector in ("safe_city", "video_surveillance") or (
            self.sector == "smart_transport" and rng.random() < 0.5
        )

    def fill(self, text: str) -> str:
        """Put the host country and city into a template."""
        return text.format(country=self.country.name, city=self.city)

    # -- sections ------------------------------------------------------------
    def identity(self) -> dict[Any, Any]:
        """id, title, country, sector, status, summary."""
        noun = SECTORS[self.sector][1]
        slug = f"{self.country.code.lower()}-{self.sector.replace('_', '-')}-{self.index:06d}"
        others = [s for s in SECTORS if s != self.sector]
        doc: dict[Any, Any] = {
            "format_version": 1,
            "id": slug,
            "title": f"{self.city} {noun} (proposal {self.index})",
            "country": Commented(self.country.code, self.country.name)
            if self.w.chance(0.2)
            else self.country.code,
            "region": self.city,
            "sector": self.sector,
        }
        if self.w.chance(0.5):
            doc["other_sectors"] = self.rng.sample(others, self.rng.randint(1, 2))
        doc["status"] = self.status
        doc["announced"] = (
            Plain(f"{self.rng.randint(2014, 2025)}-{self.rng.randint(1, 12):02d}")
            if self.w.chance(0.5)
            else self.w.date(2014)
        )
        doc["summary"] = Folded(self._summary(noun))
        return doc

    def _summary(self, noun: str) -> str:
        parts = [
            f"{self.fill('{city}')} {noun} for {self.country.name}, proposal number {self.index}.",
            f"The sponsor plans to {self.rng.choice(('extend', 'build', 'upgrade', 'replace'))}",
            f"the {self.rng.choice(('municipal', 'national', 'regional'))} system in",
            f"{self.rng.randint(2, 5)} phases over {self.rng.randint(2, 8)} years, with",
            f"{self.rng.choice(('foreign', 'mixed', 'domestic'))} financing and equipment.",
            "Figures are illustrative and generated for benchmarking; they describe no real",
            "project, although the shape follows the sample proposals shipped with govcheck.",
        ]
        return " ".join(parts)

    def provenance(self) -> dict[str, Any]:
        """A source or two and the assumptions made."""
        sources: list[Any] = []
        for n in range(self.rng.randint(0, 2)):
            sources.append(
                Flow(
                    title=f"Press release {n + 1} on the {self.city} project",
                    url=f"https://example.org/{self.country.code.lower()}/{self.index}/{n}",
                    published_on=str(self.rng.randint(2015, 2025)),
                )
            )
        assumptions = [
            Folded(
                "Financing terms, vendor roles and data flows are generated for the "
                "benchmark corpus and stand for no real agreement."
            )
        ]
        return {"sources": sources, "assumptions": assumptions}

    def parties(self) -> dict[str, Any]:
        """Sponsor, operator, financiers and vendors."""
        pick = self.rng.choice(SPONSORS[:3] if not self.policing else SPONSORS)
        if self.policing and self.w.chance(0.4):
            pick = SPONSORS[0]
        sponsor = Flow(name=self.fill(pick[0]), type=pick[1], country=self.country.code)
        result: dict[str, Any] = {"sponsor": sponsor}
        if self.w.chance(0.7):
            name, kind = self.rng.choice(OPERATORS)
            result["operator"] = {
                "name": self.fill(name),
                "type": kind,
                "country": self.country.code,
            }
        # A few proposals name no lender or no vendor yet: the rules about them do not apply.
        result["financiers"] = [] if self.w.chance(0.06) else self.financiers()
        result["vendors"] = [] if self.w.chance(0.05) else self.vendor_list()
        return result

    def financiers(self) -> list[Any]:
        """One to three financiers with loan terms where they lend."""
        chosen = self.rng.sample(LENDERS, 1 if self.w.chance(0.7) else 2)
        out: list[Any] = []
        for lender in chosen:
            instrument = self.rng.choice(lender.instruments)
            entry: dict[str, Any] = {"name": lender.name, "type": lender.type}
            if lender.country:
                entry["country"] = lender.country
            entry["instrument"] = instrument
            entry["amount"] = self.rng.randint(2, 600) * 500_000
            entry["currency"] = lender.currency
            if self.w.chance(0.5):
                entry["signed_on"] = self.w.date(2015)
            terms = self.terms(lender.tied, instrument)
            if terms:
                entry["terms"] = terms
            out.append(entry)
        if self.w.chance(0.3):
            out.append(
                Flow(
                    name=f"Government of {self.country.name}",
                    type="ministry",
                    country=self.country.code,
                    instrument="budget",
                    amount=self.rng.randint(1, 40) * 250_000,
                    currency=self.country.currency,
                )
            )
        return out

    def terms(self, tied: bool, instrument: str) -> dict[str, Any]:
        """Loan terms; tied lenders bring the risky clauses more often."""
        w = self.w
        if instrument not in LOANS and instrument != "grant":
            return {}
        if instrument == "grant":
            return Flow(tied_procurement=w.chance(0.5 if tied else 0.1)) if w.chance(0.7) else {}
        risky = 0.55 if tied else 0.08
        terms: dict[str, Any] = {}
        if w.chance(0.7):
            terms["interest_rate_pct"] = round(self.rng.uniform(0.5, 6.5), 2)
            terms["maturity_years"] = self.rng.choice((10, 15, 20, 25))
            if w.chance(0.8):
                terms["grace_years"] = self.rng.choice((3, 5, 7))
        borrower_type = self.rng.choice(
            ("state", "state", "sub_national", "state_owned_enterprise", "private")
        )
        if w.chance(0.8):
            terms["borrower"] = (
                f"Ministry of Finance of {self.country.name}"
                if borrower_type == "state"
                else f"{self.city} city administration"
            )
            terms["borrower_type"] = borrower_type
        if borrower_type != "state" and w.chance(0.6):
            terms["sovereign_guarantee"] = w.good()
        if w.chance(0.6):
            terms["repayment_source"] = self.rng.choice(
                (
                    "state budget",
                    "traffic-fine revenues",
                    "tariff revenues of the operator",
                    "municipal budget",
                )
            )
        if w.chance(0.4):
            terms["collateral"] = self.rng.choice(
                ("none", "revenue_account", "escrow_account", "asset_pledge")
            )
        for clause in (
            "confidentiality_clause",
            "lender_controlled_account",
            "no_paris_club_clause",
            "stabilisation_clause",
            "policy_linked_cancellation",
            "tied_procurement",
        ):
            if w.chance(0.55):
                terms[clause] = w.chance(risky)
        if terms.get("tied_procurement") and w.chance(0.5):
            terms["tied_share_pct"] = self.rng.choice((50, 70, 85))
        return terms

    def vendor_list(self) -> list[Any]:
        """One to four vendors, with what they can reach."""
        w = self.w
        out: list[Any] = []
        count = self.rng.choices((1, 2, 3), weights=(45, 40, 15))[0]
        for supplier in self.rng.sample(SUPPLIERS, count):
            country = self.country.code if supplier.country == "XX" else supplier.country
            role = self.rng.choice(supplier.roles)
            entry: dict[str, Any] = {"name": supplier.name, "country": country, "role": role}
            if self.sector == "telecom_5g" and role != "subcontractor":
                entry["network_functions"] = self.rng.sample(
                    ["core", "radio_access", "transport", "management_orchestration"],
                    self.rng.randint(1, 2),
                )
                if w.chance(0.5):
                    entry["share_pct"] = self.rng.choice((20, 40, 60, 100))
            entry["remote_access"] = w.chance(0.5)
            entry["data_access"] = self.rng.choice(("none", "metadata", "personal_data", "full"))
            if entry["data_access"] != "none" and w.chance(0.8):
                entry["processor_agreement"] = w.good()
            if w.chance(0.5):
                entry["risk_profile"] = (
                    self.rng.choice(("low", "medium", "high")) if w.good() else "not_assessed"
                )
            if supplier.foreign_access_law or w.chance(0.3):
                entry["subject_to_foreign_access_law"] = supplier.foreign_access_law
            if role in ("equipment_supplier", "software_provider", "system_integrator") and (
                not out or w.chance(0.3)
            ):
                if w.chance(0.6):
                    entry["support_period_years"] = self.rng.choice((2, 3, 5, 8, 10))
                if w.chance(0.5):
                    entry["sbom"] = w.good(-0.1)
                if w.good(-0.2):
                    entry["security_attestation"] = "Declaration of conformity (assumed)"
            if supplier.sanctioned or w.chance(0.2):
                entry["sanctions_listed"] = supplier.sanctioned
            if w.chance(0.4):
                out.append(Flow({k: v for k, v in entry.items() if not isinstance(v, list)}))
            else:
                out.append(entry)
        self.vendors = [dict(v) for v in out]
        return out

    def components(self) -> list[Any]:
        """What is built, each from a vendor."""
        out: list[Any] = []
        if self.sector in ("e_government", "cloud", "digital_identity") and self.w.chance(0.3):
            return out
        for kind, low, high in SECTORS[self.sector][2]:
            if out and self.w.chance(0.4):
                continue
            entry: dict[str, Any] = {"type": kind, "quantity": self.rng.randint(low, high)}
            if self.vendors:
                entry["vendor"] = self.rng.choice(self.vendors)["name"]
            out.append(Flow(entry) if self.w.chance(0.3) else entry)
        return out


def build(index: int, seed: int) -> tuple[dict[Any, Any], list[str]]:
    """The mapping and header comment of project `index`; same index, same file."""
    rng = random.Random(seed * 1_000_003 + index)
    p = Proposal(rng, index)
    doc = p.identity()
    if p.w.chance(0.4):
        doc["provenance"] = p.provenance()
    doc[Remark("Who is involved and where the money comes from.")] = None
    doc["parties"] = p.parties()
    doc["components"] = p.components()
    doc[Remark("Personal data and AI.")] = None
    doc["data_processing"] = safeguards.data_processing(p)
    systems = safeguards.ai_systems(p)
    if systems or p.w.chance(0.3):
        doc["ai_systems"] = systems
    doc[Remark("Security, transparency, rights, environment.")] = None
    doc["cybersecurity"] = safeguards.cybersecurity(p)
    doc["governance"] = safeguards.governance(p)
    # Careless sponsors leave whole sections out, as the thinner samples do.
    if p.w.good(0.4):
        doc["human_rights"] = safeguards.human_rights(p)
    if p.w.good(0.5):
        doc["sustainability"] = safeguards.sustainability(p)
    if p.status in ("under_construction", "operational", "completed") or p.w.chance(0.3):
        doc["delivery"] = safeguards.delivery(p)
    docs = safeguards.evidence(p)
    if docs:
        doc["evidence"] = docs
    doc["tags"] = rng.sample(TAGS, rng.randint(1, 4))
    header = [
        "yaml-language-server: $schema=../checker/schemas/project.schema.json",
        f"Synthetic proposal {index} for the govcheck benchmark corpus (seed {seed}).",
        f"{p.country.name}, {p.sector.replace('_', ' ')}; sponsor diligence {p.w.care:.2f}.",
    ]
    return doc, header

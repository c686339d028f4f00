"""The safeguard sections of a synthetic proposal: data, AI, security, governance, environment.

Owns what a generated project says about personal data, AI systems,
cybersecurity, transparency, human rights, sustainability and delivery. Each
function reads the proposal's sector, country and the sponsor's `care` so
that a careless safe-city sponsor and a careful data-centre operator look
different, as they do in the samples. Refuses layout and defects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vocabulary import AI_BY_SECTOR, AI_NAMES, DATA_CATEGORIES, DATA_SUBJECTS, PURPOSES
from yamltext import Block, Commented, Flow

if TYPE_CHECKING:
    from proposal import Proposal

CAMERA_SECTORS = frozenset({"safe_city", "video_surveillance", "smart_transport"})


def data_processing(p: Proposal) -> dict[str, Any]:
    """Personal data: categories, purposes, basis, retention, storage, transfers, rights."""
    w, rng = p.w, p.rng
    if p.sector in ("telecom_backbone", "internet_exchange", "other") and w.chance(0.4):
        return {"personal_data": False}
    cats = set(rng.sample(DATA_CATEGORIES, rng.randint(1, 3)))
    if p.sector in CAMERA_SECTORS:
        cats |= {"images", "video", "location"}
    if p.sector == "digital_identity" or (p.sector in CAMERA_SECTORS and w.chance(0.4)):
        cats.add("biometric")
    doc: dict[str, Any] = {"personal_data": True}
    if w.good(0.1):
        doc["controller"] = p.fill("{city} city administration")
    if w.good(0.3):
        doc["categories"] = sorted(cats, key=DATA_CATEGORIES.index)
    if w.good(0.3):
        doc["data_subjects"] = rng.sample(DATA_SUBJECTS, rng.randint(1, 3))
    doc["scale"] = Flow(
        large_scale=w.chance(0.7),
        systematic_monitoring=p.sector in CAMERA_SECTORS or w.chance(0.2),
        publicly_accessible_areas=p.sector in CAMERA_SECTORS or w.chance(0.15),
    )
    options = PURPOSES.get(p.sector, PURPOSES["default"])
    if w.good(0.3):
        picked = rng.sample(options, min(2, len(options)))
        doc["purposes"] = [Flow(name=n, regime=r) for n, r in picked]
    if w.good(0.1):
        basis = rng.choice(("public_task", "legal_obligation", "consent", "legitimate_interests"))
        legal: dict[str, Any] = {"basis": basis}
        if w.good() and p.country.data_law:
            legal["reference"] = p.country.data_law
        elif w.good():
            legal["reference"] = f"Personal-data law of {p.country.name} (article not stated)"
        if "biometric" in cats and w.chance(0.7):
            legal["special_category_condition"] = rng.choice(
                (
                    "substantial_public_interest",
                    "authorised_by_law_enforcement_law",
                    "explicit_consent",
                    "none_stated",
                )
            )
        doc["legal_basis"] = legal
    elif w.chance(0.5):
        doc["legal_basis"] = Flow(basis="none_stated")
    if w.chance(0.8):
        retention: dict[str, Any] = {"days": rng.choice((7, 14, 30, 90, 365, 1825))}
        if w.good():
            retention["justification"] = "Time needed to review incidents and appeals."
        retention["automatic_deletion"] = w.good()
        doc["retention"] = Flow(retention)
    storage = [p.country.code]
    if w.chance(0.25 + 0.4 * (1 - w.care)):
        storage.append(rng.choice(("CN", "RU", "DE", "LU", "SG")))
    doc["storage_countries"] = storage
    doc["primary_storage_country"] = storage[0] if w.good(0.2) else storage[-1]
    if len(storage) > 1:
        doc["transfers"] = [
            Flow(
                {
                    "destination": storage[1],
                    "recipient": "Vendor support centre",
                    "safeguard": rng.choice(
                        (
                            "standard_contractual_clauses",
                            "adequacy",
                            "intergovernmental_agreement",
                            "none",
                            "unknown",
                        )
                    ),
                    "transfer_impact_assessment": w.good(-0.2),
                }
            )
        ]
    if p.vendors and w.chance(0.5):
        vendor = rng.choice(p.vendors)
        doc["third_party_access"] = [
            {
                "party": vendor["name"],
                "country": vendor["country"],
                "kind": rng.choice(
                    ("remote_maintenance", "data_mirroring", "cloud_hosting", "analytics_service")
                ),
                "controlled": w.good(),
            }
        ]
    doc["dpia"] = w.assessment()
    if w.chance(0.5):
        doc["prior_consultation"] = w.good(-0.2)
    doc["dpo"] = (
        Flow(appointed=True, contact="dpo@example.org") if w.good() else Flow(appointed=False)
    )
    if w.chance(0.6):
        doc["records_of_processing"] = w.good()
    if w.good(-0.3):
        doc["privacy_by_design"] = Block(["Faces blurred by default.", "Role-based access."])
    if p.policing or w.chance(0.15):
        doc["police_use"] = _police_use(p)
    if w.chance(0.8):
        doc["breach_notification"] = Flow(
            procedure=w.good(),
            authority_hours=rng.choice((24, 72, 72, 168)),
            notify_data_subjects=w.good(),
        )
    if w.chance(0.8):
        doc["data_subject_rights"] = Flow(
            procedure=w.good(), response_days=rng.choice((10, 30, 60)), public_notice=w.good()
        )
    if w.chance(0.5):
        doc["database_registration"] = w.good()
    if w.good(-0.3):
        doc["privacy_notice_url"] = f"https://example.org/privacy/{p.w.index}"
    return doc


def _police_use(p: Proposal) -> dict[str, Any]:
    w = p.w
    enabled = w.chance(0.85)
    use: dict[str, Any] = Flow(enabled=enabled) if w.chance(0.4) else {"enabled": enabled}
    if enabled:
        use["authorities"] = [p.fill("Ministry of Internal Affairs of {country}")]
        if w.good():
            use["legal_basis_reference"] = f"Law on Police of {p.country.name}"
        use["access_logging"] = w.good()
        if w.chance(0.5):
            use["strict_necessity_assessed"] = w.good(-0.1)
    return use


def ai_systems(p: Proposal) -> list[Any]:
    """Zero to two AI systems, of types the sector uses."""
    w, rng = p.w, p.rng
    kinds = AI_BY_SECTOR.get(p.sector)
    if not kinds or w.chance(0.3):
        return []
    out: list[Any] = []
    for kind in rng.sample(kinds, 1 if w.chance(0.7) else min(len(kinds), 2)):
        s: dict[str, Any] = {"name": AI_NAMES[kind], "type": kind}
        if kind == "remote_biometric_identification":
            s["rbi_mode"] = rng.choice(("real_time", "post"))
        if w.chance(0.6):
            s["provider"] = rng.choice(p.vendors)["name"] if p.vendors else "In-house"
        if w.good(0.1):
            s["purpose"] = "Support operators; every alert is reviewed by a person."
        s["law_enforcement"] = p.policing and w.chance(0.85)
        s["publicly_accessible_spaces"] = p.sector in CAMERA_SECTORS and w.chance(0.85)
        real_time = kind == "remote_biometric_identification" and s["rbi_mode"] == "real_time"
        if real_time and w.good():
            s["permitted_objectives"] = ["targeted_victim_search", "terrorist_threat"]
        if kind == "remote_biometric_identification" or w.chance(0.2):
            s["prior_authorisation"] = rng.choice(
                ("judicial", "internal", "none", "independent_administrative")
            )
        if kind in ("remote_biometric_identification", "biometric_verification"):
            source = rng.choice(("watchlist", "national_id_register", "internet_scraping"))
            s["reference_database"] = Flow(source=source, untargeted_scraping=not w.good(0.2))
        if kind in ("biometric_categorisation", "video_analytics") or w.chance(0.2):
            s["sensitive_attributes_inferred"] = not w.good()
        if kind == "emotion_recognition":
            s["workplace_or_education"] = not w.good(0.1)
        oversight = w.good()
        s["human_oversight"] = (
            Flow(in_place=True, two_person_verification=w.good(), description="Two officers.")
            if oversight
            else Flow(in_place=False)
        )
        for key in ("risk_management", "accuracy_tested", "logging", "registered"):
            if w.chance(0.75):
                s[key] = w.good()
        s["fundamental_rights_impact_assessment"] = w.assessment(-0.1)
        if kind in ("emotion_recognition", "biometric_categorisation"):
            s["people_informed"] = w.good()
        out.append(s)
    return out


def cybersecurity(p: Proposal) -> dict[str, Any]:
    """NIS2-style measures, stated more fully by careful sponsors."""
    w, rng = p.w, p.rng
    doc: dict[str, Any] = {"risk_assessment": w.assessment()}
    if w.chance(0.8):
        doc["security_policy"] = w.good()
    if w.chance(0.85):
        ir: dict[str, Any] = Flow(plan=w.good(0.1)) if w.chance(0.5) else {"plan": w.good(0.1)}
        if w.good():
            ir["csirt"] = f"National CERT of {p.country.name}"
            ir["early_warning_hours"] = rng.choice((24, 24, 48))
            ir["notification_hours"] = rng.choice((72, 72, 96))
            ir["final_report_days"] = rng.choice((30, 30, 60))
        if w.chance(0.6):
            ir["inform_service_recipients"] = w.good()
        doc["incident_response"] = ir
    doc["encryption"] = Flow(at_rest=w.good(), in_transit=w.good(0.2), policy=w.good(-0.1))
    doc["access_control"] = Flow(
        policy=w.good(), multi_factor=w.good(-0.1), role_based=w.good(0.1), logging=w.good()
    )
    if w.chance(0.7):
        doc["asset_management"] = w.good()
    if w.chance(0.75):
        doc["vulnerability_handling"] = Flow(
            process=w.good(),
            coordinated_disclosure=w.good(-0.2),
            penetration_testing=w.good(),
            patch_days=rng.choice((7, 14, 30, 90)),
        )
    for key in (
        "secure_development",
        "effectiveness_review",
        "staff_training",
        "secure_communications",
    ):
        if w.chance(0.7):
            doc[key] = w.good()
    chain: dict[str, Any] = {"assessment": w.assessment()}
    if w.chance(0.7):
        chain["high_risk_supplier_assessment"] = w.assessment(-0.1)
    if w.chance(0.7):
        chain["high_risk_suppliers_excluded_from_critical"] = w.good(-0.1)
        chain["multi_vendor"] = w.good()
    doc["supply_chain"] = chain
    if w.good(-0.2):
        doc["certifications"] = ["ISO/IEC 27001"]
    if w.chance(0.7):
        doc["business_continuity"] = Flow(
            plan=w.good(), backups=w.good(0.2), disaster_recovery=w.good(), tested=w.good(-0.2)
        )
    if w.chance(0.6):
        doc["management"] = Flow(approved_measures=w.good(), training=w.good(-0.1))
        if w.good():
            doc["management"]["approved_by"] = "Management board of the operator"
    if w.chance(0.4):
        doc["critical_infrastructure"] = True
    return doc


def governance(p: Proposal) -> dict[str, Any]:
    """Procurement, disclosure, consultation, oversight, grievance, audit."""
    w, rng = p.w, p.rng
    open_method = rng.choice(("open_tender", "restricted_tender", "negotiated_with_publication"))
    closed = rng.choice(
        (
            "direct_award",
            "single_source",
            "negotiated_without_publication",
            "in_kind_donation",
            "unknown",
        )
    )
    method = open_method if w.good() else closed
    proc: dict[str, Any] = {"method": method, "international": w.chance(0.6)}
    if method in ("open_tender", "restricted_tender", "negotiated_with_publication"):
        proc["notice"] = Flow(published=w.good(0.1))
        proc["bidders"] = rng.randint(1, 9)
    if w.chance(0.7):
        proc["award_notice"] = Flow(published=w.good())
    if method not in ("open_tender", "restricted_tender") and w.chance(0.6):
        proc["justification"] = "Framework agreement between the two governments."
    for key in ("complaints_mechanism", "integrity_covenant"):
        if w.chance(0.5):
            proc[key] = w.good()
    doc: dict[str, Any] = {"procurement": proc}
    disclosure: dict[str, Any] = {"contract": Flow(published=w.good(-0.2))}
    if w.chance(0.7):
        disclosure["loan_terms"] = Flow(published=w.good(-0.1))
        disclosure["debt_reported"] = w.good()
    if w.chance(0.6):
        published = w.good()
        disclosure["budget"] = Flow(published=published)
        if published:
            disclosure["budget"]["url"] = f"https://example.org/budget/{p.w.index}"
    doc["disclosure"] = disclosure
    if w.chance(0.7):
        doc["beneficial_ownership"] = Flow(disclosed=w.good(-0.1))
    held = w.good(-0.1)
    doc["public_consultation"] = (
        {"held": True, "held_on": w.date(2016), "groups": ["residents", "civil society"]}
        if held
        else Flow(held=False)
    )
    if p.policing or w.chance(0.4):
        independent = w.good(-0.1)
        oversight: dict[str, Any] = {"body": "Parliamentary commission", "independent": independent}
        if independent and w.good():
            oversight["powers"] = "Inspect the centre, order deletion, report yearly."
        doc["independent_oversight"] = oversight
    grievance = w.good()
    doc["grievance_mechanism"] = (
        Flow(exists=True, url=f"https://example.org/complaints/{p.w.index}")
        if grievance and w.good()
        else Flow(exists=grievance)
    )
    if w.chance(0.6):
        doc["audit"] = Flow(independent=w.good(), published=w.good(-0.2))
    return doc


def human_rights(p: Proposal) -> dict[str, Any]:
    """HRIA, due diligence, affected groups, export screening."""
    w = p.w
    doc: dict[str, Any] = {"impact_assessment": w.assessment(-0.1)}
    if w.chance(0.6):
        doc["due_diligence"] = w.good()
    if w.good(-0.1):
        doc["affected_groups"] = ["journalists", "ethnic minorities", "protesters"][
            : p.rng.randint(1, 3)
        ]
    if w.chance(0.5):
        screened = w.good()
        export: dict[str, Any] = {
            "screened": screened,
            "cyber_surveillance_items": p.sector in CAMERA_SECTORS,
        }
        export["exporter_countries"] = sorted({v["country"] for v in p.vendors})
        if screened and w.good():
            export["licence"] = "Dual-use export licence granted (illustrative)"
        doc["export_control"] = export
    return doc


def sustainability(p: Proposal) -> dict[str, Any]:
    """EIA, permits and, for data centres, the energy and water figures."""
    w, rng = p.w, p.rng
    status = "completed" if w.good() else rng.choice(("not_started", "not_required", "unknown"))
    eia: dict[str, Any] = {"status": status}
    if status == "not_required" and w.chance(0.6):
        eia["notes"] = "Small footprint on existing buildings."
    doc: dict[str, Any] = {"environmental_impact_assessment": Flow(eia)}
    if w.chance(0.7):
        doc["host_permit"] = w.good(0.1)
    if p.sector in ("data_centre", "cloud") or w.chance(0.1):
        if w.chance(0.85):
            doc["it_power_kw"] = rng.choice((80, 300, 500, 800, 1500, 2000))
        if w.good():
            doc["pue"] = Commented(round(rng.uniform(1.2, 2.1), 2), "design value")
        if w.good(-0.1):
            doc["renewable_share_pct"] = rng.choice((10, 40, 75, 100))
            doc["wue_l_per_kwh"] = round(rng.uniform(0.1, 1.8), 2)
        doc["waste_heat_reuse"] = w.good(-0.2)
        doc["energy_reporting"] = Flow(published=w.good())
        doc["code_of_conduct"] = w.good(-0.1)
    if w.chance(0.8):
        doc["e_waste_plan"] = w.good()
    return doc


def delivery(p: Proposal) -> dict[str, Any]:
    """Acceptance and permits once the system is handed over."""
    w = p.w
    doc: dict[str, Any] = {}
    if p.status in ("operational", "completed") or w.chance(0.2):
        doc["technical_acceptance"] = w.good(0.1)
        if doc["technical_acceptance"]:
            doc["accepted_on"] = w.date(2018)
    doc["warranty_years"] = p.rng.choice((1, 2, 3, 5))
    doc["local_permits"] = w.good(0.1)
    if w.chance(0.5):
        doc["training_and_transfer"] = w.good()
    return doc


def evidence(p: Proposal) -> list[Any]:
    """Documents backing the claims, for careful sponsors."""
    if not p.w.good(-0.3):
        return []
    return [
        Flow(id=f"dpia-{p.w.index}", title="DPIA report", path="docs/dpia.pdf"),
        Flow(
            id=f"contract-{p.w.index}",
            title="Loan agreement summary",
            url=f"https://example.org/contracts/{p.w.index}",
        ),
    ]


__all__ = [
    "ai_systems",
    "cybersecurity",
    "data_processing",
    "delivery",
    "evidence",
    "governance",
    "human_rights",
    "sustainability",
]

"""Words people write for an accepted project value, and which values they can mean.

Owns the "did you mean" for refused enum values. A suggestion is only ever a
value with the same meaning as the word written: the same word in other case
or separators (`Safe City` is `safe_city`), or an entry of the table below.
Where a word can mean two values with different legal consequences (`face
recognition` is remote identification or one-to-one verification), every one
is offered with what tells them apart, never one picked for the writer. A
close spelling is never a reason: a spelling matcher offered
`emotion_recognition` for `face_recognition`, close in letters and under a
different prohibition.
Refuses validation: the project schema decides what is accepted.
"""

from __future__ import annotations

from collections.abc import Iterable

_RBI = "identifies people at a distance by comparing them with a database"
_VERIFY = "confirms that one person is who they claim to be"
_FACE_IMAGES = "photographs or video stills of faces"
_FACE_TEMPLATES = "face data processed to identify people"

SYNONYMS: dict[str, tuple[tuple[str, str], ...]] = {
    # AI system types (checker/project/ai.py)
    "face_recognition": (
        ("remote_biometric_identification", _RBI),
        ("biometric_verification", _VERIFY),
    ),
    "facial_recognition": (
        ("remote_biometric_identification", _RBI),
        ("biometric_verification", _VERIFY),
    ),
    "face_identification": (("remote_biometric_identification", _RBI),),
    "facial_identification": (("remote_biometric_identification", _RBI),),
    "live_facial_recognition": (("remote_biometric_identification", "with rbi_mode: real_time"),),
    "retrospective_facial_recognition": (
        ("remote_biometric_identification", "with rbi_mode: post"),
    ),
    "rbi": (("remote_biometric_identification", ""),),
    "face_verification": (("biometric_verification", ""),),
    "biometric_authentication": (("biometric_verification", ""),),
    "biometric_categorization": (("biometric_categorisation", ""),),
    "emotion_detection": (("emotion_recognition", ""),),
    "affect_recognition": (("emotion_recognition", ""),),
    "social_credit": (("social_scoring", ""),),
    "social_credit_system": (("social_scoring", ""),),
    "predictive_policing": (("crime_prediction", ""),),
    "anpr": (("licence_plate_recognition", ""),),
    "alpr": (("licence_plate_recognition", ""),),
    "license_plate_recognition": (("licence_plate_recognition", ""),),
    "number_plate_recognition": (("licence_plate_recognition", ""),),
    "video_analysis": (("video_analytics", ""),),
    "traffic_analysis": (("traffic_analytics", ""),),
    "chat_bot": (("chatbot", ""),),
    # Data categories and data subjects (checker/project/data.py)
    "biometrics": (("biometric", ""),),
    "biometric_data": (("biometric", ""),),
    "fingerprints": (("biometric", ""),),
    "face_images": (("images", _FACE_IMAGES), ("biometric", _FACE_TEMPLATES)),
    "facial_images": (("images", _FACE_IMAGES), ("biometric", _FACE_TEMPLATES)),
    "faces": (("images", _FACE_IMAGES), ("biometric", _FACE_TEMPLATES)),
    "photos": (("images", ""),),
    "photographs": (("images", ""),),
    "cctv_footage": (("video", ""),),
    "footage": (("video", ""),),
    "voice": (("audio", "recordings of speech"), ("biometric", "voiceprints to identify people")),
    "health_data": (("health", ""),),
    "medical": (("health", ""),),
    "dna": (("genetic", ""),),
    "ethnicity": (("racial_or_ethnic_origin", ""),),
    "ethnic_origin": (("racial_or_ethnic_origin", ""),),
    "race": (("racial_or_ethnic_origin", ""),),
    "religion": (("religious_beliefs", ""),),
    "political_views": (("political_opinions", ""),),
    "criminal_records": (("criminal_offences", ""),),
    "criminal_convictions": (("criminal_offences", ""),),
    "gps": (("location", ""),),
    "geolocation": (("location", ""),),
    "licence_plates": (("vehicle", ""),),
    "license_plates": (("vehicle", ""),),
    "number_plates": (("vehicle", ""),),
    "metadata": (("communications_metadata", ""),),
    "call_records": (("communications_metadata", ""),),
    "ip_addresses": (("online_identifiers", ""),),
    "minors": (("children", ""),),
    # Lawful bases, regimes and transfer safeguards (checker/project/data.py)
    "public_interest": (("public_task", ""),),
    "official_authority": (("public_task", ""),),
    "legitimate_interest": (("legitimate_interests", ""),),
    "vital_interest": (("vital_interests", ""),),
    "law": (
        ("legal_obligation", "the law obliges the controller to process"),
        ("public_task", "the law gives the controller a task that needs the processing"),
    ),
    "police": (("law_enforcement", ""),),
    "criminal_justice": (("law_enforcement", ""),),
    "scc": (("standard_contractual_clauses", ""),),
    "sccs": (("standard_contractual_clauses", ""),),
    "model_clauses": (("standard_contractual_clauses", ""),),
    "bcr": (("binding_corporate_rules", ""),),
    "bcrs": (("binding_corporate_rules", ""),),
    "adequacy_decision": (("adequacy", ""),),
    "international_agreement": (("intergovernmental_agreement", ""),),
    "treaty": (("intergovernmental_agreement", ""),),
    # Assessment status (checker/datamodel.py)
    "done": (("completed", ""),),
    "complete": (("completed", ""),),
    "finished": (("completed", ""),),
    "ongoing": (("in_progress", ""),),
    "underway": (("in_progress", ""),),
    "draft": (("in_progress", ""),),
    "planned": (("not_started", ""),),
    "not_applicable": (("not_required", "say why in `notes`"),),
    "n/a": (("not_required", "say why in `notes`"),),
    # Procurement (checker/project/governance.py)
    "open": (("open_tender", ""),),
    "public_tender": (("open_tender", ""),),
    "competitive_tender": (
        ("open_tender", "any supplier may bid"),
        ("restricted_tender", "only pre-selected suppliers may bid"),
    ),
    "restricted": (("restricted_tender", ""),),
    "sole_source": (("single_source", ""),),
    "direct": (("direct_award", ""),),
    "donation": (("in_kind_donation", ""),),
    # Parties and financing (checker/project/parties.py)
    "city": (("municipality", ""),),
    "soe": (("state_owned_enterprise", ""),),
    "ppp": (("public_private_partnership", ""),),
    "dfi": (("development_finance_institution", ""),),
    "development_bank": (
        ("development_finance_institution", "a multilateral or bilateral development lender"),
        ("policy_bank", "a state bank lending for its government's policy"),
    ),
    "eca": (("export_credit_agency", ""),),
    "ngo": (("civil_society", ""),),
    "cso": (("civil_society", ""),),
    "concessional": (("concessional_loan", ""),),
    "buyer_credit": (
        ("preferential_buyer_credit", "a concessional buyer's credit, e.g. China Exim's PBC"),
        ("export_credit", "a buyer's credit on export-credit terms"),
    ),
    # Sectors and project status (checker/project/__init__.py)
    "cctv": (("video_surveillance", ""),),
    "5g": (("telecom_5g", ""),),
    "data_center": (("data_centre", ""),),
    "datacenter": (("data_centre", ""),),
    "ixp": (("internet_exchange", ""),),
    "egov": (("e_government", ""),),
    "digital_id": (("digital_identity", ""),),
    "broadband": (("broadband_access", ""),),
    "signed": (("contracted", ""),),
    "construction": (("under_construction", ""),),
    "in_operation": (("operational", ""),),
    "operating": (("operational", ""),),
    "on_hold": (("suspended", ""),),
    "canceled": (("cancelled", ""),),
}
"""A written word (lower case, `_` between words) -> the accepted values it can mean,
each with what tells it apart ("" when it is the only one)."""


def normalised(word: str) -> str:
    """`Face Recognition`, `face-recognition` and `face_recognition` are one word."""
    return "_".join(word.strip().lower().replace("-", " ").replace("_", " ").split())


def meant(written: str, accepted: Iterable[object]) -> list[tuple[str, str]]:
    """The accepted values `written` can mean, with what tells them apart; [] if none.

    Only values with the same meaning are returned: the same word in other case or
    separators, or the synonym table's entries that this field accepts.
    """
    options = [o for o in accepted if isinstance(o, str)]
    word = normalised(written)
    squeezed = word.replace("_", "")
    same = [o for o in options if o.replace("_", "").lower() == squeezed]
    if same:
        return [(same[0], "")]
    found = [(value, why) for value, why in SYNONYMS.get(word, ()) if value in options]
    return found if len(found) > 1 else [(value, "") for value, _ in found]


def markdown() -> str:
    """The table as docs/project-format.md shows it (a test keeps the two equal)."""
    rows = ["| written | may mean |", "|---|---|"]
    for word, values in SYNONYMS.items():
        said = " or ".join(f"`{v}` ({why})" if why else f"`{v}`" for v, why in values)
        rows.append(f"| `{word}` | {said} |")
    return "\n".join(rows) + "\n"

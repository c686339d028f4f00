"""Words and names the synthetic proposals are made of.

Owns the fixed vocabulary (countries and their cities and institutions,
sectors and what they build, lenders, vendors) drawn from the shapes of the
sample projects in `projects/`. Refuses any randomness: `proposal.py` picks
from these tables with a seeded generator.
"""

from __future__ import annotations

from typing import NamedTuple


class Country(NamedTuple):
    """A host country with what a proposal names there."""

    code: str
    name: str
    cities: tuple[str, ...]
    currency: str
    data_law: str
    weight: int


COUNTRIES: tuple[Country, ...] = (
    Country(
        "KZ",
        "Kazakhstan",
        ("Astana", "Almaty", "Shymkent", "Karaganda", "Aktobe", "Ust-Kamenogorsk", "Pavlodar"),
        "KZT",
        'Law of the Republic of Kazakhstan No. 94-V of 21 May 2013 "On Personal Data and '
        'their Protection"',
        22,
    ),
    Country(
        "UZ",
        "Uzbekistan",
        ("Tashkent", "Samarkand", "Bukhara", "Namangan", "Andijan", "Nukus", "Fergana"),
        "UZS",
        'Law of the Republic of Uzbekistan ZRU-547 of 2 July 2019 "On Personal Data"',
        22,
    ),
    Country(
        "KG",
        "Kyrgyzstan",
        ("Bishkek", "Osh", "Jalal-Abad", "Karakol", "Naryn", "Talas", "Tokmok"),
        "KGS",
        'Law of the Kyrgyz Republic No. 58 of 14 April 2008 "On Personal Information"',
        20,
    ),
    Country(
        "TJ",
        "Tajikistan",
        ("Dushanbe", "Khujand", "Bokhtar", "Kulob", "Khorog", "Istaravshan"),
        "TJS",
        'Law of the Republic of Tajikistan No. 1537 of 3 August 2018 "On Personal Data Protection"',
        16,
    ),
    Country("MN", "Mongolia", ("Ulaanbaatar", "Erdenet", "Darkhan"), "MNT", "", 4),
    Country("AZ", "Azerbaijan", ("Baku", "Ganja", "Sumgait"), "AZN", "", 3),
    Country("GE", "Georgia", ("Tbilisi", "Batumi", "Kutaisi"), "GEL", "", 3),
    Country("AM", "Armenia", ("Yerevan", "Gyumri"), "AMD", "", 2),
    Country("PK", "Pakistan", ("Islamabad", "Lahore", "Karachi"), "PKR", "", 3),
    Country("RS", "Serbia", ("Belgrade", "Novi Sad", "Nis"), "RSD", "", 3),
    Country("KE", "Kenya", ("Nairobi", "Mombasa"), "KES", "", 2),
)

SECTORS: dict[str, tuple[int, str, tuple[tuple[str, int, int], ...]]] = {
    # sector: (weight, title noun, components as (type, min quantity, max quantity))
    "safe_city": (
        20,
        "Safe City",
        (
            ("CCTV cameras at intersections and public squares", 200, 5000),
            ("police command and monitoring centre", 1, 3),
            ("video storage servers", 10, 200),
        ),
    ),
    "video_surveillance": (
        8,
        "urban video surveillance",
        (("high-definition dome cameras", 100, 2500), ("video management system", 1, 1)),
    ),
    "telecom_5g": (
        12,
        "5G network",
        (
            ("5G base stations", 50, 1500),
            ("5G standalone core network", 1, 2),
            ("microwave and fibre backhaul links", 20, 400),
        ),
    ),
    "telecom_backbone": (
        7,
        "national fibre backbone",
        (("fibre-optic trunk cable (km)", 200, 3000), ("DWDM transmission nodes", 5, 60)),
    ),
    "broadband_access": (
        6,
        "rural broadband",
        (("fibre-to-the-home access points", 500, 20000), ("rural wireless towers", 20, 300)),
    ),
    "data_centre": (
        10,
        "government data centre",
        (("Tier III data-centre hall", 1, 2), ("server and storage racks", 40, 400)),
    ),
    "cloud": (
        4,
        "government cloud",
        (("government cloud platform", 1, 1), ("virtualisation clusters", 4, 40)),
    ),
    "e_government": (
        8,
        "e-government platform",
        (("citizen services portal", 1, 1), ("interagency data exchange bus", 1, 1)),
    ),
    "digital_identity": (
        5,
        "digital ID",
        (("biometric enrolment kits", 100, 3000), ("identity registry servers", 2, 20)),
    ),
    "smart_transport": (
        9,
        "smart traffic",
        (
            ("traffic-enforcement cameras", 100, 4000),
            ("adaptive traffic-light controllers", 20, 600),
        ),
    ),
    "satellite_ground_station": (
        3,
        "satellite ground station",
        (("satellite gateway antennas", 1, 6), ("VSAT terminals in villages", 100, 2000)),
    ),
    "internet_exchange": (
        3,
        "internet exchange point",
        (("IXP switching fabric", 1, 2), ("co-location racks", 4, 40)),
    ),
    "other": (2, "digital infrastructure", (("network equipment", 10, 500),)),
}


class Lender(NamedTuple):
    """A source of finance and how it usually lends."""

    name: str
    type: str
    country: str | None
    instruments: tuple[str, ...]
    currency: str
    tied: bool


LENDERS: tuple[Lender, ...] = (
    Lender(
        "Export-Import Bank of China",
        "policy_bank",
        "CN",
        ("preferential_buyer_credit", "concessional_loan"),
        "CNY",
        True,
    ),
    Lender("China Development Bank", "policy_bank", "CN", ("loan",), "USD", True),
    Lender("Sinosure", "export_credit_agency", "CN", ("guarantee", "export_credit"), "USD", True),
    Lender(
        "EIB Global (European Investment Bank)",
        "development_finance_institution",
        None,
        ("loan",),
        "EUR",
        False,
    ),
    Lender(
        "European Union (Global Gateway)",
        "international_organisation",
        None,
        ("grant",),
        "EUR",
        False,
    ),
    Lender(
        "European Bank for Reconstruction and Development",
        "development_finance_institution",
        None,
        ("loan",),
        "EUR",
        False,
    ),
    Lender(
        "Asian Development Bank",
        "development_finance_institution",
        None,
        ("loan", "grant"),
        "USD",
        False,
    ),
    Lender(
        "World Bank (IDA)",
        "development_finance_institution",
        None,
        ("concessional_loan", "grant"),
        "USD",
        False,
    ),
    Lender(
        "KfW Development Bank",
        "development_finance_institution",
        "DE",
        ("grant", "concessional_loan"),
        "EUR",
        False,
    ),
    Lender(
        "Japan International Cooperation Agency",
        "development_finance_institution",
        "JP",
        ("concessional_loan",),
        "JPY",
        False,
    ),
    Lender(
        "Islamic Development Bank", "development_finance_institution", None, ("loan",), "USD", False
    ),
    Lender(
        "Korea Eximbank (EDCF)", "export_credit_agency", "KR", ("concessional_loan",), "USD", True
    ),
    Lender(
        "Government of China (in-kind aid)",
        "foreign_government",
        "CN",
        ("in_kind", "grant"),
        "CNY",
        True,
    ),
)


class Supplier(NamedTuple):
    """A vendor with its home country and what its home law implies."""

    name: str
    country: str
    roles: tuple[str, ...]
    foreign_access_law: bool
    sanctioned: bool


SUPPLIERS: tuple[Supplier, ...] = (
    Supplier(
        "Huawei Technologies Co. Ltd",
        "CN",
        ("system_integrator", "equipment_supplier", "maintainer"),
        True,
        True,
    ),
    Supplier("ZTE Corporation", "CN", ("equipment_supplier", "system_integrator"), True, False),
    Supplier(
        "Hangzhou Hikvision Digital Technology Co. Ltd", "CN", ("equipment_supplier",), True, True
    ),
    Supplier("Zhejiang Dahua Technology Co. Ltd", "CN", ("equipment_supplier",), True, True),
    Supplier(
        "China National Electronics Import & Export Corporation (CEIEC)",
        "CN",
        ("system_integrator", "epc_contractor"),
        True,
        True,
    ),
    Supplier("Tiandy Technologies", "CN", ("equipment_supplier",), True, False),
    Supplier("SenseTime Group", "CN", ("software_provider",), True, True),
    Supplier("Ericsson AB", "SE", ("equipment_supplier", "maintainer"), False, False),
    Supplier(
        "Nokia Solutions and Networks",
        "FI",
        ("equipment_supplier", "system_integrator"),
        False,
        False,
    ),
    Supplier(
        "Siemens Mobility GmbH", "DE", ("system_integrator", "software_provider"), False, False
    ),
    Supplier(
        "Thales SIX GTS France", "FR", ("system_integrator", "software_provider"), False, False
    ),
    Supplier("Axis Communications AB", "SE", ("equipment_supplier",), False, False),
    Supplier("Cisco Systems Inc.", "US", ("equipment_supplier",), False, False),
    Supplier("NEC Corporation", "JP", ("software_provider", "system_integrator"), False, False),
    Supplier("Samsung Electronics Co. Ltd", "KR", ("equipment_supplier",), False, False),
    Supplier("SES S.A.", "LU", ("operator", "equipment_supplier"), False, False),
    Supplier("Yandex Cloud LLC", "RU", ("cloud_provider",), True, False),
    Supplier("Kazakhtelecom JSC", "KZ", ("cloud_provider", "operator"), False, False),
    Supplier("Uztelecom JSC", "UZ", ("operator", "cloud_provider"), False, False),
    Supplier("ElCat LLC", "KG", ("subcontractor", "maintainer"), False, False),
    Supplier("Tcell CJSC", "TJ", ("operator", "subcontractor"), False, False),
    Supplier(
        "Local integrator LLC (illustrative)", "XX", ("subcontractor", "maintainer"), False, False
    ),
)

SPONSORS: tuple[tuple[str, str], ...] = (
    ("Ministry of Internal Affairs of {country}", "law_enforcement"),
    ("Ministry of Digital Development of {country}", "ministry"),
    ("Ministry of Transport and Communications of {country}", "ministry"),
    ("Mayor's Office of {city}", "municipality"),
    ("State Committee for Information Technologies of {country}", "public_authority"),
    ("National Telecommunications Operator of {country}", "state_owned_enterprise"),
    ("State Security Service of {country}", "security_service"),
    ("{city} Smart City Company (public-private partnership)", "public_private_partnership"),
)

OPERATORS: tuple[tuple[str, str], ...] = (
    ("{city} Main Internal Affairs Department", "law_enforcement"),
    ("State data-centre operator of {country}", "state_owned_enterprise"),
    ("{city} municipal traffic management centre", "municipality"),
    ("National Registry Agency of {country}", "public_authority"),
    ("Private concessionaire (illustrative)", "private_company"),
)

DATA_CATEGORIES = (
    "identity",
    "contact",
    "location",
    "images",
    "video",
    "biometric",
    "vehicle",
    "communications_metadata",
    "online_identifiers",
    "financial",
    "health",
    "criminal_offences",
    "children",
)
DATA_SUBJECTS = (
    "residents",
    "citizens",
    "drivers",
    "pedestrians",
    "passengers",
    "customers",
    "subscribers",
    "employees",
    "students",
    "suspects",
    "visitors",
)
PURPOSES: dict[str, tuple[tuple[str, str], ...]] = {
    "safe_city": (
        ("public order and crime prevention", "law_enforcement"),
        ("search for wanted persons", "law_enforcement"),
        ("emergency response", "general"),
    ),
    "video_surveillance": (
        ("monitoring of public spaces", "law_enforcement"),
        ("protection of public buildings", "general"),
    ),
    "smart_transport": (
        ("detection of traffic offences and issuing of fines", "general"),
        ("traffic-flow management", "general"),
        ("search for stolen vehicles", "law_enforcement"),
    ),
    "digital_identity": (
        ("issuing national identity documents", "general"),
        ("border control", "national_security"),
    ),
    "default": (
        ("operation and security of the network", "general"),
        ("customer management", "general"),
        ("provision of public e-services", "general"),
        ("lawful interception", "national_security"),
    ),
}

AI_BY_SECTOR: dict[str, tuple[str, ...]] = {
    "safe_city": (
        "remote_biometric_identification",
        "video_analytics",
        "licence_plate_recognition",
        "crime_prediction",
        "biometric_categorisation",
    ),
    "video_surveillance": (
        "remote_biometric_identification",
        "video_analytics",
        "emotion_recognition",
    ),
    "smart_transport": ("licence_plate_recognition", "traffic_analytics", "video_analytics"),
    "digital_identity": ("biometric_verification", "remote_biometric_identification"),
    "e_government": ("chatbot", "decision_support", "social_scoring", "emotion_recognition"),
    "telecom_5g": ("network_analytics",),
    "cloud": ("decision_support", "chatbot"),
}

AI_NAMES: dict[str, str] = {
    "remote_biometric_identification": "Face matching against the wanted-persons list",
    "biometric_verification": "Face verification at enrolment and service counters",
    "biometric_categorisation": "Demographic attribute classification of faces",
    "emotion_recognition": "Behaviour and emotion detection",
    "social_scoring": "Citizen reliability score",
    "crime_prediction": "Crime hot-spot and risk prediction",
    "licence_plate_recognition": "Automatic number-plate recognition",
    "traffic_analytics": "Adaptive traffic-flow analytics",
    "video_analytics": "Crowd and abandoned-object detection",
    "network_analytics": "Network anomaly detection",
    "chatbot": "Citizen services assistant",
    "decision_support": "Benefit-eligibility decision support",
}

TAGS = (
    "safe-city",
    "belt-and-road",
    "global-gateway",
    "illustrative",
    "ppp",
    "biometrics",
    "5g",
    "data-centre",
    "e-government",
    "loan",
    "grant",
    "surveillance",
    "rural",
    "connectivity",
    "traffic-enforcement",
    "cloud",
)

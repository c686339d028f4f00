"""ISO 3166-1 alpha-2 country codes, and the real codes nearest to one that is not.

Owns the list of officially assigned codes that every country field of a project
accepts, with a usual English name for each, and the "did you mean" for a code
that is not assigned. Refuses validation: the project schema (generated from this
list) does that; this module is imported only to word a refused value, so it
holds no pydantic and lives outside `checker.project` (whose import pulls it in).

Source: the 249 officially assigned codes as listed in the IANA time-zone
database's `iso3166.tab` (tzdata 2025b), "current as of ISO/TC 46 N1108
(2023-04-05)"; no code has been assigned or withdrawn since. Names are that
file's usual English names, except five where it departs from the ISO short name
in a way a reviewer may trip on (GB, TR, CZ, AS, WS take the ISO short name).
"""

from __future__ import annotations

COUNTRIES: dict[str, str] = {
    "AD": "Andorra",
    "AE": "United Arab Emirates",
    "AF": "Afghanistan",
    "AG": "Antigua & Barbuda",
    "AI": "Anguilla",
    "AL": "Albania",
    "AM": "Armenia",
    "AO": "Angola",
    "AQ": "Antarctica",
    "AR": "Argentina",
    "AS": "American Samoa",
    "AT": "Austria",
    "AU": "Australia",
    "AW": "Aruba",
    "AX": "Åland Islands",
    "AZ": "Azerbaijan",
    "BA": "Bosnia & Herzegovina",
    "BB": "Barbados",
    "BD": "Bangladesh",
    "BE": "Belgium",
    "BF": "Burkina Faso",
    "BG": "Bulgaria",
    "BH": "Bahrain",
    "BI": "Burundi",
    "BJ": "Benin",
    "BL": "St Barthelemy",
    "BM": "Bermuda",
    "BN": "Brunei",
    "BO": "Bolivia",
    "BQ": "Caribbean NL",
    "BR": "Brazil",
    "BS": "Bahamas",
    "BT": "Bhutan",
    "BV": "Bouvet Island",
    "BW": "Botswana",
    "BY": "Belarus",
    "BZ": "Belize",
    "CA": "Canada",
    "CC": "Cocos (Keeling) Islands",
    "CD": "Congo (Dem. Rep.)",
    "CF": "Central African Rep.",
    "CG": "Congo (Rep.)",
    "CH": "Switzerland",
    "CI": "Côte d'Ivoire",
    "CK": "Cook Islands",
    "CL": "Chile",
    "CM": "Cameroon",
    "CN": "China",
    "CO": "Colombia",
    "CR": "Costa Rica",
    "CU": "Cuba",
    "CV": "Cape Verde",
    "CW": "Curaçao",
    "CX": "Christmas Island",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DE": "Germany",
    "DJ": "Djibouti",
    "DK": "Denmark",
    "DM": "Dominica",
    "DO": "Dominican Republic",
    "DZ": "Algeria",
    "EC": "Ecuador",
    "EE": "Estonia",
    "EG": "Egypt",
    "EH": "Western Sahara",
    "ER": "Eritrea",
    "ES": "Spain",
    "ET": "Ethiopia",
    "FI": "Finland",
    "FJ": "Fiji",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "FO": "Faroe Islands",
    "FR": "France",
    "GA": "Gabon",
    "GB": "United Kingdom",
    "GD": "Grenada",
    "GE": "Georgia",
    "GF": "French Guiana",
    "GG": "Guernsey",
    "GH": "Ghana",
    "GI": "Gibraltar",
    "GL": "Greenland",
    "GM": "Gambia",
    "GN": "Guinea",
    "GP": "Guadeloupe",
    "GQ": "Equatorial Guinea",
    "GR": "Greece",
    "GS": "South Georgia & the South Sandwich Islands",
    "GT": "Guatemala",
    "GU": "Guam",
    "GW": "Guinea-Bissau",
    "GY": "Guyana",
    "HK": "Hong Kong",
    "HM": "Heard Island & McDonald Islands",
    "HN": "Honduras",
    "HR": "Croatia",
    "HT": "Haiti",
    "HU": "Hungary",
    "ID": "Indonesia",
    "IE": "Ireland",
    "IL": "Israel",
    "IM": "Isle of Man",
    "IN": "India",
    "IO": "British Indian Ocean Territory",
    "IQ": "Iraq",
    "IR": "Iran",
    "IS": "Iceland",
    "IT": "Italy",
    "JE": "Jersey",
    "JM": "Jamaica",
    "JO": "Jordan",
    "JP": "Japan",
    "KE": "Kenya",
    "KG": "Kyrgyzstan",
    "KH": "Cambodia",
    "KI": "Kiribati",
    "KM": "Comoros",
    "KN": "St Kitts & Nevis",
    "KP": "Korea (North)",
    "KR": "Korea (South)",
    "KW": "Kuwait",
    "KY": "Cayman Islands",
    "KZ": "Kazakhstan",
    "LA": "Laos",
    "LB": "Lebanon",
    "LC": "St Lucia",
    "LI": "Liechtenstein",
    "LK": "Sri Lanka",
    "LR": "Liberia",
    "LS": "Lesotho",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "LY": "Libya",
    "MA": "Morocco",
    "MC": "Monaco",
    "MD": "Moldova",
    "ME": "Montenegro",
    "MF": "St Martin (French)",
    "MG": "Madagascar",
    "MH": "Marshall Islands",
    "MK": "North Macedonia",
    "ML": "Mali",
    "MM": "Myanmar (Burma)",
    "MN": "Mongolia",
    "MO": "Macau",
    "MP": "Northern Mariana Islands",
    "MQ": "Martinique",
    "MR": "Mauritania",
    "MS": "Montserrat",
    "MT": "Malta",
    "MU": "Mauritius",
    "MV": "Maldives",
    "MW": "Malawi",
    "MX": "Mexico",
    "MY": "Malaysia",
    "MZ": "Mozambique",
    "NA": "Namibia",
    "NC": "New Caledonia",
    "NE": "Niger",
    "NF": "Norfolk Island",
    "NG": "Nigeria",
    "NI": "Nicaragua",
    "NL": "Netherlands",
    "NO": "Norway",
    "NP": "Nepal",
    "NR": "Nauru",
    "NU": "Niue",
    "NZ": "New Zealand",
    "OM": "Oman",
    "PA": "Panama",
    "PE": "Peru",
    "PF": "French Polynesia",
    "PG": "Papua New Guinea",
    "PH": "Philippines",
    "PK": "Pakistan",
    "PL": "Poland",
    "PM": "St Pierre & Miquelon",
    "PN": "Pitcairn",
    "PR": "Puerto Rico",
    "PS": "Palestine",
    "PT": "Portugal",
    "PW": "Palau",
    "PY": "Paraguay",
    "QA": "Qatar",
    "RE": "Réunion",
    "RO": "Romania",
    "RS": "Serbia",
    "RU": "Russia",
    "RW": "Rwanda",
    "SA": "Saudi Arabia",
    "SB": "Solomon Islands",
    "SC": "Seychelles",
    "SD": "Sudan",
    "SE": "Sweden",
    "SG": "Singapore",
    "SH": "St Helena",
    "SI": "Slovenia",
    "SJ": "Svalbard & Jan Mayen",
    "SK": "Slovakia",
    "SL": "Sierra Leone",
    "SM": "San Marino",
    "SN": "Senegal",
    "SO": "Somalia",
    "SR": "Suriname",
    "SS": "South Sudan",
    "ST": "Sao Tome & Principe",
    "SV": "El Salvador",
    "SX": "St Maarten (Dutch)",
    "SY": "Syria",
    "SZ": "Eswatini (Swaziland)",
    "TC": "Turks & Caicos Is",
    "TD": "Chad",
    "TF": "French S. Terr.",
    "TG": "Togo",
    "TH": "Thailand",
    "TJ": "Tajikistan",
    "TK": "Tokelau",
    "TL": "East Timor",
    "TM": "Turkmenistan",
    "TN": "Tunisia",
    "TO": "Tonga",
    "TR": "Türkiye",
    "TT": "Trinidad & Tobago",
    "TV": "Tuvalu",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "UA": "Ukraine",
    "UG": "Uganda",
    "UM": "US minor outlying islands",
    "US": "United States",
    "UY": "Uruguay",
    "UZ": "Uzbekistan",
    "VA": "Vatican City",
    "VC": "St Vincent",
    "VE": "Venezuela",
    "VG": "Virgin Islands (UK)",
    "VI": "Virgin Islands (US)",
    "VN": "Vietnam",
    "VU": "Vanuatu",
    "WF": "Wallis & Futuna",
    "WS": "Samoa",
    "YE": "Yemen",
    "YT": "Mayotte",
    "ZA": "South Africa",
    "ZM": "Zambia",
    "ZW": "Zimbabwe",
}
"""Every officially assigned code, with its usual English name, sorted by code."""

# Suggested first: the host countries govcheck is written for, their neighbours, then
# the countries that most often finance, supply or receive data in these projects.
_FIRST = (
    "KZ", "KG", "TJ", "UZ", "TM", "AF", "CN", "RU", "TR", "IR", "MN", "PK", "IN", "AZ",
    "KR", "JP", "US", "GB", "DE", "FR", "IT", "NL", "SE", "FI", "LU", "BE", "AT", "CH",
    "AE", "SA", "QA", "UA", "BY", "GE", "AM", "PL", "ES", "CA",
)  # fmt: skip
_RANK = {code: rank for rank, code in enumerate(_FIRST)}
# Exceptionally reserved, not assigned, and often written: UK (the United Kingdom is GB),
# EL (Greece in EU usage is GR) and EU (the European Union, which is not a country).
_RESERVED: dict[str, list[str]] = {"UK": ["GB"], "EL": ["GR"], "EU": []}


def country_name(code: str) -> str:
    """The usual English name of an assigned code ("" for any other)."""
    return COUNTRIES.get(code, "")


def nearest_countries(written: str, limit: int = 4) -> list[str]:
    """Assigned codes a writer of `written` may have meant, most likely first.

    The same code in other case; a reserved code's country (UK is GB); a country
    whose name, in English or in the language in use, starts with what was written
    (`Kazakh`, `Казах`); for three letters, the
    alpha-2 code inside an alpha-3 one (`KAZ`, `CHN`); for two letters, codes one
    letter away or swapped. Host countries and frequent partners come first.
    """
    text = written.strip()
    upper = text.upper()
    if upper in COUNTRIES:
        return [upper]
    if upper in _RESERVED:
        return _RESERVED[upper]
    if len(text) >= 3:
        named = _named(text.casefold())
        if named:
            return _ranked(named)[:limit]
    if len(upper) == 3 and upper.isalpha():
        return _ranked({upper[:2], upper[0] + upper[2]} & COUNTRIES.keys())[:limit]
    if len(upper) == 2 and upper.isalpha():
        near = [c for c in COUNTRIES if _one_letter_away(upper, c) or c == upper[::-1]]
        return _ranked(near)[:limit]
    return []


def _named(start: str) -> set[str]:
    """Codes whose English name, or name in the language in use, starts with `start`
    (casefolded): a reviewer writes the country as they say it."""
    from checker.i18n.countries import country_names

    found = {c for c, name in COUNTRIES.items() if name.casefold().startswith(start)}
    found.update(c for c, name in country_names().items() if name.casefold().startswith(start))
    return found & COUNTRIES.keys()


def _one_letter_away(written: str, code: str) -> bool:
    return (written[0] == code[0]) != (written[1] == code[1])


def _ranked(codes: set[str] | list[str]) -> list[str]:
    return sorted(codes, key=lambda c: (_RANK.get(c, len(_RANK)), c))

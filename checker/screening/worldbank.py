"""Reading the World Bank's Listing of Ineligible Firms and Individuals (`wb-debarred`).

Owns the reader of the JSON the World Bank's "Debarred Firms" page loads
(https://www.worldbank.org/en/projects-operations/procurement/debarred-firms,
served by apigwext.worldbank.org/.../FIRM/SANCTIONED_FIRM): an object
`{"response": {"ZPROCSUPP": [...]}}`, one row a debarred firm or individual with
`SUPP_ID`, `SUPP_NAME`, `COUNTRY_NAME`, `DEBAR_FROM_DATE`, `DEBAR_TO_DATE`,
`DEBAR_REASON` and `INELIGIBLY_STATUS` (docs/screening.md says where these names
were learnt). Dates come as `DD-MON-YYYY` or `YYYY-MM-DD`; a permanent or open-ended
debarment says `Permanent`/`Ongoing` in `INELIGIBLY_STATUS` and carries the
sentinel `31-DEC-2999` (or no date) in `DEBAR_TO_DATE`.

A debarment whose end date is before the list's own date is left out: the list
says who is ineligible on its date, and a past debarment is history, not a hit.
Which date a list has is decided by checker.screening.imports, so this reader
returns every row with its end date (`until`) and leaves the filtering to it.
Refuses matching and writing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from checker.screening.formats import FormatError, Read, read_json

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

ROWS = ("response", "ZPROCSUPP")
HINT = 'the World Bank debarred-firms JSON (`{"response": {"ZPROCSUPP": [...]}}`)'
_OPEN_ENDED = {"permanent": "permanently", "ongoing": "with no end date (Ongoing)"}
_SENTINEL_YEAR = 2999  # the API's end date for permanent and open-ended debarments
# The ways the World Bank's names carry another name of the same firm:
# "ACME LTD. (a.k.a. ACME LIMITED)", "X (formerly known as Y)", "X, d/b/a Y".
_ALIAS = re.compile(
    r"\s*[(,;]?\s*\b(?:a\.k\.a\.?|also known as|f/k/a|formerly known as|d/b/a|"
    r"doing business as)(?=\s|:)\s*:?\s*|\s*[(,]\s*aka\s+",
    re.IGNORECASE,
)
_NOTE_MARK = re.compile(r"\*+\s*\d*\s*$")  # "ACME LTD.*" points at a footnote on the page


def read_wb_debarred(path: Path) -> Read:
    """Every row of the file, the end of each debarment kept in `until` (None: open-ended)."""
    rows = _rows(path)
    entries = [_entry(path, number, row) for number, row in enumerate(rows)]
    return Read([e for e in entries if e], None, "World Bank debarred-firms JSON")


def _rows(path: Path) -> list[Any]:
    found: Any = read_json(path)
    for key in ROWS:
        if not isinstance(found, dict) or key not in found:
            raise FormatError(path, 1, 1, f"expected {HINT}; no `{'.'.join(ROWS)}` found")
        found = found[key]
    if not isinstance(found, list):
        raise FormatError(path, 1, 1, f"expected {HINT}; `{'.'.join(ROWS)}` is not a list")
    return found


def _entry(path: Path, number: int, row: Any) -> dict[str, Any] | None:
    where = f"/{'/'.join(ROWS)}/{number}"
    if not isinstance(row, dict):
        raise FormatError(path, 1, 1, f"{where}: a row is an object, found {_kind(row)}")
    raw_name = _field(path, row, where, "SUPP_NAME")
    if not raw_name:
        return None
    name, *aliases = split_names(raw_name)
    start = _date(path, row, where, "DEBAR_FROM_DATE")
    until, period_end = _end(path, row, where)
    grounds = _field(path, row, where, "DEBAR_REASON")
    period = f"from {start or 'a date not stated'} {period_end}"
    return {
        "name": name,
        "aliases": aliases,
        "entry_id": _field(path, row, where, "SUPP_ID") or None,
        "regime": f"World Bank debarment ({grounds or 'grounds not stated'}), ineligible {period}",
        "programme": grounds or None,
        "listed_on": start,
        "country": _field(path, row, where, "COUNTRY_NAME") or None,
        "until": until,
    }


def split_names(text: str) -> list[str]:
    """The name and the other names a SUPP_NAME gives, footnote marks dropped."""
    parts = (_tidy(_NOTE_MARK.sub("", p)) for p in _ALIAS.split(text))
    found = [p for p in parts if p]
    return list(dict.fromkeys(found)) or [text.strip()]


def _tidy(part: str) -> str:
    """A name part without the separators and the bracket the split left unbalanced:
    "ACME (CHINA) LTD. (a.k.a. X)" gives "ACME (CHINA) LTD." and "X"."""
    part = part.strip(" ,;")
    if part.endswith(")") and part.count(")") > part.count("("):
        part = part[:-1].rstrip(" ,;")
    if part.startswith("(") and part.count("(") > part.count(")"):
        part = part[1:].lstrip()
    return part


def _end(path: Path, row: dict[str, Any], where: str) -> tuple[str | None, str]:
    """(last day of the debarment or None when open-ended, the end in words)."""
    status = _field(path, row, where, "INELIGIBLY_STATUS").lower()
    end = _date(path, row, where, "DEBAR_TO_DATE")
    if status in _OPEN_ENDED:
        return None, _OPEN_ENDED[status]
    if end is None:
        return None, "with no end date stated"
    if int(end[:4]) >= _SENTINEL_YEAR:
        return None, _OPEN_ENDED["permanent"]
    return end, f"to {end}"


def _field(path: Path, row: dict[str, Any], where: str, key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise FormatError(path, 1, 1, f"{where}/{key}: expected text, found {_kind(value)}")
    return " ".join(str(value).split())


def _date(path: Path, row: dict[str, Any], where: str, key: str) -> str | None:
    text = _field(path, row, where, key)
    if not text:
        return None
    for parse in (_dd_mon_yyyy, _iso):
        found = parse(text)
        if found:
            return found
    raise FormatError(
        path, 1, 1, f"{where}/{key}: `{text}` is not a date (DD-MON-YYYY or YYYY-MM-DD)"
    )


def _dd_mon_yyyy(text: str) -> str | None:
    try:
        return datetime.strptime(text, "%d-%b-%Y").date().isoformat()
    except ValueError:
        return None


def _iso(text: str) -> str | None:
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", bool: "true/false", str: "text"}
    return names.get(type(value), "null" if value is None else "a number")

"""Reading the Asian Development Bank's and the EBRD's debarment lists (`adb-sanctions`,
`ebrd-ineligible`).

Neither bank offers a file to download: each list page fills its table from a
JSON service, one page of rows per request, and that JSON (saved from the
browser's developer tools, one file per page) is what these readers take:

- ADB, https://www.adb.org/who-we-are/integrity/sanctions, served by
  apim.adb.org/sanctions/lists/v1/published-list: a JSON:API document
  `{"data": [{"id": ..., "attributes": {...}}], "links": {"next": ...}}`, each
  row's `attributes` carrying `name`, `otherName`, `nationality`, `address`,
  `grounds`, `sanctionType`, `effectiveDateOfSanction`, `lapseDateOfSanction`
  and `changesMadeOn`; dates `DD/Mon/YYYY`, an open end `Until Further Notice`
  or `Indefinitely`;
- EBRD, https://www.ebrd.com/.../ebrd-sanctions-system/ineligible-entities.html,
  served by www.ebrd.com/bin/ebrd_dxp/filterlistservlet:
  `{"searchResult": [{...}], "resultCount": [...]}`, each row with `title`
  (the name), `subtitle` (other names), `nationality`, `address`,
  `prohibitedPractice`, `originatingInstitution` (the bank that debarred, for
  a cross-debarment), `jurisdictionOfJudgement`, `ineligibleFromDate`,
  `ineligibleUntilDate` and `dateNoticeEffectiveAtEBRD`; dates `DD-MM-YYYY`,
  an open end `Indefinite` or `Ongoing (...)`.

Where these names come from (docs/screening.md says more): not from a sample
of the banks' own responses, which could not be read here, but from the
community crawlers that read the same services every day (OpenSanctions,
`datasets/_global/adb_sanctions` and `ebrd_ineligible`, commit f33cff2,
August 2026) and other public screening tools. So each reader checks that
every row has the fields it reads and refuses a file whose rows differ, naming
the row and the missing field: a changed format stops the import instead of
importing empty names or dates.

Like checker.screening.worldbank, the EBRD reader returns every row with the
last day of its ineligibility in `until` (None: open-ended), and
checker.screening.imports leaves out the rows that ended before the list's
date. The ADB reader does not: ADB's published list keeps a party until ADB
reinstates it, which it is said to do on the party's request, not when the
lapse date passes (ADB's anticorruption FAQ, read only in a third-party copy;
not verified in ADB's Integrity Principles and Guidelines), so a row still on
the list is a hit and its regime says its lapse date. Refuses matching and
writing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from checker.screening.formats import FormatError, Read, read_json
from checker.screening.worldbank import split_names

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

_IDENTIFIER = re.compile(
    r"\b(?:reg(?:istration)?|tin|vat|id|code|no)\b\.?.*\d", re.IGNORECASE
)  # "Registration No. 0055729", "TIN No. 304332224": an identifier, not a name
_MARKS = re.compile(r"\*\d*")  # "China*2": a footnote mark on the page


@dataclass(frozen=True, slots=True)
class Layout:
    """One bank's JSON: where the rows are, the fields every row must carry, and how
    its dates and open ends are written."""

    bank: str
    rows: tuple[str, ...]
    inner: str | None
    """The key of a row's fields inside the row (`attributes` in JSON:API), if any."""
    required: tuple[str, ...]
    date_formats: tuple[str, ...]
    open_ended: tuple[str, ...]
    detail: str


ADB = Layout(
    "ADB",
    ("data",),
    "attributes",
    (
        "name",
        "otherName",
        "nationality",
        "grounds",
        "sanctionType",
        "effectiveDateOfSanction",
        "lapseDateOfSanction",
    ),
    ("%d/%b/%Y", "%d-%b-%Y"),
    ("until further notice", "indefinite", "permanent"),
    'ADB published sanctions list JSON (`{"data": [{"attributes": {...}}]}`)',
)
EBRD = Layout(
    "EBRD",
    ("searchResult",),
    None,
    (
        "title",
        "nationality",
        "prohibitedPractice",
        "originatingInstitution",
        "ineligibleFromDate",
        "ineligibleUntilDate",
    ),
    ("%d-%m-%Y", "%d/%m/%Y"),
    ("indefinite", "ongoing", "permanent"),
    'EBRD ineligible entities JSON (`{"searchResult": [...]}`)',
)


def read_adb(paths: list[Path]) -> Read:
    """Every row of the saved pages of ADB's published sanctions list."""
    return _read(ADB, paths, _adb_entry)


def read_ebrd(paths: list[Path]) -> Read:
    """Every row of the saved pages of the EBRD's ineligible entities list."""
    return _read(EBRD, paths, _ebrd_entry)


Row = Callable[["_Row"], "dict[str, Any] | None"]


def _read(layout: Layout, paths: list[Path], make: Row) -> Read:
    entries: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for path in paths:
        for number, fields in enumerate(_rows(layout, path)):
            row = _Row(layout, path, f"/{'/'.join(layout.rows)}/{number}", fields)
            entry = make(row)
            if entry is None:
                continue
            key = (entry["name"], entry.get("listed_on") or "", entry["regime"])
            if key not in seen:  # a row on two saved pages is one entry
                seen.add(key)
                entries.append(entry)
    return Read(entries, None, layout.detail)


def _rows(layout: Layout, path: Path) -> list[dict[str, Any]]:
    found: Any = read_json(path)
    for key in layout.rows:
        if not isinstance(found, dict) or key not in found:
            raise FormatError(path, 1, 1, f"expected the {layout.detail}; no `{key}` found")
        found = found[key]
    if not isinstance(found, list):
        raise FormatError(path, 1, 1, f"expected the {layout.detail}; `{key}` is not a list")
    rows = []
    for number, item in enumerate(found):
        where = f"/{'/'.join(layout.rows)}/{number}"
        row = item
        if layout.inner is not None:
            row = item.get(layout.inner) if isinstance(item, dict) else item
            where += f"/{layout.inner}"
        if not isinstance(row, dict):
            raise FormatError(path, 1, 1, f"{where}: a row is an object, found {_kind(row)}")
        missing = [k for k in layout.required if k not in row]
        if missing:
            raise FormatError(
                path,
                1,
                1,
                f"{where}: not the {layout.detail}: the row has no "
                + ", ".join(f"`{k}`" for k in missing)
                + f" (every row carries {', '.join(layout.required)})",
            )
        if row is not item:  # JSON:API: the row's id is beside its attributes
            row = {**row, "_id": item.get("id")}
        rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class _Row:
    layout: Layout
    path: Path
    where: str
    fields: dict[str, Any]

    def text(self, key: str) -> str:
        value = self.fields.get(key)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise FormatError(
                self.path, 1, 1, f"{self.where}/{key}: expected text, found {_kind(value)}"
            )
        return " ".join(str(value).split())

    def day(self, key: str) -> str | None:
        """The ISO date of a date field; None when empty or open-ended."""
        text = self.text(key)
        if not text or self.open_ended(key):
            return None
        for form in self.layout.date_formats:
            try:
                return datetime.strptime(text, form).date().isoformat()
            except ValueError:
                continue
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            pass
        forms = " or ".join(
            f.replace("%d", "DD").replace("%m", "MM").replace("%b", "Mon").replace("%Y", "YYYY")
            for f in self.layout.date_formats
        )
        raise FormatError(
            self.path,
            1,
            1,
            f"{self.where}/{key}: `{text}` is not a date ({forms}, YYYY-MM-DD, or an open "
            f"end such as `{self.layout.open_ended[0].title()}`)",
        )

    def open_ended(self, key: str) -> bool:
        return self.text(key).lower().startswith(self.layout.open_ended)


def _period(row: _Row, start_key: str, end_key: str) -> tuple[str | None, str | None, str]:
    """(start, last day or None when open-ended, the period in words)."""
    start = row.day(start_key)
    end = row.day(end_key)
    if end is not None and int(end[:4]) >= 2999:  # a sentinel for "no end"
        end = None
    if end is not None:
        finish = f"to {end}"
    elif row.open_ended(end_key):
        finish = f"with no end date ({row.text(end_key)})"
    else:
        finish = "with no end date stated"
    return start, end, f"from {start or 'a date not stated'} {finish}"


def _adb_entry(row: _Row) -> dict[str, Any] | None:
    raw = row.text("name")
    if not raw:
        return None
    name, *aliases = split_names(raw)
    for part in row.text("otherName").replace("\\", "").split(";"):
        if part.strip() and not _IDENTIFIER.search(part):
            aliases.extend(split_names(part))
    start, lapse, period = _period(row, "effectiveDateOfSanction", "lapseDateOfSanction")
    if lapse is not None:  # kept, not ended: see the module's docstring
        since = start or "a date not stated"
        period = f"from {since}, lapse date {lapse} (kept while ADB lists it)"
    kind = row.text("sanctionType") or "sanction"
    grounds = row.text("grounds")
    basis = f"{kind}; {grounds}" if grounds else kind
    return {
        "name": name,
        "aliases": [a for a in dict.fromkeys(aliases) if a != name],
        "entry_id": row.text("_id") or None,
        "regime": f"ADB sanction ({basis}), ineligible {period}",
        "programme": kind,
        "listed_on": start,
        "country": _MARKS.sub("", row.text("nationality")).strip() or None,
    }


def _ebrd_entry(row: _Row) -> dict[str, Any] | None:
    raw = row.text("title")
    if not raw:
        return None
    name, *aliases = split_names(raw)
    for part in row.text("subtitle").split(";"):
        if part.strip() and not _IDENTIFIER.search(part):
            aliases.extend(split_names(part))
    start, until, period = _period(row, "ineligibleFromDate", "ineligibleUntilDate")
    practice = row.text("prohibitedPractice") or "prohibited practice not stated"
    origin = row.text("originatingInstitution")
    basis = f"{practice}; debarred by {origin}" if origin else practice
    return {
        "name": name,
        "aliases": [a for a in dict.fromkeys(aliases) if a != name],
        "regime": f"EBRD ineligibility ({basis}), ineligible {period}",
        "programme": practice,
        "listed_on": start,
        "country": row.text("nationality") or None,
        "until": until,
    }


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", bool: "true/false", str: "text"}
    return names.get(type(value), "null" if value is None else "a number")

"""Reading the publishers' own download files into a reference list.

Owns one reader per source, each streaming its file (the full SDN XML is about
100 MB: XML is read with iterparse, each entry cleared once read; CSV row by
row), and the located error for a file in the wrong format. Readers know the
publishers' element and column names, documented in docs/screening.md:

- `eu-fsf`: the Commission's FSF XML (`export` root, `sanctionEntity` entries
  with `nameAlias`, `regulation`), namespace http://eu.europa.ec/fpi/fsd/export;
- `un`: the Security Council's consolidated XML (`CONSOLIDATED_LIST` root,
  `INDIVIDUAL` and `ENTITY` entries);
- `ofac-sdn`: OFAC's SDN.XML (`sdnList` root, `sdnEntry` entries) or SDN.CSV
  (no header; name in column 2, programme in 4, remarks with `a.k.a.` in 12);
- `entity-list`, `ofac-ns-cmic`: the Consolidated Screening List CSV of
  trade.gov (header row; the rows whose `source` names that list);
- `wb-debarred`: the World Bank's debarred-firms JSON, read by
  checker.screening.worldbank (its own module: names, aliases and periods);
- `adb-sanctions`, `ebrd-ineligible`: the saved pages of the ADB's and the
  EBRD's list services, read by checker.screening.mdb.

Refuses writing (checker.screening.store) and matching.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, iterparse

from checker.i18n import _

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any


def _cannot_read(error: OSError) -> str:
    from checker.i18n.os_words import os_reason

    return _("cannot read the file: {error}").format(error=os_reason(error))


def _not_utf8(error: UnicodeDecodeError) -> str:
    return _("not UTF-8 text ({reason})").format(reason=error.reason)


class FormatError(Exception):
    """A file that is not in the format its source publishes; located."""

    def __init__(self, path: Path, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")


@dataclass(frozen=True, slots=True)
class Read:
    """What a reader found: the entries and the date the file states, if any."""

    entries: list[dict[str, Any]]
    as_of: str | None
    detail: str


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(element: Element, name: str) -> Iterator[Element]:
    return (c for c in element if _local(c.tag) == name)


def _text(element: Element, name: str) -> str:
    found = next(_children(element, name), None)
    return (found.text or "").strip() if found is not None else ""


def _stream(path: Path, entry_tags: set[str], root_tag: str, hint: str) -> Iterator[Element]:
    """Each entry element of an XML file, cleared after use; FormatError when the root
    is not `root_tag` or the XML is broken."""
    try:
        # The publishers' files are what the user downloaded, not hostile input, and
        # expat (2.4.1 and later, bundled with every supported Python) refuses entity
        # amplification and never fetches external entities.
        events = iterparse(path, events=("start", "end"))  # noqa: S314
        root: Element | None = None
        for event, element in events:
            if root is None:
                root = element
                if _local(element.tag) != root_tag:
                    raise FormatError(
                        path,
                        1,
                        1,
                        _("expected {hint} (root element `{root}`), found `{found}`").format(
                            hint=hint, root=root_tag, found=_local(element.tag)
                        ),
                    )
                yield root  # the caller reads the root's attributes first
                continue
            if event == "end" and _local(element.tag) in entry_tags:
                yield element
                element.clear()
                root.clear()  # drop the references the root keeps to read entries
    except ParseError as error:
        line, column = error.position
        raise FormatError(
            path, line, column + 1, _("not well-formed XML: {error}").format(error=error.msg)
        ) from None
    except OSError as error:
        raise FormatError(path, 1, 1, _cannot_read(error)) from None


def read_eu_fsf(path: Path) -> Read:
    entries: list[dict[str, Any]] = []
    stream = _stream(path, {"sanctionEntity"}, "export", "the EU FSF XML file")
    root = next(stream)
    as_of = (root.get("generationDate") or "")[:10] or None
    for entity in stream:
        regulations = list(_children(entity, "regulation"))
        programmes = sorted({r.get("programme", "") for r in regulations} - {""})
        acts = [r.get("numberTitle", "") for r in regulations if r.get("numberTitle")]
        dates = sorted(d for r in regulations if (d := r.get("publicationDate")))
        names = [a.get("wholeName", "").strip() for a in _children(entity, "nameAlias")]
        names = [n for n in dict.fromkeys(names) if n]
        if not names:
            continue
        url = next(
            (_text(r, "publicationUrl") for r in regulations if _text(r, "publicationUrl")), None
        )
        entries.append(
            {
                "name": names[0],
                "aliases": names[1:],
                "entry_id": entity.get("euReferenceNumber") or entity.get("logicalId"),
                "regime": "EU restrictive measures"
                + (f", {', '.join(programmes)}" if programmes else "")
                + (f" ({acts[0]})" if acts else ""),
                "programme": ", ".join(programmes) or None,
                "listed_on": entity.get("designationDate") or (dates[0] if dates else None),
                "source_url": url,
            }
        )
    return Read(entries, as_of, "EU FSF XML")


def _un_name(element: Element) -> str:
    parts = (_text(element, f) for f in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"))
    return " ".join(p for p in parts if p)


def read_un(path: Path) -> Read:
    entries: list[dict[str, Any]] = []
    stream = _stream(path, {"INDIVIDUAL", "ENTITY"}, "CONSOLIDATED_LIST", "the UN consolidated XML")
    root = next(stream)
    as_of = (root.get("dateGenerated") or "")[:10] or None
    for element in stream:
        name = _un_name(element)
        if not name:
            continue
        alias_tag = f"{_local(element.tag)}_ALIAS"
        aliases = [_text(a, "ALIAS_NAME") for a in _children(element, alias_tag)]
        listed_on = _text(element, "LISTED_ON")[:10] or None
        entries.append(
            {
                "name": name,
                "aliases": [a for a in aliases if a],
                "entry_id": _text(element, "REFERENCE_NUMBER") or _text(element, "DATAID"),
                "regime": f"UN Security Council sanctions ({_text(element, 'UN_LIST_TYPE')})",
                "programme": _text(element, "UN_LIST_TYPE") or None,
                "listed_on": listed_on,
            }
        )
    return Read(entries, as_of, "UN consolidated XML")


def _sdn_name(element: Element) -> str:
    return ", ".join(p for p in (_text(element, "lastName"), _text(element, "firstName")) if p)


def read_ofac_sdn(path: Path) -> Read:
    if path.suffix.lower() == ".csv":
        return _read_sdn_csv(path)
    entries: list[dict[str, Any]] = []
    stream = _stream(path, {"sdnEntry", "publshInformation"}, "sdnList", "OFAC's SDN.XML")
    next(stream)
    as_of: str | None = None
    for element in stream:
        if _local(element.tag) == "publshInformation":
            as_of = _us_date(_text(element, "Publish_Date"))
            continue
        programmes = [
            (p.text or "").strip()
            for block in _children(element, "programList")
            for p in _children(block, "program")
        ]
        aliases = [_sdn_name(aka) for block in _children(element, "akaList") for aka in block]
        entries.append(
            {
                "name": _sdn_name(element),
                "aliases": [a for a in aliases if a],
                "entry_id": _text(element, "uid") or None,
                "regime": "OFAC " + (", ".join(programmes) or _text(element, "sdnType")),
                "programme": ", ".join(programmes) or None,
            }
        )
    return Read(entries, as_of, "OFAC SDN.XML")


_AKA = re.compile(r"a\.k\.a\.\s+'([^']+)'")
_NULL = "-0-"


def _read_sdn_csv(path: Path) -> Read:
    entries: list[dict[str, Any]] = []
    for number, row in _csv_rows(path):
        if len(row) < 12 or not row[0].strip().isdigit():
            if not any(cell.strip() for cell in row) or row[0].strip() == "\x1a":
                continue  # blank lines and the end-of-file marker OFAC's file carries
            raise FormatError(
                path, number, 1, _("expected OFAC's SDN.CSV: 12 columns, the first a number")
            )
        programme = _clean(row[3])
        entries.append(
            {
                "name": _clean(row[1]) or row[1].strip(),
                "aliases": _AKA.findall(row[11]),
                "entry_id": row[0].strip(),
                "regime": f"OFAC {programme}" if programme else "OFAC",
                "programme": programme or None,
            }
        )
    return Read(entries, None, "OFAC SDN.CSV")


def _clean(cell: str) -> str:
    text = cell.strip()
    return "" if text == _NULL else text.strip('"')


_CSL_COLUMNS = ("source", "name")
_CSL_SOURCES = {
    "entity-list": "Entity List",
    "ofac-ns-cmic": "Chinese Military-Industrial Complex",
}


def read_csl(source: str) -> Callable[[Path], Read]:
    """A reader of the Consolidated Screening List CSV keeping one source's rows."""
    wanted = _CSL_SOURCES[source]

    def read(path: Path) -> Read:
        entries: list[dict[str, Any]] = []
        rows = _csv_rows(path)
        _line, header = next(rows, (1, []))
        columns = {name.strip(): i for i, name in enumerate(header)}
        missing = [c for c in _CSL_COLUMNS if c not in columns]
        if missing:
            raise FormatError(
                path,
                1,
                1,
                _(
                    "expected the Consolidated Screening List CSV (a header row with "
                    "`source`, `name`, `alt_names` ...); missing column `{column}`"
                ).format(column=missing[0]),
            )

        def cell(row: list[str], name: str) -> str:
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        for _number, row in rows:
            if wanted.lower() not in cell(row, "source").lower() or not cell(row, "name"):
                continue
            programmes = cell(row, "programs")
            entries.append(
                {
                    "name": cell(row, "name"),
                    "aliases": [a.strip() for a in cell(row, "alt_names").split(";") if a.strip()],
                    "entry_id": cell(row, "federal_register_notice")
                    or cell(row, "entity_number")
                    or cell(row, "_id")
                    or None,
                    "regime": cell(row, "source") + (f" ({programmes})" if programmes else ""),
                    "programme": programmes or None,
                    "listed_on": _iso(cell(row, "start_date")),
                    "country": None,
                    "source_url": cell(row, "source_list_url") or None,
                }
            )
        return Read(entries, None, f"Consolidated Screening List CSV ({wanted} rows)")

    return read


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of each row; FormatError when the file is not text."""
    try:
        with path.open(encoding="utf-8-sig", errors="strict", newline="") as handle:
            reader = csv.reader(handle)
            for row in reader:
                yield reader.line_num, row
    except UnicodeDecodeError as error:
        raise FormatError(path, 1, 1, _not_utf8(error)) from None
    except csv.Error as error:
        raise FormatError(path, 1, 1, _("not a CSV file: {error}").format(error=error)) from None
    except OSError as error:
        raise FormatError(path, 1, 1, _cannot_read(error)) from None


def _us_date(text: str) -> str | None:
    try:
        return datetime.strptime(text.strip(), "%m/%d/%Y").date().isoformat()
    except ValueError:
        return None


def _iso(text: str) -> str | None:
    text = text.strip()[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def read_wb_debarred(path: Path) -> Read:
    # Imported here: checker.screening.worldbank builds on this module's FormatError and Read.
    from checker.screening.worldbank import read_wb_debarred as read

    return read(path)


READERS: dict[str, Callable[[Path], Read]] = {
    "eu-fsf": read_eu_fsf,
    "un": read_un,
    "ofac-sdn": read_ofac_sdn,
    "entity-list": read_csl("entity-list"),
    "ofac-ns-cmic": read_csl("ofac-ns-cmic"),
    "wb-debarred": read_wb_debarred,
}
"""One reader per source `govcheck screening import --source` accepts with one file."""


def read_adb(paths: list[Path]) -> Read:
    from checker.screening.mdb import read_adb as read

    return read(paths)


def read_ebrd(paths: list[Path]) -> Read:
    from checker.screening.mdb import read_ebrd as read

    return read(paths)


PAGED_READERS: dict[str, Callable[[list[Path]], Read]] = {
    "adb-sanctions": read_adb,
    "ebrd-ineligible": read_ebrd,
}
"""The sources whose list comes as pages of a JSON service, one saved file a page:
`govcheck screening import` takes every page at once (checker.screening.mdb)."""
IMPORTABLE = (*READERS, *PAGED_READERS)
"""Every source `govcheck screening import --source` accepts."""


def read_json(path: Path) -> Any:
    """A downloaded list file read as JSON (UTF-8, byte-order mark allowed); anything else
    is a FormatError located in the file."""
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        from checker.i18n.os_words import json_reason

        said = _("not JSON: {error}").format(error=json_reason(error))
        raise FormatError(path, error.lineno, error.colno, said) from None
    except UnicodeDecodeError as error:
        raise FormatError(path, 1, 1, _not_utf8(error)) from None
    except OSError as error:
        raise FormatError(path, 1, 1, _cannot_read(error)) from None

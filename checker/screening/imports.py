"""`govcheck screening import`: a publisher's file in, a dated reference list out.

Owns turning what a reader (checker.screening.formats) found into a validated
`ReferenceList` with the list's title, publisher and address, dated by the
file (or, where the format carries no date, by `--as-of`, else the file's
modification day, which the list then says), and writing it into the user's
reference folder. An entry whose listing ended before the list's date (a reader
gives its last day as `until`: World Bank debarments) is left out, and the list
says how many were. Offline only: nothing is downloaded. Refuses reading formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from checker.i18n import _, number
from checker.screening.formats import IMPORTABLE, PAGED_READERS, READERS, FormatError, Read
from checker.screening.store import save_list

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.screening.lists import ReferenceList


@dataclass(frozen=True, slots=True)
class Publisher:
    title: str
    publisher: str
    url: str


PUBLISHERS = {
    "eu-fsf": Publisher(
        "Consolidated list of persons, groups and entities subject to EU financial sanctions",
        "European Commission (Financial Sanctions Files, FSF)",
        "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions",
    ),
    "un": Publisher(
        "United Nations Security Council Consolidated List",
        "United Nations Security Council",
        "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list",
    ),
    "ofac-sdn": Publisher(
        "Specially Designated Nationals and Blocked Persons List (SDN)",
        "U.S. Department of the Treasury, Office of Foreign Assets Control (OFAC)",
        "https://sanctionslist.ofac.treas.gov/Home/SdnList",
    ),
    "entity-list": Publisher(
        "Entity List (15 CFR Part 744, Supplement No. 4), from the Consolidated Screening List",
        "U.S. Department of Commerce, Bureau of Industry and Security (BIS)",
        "https://www.trade.gov/consolidated-screening-list",
    ),
    "ofac-ns-cmic": Publisher(
        "Non-SDN Chinese Military-Industrial Complex Companies List, from the Consolidated "
        "Screening List",
        "U.S. Department of the Treasury, Office of Foreign Assets Control (OFAC)",
        "https://www.trade.gov/consolidated-screening-list",
    ),
    "wb-debarred": Publisher(
        "World Bank Listing of Ineligible Firms and Individuals (debarred and cross-debarred "
        "firms and individuals)",
        "World Bank Group",
        "https://www.worldbank.org/en/projects-operations/procurement/debarred-firms",
    ),
    "adb-sanctions": Publisher(
        "ADB Published Sanctions List (debarred and cross-debarred firms and individuals)",
        "Asian Development Bank, Office of Anticorruption and Integrity",
        "https://www.adb.org/who-we-are/integrity/sanctions",
    ),
    "ebrd-ineligible": Publisher(
        "EBRD Ineligible Entities (debarred and cross-debarred firms and individuals)",
        "European Bank for Reconstruction and Development",
        "https://www.ebrd.com/home/who-we-are/strategies-governance-compliance/"
        "ebrd-sanctions-system/ineligible-entities.html",
    ),
}
SOURCES = IMPORTABLE


def read_list(source: str, files: Path | list[Path], as_of: str | None = None) -> ReferenceList:
    """The reference list in a publisher's file (or, for a list served in pages, the
    saved pages); FormatError when it is not that format."""
    from pydantic import ValidationError

    from checker.i18n.pydantic_words import pydantic_message
    from checker.screening.lists import ReferenceList

    paths = [files] if isinstance(files, Path) else list(files)
    path = max(paths, key=_modified)  # the file that dates the list, when its format cannot
    if source in PAGED_READERS:
        found: Read = PAGED_READERS[source](paths)
    elif len(paths) == 1:
        found = READERS[source](path)
    else:
        message = _("`{source}` is one file; {count} were given").format(
            source=source, count=number(len(paths))
        )
        raise FormatError(paths[1], 1, 1, message)
    if not found.entries:
        said = _("no entries found: is this the {detail} file?").format(detail=found.detail)
        raise FormatError(path, 1, 1, said)
    dated, how = _date(found, path, as_of)
    entries, ended = _current(found.entries, dated)
    publisher = PUBLISHERS[source]
    data = {
        "kind": "screening-list",
        "source": source,
        "title": publisher.title,
        "publisher": publisher.publisher,
        "as_of": dated,
        "coverage": "full",
        "source_url": publisher.url,
        "imported_from": f"{_named(paths)} ({found.detail}); dated by {how}",
        "notes": (
            f"Left out: {ended:,} {'entry' if ended == 1 else 'entries'} whose listing "
            f"ended before {dated}, the list's date (a past listing is not a hit)."
            if ended
            else None
        ),
        "entries": [_entry(e) for e in entries],
    }
    try:
        return ReferenceList.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = "/".join(str(p) for p in first["loc"])
        message = _("an entry cannot be read ({where}: {message})").format(
            where=where, message=pydantic_message(first)
        )
        raise FormatError(path, 1, 1, message) from None


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _named(paths: list[Path]) -> str:
    if len(paths) == 1:
        return paths[0].name
    return f"{len(paths)} pages, {paths[0].name} … {paths[-1].name}"


def _date(found: Read, path: Path, as_of: str | None) -> tuple[str, str]:
    if as_of:
        return as_of, "--as-of"
    if found.as_of:
        return found.as_of, "the file's own date"
    modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date().isoformat()
    return modified, "the file's modification day (the format carries no date)"


def _current(entries: list[dict[str, Any]], on: str) -> tuple[list[dict[str, Any]], int]:
    """The entries still listed on the list's date `on`, and how many were left out because
    their listing ended (`until`, the last day listed) before it. `None`: open-ended."""
    kept = [e for e in entries if e.get("until") is None or e["until"] >= on]
    return [{k: v for k, v in e.items() if k != "until"} for e in kept], len(entries) - len(kept)


def _entry(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry within the format's limits: names of at most 300 characters (longer
    ones are cut), no empty values."""
    cleaned = {k: v for k, v in entry.items() if v not in (None, "", [])}
    cleaned["name"] = str(cleaned.get("name", ""))[:300]
    cleaned["aliases"] = list(dict.fromkeys(a[:300] for a in entry.get("aliases", []) if a))
    return cleaned


def import_list(
    source: str, files: Path | list[Path], as_of: str | None = None, folder: Path | None = None
) -> tuple[Path, ReferenceList]:
    """Read a publisher's file (or saved pages) and write it as `<source>.json` in the
    reference folder."""
    reference = read_list(source, files, as_of)
    return save_list(reference, folder), reference

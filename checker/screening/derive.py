"""Screening facts in the evaluated view, and the input problem for writing them by hand.

Owns adding `screening` (checker/project/screening.py) to every named party of
a project as rules see it: per list, hit, partial match (`unknown`), no hit on
a complete list, or not covered by an excerpt; a vendor's stated owners screened
too (checker.screening.ownership: owned or controlled by a listed person); and
how the project's own `sanctions_listed` claim compares. The file's data is never changed: only the
mappings on the way are copied. Refuses wording findings (rules and reports do).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import Located
from checker.inputs import input_finding
from checker.pointers import join_pointer
from checker.screening.ownership import merged, owned_statuses, owner_hits
from checker.screening.periods import in_force

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.findings import Finding
    from checker.screening.index import Index
    from checker.sources import SourceDocument

FIELD = "screening"
RESERVED = "screening.reserved"
SINGLE_PARTIES = ("sponsor", "beneficiary", "operator")
LIST_PARTIES = ("financiers", "vendors")
STATUS_OF = {
    "eu-fsf": "eu_sanctions",
    "un": "un_sanctions",
    "ofac-sdn": "us_sanctions",
    "ofac-ns-cmic": "investment_ban",
    "entity-list": "export_control",
    "eu-5g-high-risk": "high_risk_5g",
    "wb-debarred": "debarment",
    "adb-sanctions": "debarment",
    "ebrd-ineligible": "debarment",
}
"""The status field each list decides. The development banks' debarment lists share one
field: a hit on any of them is a debarment, and a party is shown not debarred (`no_hit`)
only when every one of them is loaded whole (a bank's own short debarments reach the
others' lists only by cross-debarment, and only above one year)."""
_SANCTIONS = ("eu_sanctions", "un_sanctions", "us_sanctions")
_SOURCES_OF = {
    status: tuple(s for s, field in STATUS_OF.items() if field == status)
    for status in dict.fromkeys(STATUS_OF.values())
}
"""The lists behind each status field."""


def party_pointers(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, mapping) of every named party: sponsor, beneficiary, operator, each
    financier and each vendor."""
    parties = data.get("parties")
    if not isinstance(parties, dict):
        return
    for role in SINGLE_PARTIES:
        party = parties.get(role)
        if isinstance(party, dict):
            yield f"/parties/{role}", party
    for role in LIST_PARTIES:
        items = parties.get(role)
        if isinstance(items, list):
            for number, party in enumerate(items):
                if isinstance(party, dict):
                    yield f"/parties/{role}/{number}", party


def reserved_problems(source: SourceDocument, project: str) -> list[Finding]:
    """A located input problem for each `screening` a project file writes itself."""
    if FIELD not in source.text or source.data is None:  # most files: no walk
        return []
    found = []
    for pointer, party in party_pointers(source.data):
        if FIELD in party:
            where = join_pointer([*pointer.split("/")[1:], FIELD])
            position = source.locate(where)
            found.append(
                input_finding(
                    RESERVED,
                    "`screening` is computed by govcheck from its reference lists and "
                    "cannot be written in a project file; remove it (state the project's "
                    "own knowledge in `sanctions_listed` and `listings`)",
                    project,
                    source.path,
                    Located(where, position.line, position.column),
                )
            )
    return found


def with_screening(data: dict[str, Any], index: Index, as_of: str = "") -> dict[str, Any]:
    """The view with every named party's `screening` computed (any written one replaced),
    as of the ISO date `as_of`: an entry listed after it (`listed_on`), or whose `until`
    is before it, does not match."""
    found = list(party_pointers(data))
    if not found:
        return data
    view = dict(data)
    parties = dict(data["parties"])
    view["parties"] = parties
    for role in LIST_PARTIES:
        if isinstance(parties.get(role), list):
            parties[role] = list(parties[role])
    for pointer, party in found:
        parts = pointer.split("/")[2:]
        facts = screen(party, index, as_of)
        if len(parts) == 1:
            parties[parts[0]] = {**party, FIELD: facts}
        else:
            parties[parts[0]][int(parts[1])] = {**party, FIELD: facts}
    return view


def screen(party: dict[str, Any], index: Index, as_of: str = "") -> dict[str, Any]:
    """One party's screening facts as of the ISO date `as_of` (a name that is not text
    matches nothing; an entry listed after `as_of`, or that stopped applying before it,
    matches nothing)."""
    name = party.get("name")
    hits = index.match(name) if isinstance(name, str) else []
    if not hits and "owners" not in party:  # most parties: named on no list, no owners
        facts = dict(_unlisted(index))
        facts["claim"] = _claim(party.get("sanctions_listed"), [facts[s] for s in _SANCTIONS])
        facts["hits"] = hits
        return facts
    if as_of and not all(in_force(h, as_of) for h in hits):  # shared list: filter a copy
        hits = [h for h in hits if in_force(h, as_of)]
    facts = {"lists_dated": index.dated}
    found = {h["source"]: h["strength"] for h in hits if h["strength"] == "partial"}
    found.update({h["source"]: "exact" for h in hits if h["strength"] == "exact"})
    for status, sources in _SOURCES_OF.items():
        strengths = {found.get(source) for source in sources}
        if "exact" in strengths:
            facts[status] = "hit"
        elif "partial" in strengths:
            facts[status] = "unknown"
        else:
            whole = all(source in index.complete for source in sources)
            facts[status] = "no_hit" if whole else "not_covered"
    # The claim is about the party's own listing: an owner's listing does not put the
    # party on a list, so the claim is compared before the owners are.
    facts["claim"] = _claim(party.get("sanctions_listed"), [facts[s] for s in _SANCTIONS])
    owned = owner_hits(party, index, as_of) if "owners" in party else []
    if owned:
        for status, value in owned_statuses(owned).items():
            facts[status] = merged(facts[status], value)
        hits = [*hits, *owned]
    facts["hits"] = hits
    return facts


_UNLISTED: dict[int, tuple[Index, dict[str, Any]]] = {}


def _unlisted(index: Index) -> dict[str, Any]:
    """The facts of a party that no list names (before its claim), the same for every such
    party: worked out once per index, as `screen` works them out for any party."""
    known = _UNLISTED.get(id(index))
    if known is not None and known[0] is index:
        return known[1]
    facts: dict[str, Any] = {"lists_dated": index.dated}
    for status, sources in _SOURCES_OF.items():
        whole = all(source in index.complete for source in sources)
        facts[status] = "no_hit" if whole else "not_covered"
    _UNLISTED.clear()  # one index is current at a time
    _UNLISTED[id(index)] = (index, facts)  # the index is kept, so its id stays its own
    return facts


def _claim(claim: Any, statuses: list[str]) -> str:
    if claim is not True and claim is not False:
        return "not_stated"
    if "hit" in statuses:
        return "agrees" if claim else "contradicted"
    if "unknown" in statuses:
        return "unknown"
    return "unsupported" if claim else "agrees"

"""Naming the list entries behind a screening finding: list, regime, date and entry.

Owns one step after the engine: a finding of a rule that reads a party's
`screening` facts, located in that party, gets the matched entries of the lists
the rule reads appended to its detail ("OFAC SDN: China National Electronics
Import and Export Corporation — Venezuela (E.O. 13692, as amended), listed
2020-11-30, entry id not stated; list dated 2026-12-04; exact match"). Run on
problems only (a few per project), like checker.identity.name_items. Refuses
deciding anything: the status is the engine's.
"""

from __future__ import annotations

import json

from checker.findings import Located
from checker.i18n import N_, _
from checker.screening.derive import STATUS_OF
from checker.values import replace

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.findings import Evaluation
    from checker.resolved import ResolvedProfile, ResolvedRule

LIST_NAMES = {
    "eu-fsf": N_("EU financial sanctions list"),
    "un": N_("UN consolidated list"),
    "ofac-sdn": N_("OFAC SDN"),
    "ofac-ns-cmic": N_("OFAC NS-CMIC (investment ban)"),
    "entity-list": N_("US Entity List (export control)"),
    "eu-5g-high-risk": N_("Commission 5G position of 15 June 2023"),
    "wb-debarred": N_("World Bank debarment"),
    "adb-sanctions": N_("ADB debarment"),
    "ebrd-ineligible": N_("EBRD debarment"),
    "other": N_("other list"),
}
_READS: dict[int, frozenset[str]] = {}


def _sources_read(rule: ResolvedRule) -> frozenset[str]:
    """The lists whose status fields the rule's conditions read (none: not a screening rule)."""
    key = id(rule)
    found = _READS.get(key)
    if found is None:
        text = json.dumps([rule.require.source, rule.when.source if rule.when else None])
        found = frozenset(s for s, field in STATUS_OF.items() if f"screening.{field}" in text)
        if "screening.claim" in text:
            found |= {"eu-fsf", "un", "ofac-sdn"}
        _READS[key] = found
    return found


def describe(hit: dict[str, Any]) -> str:
    """One hit in words: list, entry, regime, date, entry id, list date, strength."""
    listed = (
        _("listed {date}").format(date=hit["listed_on"])
        if hit.get("listed_on")
        else _("listing date not stated")
    )
    entry = (
        _("entry {id}").format(id=hit["entry_id"])
        if hit.get("entry_id")
        else _("entry id not stated")
    )
    if hit.get("until"):
        listed = _("{listed}, applies until {date}").format(listed=listed, date=hit["until"])
    strength = _("exact match") if hit["strength"] == "exact" else _("partial match, to be checked")
    name = LIST_NAMES.get(hit["source"])
    fields = {
        "list": _(name) if name else hit["source"],
        "entry_name": hit["entry_name"],
        "regime": hit["regime"],
        "listed": listed,
        "entry": entry,
        "list_date": hit["list_as_of"],
        "strength": strength,
    }
    if hit.get("owner"):
        return _(
            "{list}: owned or controlled by a listed person: its owner {owner} ({ownership}) "
            "is {entry_name} — {regime}, {listed}, {entry}; list dated {list_date}; {strength}"
        ).format(owner=hit["owner"], ownership=_held(hit), **fields)
    return _(
        "{list}: {entry_name} — {regime}, {listed}, {entry}; list dated {list_date}; {strength}"
    ).format(**fields)


def _held(hit: dict[str, Any]) -> str:
    """What an owner holds, in words: its share and whether it controls the party."""
    share = hit.get("owner_share_pct")
    held = (
        _("owns {share} %").format(share=f"{share:g}")
        if isinstance(share, int | float)
        else _("owns a share not stated")
    )
    controls = hit.get("owner_controls")
    if controls is True:
        return _("{held}, controls it").format(held=held)
    if controls is False:
        return _("{held}, does not control it").format(held=held)
    return held


def cite_hits(evaluation: Evaluation, data: Any, profile: ResolvedProfile) -> Evaluation:
    """The evaluation with each screening finding's matched entries in its detail."""
    changed: dict[int, Any] | None = None
    for index, where in evaluation.located.items():
        if "parties" not in where.pointer:  # most findings: not in a party, nothing to split
            continue
        parts = where.pointer.split("/")
        if len(parts) < 3 or parts[1] != "parties":
            continue
        sources = _sources_read(profile.rules[index])
        if not sources:
            continue
        party = _party(data, parts)
        screening = party.get("screening") if isinstance(party, dict) else None
        hits = screening.get("hits", []) if isinstance(screening, dict) else []
        named = [describe(h) for h in hits if h.get("source") in sources]
        if not named:
            continue
        if changed is None:
            changed = dict(evaluation.located)
        changed[index] = Located(
            where.pointer,
            where.line,
            where.column,
            f"{where.detail}; {'; '.join(named)}" if where.detail else "; ".join(named),
            where.facts,
            where.item,
        )
    return evaluation if changed is None else replace(evaluation, located=changed)


def _party(data: Any, parts: list[str]) -> Any:
    parties = data.get("parties") if isinstance(data, dict) else None
    if not isinstance(parties, dict):
        return None
    found = parties.get(parts[2])
    if isinstance(found, list) and len(parts) > 3 and parts[3].isdigit():
        return found[int(parts[3])] if int(parts[3]) < len(found) else None
    return found

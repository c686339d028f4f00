"""Owned or controlled by a listed person: a vendor's stated owners, screened like a name.

Owns one derived step after a party's own screening: each of its `owners` (name,
`share_pct`, `controls`) is matched against the sanctions lists, and an owner's hit
becomes the party's, under the rule of the list's authority:

- EU and UN lists (`eu-fsf`, `un`): the freeze reaches an entity **owned** by a listed
  person — more than 50 % of its proprietary rights — or **controlled** by one (Council
  of the EU, Best Practices for the effective implementation of restrictive measures,
  2022 update, doc. 10572/22, "ownership and control", paras 62–66 as remembered, not
  re-read). A listed owner with more than 50 %, or one that controls it, is a hit.
  Several listed owners together above 50 %, none alone, is a question (the Best
  Practices' treatment of joint ownership was not re-read).
- OFAC SDN (`ofac-sdn`): an entity owned 50 % or more, directly or indirectly, by one or
  more blocked persons **in the aggregate** is itself blocked (OFAC, Revised Guidance on
  Entities Owned by Persons Whose Property and Interests in Property Are Blocked,
  13 August 2014). Control alone is not that test, so it decides nothing here.

Unknown is not no: an owner that matches a list with its share not stated, or with a
share that does not reach the threshold while its control is not stated (EU, UN), or
that matches only partially, makes the status `unknown` — a question, never a pass.
An owner's own owners are not followed (one level; the project states what it knows).
Refuses wording findings.
"""

from __future__ import annotations

from checker.screening.periods import in_force

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.screening.index import Index

OWNED_STATUS = {"eu-fsf": "eu_sanctions", "un": "un_sanctions", "ofac-sdn": "us_sanctions"}
"""The lists whose owned-or-controlled rule govcheck applies, and the status each decides."""
_AGGREGATE = {"ofac-sdn"}  # 50 % or more in the aggregate; the others: more than 50 % by one
_RANK = {"hit": 2, "unknown": 1}


def owner_hits(party: dict[str, Any], index: Index, as_of: str) -> list[dict[str, Any]]:
    """Every sanctions-list entry a stated owner of the party matches, as a hit of the
    party carrying `owner` (the owner's name), `owner_share_pct` and `owner_controls`
    (what the project states it holds)."""
    owners = party.get("owners")
    if not isinstance(owners, list):
        return []
    found: list[dict[str, Any]] = []
    for owner in owners:
        name = owner.get("name") if isinstance(owner, dict) else None
        if not isinstance(name, str):
            continue
        for hit in index.match(name):
            if hit["source"] in OWNED_STATUS and in_force(hit, as_of):
                found.append(hit | {"owner": name} | _holding(owner))
    return found


def owned_statuses(hits: list[dict[str, Any]]) -> dict[str, str]:
    """The status each list's owned-or-controlled rule gives the party from its owners'
    hits: `hit`, `unknown`, or nothing (no effect). `controls: unknown` is not stated."""
    statuses: dict[str, str] = {}
    for source, status in OWNED_STATUS.items():
        mine = [h for h in hits if h["source"] == source]
        if mine:
            decided = _aggregate(mine) if source in _AGGREGATE else _majority(mine)
            if decided:
                statuses[status] = decided
    return statuses


def merged(own: str, owned: str | None) -> str:
    """A party's status from its own name and from its owners: the graver one."""
    if owned is None or _RANK.get(own, 0) >= _RANK[owned]:
        return own
    return owned


def _majority(hits: list[dict[str, Any]]) -> str | None:
    """EU and UN: more than 50 % held by one listed owner, or control, is a hit."""
    exact = [h for h in hits if h["strength"] == "exact"]
    if any(_over(_held(h), 50) or h.get("owner_controls") is True for h in exact):
        return "hit"
    if len(exact) < len(hits) or any(_open(h) for h in exact):
        return "unknown"
    joint = sum(_held(h) or 0.0 for h in {h["owner"]: h for h in exact}.values())
    return "unknown" if joint > 50 else None


def _aggregate(hits: list[dict[str, Any]]) -> str | None:
    """OFAC: the listed owners' shares added up, 50 % or more, is a hit."""
    exact = {h["owner"]: h for h in hits if h["strength"] == "exact"}
    known = sum(_held(h) or 0.0 for h in exact.values())
    if known >= 50:
        return "hit"
    unknown_share = any(_held(h) is None for h in exact.values())
    return "unknown" if unknown_share or len(exact) < len({h["owner"] for h in hits}) else None


def _held(hit: dict[str, Any]) -> float | None:
    share = hit.get("owner_share_pct")
    return float(share) if share is not None else None


def _open(hit: dict[str, Any]) -> bool:
    """A listed owner whose share is not stated, or whose control is not ruled out."""
    return _held(hit) is None or hit.get("owner_controls") is not False


def _over(share: float | None, limit: float) -> bool:
    return share is not None and share > limit


def _share(owner: dict[str, Any]) -> float | None:
    share = owner.get("share_pct")
    return float(share) if isinstance(share, int | float) and not isinstance(share, bool) else None


def _holding(owner: dict[str, Any]) -> dict[str, Any]:
    held = {"owner_share_pct": _share(owner), "owner_controls": owner.get("controls")}
    return {k: v for k, v in held.items() if v is not None}

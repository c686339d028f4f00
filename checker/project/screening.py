"""Screening results: facts govcheck derives from its reference lists, never written by hand.

Owns the shape of `screening` on each named party (sponsor, beneficiary,
operator, financiers, vendors) in the view rules read: per list, whether the
party's name or an alias matched, and how the project's own `sanctions_listed`
claim compares. The core computes it (checker/screening/); a project file that
writes `screening` gets a located input problem and its value is replaced. The
schema marks it `readOnly`. Refuses judgement: a hit is a fact about a list,
what it means for the project is for a rule to say.
"""

from __future__ import annotations

from typing import Literal

from checker.datamodel import Fact, Model, Name, PartialDate, Text, Url

ListStatus = Literal["hit", "no_hit", "not_covered", "unknown"]
"""`hit`: the name or an alias matches an entry exactly (after normalisation);
`unknown`: only a partial match, a question for the reviewer; `no_hit`: no match on a
complete list as of its date (not a clearance: lists change, names vary); `not_covered`:
no match, but only an excerpt of that list is loaded, so the name is not shown to be
unlisted."""

ClaimStatus = Literal["agrees", "contradicted", "unsupported", "not_stated", "unknown"]
"""How the project's `sanctions_listed` compares with the EU, UN and OFAC SDN lists:
`contradicted` (the project says not listed, a list says listed), `unsupported` (the
project says listed, no loaded sanctions list shows it), `unknown` (a partial match)."""


class ScreeningHit(Model):
    """One list entry that a party's name matched."""

    source: Name
    """The list: eu-fsf, un, ofac-sdn, ofac-ns-cmic, entity-list, eu-5g-high-risk,
    wb-debarred, adb-sanctions, ebrd-ineligible or other."""
    measure: Name
    """What the listing means: sanctions, export_control, investment_ban,
    policy_position or debarment."""
    regime: Text
    """The legal regime or programme."""
    programme: Text | None = None
    """The publisher's programme tag."""
    listed_on: PartialDate | None = None
    """When the entry was listed, where the list says."""
    until: PartialDate | None = None
    """The last day the listing applies, where the list says (an entry written by hand
    with an end date); after it the entry no longer matches."""
    entry_id: Text | None = None
    """The publisher's identifier of the entry."""
    entry_name: Name
    """The entry's name as listed."""
    owner: Name | None = None
    """Set when the entry matched one of the party's stated owners, not the party: the
    owner's name. The party is then owned or controlled by a listed person."""
    owner_share_pct: float | None = None
    """The owner's stated share of the party, in per cent (absent: not stated)."""
    owner_controls: Fact | None = None
    """Whether the owner controls the party otherwise than by its shares, as stated."""
    matched: Name
    """Which of the party's names matched which of the entry's names."""
    strength: Literal["exact", "partial"]
    """`exact`: equal after normalisation; `partial`: every word of the shorter name is
    in the longer one, a question for the reviewer."""
    list_as_of: PartialDate
    """The date of the list the entry was found on."""
    source_url: Url | None = None
    """Public page stating the listing."""
    unverified: Text | None = None
    """What about the entry was not verified against the publisher's own file."""


class Screening(Model):
    """Computed by govcheck from its reference lists; a project file never writes it."""

    lists_dated: PartialDate
    """The date of the oldest list consulted: a party without a hit has "no hit on lists
    dated" this, which is not the same as cleared."""
    eu_sanctions: ListStatus
    """EU consolidated list of persons, groups and entities subject to financial
    sanctions (restrictive measures under Art. 215 TFEU)."""
    un_sanctions: ListStatus
    """UN Security Council Consolidated List."""
    us_sanctions: ListStatus
    """OFAC Specially Designated Nationals and Blocked Persons list."""
    investment_ban: ListStatus
    """OFAC Non-SDN Chinese Military-Industrial Complex Companies list (not sanctions
    in the asset-freeze sense)."""
    export_control: ListStatus
    """US Entity List (export control, not sanctions)."""
    high_risk_5g: ListStatus
    """Named in the Commission's 15 June 2023 position on 5G suppliers presenting
    materially higher risks (a policy position, not a legal listing)."""
    debarment: ListStatus
    """The development banks' debarment lists: World Bank, ADB and EBRD (each carries the
    others' debarments of more than a year by cross-debarment). `no_hit` only when every
    one of them is loaded whole."""
    claim: ClaimStatus
    """How the project's own `sanctions_listed` compares with the sanctions lists."""
    hits: list[ScreeningHit] = []
    """Every entry matched, exact or partial."""

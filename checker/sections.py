"""Which optional sections each sector is expected to describe: data, not rules.

Owns one judgement the engine needs before it evaluates: whether an absent
list section means "the proposal does not say" (a question to ask) or "there
is none" (a stated empty list). A safe-city or video-surveillance proposal
that lists no AI systems has not said whether its cameras recognise faces; a
fibre backbone that lists none has none to list (likewise the automated decisions of
the data-processing section). Only list sections are
treated this way: an absent mapping section (data protection, security,
governance) is always a question, asked once for the whole section by
`govcheck questions`. Refuses everything else: it never fills in a fact the
proposal could state differently inside a section.
"""

from __future__ import annotations

_NETWORKS_AND_HOSTING = frozenset(
    {
        "telecom_5g",
        "telecom_backbone",
        "data_centre",
        "cloud",
        "satellite_ground_station",
        "internet_exchange",
        "broadband_access",
    }
)

NOT_EXPECTED: dict[str, frozenset[str]] = {
    "ai_systems": _NETWORKS_AND_HOSTING,
    # Automated decisions about people (fines, refusals) are not what a network or a
    # data centre does; a safe-city or traffic project is asked (GDPR Art. 22, LED Art. 11).
    "data_processing.automated_decisions": _NETWORKS_AND_HOSTING,
}
"""For each list section: the sectors whose proposals are not expected to fill it. For a
project all of whose sectors (main and other) are listed here, an absent section is the
stated "none" (an empty list). Any other sector (safe city, video surveillance, digital
identity, smart transport, e-government, `other`) and any sector that is itself not
shown (absent, `unknown`, a value the schema rejects) leave the section not shown."""


def implied_empty(data: dict[str, object]) -> list[str]:
    """The absent list sections this project's sectors do not expect: read as empty."""
    sectors = [data.get("sector")]
    others = data.get("other_sectors")
    if isinstance(others, list):
        sectors.extend(others)
    return [
        section
        for section, quiet in NOT_EXPECTED.items()
        if _absent(data, section) and all(isinstance(s, str) and s in quiet for s in sectors)
    ]


def _absent(data: dict[str, object], section: str) -> bool:
    """A top-level section not in the file, or a list inside a stated mapping section
    (`data_processing.automated_decisions`) that the mapping leaves out."""
    head, _, tail = section.partition(".")
    if not tail:
        return head not in data
    parent = data.get(head)
    return isinstance(parent, dict) and tail not in parent

"""Which optional sections each sector is expected to describe: data, not rules.

Owns one judgement the engine needs before it evaluates: whether an absent
list section means "the proposal does not say" (a question to ask) or "there
is none" (a stated empty list). A safe-city or video-surveillance proposal
that lists no AI systems has not said whether its cameras recognise faces; a
fibre backbone that lists none has none to list. Only list sections are
treated this way: an absent mapping section (data protection, security,
governance) is always a question, asked once for the whole section by
`govcheck questions`. Refuses everything else: it never fills in a fact the
proposal could state differently inside a section.
"""

from __future__ import annotations

EXPECTED_LISTS: dict[str, frozenset[str]] = {
    "ai_systems": frozenset(
        {
            "safe_city",
            "video_surveillance",
            "digital_identity",
            "smart_transport",
            "e_government",
            "other",
        }
    ),
}
"""For each list section: the sectors whose proposals are expected to fill it. For a
project none of whose sectors (main and other) is listed, an absent section is the
stated "none" (an empty list); otherwise it is not shown."""


def implied_empty(data: dict[str, object]) -> list[str]:
    """The absent list sections this project's sectors do not expect: read as empty."""
    sectors = [data.get("sector")]
    others = data.get("other_sectors")
    if isinstance(others, list):
        sectors.extend(others)
    if not all(isinstance(s, str) for s in sectors):  # the sector itself is not shown
        return []
    return [
        section
        for section, expected in EXPECTED_LISTS.items()
        if section not in data and not any(s in expected for s in sectors)
    ]

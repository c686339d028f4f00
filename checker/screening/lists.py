"""The reference-list file format: one dated, sourced list (or excerpt) per file.

Owns the pydantic model of a `kind: screening-list` file, bundled under
`rulesets/reference/` or written by `govcheck screening import` into the user's
reference folder, and the vocabulary of lists and what kind of measure each is
(sanctions are not export control; a policy position is not a legal listing).
Its JSON Schema is committed as checker/schemas/screening-list.schema.json.
Refuses matching (checker.screening.index) and file locations
(checker.screening.store).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from checker.project.common import Model, Name, PartialDate, Text, Url

SourceId = Literal[
    "eu-fsf",
    "un",
    "ofac-sdn",
    "ofac-ns-cmic",
    "entity-list",
    "eu-5g-high-risk",
    "wb-debarred",
    "adb-sanctions",
    "ebrd-ineligible",
    "other",
]
"""Which published list a file holds (or excerpts)."""

Measure = Literal["sanctions", "export_control", "investment_ban", "policy_position", "debarment"]
"""What being on the list means: an asset freeze and ban on making funds available
(sanctions), a licence requirement for exports (export control), a ban on buying
securities (investment ban), a public authority's stated position that is not a
legal listing (policy position), or exclusion from a financier's contracts
(debarment)."""

MEASURE_OF: dict[str, str] = {
    "eu-fsf": "sanctions",
    "un": "sanctions",
    "ofac-sdn": "sanctions",
    "ofac-ns-cmic": "investment_ban",
    "entity-list": "export_control",
    "eu-5g-high-risk": "policy_position",
    "wb-debarred": "debarment",
    "adb-sanctions": "debarment",
    "ebrd-ineligible": "debarment",
}
"""The measure each known list carries; `other` lists say theirs."""


class Entry(Model):
    """One listed person or entity, as the publisher lists it."""

    name: Name
    """The name as the list writes it."""
    aliases: list[Name] = []
    """Other names the list gives (a.k.a., f.k.a., names in other scripts)."""
    entry_id: Text | None = None
    """The publisher's identifier of the entry (OFAC uid, EU reference number, UN
    reference number, Federal Register citation)."""
    regime: Text
    """The legal regime or programme, e.g. `Venezuela (E.O. 13692)`."""
    programme: Text | None = None
    """The publisher's programme tag, e.g. `VENEZUELA-EO13692`."""
    listed_on: PartialDate | None = None
    """When the entry was listed (YYYY, YYYY-MM or YYYY-MM-DD), if the list says."""
    country: Text | None = None
    """Country the list gives for the entry, if any."""
    source_url: Url | None = None
    """Public page that states this listing (press release, Federal Register, OJ)."""
    unverified: Text | None = None
    """What about this entry was not verified against the publisher's own file (a date,
    an identifier, an alias), in words. Never guessed: said."""


class ReferenceList(Model):
    """A dated, sourced screening list or excerpt."""

    kind: Literal["screening-list"]
    """Always `screening-list`."""
    source: SourceId
    """Which published list this is."""
    title: Name
    """The publisher's title of the list."""
    publisher: Name
    """Who publishes it."""
    measure: Measure | None = None
    """What being listed means; defaults to the list's usual measure."""
    as_of: PartialDate
    """The date the data reflects: the publisher's file date for an import, the date
    the excerpt was checked for a curated excerpt."""
    coverage: Literal["full", "excerpt"]
    """`full`: the whole list as published (an import); `excerpt`: selected entries
    only, so a name not in it is not shown to be unlisted."""
    source_url: Url
    """Where the publisher offers the list."""
    imported_from: Text | None = None
    """The file and format an import was read from."""
    notes: Text | None = None
    """Anything a reviewer should know about this list."""
    entries: list[Entry] = Field(default=[], max_length=1_000_000)
    """The listed persons and entities."""

    def effective_measure(self) -> str:
        return self.measure or MEASURE_OF.get(self.source, "sanctions")

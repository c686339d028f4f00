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

from pydantic import Field, ValidationInfo, field_validator

from checker.datamodel import PARTIAL_DATE_PATTERN, Model, Name, PartialDate, Text, Url
from checker.i18n import _

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
    until: PartialDate | None = None
    """The last day the listing applies (a debarment's end, a delisting), YYYY, YYYY-MM
    or YYYY-MM-DD (a year or a month: to its last day). On a later reference date (a
    check's `--as-of`, else today) the entry no longer matches; before it, a hit says
    until when it applies. For entries written by hand: imports leave out what ended
    before the list's date instead."""
    country: Text | None = None
    """Country the list gives for the entry, if any."""
    source_url: Url | None = None
    """Public page that states this listing (press release, Federal Register, OJ)."""
    unverified: Text | None = None
    """What about this entry was not verified against the publisher's own file (a date,
    an identifier, an alias), in words. Never guessed: said."""

    @field_validator("until", mode="before")
    @classmethod
    def _a_real_date(cls, until: object) -> object:
        """`until: 2027` is a year (YAML reads it as a number), not a type error; a date
        that is not a real one is said in words, not as the pattern it fails."""
        import re

        from pydantic_core import PydanticCustomError

        if type(until) is int and 1000 <= until <= 9999:
            return str(until)
        if isinstance(until, str) and not re.match(PARTIAL_DATE_PATTERN, until):
            message = _("`{until}` is not a real date written YYYY, YYYY-MM or YYYY-MM-DD")
            message = message.format(until=until)
            raise PydanticCustomError("not_a_date", message)
        return until

    @field_validator("until")
    @classmethod
    def _ends_after_it_starts(cls, until: str | None, info: ValidationInfo) -> str | None:
        from checker.screening.periods import first_day, last_day

        listed = info.data.get("listed_on")
        if until is not None and isinstance(listed, str) and last_day(until) < first_day(listed):
            from pydantic_core import PydanticCustomError

            message = _("the listing ends ({until}) before it was made (listed_on {listed})")
            message = message.format(until=until, listed=listed)
            raise PydanticCustomError("ends_before_listed", message)
        return until


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

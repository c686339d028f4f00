"""When a listing applies: from its `listed_on` to its `until`, against the check's date.

Owns one comparison, kept free of pydantic and the list models because the screening of
every party runs it: an entry does not match on a reference date before it was listed
(`listed_on`: a check `--as-of 2019-06-01` must not see a 2020 designation), nor after
its end date (`until`, the last day it applies). Dates are YYYY, YYYY-MM or YYYY-MM-DD.
A partial end date means its whole year or month: `2027` applies until 2027-12-31. A
partial listing date counts from its first day: `2020-11` matches on 2020-11-01, since
the day within the month is not known and a possible listing is a hit to look at, not
a miss. Refuses parsing anything but ISO dates (the list models validate them first).
"""

from __future__ import annotations

from calendar import monthrange

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any


def last_day(partial: str) -> str:
    """The last day a YYYY, YYYY-MM or YYYY-MM-DD date covers, as YYYY-MM-DD."""
    if len(partial) == 4:
        return f"{partial}-12-31"
    if len(partial) == 7:
        year, month = int(partial[:4]), int(partial[5:7])
        return f"{partial}-{monthrange(year, month)[1]:02d}"
    return partial


def first_day(partial: str) -> str:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date covers, as YYYY-MM-DD."""
    return {4: f"{partial}-01-01", 7: f"{partial}-01"}.get(len(partial), partial)


def in_force(hit: dict[str, Any], day: str) -> bool:
    """Whether a list entry (a hit record, with its optional `listed_on` and `until`)
    applies on the ISO date `day` (empty: no date to compare with, so it applies)."""
    listed = hit.get("listed_on")
    if day and isinstance(listed, str) and day < first_day(listed):
        return False
    return applies_on(hit.get("until"), day)


def applies_on(until: str | None, day: str) -> bool:
    """Whether a listing that applies until `until` (None: no end) still applies on the
    ISO date `day` (empty: no date to compare with, so it applies)."""
    return until is None or not day or day <= last_day(until)

"""When a listing stops applying: the last day of a partial date, and the check's date.

Owns one comparison, kept free of pydantic and the list models because the screening of
every party runs it: an entry with an end date (`until`, YYYY, YYYY-MM or YYYY-MM-DD,
the last day it applies) no longer matches on a later reference date. A partial end
date means its whole year or month: `2027` applies until 2027-12-31. Refuses parsing
anything but ISO dates (the list models validate them first).
"""

from __future__ import annotations

from calendar import monthrange


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


def applies_on(until: str | None, day: str) -> bool:
    """Whether a listing that applies until `until` (None: no end) still applies on the
    ISO date `day` (empty: no date to compare with, so it applies)."""
    return until is None or not day or day <= last_day(until)

"""Whether a third-party access route reaches personal data from abroad: one fact the
transfer rules read, derived from two facts the file states.

Owns one judgement: remote access to personal data by a party established in a
country where the data are not stored is a transfer (EDPB Guidelines 05/2021 on the
interplay between Art. 3 and Chapter V GDPR). A rule cannot compare two values of a
file, so the engine's view carries `from_abroad` on each access route that does not
state it: true when the party's `country` is not among `storage_countries`, false
when it is. Refuses to guess: where the storage countries or the party's country are
not stated, the fact stays absent and the rules ask for it. A value the file states
is never replaced.
"""

from __future__ import annotations

from typing import Any

FIELD = "from_abroad"


def derived_access(data: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The access routes with `from_abroad` filled in where the file leaves it out, or
    None when nothing is to be derived (the file's own list is then read as it is)."""
    processing = data.get("data_processing")
    if not isinstance(processing, dict):
        return None
    routes = processing.get("third_party_access")
    storage = processing.get("storage_countries")
    if not isinstance(routes, list) or not isinstance(storage, list) or not storage:
        return None
    if not all(isinstance(c, str) and len(c) == 2 for c in storage):
        return None  # a country not shown or invalid: nothing can be said
    derived = [_with_origin(route, storage) for route in routes]
    return derived if derived != routes else None


def _with_origin(route: Any, storage: list[str]) -> Any:
    country = route.get("country") if isinstance(route, dict) else None
    if isinstance(route, dict) and FIELD not in route and isinstance(country, str):
        return {**route, FIELD: country not in storage}
    return route

"""Whether a YAML mapping is written for one of govcheck's formats at all.

A project file, a waivers file: a mapping with none of the format's keys, nor a close
misspelling of one, is another tool's file (a Compose file, a CI workflow) or a file
given in the wrong place, and is said to be so once, rather than refused key by key.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable


def written_for(keys: Iterable[object], known: Collection[str]) -> bool:
    """Whether any of `keys` is one of `known` or a close misspelling of one (`titel`,
    `waiver`); another tool's keys are further off (`services` is not `in_service_on`)."""
    found = [key for key in keys if isinstance(key, str)]
    if any(key in known for key in found):
        return True
    from difflib import get_close_matches  # only for a file that is not of the format

    # A draft with misspelt keys has a few dozen; a mapping of 95,000 keys spent 5 s here
    # comparing each with every known key. The first keys decide: a draft that misspells
    # every one of them is still read as the format's.
    choices = list(known)
    return any(get_close_matches(k, choices, n=1, cutoff=0.8) for k in found[:_LOOKED_AT])


_LOOKED_AT = 200
"""Keys of a mapping compared with the format's for a close misspelling."""

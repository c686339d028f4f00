"""JSON text for reports written a line at a time: compact items under an indented head.

Owns the two pieces the streamed JSON reports (GitLab, OSCAL, questions) share: one
item as one compact line, by the C encoder (`json.dumps` with arguments makes an encoder
per call, and with `indent` runs Python's), and an object's members indented as
`json.dumps(indent=2)` writes them, for the small head around the lines. Refuses
escaping for terminals and parsers: `checker.report.safe.json_safe` does that.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

# Items are trees of fresh dicts and lists: the check for cycles is left out.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def compact(value: object) -> str:
    """`value` as one line of compact JSON."""
    return _COMPACT.encode(value)


def members(mapping: Mapping[str, object], indent: int) -> str:
    """The members of an object, each value indented by two, the whole by `indent`
    (`{` and `}` are the caller's)."""
    pad = " " * indent
    return ",\n".join(
        f"{pad}{json.dumps(key)}: "
        + json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + pad)
        for key, value in mapping.items()
    )

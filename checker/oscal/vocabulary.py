"""The OSCAL vocabulary govcheck writes: its namespace, properties, metadata and resources.

Owns the small building blocks every OSCAL document here shares: the
`oscal-version`, the govcheck namespace for properties and parts OSCAL does
not define, property values made to fit OSCAL's string type (one line, no
outer spaces), document metadata and back-matter resources, and dropping
empty members (OSCAL arrays must not be empty). Refuses the mapping of
govcheck concepts: catalog.py, profile.py and results.py decide that.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

OSCAL_VERSION = "1.1.3"
NS = "https://github.com/govcheck/govcheck/ns/oscal"
"""Namespace of govcheck's own property and part names (severity, check, remediation...)."""
CATALOG_MEDIA_TYPE = "application/oscal.catalog+json"
PROFILE_MEDIA_TYPE = "application/oscal.profile+json"
AREA_TITLES = {
    "data_protection": "Data protection",
    "cybersecurity": "Cybersecurity",
    "ai": "Artificial intelligence",
    "transparency": "Transparency",
    "human_rights": "Human rights",
    "sustainability": "Sustainability",
    "financing": "Financing",
    "delivery": "Delivery",
}

Json = dict[str, Any]


def one_line(text: str) -> str:
    """Whitespace collapsed: OSCAL string values are one line without outer spaces."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # No line break, tab or Unicode space (none is printable but " "), no run of
        # spaces, none at either end: already one line (most values, as made, are).
        return text
    return " ".join(text.split())


def prop(name: str, value: object, *, ns: str | None = NS) -> Json | None:
    """A property, or None when the value is empty. `ns=None` means an OSCAL-defined name."""
    text = one_line(value if isinstance(value, str) else _scalar(value))
    if not text:
        return None
    if ns is None:
        return {"name": name, "value": text}
    return {"name": name, "ns": ns, "value": text}


def props(*items: Json | Iterable[Json | None] | None) -> list[Json]:
    """Properties in order, empty ones dropped."""
    out: list[Json] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, dict):
            out.append(item)
        else:
            out.extend(p for p in item if p is not None)
    return out


def values(value: object) -> list[str]:
    """A parameter value as OSCAL parameter values: strings, one per list item."""
    items = value if isinstance(value, list) else [value]
    return [text for text in (one_line(_scalar(v)) for v in items) if text]


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def compact(mapping: Json) -> Json:
    """The mapping without None, empty strings and empty lists (OSCAL forbids empty arrays)."""
    return {k: v for k, v in mapping.items() if v is not None and v not in ("", [])}


def metadata(
    title: str,
    last_modified: str,
    version: str,
    *,
    properties: list[Json] | None = None,
    remarks: str = "",
) -> Json:
    """The metadata block every OSCAL document starts with."""
    return compact(
        {
            "title": title,
            "last-modified": last_modified,
            "version": one_line(version) or "0",
            "oscal-version": OSCAL_VERSION,
            "props": properties or [],
            "remarks": remarks,
        }
    )


def resource(
    uuid: str,
    title: str,
    *,
    description: str = "",
    href: str | None = None,
    media_type: str | None = None,
    citation: str = "",
    properties: list[Json] | None = None,
    remarks: str = "",
    embedded: Json | None = None,
) -> Json:
    """A back-matter resource, pointing at `href` when given, or holding `embedded` (see
    `embed`)."""
    rlink: Json | None = None
    if href:
        rlink = compact({"href": href, "media-type": media_type})
    return compact(
        {
            "uuid": uuid,
            "title": title,
            "description": description,
            "props": properties or [],
            "citation": {"text": citation} if citation else None,
            "rlinks": [rlink] if rlink else [],
            "base64": embedded,
            "remarks": remarks,
        }
    )


def embed(filename: str, media_type: str, text: str) -> Json:
    """A text embedded in a resource as OSCAL `base64` (the resource's own content)."""
    value = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return {"filename": filename, "media-type": media_type, "value": value}

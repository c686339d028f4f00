"""OSCAL identifiers: control, part and parameter ids, deterministic UUIDs, timestamps.

Owns how govcheck names become OSCAL tokens (`EU-DP-DPIA` -> `eu-dp-dpia`, its
statement `eu-dp-dpia_smt`), how UUIDs are derived (uuid5 in one fixed
namespace from stable inputs, so the same inputs give the same UUIDs on every
run) and how the moment of a run is written (RFC 3339, UTC). Refuses document
structure: what goes where in a catalog, profile or assessment result is the
business of the modules that build them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from datetime import UTC, date, datetime
from typing import Any

NAMESPACE = uuid.UUID("42445f90-3c56-568c-96fd-ed0045ed8052")
"""uuid5(NAMESPACE_URL, "https://github.com/govcheck/govcheck/ns/oscal"); never change it."""

_NOT_TOKEN = re.compile(r"[^A-Za-z0-9._-]+")


def token(text: str) -> str:
    """An OSCAL token (an XML NCName: a letter or `_` first, then letters, digits, `.-_`)."""
    cleaned = _NOT_TOKEN.sub("-", text).strip("-") or "_"
    return cleaned if cleaned[0].isalpha() or cleaned[0] == "_" else f"_{cleaned}"


def control_id(rule_id: str) -> str:
    """The control id of a rule: lower case, as OSCAL catalogs spell ids (`eu-dp-dpia`)."""
    return token(rule_id.lower())


def statement_id(rule_id: str) -> str:
    """The id of a control's statement part, the target of assessment findings."""
    return f"{control_id(rule_id)}_smt"


_NAMESPACE_BYTES = NAMESPACE.bytes


def stable_uuid(*parts: str) -> str:
    """A version-5 UUID of the parts: equal inputs, equal UUIDs, on every machine.

    `uuid.uuid5(NAMESPACE, ...)` computed without its UUID object: a portfolio's
    assessment results need millions of them.
    """
    name = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    raw = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name, usedforsecurity=False).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x50  # version 5
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


class UuidAllocator:
    """Deterministic UUIDs that stay unique within one document, or within one project's
    part of it.

    A repeated key (two input problems at the same place, say) gets a counter
    appended, in document order, so re-runs still agree. `suffix` is appended to
    every key: the occurrence of a project id that an earlier file of the run
    already had (`"2"` for the second file), so that one allocator per project
    (and a memory that does not grow with the run) still gives unique UUIDs.
    """

    def __init__(self, suffix: tuple[str, ...] = ()) -> None:
        self._seen: set[str] = set()
        self._suffix = suffix

    def __call__(self, *parts: str) -> str:
        candidate = stable_uuid(*parts, *self._suffix)
        repeat = 1
        while candidate in self._seen:
            repeat += 1
            candidate = stable_uuid(*parts, *self._suffix, str(repeat))
        self._seen.add(candidate)
        return candidate


# One encoder for every item (json.dumps would make one per call); items are trees of
# fresh dicts and lists, so the check for cycles is left out.
_ITEM_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def item_text(value: Any) -> str:
    """One item of a document as compact JSON text, as written and as digested."""
    return _ITEM_ENCODER.encode(value)


class Revision:
    """A digest of a document's items as they are made, to give its revision a UUID.

    Fed the compact text (`item_text`) of each item in the order it is made, so a
    writer that streams the document digests the very text it writes.
    """

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def add(self, text: str) -> None:
        self._hash.update(text.encode("utf-8", "surrogatepass"))
        self._hash.update(b"\n")

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def digest(value: Any) -> str:
    """SHA-256 of a JSON value in canonical form, to give a document's revision a UUID."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def timestamp(moment: datetime | None = None) -> str:
    """RFC 3339 date-time in UTC to the second, e.g. `2026-11-25T09:30:00Z`.

    Without `moment`: SOURCE_DATE_EPOCH when set (the reproducible-builds
    convention, which also fixes the time for golden-file tests), else now.
    """
    if moment is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def end_of_day(day: str) -> str | None:
    """The last second of a `YYYY-MM-DD` day in UTC (a waiver holds through its expiry day)."""
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return None
    return f"{parsed.isoformat()}T23:59:59Z"

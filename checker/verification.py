"""Reviewers' verifications of facts against evidence: which are live, which are stale.

Owns judging the verifications recorded for one project (in the review record,
beside the waivers; checker/verifications_file.py reads and writes them) against the
project as it is now: a verification is live when the fact it names is stated
with the value it had when it was verified, and the evidence entry it names is
in the project, backs something (checker/evidencefiles.py) and has the digest it
had. Otherwise it is stale and says why, as a located input problem on the
project, and the fact falls back to its other links; nothing in the record is
changed or lost. Refuses reading the record and any rule logic.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from checker.findings import Located
from checker.i18n import _
from checker.inputs import input_finding
from checker.pointers import MISSING, split_pointer

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.documents import ProjectDocument
    from checker.evidencefiles import EvidenceCheck
    from checker.expanded import Finding


@dataclass(frozen=True, slots=True)
class Verification:
    """One recorded verification, as plain values (worker processes receive them)."""

    project: str
    pointer: str
    evidence: str
    by: str
    on: str
    value: str
    """Digest of the fact's value when it was verified (`value_digest`)."""
    document: str
    """Digest of the evidence entry (and its file) when it was verified."""
    note: str = ""
    where: str = ""
    """`file:line:col` of the entry in the review record."""


def value_digest(value: Any) -> str:
    """`sha256:` over the fact's value as canonical JSON."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Judged:
    """A project's verifications, judged."""

    verified: dict[tuple[str, ...], tuple[str, ...]]
    """Live verifications: pointer parts -> evidence ids."""
    problems: tuple[Finding, ...] = ()


def judge(
    document: ProjectDocument, verifications: Sequence[Verification], evidence: EvidenceCheck
) -> Judged:
    """Which of the project's verifications are live; each other one a located problem."""
    data = document.data or {}
    verified: dict[tuple[str, ...], tuple[str, ...]] = {}
    problems: list[Finding] = []
    digests = evidence.digests or {}
    for item in verifications:
        parts = tuple(split_pointer(item.pointer))
        value = _at(data, parts)
        said = _("the verification by {name} on {date} ({where})").format(
            name=item.by, date=item.on, where=item.where
        )
        if value is MISSING or not parts:
            problems.append(
                _problem(
                    document,
                    _nearest(data, parts),
                    "review.unknown-fact",
                    _(
                        "{verification} names `{pointer}`, which this project does not state; "
                        "it counts for nothing (the record keeps it)"
                    ).format(verification=said, pointer=item.pointer),
                )
            )
            continue
        reason = _stale(item, value, digests, evidence.broken)
        if reason:
            problems.append(
                _problem(
                    document,
                    item.pointer,
                    "review.stale",
                    _("{verification} is stale: {reason}; verify it again").format(
                        verification=said, reason=reason
                    ),
                )
            )
            continue
        verified[parts] = (*verified.get(parts, ()), item.evidence)
    return Judged(verified, tuple(problems))


def _stale(item: Verification, value: Any, digests: dict[str, str], broken: frozenset[str]) -> str:
    if item.evidence not in digests:
        return _("evidence `{id}` is not in the project's `evidence` list").format(id=item.evidence)
    if item.evidence in broken:
        return _("evidence `{id}` backs nothing (see its problem)").format(id=item.evidence)
    if value_digest(value) != item.value:
        return _("the fact's value changed since")
    if digests[item.evidence] != item.document:
        return _("evidence `{id}` (its entry or its file) changed since").format(id=item.evidence)
    return ""


def _at(data: Any, parts: Sequence[str]) -> Any:
    value = data
    for part in parts:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return MISSING
    return value


def fact_value(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer, or MISSING (list positions written as digits)."""
    return _at(data, split_pointer(pointer))


def _nearest(data: Any, parts: tuple[str, ...]) -> str:
    """The deepest stated section on the way to a fact that is not there."""
    for depth in range(len(parts), -1, -1):
        if _at(data, parts[:depth]) is not MISSING:
            return "".join(f"/{p}" for p in parts[:depth])
    return ""


def _problem(document: ProjectDocument, pointer: str, code: str, message: str) -> Finding:
    position = document.locate(pointer)
    return input_finding(
        code,
        message,
        document.info.id,
        document.info.path,
        Located(pointer, position.line, position.column),
    )


def review_of(files: Sequence[Any]) -> tuple[dict[str, tuple[Verification, ...]], str]:
    """The verifications in the review records read (checker/waivers `LoadedWaivers`), by
    project id, and their digest (what cached results key on); ({}, "") when there are none."""
    found: dict[str, list[Verification]] = {}
    for loaded in files:
        for index, entry in enumerate(loaded.model.verifications):
            where = loaded.source.locate(f"/verifications/{index}")
            found.setdefault(entry.project, []).append(
                Verification(
                    entry.project,
                    entry.pointer,
                    entry.evidence,
                    entry.by,
                    entry.on.isoformat(),
                    entry.value,
                    entry.document,
                    entry.note or "",
                    f"{loaded.path}:{where.line}:{where.column}",
                )
            )
    if not found:
        return {}, ""
    text = json.dumps(
        sorted(
            [v.project, v.pointer, v.evidence, v.value, v.document]
            for vs in found.values()
            for v in vs
        )
    )
    return {k: tuple(v) for k, v in found.items()}, value_digest(text)


__all__ = ["Judged", "Verification", "fact_value", "judge", "review_of", "value_digest"]

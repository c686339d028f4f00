"""One govcheck outcome in OSCAL terms: its objective state, text, evidence and waiver risk.

Owns the per-finding pieces of assessment results: which govcheck statuses
are findings and which `satisfied` / `not-satisfied` state and reason each
becomes, the text of a finding, the YAML location and the evidence documents
behind its facts as relevant evidence, what its basis says, the
words for a profile out of scope, and a waiver as a risk
(`deviation-approved` while it holds, `open` once expired, its expiry day as
the deadline). Refuses the document around them: results.py assembles.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from checker.findings import EvidenceDoc, Finding, ProfileSummary, ProjectInfo, Status, WaiverNote
from checker.oscal.identifiers import UuidAllocator, end_of_day
from checker.oscal.vocabulary import Json, compact, prop, props

# govcheck status -> (OSCAL objective state, reason), for the statuses that are findings.
# A fact the proposal does not show is not satisfied, reason `other` (its `status`
# property says `not_shown`); a waived failure stays not satisfied. Not applicable and
# upcoming outcomes, and profiles out of scope, are observations only: they assess no
# objective of this project (yet).
STATE: dict[Status, tuple[str, str]] = {
    Status.PASS: ("satisfied", "pass"),
    Status.FAIL: ("not-satisfied", "fail"),
    Status.NOT_SHOWN: ("not-satisfied", "other"),
    Status.WAIVED: ("not-satisfied", "fail"),
    Status.ERROR: ("not-satisfied", "other"),
}


def describe(finding: Finding) -> str:
    """The finding's message with its detail (what was found, or why a waiver lapsed)."""
    return f"{finding.message} ({finding.detail})" if finding.detail else finding.message


def out_of_scope_text(profile: ProfileSummary, project: ProjectInfo) -> str:
    """`host-kz does not cover this project (KG); it covers KZ.`"""
    where = f" ({project.country})" if project.country else ""
    covers = ", ".join(profile.countries) or "other projects"
    return (
        f"Out of scope: {profile.id} does not cover this project{where}; it covers {covers}. "
        "None of its rules was assessed here."
    )


def evidence(finding: Finding) -> Json:
    """The YAML location as relevant evidence: the file, `path:line:col`, the JSON pointer."""
    pointer = f" at {finding.pointer}" if finding.pointer else ""
    return {
        "href": uri(finding.path),
        "description": f"{finding.path}:{finding.line}:{finding.column}{pointer}",
        "props": props(
            prop("line", finding.line),
            prop("column", finding.column),
            prop("pointer", finding.pointer),
        ),
    }


# What a basis says about the facts an outcome was decided on (docs/evidence.md), as the
# observation's remarks. `claimed`, the default, is the `gc:basis` property alone: most
# outcomes of a portfolio are claimed, and the sentence would repeat in each.
BASIS_REMARKS = {
    "assumed": "Decided on facts that rest on an analyst's modelling assumption "
    "(provenance.assumptions), not on a statement about the real project.",
    "evidenced": "Decided on facts backed by the documents listed as relevant evidence; "
    "no reviewer has recorded checking them.",
    "verified": "Decided on facts a reviewer recorded as checked against the documents "
    "listed as relevant evidence (the review record).",
}


def documents(finding: Finding, project: ProjectInfo) -> list[Json]:
    """The evidence documents behind the facts a finding was decided on, as relevant
    evidence: `href` the file (relative to where the project file was named) or the URL,
    the description its title, issuer and date. An id the project does not list backs
    nothing (an input problem of its own) and is left out."""
    entries = {entry.id: entry for entry in project.evidence}
    return [_document(entries[i], project) for i in finding.evidence if i in entries]


def _document(entry: EvidenceDoc, project: ProjectInfo) -> Json:
    located = (PurePosixPath(Path(project.path).parent.as_posix()) / entry.path).as_posix()
    by = ", ".join(part for part in (entry.issuer, entry.issued_on) if part)
    return compact(
        {
            "href": uri(located) if entry.path else entry.url,
            "description": f"{entry.title} ({by})" if by else entry.title,
            "props": props(
                prop("evidence-id", entry.id),
                prop("issuer", entry.issuer),
                prop("issued-on", entry.issued_on),
                prop("sha256", entry.sha256),
            ),
            # A file that is also published: the address as a link beside the file.
            "links": [{"href": entry.url, "rel": "alternate"}] if entry.path and entry.url else [],
        }
    )


@functools.lru_cache(maxsize=4096)  # a project's findings name its file again and again
def uri(path: str) -> str:
    """A file as a URI reference: relative paths stay relative, percent-encoded."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    # The name's bytes, as `as_uri` takes them: a name that is not UTF-8 (`caf\xe9`) too.
    return quote(os.fsencode(candidate.as_posix()), safe="/-._~!$&'()*+,;=")


def waiver_risk(
    finding: Finding,
    waiver: WaiverNote,
    observation: str,
    uuids: UuidAllocator,
    key: tuple[str, str, str],
) -> Json:
    """The risk a reviewer accepted: justification, approver, ticket, expiry as deadline."""
    live = finding.status is Status.WAIVED
    remediation = {
        "uuid": uuids("remediation", *key),
        "lifecycle": "recommendation",
        "title": "Change the project",
        "description": finding.remediation,
    }
    return compact(
        {
            "uuid": uuids("risk", *key),
            "title": f"{'Waived' if live else 'Expired waiver'}: {finding.rule} "
            f"for {finding.project}",
            "description": f"{finding.title}. {describe(finding)}",
            "statement": f"{finding.project} does not meet {finding.rule}; the "
            f"{finding.severity.value} finding was accepted by {waiver.approved_by} "
            f"until {waiver.expires}. Justification: {waiver.justification}",
            "props": props(
                prop("justification", waiver.justification),
                prop("approved-by", waiver.approved_by),
                prop("expires", waiver.expires),
                prop("ticket", waiver.ticket),
            ),
            "status": "deviation-approved" if live else "open",
            "deadline": end_of_day(waiver.expires),
            "remediations": [remediation] if finding.remediation else [],
            "related-observations": [{"observation-uuid": observation}],
        }
    )

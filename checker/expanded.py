"""Values made on demand from compact results: findings, positions, waiver notes, tallies.

Owns the per-finding view of a run (one `Finding` per project, profile and
rule, made only when a report asks for it) and the counts over findings.
Kept apart from checker.findings, which re-exports every name here, so that
a run served from the result cache never creates these classes: each frozen
dataclass costs about half a millisecond to define, and a cached one-file
check takes about 70.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from checker.findings import Reference, Severity, Status

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One (profile, project, rule) outcome, located in the project's file.

    `profile` is None for problems with the file itself (syntax, schema), which
    do not depend on any profile.
    """

    profile: str | None
    project: str
    path: str
    line: int
    column: int
    pointer: str
    rule: str
    title: str
    area: str
    severity: Severity
    status: Status
    message: str
    references: tuple[Reference, ...] = ()
    remediation: str = ""
    applies_because: str = ""
    detail: str = ""
    waiver: WaiverNote | None = None
    baseline_state: str | None = None
    """For problems when a baseline is given: `new` or `unchanged`."""
    facts: tuple[tuple[str, str], ...] = ()
    """For `not_shown`: (JSON pointer, state) of each fact the proposal does not show."""
    item: str = ""
    """The list item the finding lies in, by its natural key (checker/identity.py), or ""."""
    force: str = ""
    """`law` where the rule's source binds a party to this project, `benchmark` where it
    does not, "" for rules that declare neither (host law, lender practice)."""
    force_because: str = ""
    """Why it is law, or why only a benchmark."""
    basis: str | None = None
    """For a rule outcome: `assumed`, `claimed`, `evidenced` or `verified`, the weakest basis
    among the stated facts it was decided on (checker/basis.py); None for input problems."""
    evidence: tuple[str, ...] = ()
    """The ids of the project's evidence entries behind those facts."""

    @property
    def fingerprint(self) -> str:
        """The finding's identity: (profile, rule, project, item key), hashed.

        A rule has one outcome per project and profile, so the item key (the list item
        it lies in, by name) is all that is added: not the located pointer, which moves
        when a finding is located more exactly, nor the line. An input problem has no
        rule outcome to stand on and several may share a code, so its pointer is its
        item. Where the item key and the pointer are both empty this is the same hash
        as version 1 of the results format (profile, rule, project, "")."""
        where = self.pointer if self.profile is None else self.item
        return identity_hash(self.profile, self.rule, self.project, where)

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@functools.cache
def _sha256_type() -> Any:
    from hashlib import sha256  # loads OpenSSL: only once a report needs fingerprints

    return sha256


def _sha256(data: bytes) -> str:
    return str(_sha256_type()(data).hexdigest())


def identity_hash(profile: str | None, rule: str, project: str, where: str) -> str:
    """The 32-hex-digit fingerprint of (profile, rule, project, item key or pointer)."""
    key = "\x1f".join((profile or "", rule, project, where))
    return _sha256(key.encode("utf-8"))[:32]


@dataclass(frozen=True, slots=True)
class WaiverNote:
    """What a reviewer decided about a finding (attached by the waivers module)."""

    justification: str
    approved_by: str
    expires: str
    ticket: str | None = None
    expired: bool = False
    over: str = "fail"
    """The status the waiver is a decision over: `fail` or `not_shown` (kept visible)."""


@dataclass(slots=True)
class Counts:
    """Tally of statuses and of problem severities."""

    by_status: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        self.by_status[finding.status] = self.by_status.get(finding.status, 0) + 1
        if finding.status.is_problem:
            key = str(finding.severity)
            self.by_severity[key] = self.by_severity.get(key, 0) + 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "by_status": {s.value: self.by_status.get(s, 0) for s in Status},
            "failing_by_severity": {s.value: self.by_severity.get(s, 0) for s in Severity},
        }


@dataclass(frozen=True, slots=True)
class StaleWaiver:
    """A waiver no longer needed, or never needed: its finding is fixed (or was never
    failing), its rule is not in its profile, its project is gone, or its pointer names no
    finding. `reason` says which, in words; checker/waivers/applying.py decides."""

    path: str
    line: int
    column: int
    rule: str
    project: str
    profile: str | None = None
    reason: str = "it matches no finding"

    @property
    def what(self) -> str:
        """`EU-LE-DPIA for kg-bishkek-safe-city: the rule is met under eu`"""
        return f"{self.rule} for {self.project}: {self.reason}"

    @property
    def message(self) -> str:
        """What every report says of it: `stale waiver: ` and `what`."""
        return f"stale waiver: {self.what}"


@dataclass(slots=True)
class Tally:
    """Counts of one profile's outcomes over a run."""

    by_status: dict[Status, int] = field(default_factory=dict)
    problems_by_severity: dict[Severity, int] = field(default_factory=dict)
    out_of_scope: int = 0
    """Projects the profile does not cover (counted once each, not per rule)."""

    def count(self, status: Status) -> int:
        return self.by_status.get(status, 0)

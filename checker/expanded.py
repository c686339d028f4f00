"""Values made on demand from compact results: findings, positions, waiver notes, tallies.

Owns the per-finding view of a run (one `Finding` per project, profile and
rule, made only when a report asks for it) and the counts over findings.
Kept apart from checker.findings, which re-exports every name here, so that
a run served from the result cache whose files have no input problem never
creates these classes or imports this module.
"""

from __future__ import annotations

import functools

from checker.findings import Reference, Severity, Status
from checker.values import Frozen, Value, set_field

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any, ClassVar


class Position(Frozen):
    """A 1-based line and column in a source file."""

    __slots__ = ("column", "line")

    line: int
    column: int

    def __init__(self, line: int = 1, column: int = 1) -> None:
        set_field(self, "line", line)
        set_field(self, "column", column)

    # Written out, not Frozen's: comparing slots inline is twice as fast as through a getter.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.line, self.column) == (other.line, other.column)

    def __hash__(self) -> int:  # type: ignore[override]  # Value's is None
        return hash((self.line, self.column))


class Finding(Frozen):
    """One (profile, project, rule) outcome, located in the project's file.

    `profile` is None for problems with the file itself (syntax, schema), which
    do not depend on any profile.
    """

    __slots__ = (
        "applies_because",
        "area",
        "baseline_state",
        "basis",
        "column",
        "detail",
        "evidence",
        "facts",
        "force",
        "force_because",
        "item",
        "line",
        "message",
        "path",
        "pointer",
        "profile",
        "project",
        "references",
        "remediation",
        "rule",
        "severity",
        "status",
        "title",
        "waiver",
    )

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
    references: tuple[Reference, ...]
    remediation: str
    applies_because: str
    detail: str
    waiver: WaiverNote | None
    baseline_state: str | None
    """For problems when a baseline is given: `new` or `unchanged`."""
    facts: tuple[tuple[str, str], ...]
    """For `not_shown`: (JSON pointer, state) of each fact the proposal does not show."""
    item: str
    """The list item the finding lies in, by its natural key (checker/identity.py), or ""."""
    force: str
    """`law` where the rule's source binds a party to this project, `benchmark` where it
    does not, "" for rules that declare neither (host law, lender practice)."""
    force_because: str
    """Why it is law, or why only a benchmark."""
    basis: str | None
    """For a rule outcome: `assumed`, `claimed`, `evidenced` or `verified`, the weakest basis
    among the stated facts it was decided on (checker/basis.py); None for input problems."""
    evidence: tuple[str, ...]
    """The ids of the project's evidence entries behind those facts."""

    def __init__(  # noqa: PLR0917
        self,
        profile: str | None,
        project: str,
        path: str,
        line: int,
        column: int,
        pointer: str,
        rule: str,
        title: str,
        area: str,
        severity: Severity,
        status: Status,
        message: str,
        references: tuple[Reference, ...] = (),
        remediation: str = "",
        applies_because: str = "",
        detail: str = "",
        waiver: WaiverNote | None = None,
        baseline_state: str | None = None,
        facts: tuple[tuple[str, str], ...] = (),
        item: str = "",
        force: str = "",
        force_because: str = "",
        basis: str | None = None,
        evidence: tuple[str, ...] = (),
    ) -> None:
        # Each slot set through its own descriptor: a finding is made for every listed
        # outcome (724,000 at 10,000 projects), and `object.__setattr__` looks each name
        # up again (4.0 µs a finding; 2.5 µs so). `_FINDING_SETTERS` follows `_fields`,
        # the order of these parameters.
        (
            set_profile,
            set_project,
            set_path,
            set_line,
            set_column,
            set_pointer,
            set_rule,
            set_title,
            set_area,
            set_severity,
            set_status,
            set_message,
            set_references,
            set_remediation,
            set_applies_because,
            set_detail,
            set_waiver,
            set_baseline_state,
            set_facts,
            set_item,
            set_force,
            set_force_because,
            set_basis,
            set_evidence,
        ) = _FINDING_SETTERS
        set_profile(self, profile)
        set_project(self, project)
        set_path(self, path)
        set_line(self, line)
        set_column(self, column)
        set_pointer(self, pointer)
        set_rule(self, rule)
        set_title(self, title)
        set_area(self, area)
        set_severity(self, severity)
        set_status(self, status)
        set_message(self, message)
        set_references(self, references)
        set_remediation(self, remediation)
        set_applies_because(self, applies_because)
        set_detail(self, detail)
        set_waiver(self, waiver)
        set_baseline_state(self, baseline_state)
        set_facts(self, facts)
        set_item(self, item)
        set_force(self, force)
        set_force_because(self, force_because)
        set_basis(self, basis)
        set_evidence(self, evidence)

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


_FINDING_SETTERS: tuple[Any, ...] = tuple(
    getattr(Finding, name).__set__ for name in Finding._fields
)
"""The slot setter of each field of `Finding`, in the order of its `__init__`."""


@functools.cache
def _sha256_type() -> Any:
    """SHA-256 as CPython builds it in (`_sha2` from 3.12, `_sha256` in 3.11), else
    hashlib's (OpenSSL): the same digest, but OpenSSL sets up a context per call, and a
    fingerprint of ~80 bytes cost 1.1 µs there against 0.9 µs built in, paid 720,000
    times by a report of 10,000 proposals. Loaded only once a report needs fingerprints."""
    for name in ("_sha2", "_sha256"):
        try:
            return __import__(name).sha256
        except (ImportError, AttributeError):  # a build without CPython's own hashes
            continue
    from hashlib import sha256  # loads OpenSSL

    return sha256


def identity_hash(profile: str | None, rule: str, project: str, where: str) -> str:
    """The 32-hex-digit fingerprint of (profile, rule, project, item key or pointer)."""
    key = f"{profile or ''}\x1f{rule}\x1f{project}\x1f{where}"
    # `surrogatepass`: a project named after a file whose name is not UTF-8 (`caf\xe9`).
    digest: str = _sha256_type()(key.encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:32]


class WaiverNote(Frozen):
    """What a reviewer decided about a finding (attached by the waivers module)."""

    __slots__ = ("approved_by", "expired", "expires", "justification", "over", "ticket")

    justification: str
    approved_by: str
    expires: str
    ticket: str | None
    expired: bool
    over: str
    """The status the waiver is a decision over: `fail` or `not_shown` (kept visible)."""

    def __init__(  # noqa: PLR0917
        self,
        justification: str,
        approved_by: str,
        expires: str,
        ticket: str | None = None,
        expired: bool = False,
        over: str = "fail",
    ) -> None:
        set_field(self, "justification", justification)
        set_field(self, "approved_by", approved_by)
        set_field(self, "expires", expires)
        set_field(self, "ticket", ticket)
        set_field(self, "expired", expired)
        set_field(self, "over", over)


class Counts(Value):
    """Tally of statuses and of problem severities."""

    __slots__ = ("by_severity", "by_status")

    by_status: dict[str, int]
    by_severity: dict[str, int]

    def __init__(
        self,
        by_status: dict[str, int] | None = None,
        by_severity: dict[str, int] | None = None,
    ) -> None:
        self.by_status = {} if by_status is None else by_status
        self.by_severity = {} if by_severity is None else by_severity

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


class StaleWaiver(Frozen):
    """A waiver no longer needed, or never needed: its finding is fixed (or was never
    failing), its rule is not in its profile, its project is gone, or its pointer names no
    finding. `reason` says which, in words; checker/waivers/applying.py decides."""

    __slots__ = ("column", "line", "path", "profile", "project", "reason", "rule")

    kind: ClassVar[str] = "waiver"
    """Which entry of the review record it is: `waiver`, or `verification`."""
    path: str
    line: int
    column: int
    rule: str
    project: str
    profile: str | None
    reason: str

    def __init__(  # noqa: PLR0917
        self,
        path: str,
        line: int,
        column: int,
        rule: str,
        project: str,
        profile: str | None = None,
        reason: str = "it matches no finding",
    ) -> None:
        set_field(self, "path", path)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "rule", rule)
        set_field(self, "project", project)
        set_field(self, "profile", profile)
        set_field(self, "reason", reason)

    @property
    def what(self) -> str:
        """`EU-LE-DPIA for kg-bishkek-safe-city: the rule is met under eu`, in the
        language of the report (the reason is worded when the waiver is judged)."""
        from checker.i18n import _

        return _("{rule} for {project}: {reason}").format(
            rule=self.rule, project=self.project, reason=self.reason
        )

    @property
    def message(self) -> str:
        """What every report says of it: `stale waiver: ` and `what`."""
        from checker.i18n import _

        return _("stale waiver: {what}").format(what=self.what)


class StaleVerification(StaleWaiver):
    """A verification of the review record that counts for nothing in the run: no project
    checked has its project id (the project was renamed, or its file removed). Reported
    where stale waivers are, as the entry of the record it is; the record keeps it.
    checker/waivers/applying.py decides (a verification of a project that is checked is
    judged against the project instead: `review.stale`, checker/verification.py)."""

    __slots__ = ("by", "on", "pointer")

    kind: ClassVar[str] = "verification"
    pointer: str
    by: str
    on: str

    def __init__(  # noqa: PLR0917
        self,
        path: str,
        line: int,
        column: int,
        project: str,
        pointer: str,
        by: str,
        on: str,
        reason: str,
        rule: str = "",
        profile: str | None = None,
    ) -> None:
        super().__init__(path, line, column, rule, project, profile, reason)
        set_field(self, "pointer", pointer)
        set_field(self, "by", by)
        set_field(self, "on", on)

    @property
    def what(self) -> str:
        """``/data_processing/dpia of kg-old verified by A. Reviewer on 2026-12-05: no
        project `kg-old` was found in the folders checked``."""
        from checker.i18n import _

        return _("`{pointer}` of {project} verified by {by} on {on}: {reason}").format(
            pointer=self.pointer, project=self.project, by=self.by, on=self.on, reason=self.reason
        )

    @property
    def message(self) -> str:
        """What every report says of it: `stale verification: ` and `what`."""
        from checker.i18n import _

        return _("stale verification: {what}").format(what=self.what)


class Tally(Value):
    """Counts of one profile's outcomes over a run."""

    __slots__ = ("by_status", "out_of_scope", "problems_by_severity")

    by_status: dict[Status, int]
    problems_by_severity: dict[Severity, int]
    out_of_scope: int
    """Projects the profile does not cover (counted once each, not per rule)."""

    def __init__(
        self,
        by_status: dict[Status, int] | None = None,
        problems_by_severity: dict[Severity, int] | None = None,
        out_of_scope: int = 0,
    ) -> None:
        self.by_status = {} if by_status is None else by_status
        self.problems_by_severity = {} if problems_by_severity is None else problems_by_severity
        self.out_of_scope = out_of_scope

    def count(self, status: Status) -> int:
        return self.by_status.get(status, 0)

"""The JSON results document as models: the versioned public contract of `--format json`.

Owns the schema of the JSON output (exported as `results.schema.json`).
Refuses rendering: report/json_report.py writes the document directly for
speed, and a test validates its output against this schema.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from checker.findings import Severity, Status

RESULTS_FORMAT_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class ReferenceRecord(_Model):
    """A legal or policy source."""

    instrument: str
    """The instrument."""
    article: str
    """Article and paragraph."""
    url: str | None = None
    """Official text."""


class WaiverRecord(_Model):
    """The reviewer decision attached to a finding."""

    justification: str
    """Why it is accepted."""
    approved_by: str
    """Who approved it."""
    expires: str
    """Last valid day."""
    ticket: str | None = None
    """Decision record."""
    expired: bool
    """True when the waiver has lapsed and the finding counts again."""


class FindingRecord(_Model):
    """One evaluated (profile, project, rule), or a problem with the file itself."""

    profile: str | None
    """Profile id; null for problems with the file itself."""
    project: str
    """Project id."""
    path: str
    """File path."""
    line: int
    """1-based line."""
    column: int
    """1-based column."""
    pointer: str
    """JSON pointer to the node concerned."""
    rule: str
    """Rule id (or input-problem code such as yaml.syntax)."""
    title: str
    """Rule title."""
    area: str
    """Policy area, or `input`."""
    severity: Severity
    """Effective severity."""
    status: Status
    """Outcome."""
    message: str
    """What the rule requires (framed by the profile's label)."""
    detail: str
    """What failed and what was found."""
    applies_because: str
    """When the rule applies."""
    references: list[ReferenceRecord]
    """Legal sources."""
    remediation: str
    """How to fix it."""
    fingerprint: str
    """Stable identity: profile, rule, project id and pointer."""
    waiver: WaiverRecord | None = None
    """Reviewer decision, if any."""


class ProjectRecord(_Model):
    """A checked project."""

    id: str
    """Project id."""
    path: str
    """File path."""
    title: str
    """Title."""
    country: str
    """Host country."""
    sector: str
    """Main sector."""
    valid: bool
    """False when the file has input problems."""


class ProfileRecord(_Model):
    """A profile used in the run."""

    id: str
    """Profile id."""
    title: str
    """Title."""
    rules: int
    """Number of rules."""


class Summary(_Model):
    """Totals over the run."""

    projects: int
    """Projects checked."""
    invalid_projects: int
    """Projects with input problems."""
    by_status: dict[str, int]
    """Findings per status."""
    failing_by_severity: dict[str, int]
    """Failing findings per severity."""


class ResultsDocument(_Model):
    """The output of `govcheck check --format json`."""

    format_version: Literal["1.0"]
    """Version of this document format."""
    tool: dict[str, str]
    """Tool name and version."""
    profiles: list[ProfileRecord]
    """Profiles used."""
    projects: list[ProjectRecord]
    """Projects checked."""
    findings: list[FindingRecord]
    """Every evaluated (profile, project, rule) and every input problem."""
    summary: Summary
    """Totals."""
    interrupted: bool = False
    """True when the run was stopped before every file was checked."""

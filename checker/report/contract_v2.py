"""The JSON results document, format 2.0, as models: what govcheck wrote before 3.0.

Owns the schema of format 2.0 (exported as `results-2.0.schema.json`): a saved
2.0 document (a baseline, an earlier run for `govcheck diff`) is still read, and
`--results-format 2.0` still writes one, for one release (CHANGELOG, "Breaking
for CI"). It differs from 3.0 (checker/report/contract.py) only in its findings:
a flat list per project and profile, each with its status and its place written
out. Refuses anything new: fields added to the format go into 3.0.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from checker.report.contract import (
    DocumentFields,
    FindingOutcome,
    FindingStatus,
    ProjectFields,
    ResultNumbers,
)


class FindingRecordV2(FindingOutcome):
    """One rule outcome of one project under one profile (the enclosing
    `projects[].results[]` entry names both), format 2.0."""

    status: FindingStatus
    """Outcome."""
    line: int
    """1-based line."""
    column: int
    """1-based column."""
    pointer: str
    """JSON pointer to the node the finding is located at (may move between versions
    as locating improves; it is not part of the identity)."""
    item: str | None = None
    """The list item the finding is about, by its natural key, or by position when it
    has none; absent when the finding is about no list item."""


class ProjectProfileResultV2(ResultNumbers):
    """One project under one profile, format 2.0."""

    findings: list[FindingRecordV2]
    """The outcomes whose status is listed (`listed_statuses`), in the profile's order;
    empty when out of scope."""


class ProjectRecordV2(ProjectFields):
    """A checked project, format 2.0."""

    results: list[ProjectProfileResultV2]
    """One entry per profile evaluated (none when the file could not be read)."""


class ResultsDocumentV2(DocumentFields):
    """The output of `govcheck check --format json` before format 3.0, and with
    `--results-format 2.0` (docs/results-format.md, "From version 2")."""

    format_version: Literal["2.0"]
    """Version of this document format."""
    upgraded_from: Annotated[str, Field(pattern=r"^1\.0$")] | None
    """The format version this document was upgraded from by `govcheck baseline upgrade`;
    null when written by a check."""
    projects: list[ProjectRecordV2]
    """Projects checked: their input problems, and per profile the counts, the score and
    the listed findings."""

"""The JSON questions document as models: the public contract of `govcheck questions -f json`.

Owns the schema of that document (exported as `questions.schema.json`).
Refuses rendering: checker/report/questions_report.py writes the document
directly, and a test validates its output against this schema.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from checker.findings import Severity


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class SourceRecord(_Model):
    """A legal or policy source of a rule."""

    instrument: str
    """The instrument."""
    article: str
    """Article and paragraph."""
    url: str | None = None
    """Official text."""


class NeedRecord(_Model):
    """A rule, under one profile, that needs the fact."""

    profile: str
    """Profile id."""
    rule: str
    """Rule id."""
    title: str
    """Rule title."""
    severity: Severity
    """Effective severity of the rule under that profile."""
    references: list[SourceRecord]
    """Legal sources of the rule."""


class QuestionRecord(_Model):
    """One question for the sponsor: a fact the proposal does not show, or a value to
    correct."""

    number: int
    """1-based position in the project's list."""
    pointer: str
    """JSON pointer of the fact in the project file."""
    field: str
    """The field as a reviewer reads it, e.g. `parties.vendors[0].remote_access`."""
    subject: str
    """The list item the field belongs to (e.g. a vendor's name), or empty."""
    state: Literal[
        "absent", "unknown", "empty", "invalid", "missing", "assumed", "claimed", "evidenced"
    ]
    """absent: not stated; unknown: stated as unknown; empty: left empty (null);
    invalid: a value the project schema refuses; missing: a required key not stated; or,
    for a stated fact in a pass the profile does not accept on its basis
    (`require_basis`), the basis it rests on: the question asks for the document."""
    question: str
    """The plain-language question, subject included."""
    answers: str
    """What the field accepts, in words."""
    severity: Severity
    """Highest severity of the rules that need the fact."""
    line: int
    """1-based line the question is anchored at (the first finding that needs it)."""
    column: int
    """1-based column."""
    correction: str | None = None
    """For an invalid value or missing key: what is wrong with the file as written."""
    needed_by: list[NeedRecord]
    """The rules that need the fact, most severe first."""


class ProblemRecord(_Model):
    """A problem with the file itself that is not a value to correct (syntax, unknown
    key, no requested profile covers it...)."""

    rule: str
    """Input-problem code, e.g. yaml.syntax."""
    message: str
    """What is wrong."""
    line: int
    """1-based line."""
    column: int
    """1-based column."""
    pointer: str
    """JSON pointer, where there is one."""


class ProjectQuestionsRecord(_Model):
    """The clarification request of one project."""

    id: str
    """Project id."""
    path: str
    """File path."""
    title: str
    """Title."""
    valid: bool
    """False when the file has input problems."""
    checked: bool
    """False when the file could not be read as data, so nothing could be asked."""
    profiles: list[str]
    """Profiles that cover the project and were checked."""
    out_of_scope: list[str]
    """Profiles that do not cover the project (nothing is asked under them)."""
    problems: list[ProblemRecord]
    """Problems with the file that are not questions."""
    questions: list[QuestionRecord]
    """Corrections of the file first, then missing facts, most severe first."""


class ProfileRef(_Model):
    """A profile the questions were worked out under."""

    id: str
    """Profile id."""
    title: str
    """Title."""


class QuestionsSummary(_Model):
    """Totals."""

    projects: int
    """Projects."""
    questions: int
    """Questions over every project."""
    invalid_projects: int
    """Projects with input problems."""


class QuestionsDocument(_Model):
    """The output of `govcheck questions --format json`."""

    format_version: Literal["1.0"]
    """Version of this document format (questions_report.QUESTIONS_FORMAT_VERSION)."""
    tool: dict[str, str]
    """Tool name and version."""
    as_of: str
    """Reference date (ISO) of the check that raised the questions."""
    profiles: list[ProfileRef]
    """Profiles requested."""
    projects: list[ProjectQuestionsRecord]
    """One clarification request per project."""
    summary: QuestionsSummary
    """Totals."""

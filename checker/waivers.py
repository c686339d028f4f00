"""Reviewer decisions: waivers that accept a finding until a date.

Owns the waivers file model, loading it, applying live waivers to results
(status `waived`), expiring them (the finding fails again and says so),
reporting orphans, and saving the file atomically without losing entries.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from checker.rules import RuleId

DEFAULT_FILE_NAME = "govcheck-waivers.yaml"
DEFAULT_MAX_HORIZON_DAYS = 365


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Waiver(_Strict):
    """A reviewer's decision to accept one finding for a limited time."""

    rule: RuleId
    """The rule whose finding is accepted."""
    project: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    """The project id."""
    profile: Annotated[str, StringConstraints(min_length=1, max_length=80)] | None = None
    """Limit the waiver to one profile; all profiles if omitted."""
    pointer: Annotated[str, StringConstraints(pattern=r"^(/.*)?$", max_length=500)] | None = None
    """Limit the waiver to the finding at this JSON pointer."""
    justification: Annotated[str, StringConstraints(min_length=1, max_length=5000)]
    """Why the finding is accepted."""
    approved_by: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    """Who approved it."""
    expires: date
    """Last day the waiver is valid (YYYY-MM-DD)."""
    ticket: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None
    """Link or reference to the decision record."""
    created: date | None = None
    """When the waiver was recorded."""


class WaiversFile(_Strict):
    """A waivers file: the board's decisions, kept beside the projects."""

    max_horizon_days: int = Field(default=DEFAULT_MAX_HORIZON_DAYS, ge=1, le=3650)
    """A waiver may not expire further in the future than this many days."""
    waivers: list[Waiver] = []
    """The decisions."""

"""Reviewer decisions as written: the waivers file model and reading it.

Owns the `Waiver` and `WaiversFile` models (their JSON Schema is `govcheck schema
waivers`) and loading a file: a syntax error, a missing justification or expiry and an
expiry beyond the horizon are configuration errors located at `file:line:col`, the
same for every entry point. Refuses applying (applying.py) and writing (writing.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from checker.config import ConfigError, ConfigProblem, validation_problems
from checker.findings import Located
from checker.formats import written_for
from checker.i18n import _, number
from checker.limits import DEFAULT_LIMITS, Limits
from checker.pointers import join_pointer
from checker.rules import RuleId
from checker.sources import SourceDocument, read_source
from checker.waivers.location import waiver_files

DEFAULT_MAX_HORIZON_DAYS = 365
_Required = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


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
    justification: _Required
    """Why the finding is accepted."""
    approved_by: _Required
    """Who approved it."""
    expires: date
    """Last day the waiver is valid (YYYY-MM-DD)."""
    ticket: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None
    """Link or reference to the decision record."""
    created: date | None = None
    """When the waiver was recorded."""

    def matches(self, rule: str, project: str, profile: str) -> bool:
        """The waiver is about this rule of this project under this profile."""
        return (
            self.rule == rule
            and self.project == project
            and (self.profile is None or self.profile == profile)
        )

    def covers(self, where: Located | None) -> bool:
        """A waiver limited to a node covers a finding located at that node or inside it,
        or (a fact not shown) one whose missing facts lie there: the pointer given, not
        only the exact spot the finding happens to be located at."""
        if self.pointer is None:
            return True
        if where is None:
            return self.pointer == ""
        return _within(where.pointer, self.pointer) or any(
            _within(fact, self.pointer) for fact, _position in where.facts
        )


def _within(pointer: str, node: str) -> bool:
    return pointer == node or pointer.startswith(node + "/") or node == ""


class VerificationEntry(_Strict):
    """A reviewer's record that a fact was checked against an evidence document
    (docs/evidence.md): live while the fact's value and the evidence are unchanged."""

    project: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    """The project id."""
    pointer: Annotated[str, StringConstraints(pattern=r"^/.+$", max_length=500)]
    """The fact or section verified (JSON pointer)."""
    evidence: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    """The id of the project's evidence entry it was checked against."""
    by: _Required
    """Who verified it."""
    on: date
    """When."""
    value: Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")]
    """Digest of the fact's value when verified."""
    document: Annotated[str, StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")]
    """Digest of the evidence entry (and its file) when verified."""
    note: Annotated[str, StringConstraints(min_length=1, max_length=5000)] | None = None
    """What was checked."""


class WaiversFile(_Strict):
    """A waivers file: the board's decisions, kept beside the projects."""

    max_horizon_days: int = Field(default=DEFAULT_MAX_HORIZON_DAYS, ge=1, le=3650)
    """A waiver may not expire further in the future than this many days."""
    waivers: list[Waiver] = []
    """The decisions."""
    verifications: list[VerificationEntry] = []
    """Facts a reviewer checked against their evidence (`govcheck verify`)."""


@dataclass(frozen=True, slots=True)
class LoadedWaivers:
    """A waivers file as read: its decisions and where each one is written."""

    path: Path
    model: WaiversFile
    source: SourceDocument

    def position(self, index: int) -> tuple[int, int]:
        where = self.source.locate(f"/waivers/{index}")
        return where.line, where.column


def load_waivers(path: Path, today: date, limits: Limits = DEFAULT_LIMITS) -> LoadedWaivers:
    """Read a waivers file; raises ConfigError for anything a reviewer must fix."""
    if not path.is_file():
        raise ConfigError([ConfigProblem(str(path), 1, 1, _("waivers file not found"))])
    source = read_source(path, str(path), limits)
    problems = [ConfigProblem(source.path, p.line, p.column, p.message) for p in source.problems]
    if source.data is None:
        raise ConfigError(problems)
    if source.data and not written_for(source.data, WaiversFile.model_fields):
        # a project file given as --waivers: one problem, not an unknown key per key
        first = next(iter(source.data))
        where = source.locate(join_pointer([first]))
        said = _(
            "this is not a waivers file: it has {keys}, which a waivers file does not "
            "(give the waivers file, e.g. govcheck-waivers.yaml)"
        ).format(keys=", ".join(f"`{k}`" for k in list(source.data)[:5]))
        raise ConfigError([*problems, ConfigProblem(source.path, where.line, where.column, said)])
    try:
        model = WaiversFile.model_validate(source.data)
    except ValidationError as error:
        raise ConfigError(problems + validation_problems(error, source, WaiversFile)) from None
    if problems:
        raise ConfigError(problems)
    loaded = LoadedWaivers(path, model, source)
    horizon = [
        _horizon_problem(loaded, index, waiver, today) for index, waiver in enumerate(model.waivers)
    ]
    found = [p for p in horizon if p is not None]
    if found:
        raise ConfigError(found)
    return loaded


def _horizon_problem(
    loaded: LoadedWaivers, index: int, waiver: Waiver, today: date
) -> ConfigProblem | None:
    start = waiver.created or today
    days = (waiver.expires - start).days
    if days <= loaded.model.max_horizon_days:
        return None
    line, column = loaded.position(index)
    return ConfigProblem(
        str(loaded.path),
        line,
        column,
        _(
            "waiver for {rule} on {project} expires {days} days after {start}; "
            "the maximum horizon is {horizon} days"
        ).format(
            rule=waiver.rule,
            project=waiver.project,
            days=number(days),
            start=start.isoformat(),
            horizon=number(loaded.model.max_horizon_days),
        ),
    )


def load_record(
    paths: Sequence[str | Path], given: Sequence[str | Path], today: date
) -> list[LoadedWaivers]:
    """The review record of a check of `paths`: the files `waiver_files` names (the one
    location rule), each loaded as of `today`. Raises ConfigError."""
    return [load_waivers(path, today) for path in waiver_files(paths, given)]

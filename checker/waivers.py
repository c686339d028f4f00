"""Reviewer decisions: waivers that accept a finding until a date.

Owns the waivers file model, loading it (missing justification or expiry and
expiries beyond the horizon are configuration errors), applying live waivers
to results (status `waived`, never dropped), expiring them (the finding fails
again and says so), reporting waivers that match nothing, and adding a waiver
to the file without losing anything already written: the new entry is
appended as text (comments and layout survive), the result is re-parsed and
compared before it replaces the file atomically, and a file that changed
since it was read is never overwritten.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from checker.checking import DEFAULT_WAIVERS_NAME as DEFAULT_FILE_NAME
from checker.checking import default_waiver_files
from checker.config import ConfigError, ConfigProblem, validation_problems
from checker.findings import (
    STATUS_CODE,
    Evaluation,
    OrphanedWaiver,
    ProjectResult,
    RunResult,
    Status,
    WaiverNote,
)
from checker.limits import DEFAULT_LIMITS, Limits
from checker.rules import RuleId
from checker.sources import SourceDocument, parse_source, read_source

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

    def matches(self, rule: str, project: str, profile: str, pointer: str) -> bool:
        return (
            self.rule == rule
            and self.project == project
            and (self.profile is None or self.profile == profile)
            and (self.pointer is None or self.pointer == pointer)
        )


class WaiversFile(_Strict):
    """A waivers file: the board's decisions, kept beside the projects."""

    max_horizon_days: int = Field(default=DEFAULT_MAX_HORIZON_DAYS, ge=1, le=3650)
    """A waiver may not expire further in the future than this many days."""
    waivers: list[Waiver] = []
    """The decisions."""


@dataclass(frozen=True, slots=True)
class LoadedWaivers:
    """A waivers file as read: its decisions and where each one is written."""

    path: Path
    model: WaiversFile
    source: SourceDocument

    def position(self, index: int) -> tuple[int, int]:
        where = self.source.locate(f"/waivers/{index}")
        return where.line, where.column


class WaiverConflictError(Exception):
    """The waivers file changed on disk since it was read; nothing was written."""


def load_waivers(path: Path, today: date, limits: Limits = DEFAULT_LIMITS) -> LoadedWaivers:
    """Read a waivers file; raises ConfigError for anything a reviewer must fix."""
    if not path.is_file():
        raise ConfigError([ConfigProblem(str(path), 1, 1, "waivers file not found")])
    source = read_source(path, str(path), limits)
    problems = [ConfigProblem(source.path, p.line, p.column, p.message) for p in source.problems]
    if source.data is None:
        raise ConfigError(problems)
    try:
        model = WaiversFile.model_validate(source.data)
    except ValidationError as error:
        raise ConfigError(problems + validation_problems(error, source)) from None
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
        f"waiver for {waiver.rule} on {waiver.project} expires {days} days after "
        f"{start.isoformat()}; the maximum horizon is {loaded.model.max_horizon_days} days",
    )


# --- applying ------------------------------------------------------------------------------

_FAIL = STATUS_CODE[Status.FAIL]
_NOT_SHOWN = STATUS_CODE[Status.NOT_SHOWN]
_WAIVED = STATUS_CODE[Status.WAIVED]
_WAIVABLE = (_FAIL, _NOT_SHOWN, _WAIVED)


def apply_waivers(run: RunResult, files: Sequence[LoadedWaivers], today: date) -> RunResult:
    """Live waivers turn failures and facts not shown into `waived` (the note keeps which);
    expired ones leave the finding as it was, noted."""
    entries = [
        (loaded, index, w) for loaded in files for index, w in enumerate(loaded.model.waivers)
    ]
    if not entries:
        return run
    used: set[tuple[str, int]] = set()
    projects = tuple(_apply_project(project, entries, used, today) for project in run.projects)
    orphans = tuple(
        OrphanedWaiver(str(loaded.path), *loaded.position(index), w.rule, w.project, w.profile)
        for loaded, index, w in entries
        if (str(loaded.path), index) not in used
    )
    return replace(run, projects=projects, orphaned_waivers=run.orphaned_waivers + orphans)


def _apply_project(
    project: ProjectResult,
    entries: list[tuple[LoadedWaivers, int, Waiver]],
    used: set[tuple[str, int]],
    today: date,
) -> ProjectResult:
    relevant = [e for e in entries if e[2].project == project.project.id]
    if not relevant:
        return project
    evaluations = tuple(
        _apply_evaluation(project, e, relevant, used, today) for e in project.evaluations
    )
    return replace(project, evaluations=evaluations)


def _apply_evaluation(
    project: ProjectResult,
    evaluation: Evaluation,
    entries: list[tuple[LoadedWaivers, int, Waiver]],
    used: set[tuple[str, int]],
    today: date,
) -> Evaluation:
    statuses = bytearray(evaluation.statuses)
    notes = dict(evaluation.waivers)
    for index, rule in enumerate(evaluation.rules):
        pointer = evaluation.located[index].pointer if index in evaluation.located else ""
        matching = [
            (loaded, position, w)
            for loaded, position, w in entries
            if w.matches(rule.id, project.project.id, evaluation.profile, pointer)
        ]
        if not matching:
            continue
        for loaded, position, _ in matching:
            used.add((str(loaded.path), position))
        if statuses[index] not in _WAIVABLE:
            continue
        earlier = notes.get(index)
        # Already waived (by another waivers file): the note keeps what it was waived over.
        over = earlier.over if statuses[index] == _WAIVED and earlier else evaluation.status(index)
        live = [w for _, _, w in matching if w.expires >= today]
        chosen = max(live or [w for _, _, w in matching], key=lambda w: w.expires)
        notes[index] = WaiverNote(
            chosen.justification,
            chosen.approved_by,
            chosen.expires.isoformat(),
            chosen.ticket,
            expired=not live,
            over=str(over),
        )
        statuses[index] = _WAIVED if live else STATUS_CODE[Status(over)]
    return replace(evaluation, statuses=bytes(statuses), waivers=notes)


# --- adding ----------------------------------------------------------------------------------

_HEADER = (
    "# govcheck waivers: reviewer decisions that accept a finding until a date.\n"
    "# Add entries with `govcheck waive` or by hand; see docs/ci.md.\n"
    "max_horizon_days: 365\n"
)


def digest(path: Path) -> str | None:
    """Content hash of a file (None when it does not exist), to detect concurrent edits."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def add_waiver(
    path: Path,
    waiver: Waiver,
    *,
    today: date,
    check_digest: bool = False,
    expected_digest: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Append `waiver` to the file, atomically, keeping everything already in it.

    With `check_digest`, `expected_digest` is what `digest()` said when the
    caller read the file (None: it did not exist); a file changed since then
    raises WaiverConflictError instead of being overwritten.
    """
    if waiver.expires < today:
        raise ValueError(f"expiry {waiver.expires.isoformat()} is in the past")
    path = Path(os.path.realpath(path))  # write through a symlink, never replace the link
    with _locked(path):
        before = path.read_bytes() if path.exists() else None
        current = hashlib.sha256(before).hexdigest() if before is not None else None
        if check_digest and expected_digest != current:
            raise WaiverConflictError(f"{path} changed since it was read; reload and try again")
        text = before.decode("utf-8") if before is not None else _HEADER
        horizon = _horizon(text, limits)
        days = (waiver.expires - (waiver.created or today)).days
        if days > horizon:
            raise ValueError(f"expiry is {days} days away; the maximum horizon is {horizon} days")
        updated = _appended(text, waiver, str(path), limits)
        _check_keeps_everything(text, updated, waiver, str(path), limits)
        _replace_if_unchanged(path, updated, before)


def _horizon(text: str, limits: Limits) -> int:
    document = parse_source(text.encode("utf-8"), "waivers", limits)
    value = (document.data or {}).get("max_horizon_days", DEFAULT_MAX_HORIZON_DAYS)
    return value if isinstance(value, int) else DEFAULT_MAX_HORIZON_DAYS


def _entry_lines(waiver: Waiver) -> list[str]:
    return _plain_lines(waiver.model_dump(mode="json", exclude_none=True))


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/()-]*[A-Za-z0-9.)]$|^\d{4}-\d{2}-\d{2}$")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


def _scalar(value: Any) -> str:
    """A YAML scalar: plain where that is unambiguous, JSON-quoted otherwise."""
    if isinstance(value, str) and _PLAIN.match(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def _appended(text: str, waiver: Waiver, display: str, limits: Limits) -> str:
    document = parse_source(text.encode("utf-8"), display, limits)
    if document.data is None and document.problems and document.problems[0].code != "yaml.empty":
        raise ConfigError(
            [ConfigProblem(display, p.line, p.column, p.message) for p in document.problems]
        )
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    entry = _entry_lines(waiver)
    root = document.root
    sequence = _waivers_node(root)
    if sequence is None:
        return "".join(lines) + "".join(["waivers:\n", *_indent(entry, 2)])
    if sequence.flow_style or not sequence.value:
        # `waivers: []` or a flow list: rewrite just that node as a block list.
        items = [
            *(document.data or {}).get("waivers", []),
            json.loads(json.dumps(waiver.model_dump(mode="json", exclude_none=True))),
        ]
        rendered = "".join("".join(_indent(_plain_lines(i), 2)) for i in items)
        start = _offset(lines, sequence.start_mark.line, sequence.start_mark.column)
        end = _offset(lines, sequence.end_mark.line, sequence.end_mark.column)
        joined = "".join(lines)
        return joined[:start].rstrip(" ") + "\n" + rendered + joined[end:].lstrip(" ").lstrip("\n")
    last = sequence.value[-1]
    insert_line = last.end_mark.line if last.end_mark.column == 0 else last.end_mark.line + 1
    column = sequence.start_mark.column
    block = _indent(entry, column)
    return "".join(lines[:insert_line] + block + lines[insert_line:])


def _plain_lines(item: dict[str, Any]) -> list[str]:
    return [f"{k}: {_scalar(v)}" for k, v in item.items()]


def _indent(entry: list[str], column: int) -> list[str]:
    pad = " " * column
    return [f"{pad}- {entry[0]}\n", *(f"{pad}  {line}\n" for line in entry[1:])]


def _waivers_node(root: Any) -> Any:
    from yaml.nodes import MappingNode, SequenceNode

    if not isinstance(root, MappingNode):
        return None
    for key, value in root.value:
        if getattr(key, "value", None) == "waivers" and isinstance(value, SequenceNode):
            return value
    return None


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(x) for x in lines[:line]) + column


def _check_keeps_everything(
    before: str, after: str, waiver: Waiver, display: str, limits: Limits
) -> None:
    old = parse_source(before.encode("utf-8"), display, limits).data or {}
    new = parse_source(after.encode("utf-8"), display, limits).data
    expected = [*old.get("waivers", []), waiver.model_dump(mode="json", exclude_none=True)]
    if (
        new is None
        or new.get("waivers") != expected
        or {k: v for k, v in new.items() if k != "waivers"}
        != {k: v for k, v in old.items() if k != "waivers"}
    ):
        raise ConfigError(
            [
                ConfigProblem(
                    display,
                    1,
                    1,
                    "could not add the waiver without "
                    "changing existing content; edit the file by hand",
                )
            ]
        )


def _replace_if_unchanged(path: Path, text: str, before: bytes | None) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        now = path.read_bytes() if path.exists() else None
        if now != before:
            raise WaiverConflictError(f"{path} changed while the waiver was being added; try again")
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An advisory lock beside the file, so that two govcheck writers take turns."""
    lock_path = path.with_name(f".{path.name}.lock")
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


__all__ = [
    "DEFAULT_FILE_NAME",
    "LoadedWaivers",
    "Waiver",
    "WaiverConflictError",
    "WaiversFile",
    "add_waiver",
    "apply_waivers",
    "default_waiver_files",
    "digest",
    "load_waivers",
]

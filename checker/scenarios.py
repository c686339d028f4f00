"""What-if changes to a project file: read, checked against the project format, written
into the YAML text in place, saved as a variant.

Owns a change (`POINTER=VALUE`: a JSON pointer into the project and a value read by
the core's YAML 1.2 loader, so `NO` stays text and `010` is ten), applying changes to
a loaded document as edits of its *text* (checker/yamledit.py: a scalar replaced at
its located span, a missing key inserted at its mapping's indentation), so that
comments and layout survive and every finding of the variant still points at a real
line; refusing a pointer outside the project format or a value the format does not
accept, located and worded as `govcheck check` words it; and saving a variant
atomically with `provenance.derived_from` saying what it derives from and what
changed. Refuses evaluation (checker/whatif.py) and printing.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.config import COMMAND_LINE, ConfigError, ConfigProblem
from checker.documents import ProjectDocument, parse_project
from checker.findings import Finding
from checker.i18n import _, number
from checker.i18n.os_words import os_reason
from checker.limits import DEFAULT_LIMITS, Limits
from checker.pointers import MISSING, escape, split_pointer, value_at
from checker.yamledit import EditError, edited, read_value

APPEND = "-"
"""The last part of a pointer that adds an item at the end of a list (RFC 6902's `-`)."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a change was written: on the command line, or in a lesson file."""

    label: str
    """How a message names the change: `--set ai_systems/0/rbi_mode=post`, `step 2 (…)`."""
    path: str = COMMAND_LINE
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Change:
    """Set the fact at `pointer` to `value`."""

    pointer: str
    """An RFC 6901 JSON pointer into the project, with its leading `/`."""
    value: Any
    origin: Origin = field(default_factory=lambda: Origin(""))

    @property
    def parts(self) -> list[str]:
        return split_pointer(self.pointer)


@dataclass(frozen=True, slots=True)
class AppliedChange:
    """A change as applied: what the fact was before, and where it is in the file."""

    change: Change
    before: Any
    """The value before the change; `None` with `stated` False when it was not stated."""
    stated: bool
    line: int
    column: int
    at: str = ""
    """The pointer with `-` resolved to the index of the item it added."""


@dataclass(frozen=True, slots=True)
class Variant:
    """A project as changed: its text, parsed and validated like any project file."""

    base: ProjectDocument
    document: ProjectDocument
    changes: tuple[AppliedChange, ...]

    @property
    def text(self) -> str:
        return self.document.source.text


def pointer_of(text: str) -> str:
    """`ai_systems/0/rbi_mode` or `/ai_systems/0/rbi_mode` -> `/ai_systems/0/rbi_mode`."""
    text = text.strip()
    return text if text.startswith("/") else "/" + text


def parse_change(spec: str, origin: Origin | None = None) -> Change:
    """A `POINTER=VALUE` of the command line; raises ConfigError naming it."""
    shown = origin or Origin(f"--set {spec}")
    pointer, equals, value = spec.partition("=")
    if not equals or not pointer.strip() or pointer.strip() == "/":
        raise _error(
            shown,
            _("`{spec}` is not POINTER=VALUE (e.g. ai_systems/0/rbi_mode=post)").format(spec=spec),
        )
    if "\n" in value:
        raise _error(
            shown, _("a value is one line of YAML (a scalar, or a [flow] or {flow} value)")
        )
    try:
        parsed = read_value(value)
    except EditError as error:
        said = _("the value `{value}` is not YAML: {error}").format(value=value, error=error)
        raise _error(shown, said) from None
    return Change(pointer_of(pointer), parsed, shown)


def apply_changes(
    base: ProjectDocument, changes: Sequence[Change], limits: Limits = DEFAULT_LIMITS
) -> Variant:
    """`base` with every change applied, in order; raises ConfigError (every problem,
    located) when a pointer is not a field of the project format, leads through a value
    that is not a section or list, or a value is not accepted there."""
    if base.data is None:
        raise ConfigError(
            [ConfigProblem(base.info.path, 1, 1, _("the project file cannot be read as data"))]
        )
    problems: list[ConfigProblem] = []
    expected = copy.deepcopy(base.data)
    text = base.source.text
    applied: list[AppliedChange] = []
    for change in changes:
        position = base.locate(_nearest(base.data, change.parts))
        where = _Where(base.info.path, position.line, position.column, change.origin)
        problem = _field_problem(change.parts) or _path_problem(expected, change.parts)
        if problem:
            problems.append(where.problem(f"{change.pointer}: {problem}"))
            continue
        before = value_at(expected, _indexed(change.parts))
        at = _resolved(expected, change.parts)
        _assign(expected, change.parts, change.value)
        text = edited(text, change.parts, change.value)
        stated = before is not MISSING
        applied.append(
            AppliedChange(
                change, before if stated else None, stated, position.line, position.column, at
            )
        )
    if problems:
        raise ConfigError(problems)
    # Encoded as the base file is (its encoding and byte-order mark): the variant is
    # written back in that form.
    document = parse_project(base.source.form.encode(text), base.info.path, limits)
    if document.data != expected:
        raise ConfigError([ConfigProblem(base.info.path, 1, 1, _unwritable(base.source.text))])
    refused = _new_problems(base, document, applied)
    if refused:
        raise ConfigError(refused)
    return Variant(base, document, tuple(applied))


def _unwritable(text: str) -> str:
    """Why an edit of the text would change more than the change asked (the result is
    checked against the data as changed, so this is never written)."""
    if _ANCHOR.search(text):
        return _(
            "could not write the changes into the YAML text without changing anything else: "
            "the file shares values through YAML anchors (`&name`) and aliases (`*name`), and "
            "a shared value changes everywhere it is used; change it by hand"
        )
    return _(
        "could not write the changes into the YAML text without changing "
        "anything else; please report it with the changes you made"
    )


_ANCHOR = re.compile(r"(?:^|[\s,\[{])&[^\s,\[\]{}]+")


@dataclass(frozen=True, slots=True)
class _Where:
    path: str
    line: int
    column: int
    origin: Origin

    def problem(self, message: str) -> ConfigProblem:
        """At the change in the lesson file, or at the fact in the project file."""
        if self.origin.path != COMMAND_LINE:
            return ConfigProblem(
                self.origin.path,
                self.origin.line,
                self.origin.column,
                _("{label}: {message} (in {path}:{line}:{column})").format(
                    label=self.origin.label,
                    message=message,
                    path=self.path,
                    line=self.line,
                    column=self.column,
                ),
            )
        label = f"{self.origin.label}: " if self.origin.label else ""
        return ConfigProblem(self.path, self.line, self.column, f"{label}{message}")


def _error(origin: Origin, message: str) -> ConfigError:
    if origin.path == COMMAND_LINE:
        return ConfigError([ConfigProblem(COMMAND_LINE, 1, 1, f"{origin.label}: {message}")])
    return ConfigError(
        [ConfigProblem(origin.path, origin.line, origin.column, f"{origin.label}: {message}")]
    )


def _nearest(data: Any, parts: list[str]) -> str:
    """The pointer of the deepest stated node on the way to `parts`."""
    known: list[str] = []
    value = data
    for part in parts:
        value = value_at(value, _indexed([part]) if isinstance(value, list) else [part])
        if value is MISSING:
            break
        known.append(part)
    return "".join(f"/{escape(p)}" for p in known)


def _resolved(data: Any, parts: list[str]) -> str:
    """The pointer with each `-` replaced by the index the new item will have."""
    done: list[str] = []
    value = data
    for given in parts:
        part = given
        if given == APPEND:
            part = str(len(value)) if isinstance(value, list) else "0"
        done.append(part)
        value = value_at(value, _indexed([part])) if value is not MISSING else MISSING
    return "".join(f"/{escape(p)}" for p in done)


def _indexed(parts: Sequence[str]) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in parts]


def _field_problem(parts: list[str]) -> str:
    """Why the pointer is not a field of the project format, or ""."""
    from checker.question_wording import field_schema

    for depth, part in enumerate(parts):
        _schema, parent = field_schema(parts[:depth])
        if "items" in parent:
            if part != APPEND and not part.isdigit():
                return _("`{part}` is not a list index (a number, or - to add an item)").format(
                    part=part
                )
            continue
        properties = parent.get("properties")
        if not isinstance(properties, dict):
            return _single(parts[:depth], part)
        if part not in properties:
            near = difflib.get_close_matches(part, list(properties), n=1)
            hint = _("; did you mean `{name}`?").format(name=near[0]) if near else ""
            said = _("`{part}` is not a field of `{section}`").format(
                part=part, section=_dotted(parts[:depth])
            )
            return said + hint
    return ""


def _dotted(parts: Sequence[str]) -> str:
    from checker.findings import fact_path

    return fact_path("".join(f"/{escape(p)}" for p in parts))


def _path_problem(data: Any, parts: list[str]) -> str:
    """Why the data cannot take a value at `parts` (a list index beyond the end), or ""."""
    value = data
    for depth, part in enumerate(parts):
        if value is MISSING:
            return ""  # created on the way: sections and single-item lists
        if isinstance(value, list):
            last = depth == len(parts) - 1
            if part == APPEND and last:
                return ""
            index = len(value) if part == APPEND else int(part)
            if index > len(value) or (index == len(value) and not last):
                return _(
                    "`{list}` has {count} item(s); item {part} does not exist "
                    "(use - to add one at the end)"
                ).format(list=_dotted(parts[:depth]), count=number(len(value)), part=part)
            value = value[index] if index < len(value) else MISSING
        elif isinstance(value, dict):
            value = value.get(part, MISSING)
        else:
            return _single(parts[:depth], part)
    return ""


def _single(parts: Sequence[str], part: str) -> str:
    return _("`{value}` is a single value; it has no `{part}`").format(
        value=_dotted(parts), part=part
    )


def _assign(data: Any, parts: list[str], value: Any) -> None:
    """Set the value in plain data, making missing sections (and one-item lists) on the way."""
    node = data
    for depth, part in enumerate(parts[:-1]):
        following = parts[depth + 1]
        fresh: Any = [] if following == APPEND or following.isdigit() else {}
        if isinstance(node, list):
            index = len(node) if part == APPEND else int(part)
            if index == len(node):
                node.append(fresh)
            node = node[index]
        else:
            node = node.setdefault(part, fresh)
    last = parts[-1]
    if isinstance(node, list):
        index = len(node) if last == APPEND else int(last)
        if index == len(node):
            node.append(value)
        else:
            node[index] = value
    else:
        node[last] = copy.deepcopy(value)


def _new_problems(
    base: ProjectDocument, variant: ProjectDocument, applied: Sequence[AppliedChange]
) -> list[ConfigProblem]:
    """The variant's input problems the base did not have: what the changes broke,
    each said at the change that caused it."""
    known = {(p.rule, p.pointer, p.message) for p in base.problems}
    problems: list[ConfigProblem] = []
    for finding in variant.problems:
        if (finding.rule, finding.pointer, finding.message) in known:
            continue
        cause = _cause(finding, applied)
        if cause is None:
            where = _Where(base.info.path, finding.line, finding.column, Origin(""))
        else:
            where = _Where(base.info.path, cause.line, cause.column, cause.change.origin)
        problems.append(where.problem(finding.message))
    return problems


def _cause(finding: Finding, applied: Sequence[AppliedChange]) -> AppliedChange | None:
    """The last change at or around the finding's pointer."""
    for item in reversed(applied):
        pointer = item.at or item.change.pointer
        if finding.pointer.startswith(pointer) or pointer.startswith(finding.pointer or "/"):
            return item
    return applied[-1] if applied else None


# --- saving ---------------------------------------------------------------------------------


def derivation(variant: Variant) -> dict[str, Any]:
    """`provenance.derived_from` of a saved variant: the project and file it derives
    from (with the file's SHA-256), and each change with the value it replaced."""
    base = variant.base
    return {
        "project": base.info.id,
        "path": base.info.path,
        "sha256": hashlib.sha256(_file_bytes(base)).hexdigest(),
        "changes": [
            {"pointer": a.change.pointer, "value": a.change.value}
            | ({"before": a.before} if a.stated else {})
            for a in variant.changes
        ],
    }


def variant_id(base_id: str, target: Path) -> str:
    """The saved variant's id: the file's name when it makes a valid id different from
    the base's (two files with one id are a duplicate in a portfolio), else `ID-variant`."""
    stem = target.stem.lower()
    if re.fullmatch(r"[a-z0-9][a-z0-9._-]*", stem) and stem != base_id and len(stem) <= 100:
        return stem
    return f"{base_id}-variant"[:100]


def variant_text(variant: Variant, target: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """The text a variant is saved as: the changed text, with its own id and
    `provenance.derived_from` written in (comments and layout of the rest kept)."""
    base = variant.base
    marks = [
        Change("/id", variant_id(base.info.id, target), Origin(_("the variant's id"))),
        Change("/provenance/derived_from", derivation(variant), Origin(_("its provenance"))),
    ]
    return apply_changes(variant.document, marks, limits).text


def save_variant(variant: Variant, target: Path, limits: Limits = DEFAULT_LIMITS) -> Path:
    """Write the variant to `target` atomically and return it. A variant is never
    written over the file it derives from: that is `save_in_place`."""
    if _same_file(target, Path(variant.base.info.path)):
        raise ConfigError(
            [
                ConfigProblem(
                    str(target),
                    1,
                    1,
                    _("a variant is saved to a new file, not over the project it derives from"),
                )
            ]
        )
    if target.exists() and not _variant_of(target, variant.base.info.id, limits):
        said = _(
            "the file exists and is not a variant of `{project}`, so it is kept; "
            "save the variant under another name, or remove the file first"
        ).format(project=variant.base.info.id)
        raise ConfigError([ConfigProblem(str(target), 1, 1, said)])
    text = variant_text(variant, target, limits)
    write_atomically(target, variant.base.source.form.encode(text), expected=None, fresh=True)
    return target


def _variant_of(path: Path, project: str, limits: Limits) -> bool:
    """Whether the existing file at `path` is a variant saved from `project` (its
    `provenance.derived_from.project`): only such a file is replaced by a new variant;
    anything else there was written by someone and is kept."""
    from checker.sources import read_source

    data = read_source(path, str(path), limits).data
    provenance = data.get("provenance") if isinstance(data, dict) else None
    origin = provenance.get("derived_from") if isinstance(provenance, dict) else None
    return isinstance(origin, dict) and origin.get("project") == project


def save_in_place(variant: Variant, path: Path) -> None:
    """Write the changed text over the project file itself (only on an explicit save):
    atomically, in the file's own encoding, and never over a file that changed on disk
    since it was read."""
    expected = hashlib.sha256(_file_bytes(variant.base)).hexdigest()
    write_atomically(path, variant.base.source.form.encode(variant.text), expected=expected)


def _file_bytes(document: ProjectDocument) -> bytes:
    """The bytes of the file `document` was read from (decoding and encoding back in the
    same form gives them exactly)."""
    return document.source.form.encode(document.source.text)


def write_atomically(path: Path, data: bytes, *, expected: str | None, fresh: bool = False) -> None:
    """Replace `path` by `data` through a temporary file in the same folder. With
    `expected`, the file's SHA-256 must still be that; with `fresh`, any existing file
    is replaced (the caller asked for that name)."""
    path = Path(os.path.realpath(path))
    if not path.parent.is_dir():
        raise ConfigError([ConfigProblem(str(path), 1, 1, _("there is no such folder"))])
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if not fresh:
            now = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
            if now != expected:
                raise ConfigError(
                    [ConfigProblem(str(path), 1, 1, _("changed on disk since it was read; reload"))]
                )
        temporary.replace(path)
    except OSError as error:
        raise ConfigError(
            [
                ConfigProblem(
                    str(path),
                    1,
                    1,
                    _("cannot write: {error}").format(error=os_reason(error)),
                )
            ]
        ) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def iter_changes(specs: Sequence[str]) -> Iterator[Change]:
    """Every `--set` of a command line; raises ConfigError naming each bad one."""
    problems: list[ConfigProblem] = []
    for spec in specs:
        try:
            yield parse_change(spec)
        except ConfigError as error:
            problems.extend(error.problems)
    if problems:
        raise ConfigError(problems)


__all__ = [
    "APPEND",
    "AppliedChange",
    "Change",
    "Origin",
    "Variant",
    "apply_changes",
    "derivation",
    "iter_changes",
    "parse_change",
    "pointer_of",
    "save_in_place",
    "save_variant",
    "variant_id",
    "variant_text",
    "write_atomically",
]

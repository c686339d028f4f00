"""Project files: parsing, validation against the project schema, located input problems.

Owns turning one project file into a `ProjectDocument`: its data, a locator
for JSON pointers, a `ProjectInfo` for reports, and every input problem
(syntax, encoding, duplicate key, unknown key, wrong type or value) as a
finding with profile None; checker/schemawords.py words the schema problems.
Validation uses the committed JSON Schema through the compiled validator, so
pydantic is not imported here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import chain, islice
from pathlib import Path
from typing import Any

from checker.findings import EvidenceDoc, Finding, Located, Position, ProjectInfo
from checker.formats import written_for
from checker.i18n import _, number
from checker.inputs import input_finding
from checker.jsonschemas import committed
from checker.limits import Limits
from checker.pointers import join_pointer, split_pointer, value_at
from checker.schemawords import describe, inside_misspelt, meant_key
from checker.screening.derive import reserved_problems
from checker.sources import SourceDocument, SourceProblem, parse_source, read_source
from checker.validators import CompiledSchema, compile_schema


@dataclass(slots=True)
class ProjectDocument:
    """One project file after parsing and validation."""

    source: SourceDocument
    info: ProjectInfo
    problems: tuple[Finding, ...]

    @property
    def data(self) -> dict[str, Any] | None:
        return self.source.data

    def locate(self, pointer: str) -> Position:
        return self.source.locate(pointer)

    @property
    def root(self) -> Located:
        position = self.source.locate("")
        return Located("", position.line, position.column)


def load_project(path: Path, display: str, limits: Limits) -> ProjectDocument:
    """Read, parse and validate one project file; never raises for bad input."""
    return _validated(read_source(path, display, limits), display, limits.max_problems)


def parse_project(raw: bytes, display: str, limits: Limits) -> ProjectDocument:
    """Parse and validate project bytes (for editors, tests and the TUI)."""
    return _validated(parse_source(raw, display, limits), display, limits.max_problems)


def _validated(source: SourceDocument, display: str, cap: int) -> ProjectDocument:
    project_id = _project_id(source.data, display)
    if source.data is not None and not source.problems and _foreign(source.data):
        return _not_a_project(source, project_id, display)
    found: Iterator[Finding] = (_problem_finding(p, project_id, display) for p in source.problems)
    if source.data is not None:
        found = chain(
            found,
            _schema_problems(source, project_id),
            _evidence_problems(source, project_id),
            reserved_problems(source, project_id),
        )
    # Problems are described lazily, so a file with 95,000 unknown keys stops at the cap.
    problems = list(islice(found, cap + 1))
    if len(problems) > cap:
        problems = problems[:cap]
        problems.append(
            input_finding(
                "file.too-many-problems",
                _(
                    "more than {count} problems in this file; only the first {count} are reported"
                ).format(count=number(cap)),
                project_id,
                display,
                Located("", 1, 1),
            )
        )
    info = _info(source.data, project_id, display, valid=not problems)
    return ProjectDocument(source, info, tuple(sorted(problems, key=_position)))


def _foreign(data: dict[str, Any]) -> bool:
    """Whether a mapping is not written for the project format (checker/formats.py):
    another tool's YAML (a Compose file, a CI workflow, a Kubernetes manifest) met while
    walking a folder, or an empty mapping."""
    return not written_for(data, _project_keys())


@cache
def _project_keys() -> frozenset[str]:
    return frozenset(committed("project")["properties"])


def _not_a_project(source: SourceDocument, project: str, display: str) -> ProjectDocument:
    """One problem instead of a missing-key error for each required key and an unknown-key
    error for each of its own, and no rule judged on it: every rule would be `not_shown`,
    which says nothing about a file that is not a proposal. It stays invalid (exit 1)."""
    said = (
        _(
            "this does not look like a project description: it has none of the project "
            "format's keys (format_version, id, title, country, sector, status, parties...); "
            "its keys are {keys}. Point govcheck at the folders or files that hold proposals"
        ).format(keys=", ".join(f"`{_clip(str(k), 30)}`" for k in list(source.data or {})[:5]))
        if source.data
        else _("the file holds an empty mapping; expected a project description")
    )
    position = source.locate("")
    where = Located("", position.line, position.column)
    problem = input_finding("file.not-a-project", said, project, display, where)
    info = _info(None, project, display, valid=False)
    return ProjectDocument(replace(source, data=None), info, (problem,))


def _problem_finding(problem: SourceProblem, project: str, path: str) -> Finding:
    where = Located(problem.pointer, problem.line, problem.column)
    return input_finding(problem.code, problem.message, project, path, where)


@cache
def _project_validator() -> CompiledSchema:
    return compile_schema(committed("project"), formats=True)


def _schema_problems(source: SourceDocument, project: str) -> Iterator[Finding]:
    said: set[tuple[str, str]] = set()
    unknown: list[tuple[tuple[str | int, ...], str]] = []
    for error in _project_validator().errors(source.data):
        if error.keyword == "additionalProperties":
            unknown.extend((error.path, key) for key in error.extra)
        for code, pointer, message in describe(error, source.data):
            # Two keywords can refuse one value (`type` and `enum`): worded from the
            # schema, they say the same thing once.
            if (pointer, message) in said:
                continue
            said.add((pointer, message))
            position = source.locate(pointer)
            where = Located(pointer, position.line, position.column)
            yield input_finding(code, message, project, source.path, where)
    # After every other problem, and each spelling guessed only when reached: a file of
    # 95,000 unknown keys stops at the problem cap before any of this runs.
    for path, key in unknown:
        yield from _inside_misspelt(source, project, path, key)


def _inside_misspelt(
    source: SourceDocument, project: str, path: tuple[str | int, ...], key: str
) -> Iterator[Finding]:
    """What is wrong inside a misspelt key's content, read as the key it was meant as, so
    that fixing the spelling does not bring a second wave of problems. Only a section (a
    mapping or a list: a single value under a misspelt key may well belong deeper, as
    `dpia_status: done` does), and not when the meant key is there too."""
    parent = value_at(source.data, path)
    if not isinstance(parent, dict) or not isinstance(parent.get(key), dict | list):
        return
    meant = meant_key(key, path)
    if meant is None or meant in parent:
        return
    trial = _renamed(source.data, path, key, meant)
    inside = (*path, meant)
    for error in _project_validator().errors(trial):
        if error.path[: len(inside)] != inside:
            continue
        for code, read_at, message in describe(error, trial):
            pointer = join_pointer([*path, key, *split_pointer(read_at)[len(inside) :]])
            position = source.locate(pointer)
            where = Located(pointer, position.line, position.column)
            said = inside_misspelt(message, key, meant)
            yield input_finding(code, said, project, source.path, where)


def _renamed(data: Any, path: Sequence[str | int], key: str, meant: str) -> Any:
    """`data` with the key `key` of the object at `path` renamed `meant` (copied along the
    path only; nothing is changed in place)."""
    if not path:
        renamed = dict(data)
        renamed[meant] = renamed.pop(key)
        return renamed
    copy = list(data) if isinstance(data, list) else dict(data)
    copy[path[0]] = _renamed(data[path[0]], path[1:], key, meant)  # type: ignore[index]
    return copy


def _clip(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _evidence_problems(source: SourceDocument, project: str) -> list[Finding]:
    if "evidence" not in source.text:  # most files cite none; skip the walk
        return []
    data = source.data or {}
    evidence = data.get("evidence")
    known = (
        {e.get("id") for e in evidence if isinstance(e, dict)}
        if isinstance(evidence, list)
        else set()
    )
    if not _cites_unknown(data, known):  # the usual case, without building any path
        return []
    findings: list[Finding] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            refs = value.get("evidence")
            if path and isinstance(refs, list):
                for index, ref in enumerate(refs):
                    if isinstance(ref, str) and ref not in known:
                        pointer = join_pointer([*path, "evidence", index])
                        position = source.locate(pointer)
                        findings.append(
                            input_finding(
                                "evidence.unknown-ref",
                                _("evidence `{id}` is not in the project's `evidence` list").format(
                                    id=_clip(ref)
                                ),
                                project,
                                source.path,
                                Located(pointer, position.line, position.column),
                            )
                        )
            stack.extend((v, (*path, k)) for k, v in value.items() if k != "evidence" or not path)
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
    return findings


_NESTED = (dict, list)
"""Plain data's collections (a union written in a loop would be made anew each time)."""


def _cites_unknown(data: dict[str, Any], known: set[Any]) -> bool:
    """Whether any `evidence` list below the top level names an id not in `known`."""
    # Only mappings and lists are walked to: a plain value holds no `evidence` list.
    stack: list[Any] = [v for v in data.values() if isinstance(v, _NESTED)]
    while stack:  # (the top-level `evidence` is the list itself: its items are not refs)
        value = stack.pop()
        if isinstance(value, dict):
            refs = value.get("evidence")
            if isinstance(refs, list) and any(isinstance(r, str) and r not in known for r in refs):
                return True
            stack.extend(v for k, v in value.items() if k != "evidence" and isinstance(v, _NESTED))
        else:
            stack.extend(v for v in value if isinstance(v, _NESTED))
    return False


def _project_id(data: dict[str, Any] | None, display: str) -> str:
    if data is not None and isinstance(data.get("id"), str) and data["id"].strip():
        return str(data["id"])[:100]
    return id_from_name(display)


def id_from_name(display: str) -> str:
    """A project's id when its file states none: the file's name without its suffix."""
    return Path(display).stem or display


def _info(data: dict[str, Any] | None, project: str, path: str, *, valid: bool) -> ProjectInfo:
    data = data or {}
    parties = data.get("parties") if isinstance(data.get("parties"), dict) else {}
    assert isinstance(parties, dict)
    return ProjectInfo(
        id=project,
        path=path,
        title=_text(data.get("title")),
        country=_text(data.get("country")),
        sector=_text(data.get("sector")),
        valid=valid,
        financiers=_names(parties.get("financiers")),
        vendors=_names(parties.get("vendors")),
        evidence=_evidence(data.get("evidence")),
    )


def _evidence(entries: Any) -> tuple[EvidenceDoc, ...]:
    """The evidence entries that have an id and a title (the schema reports the others)."""
    if not isinstance(entries, list) or not entries:
        return ()
    fields = ("issuer", "issued_on", "url", "path", "sha256")
    return tuple(
        EvidenceDoc(e["id"], _scalar(e.get("title")), *(_scalar(e.get(f)) for f in fields))
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("id"), str)
    )


def _scalar(value: Any) -> str:
    """Text, or a date or number as text (`issued_on: 2026-03`); anything else is empty."""
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return ""
    return str(value)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _names(items: Any) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(
        str(i["name"]) for i in items if isinstance(i, dict) and isinstance(i.get("name"), str)
    )


def _position(finding: Finding) -> tuple[int, int]:
    return finding.line, finding.column


__all__ = [
    "ProjectDocument",
    "id_from_name",
    "input_finding",
    "load_project",
    "parse_project",
    "split_pointer",
]

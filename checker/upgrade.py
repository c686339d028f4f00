"""Version-1 results documents, read again in the current format: `govcheck baseline upgrade`.

Owns turning a saved version-1 document (`format_version: "1.0"`, every
finding with its rule's metadata inline, identity by located pointer) into the
run it describes, so that the JSON writer (checker/report/json_report.py, format
3.0 or on request 2.0) writes it and the identity of formats 2.0 and later
(checker/identity.py) keys it: a baseline
kept from before the format change keeps working, read transparently by
`--baseline` and `govcheck diff`, or rewritten once by the command.

What version 1 did not record is not invented: the reference date, profile
digests and the facts behind a `not_shown` stay empty. The one thing the new
identity needs that version 1 lacks is the name of the list item a finding
lies in; it is taken from the finding's own text where version 1 wrote it
("item 2 (Huawei) does"), else from the project file at the recorded path
(read as it is now), else the item keeps its position and is counted, so that
the caller can say that those findings may show as new once.
Refuses writing files and printing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.config import ConfigError, ConfigProblem
from checker.findings import (
    STATUS_CODE,
    Evaluation,
    Located,
    ProfileSummary,
    ProjectInfo,
    ProjectResult,
    Reference,
    RuleInfo,
    RunResult,
    Severity,
    Status,
    WaiverNote,
    fact_path,
)
from checker.i18n import _
from checker.identity import item_key
from checker.pointers import join_pointer, split_pointer

V1 = "1.0"

_FINDING_KEYS: dict[str, type | tuple[type, ...]] = {
    "project": str,
    "path": str,
    "line": int,
    "column": int,
    "pointer": str,
    "rule": str,
    "title": str,
    "area": str,
    "severity": str,
    "status": str,
    "message": str,
}


@dataclass(slots=True)
class Upgraded:
    """A version-1 document as a run, and how its list items were named."""

    run: RunResult
    tool_version: str
    named_from_text: int = 0
    named_from_files: int = 0
    by_position: list[str] = field(default_factory=list)
    """`path: item` of each list item that kept its position (no name found)."""


def upgrade(document: Mapping[str, Any], source: str, root: Path) -> Upgraded:
    """The run a version-1 document records; `root` is where its project paths are read
    from (the folder the old check ran in). Raises ConfigError, located in `source`, for
    a document that is not a version-1 results document."""
    _check(document, source)
    namer = _Namer(root)
    findings: list[dict[str, Any]] = document["findings"]
    infos = _rule_infos(findings)
    projects = [
        _project(info, findings_of, infos, namer)
        for info, findings_of in _by_project(document, findings)
    ]
    profiles = tuple(
        ProfileSummary(
            str(p["id"]),
            str(p.get("title", "")),
            int(p.get("rules", len(infos.get(p["id"], {})))),
            tuple(infos.get(p["id"], {}).values()),
        )
        for p in document["profiles"]
    )
    run = RunResult(profiles, tuple(projects), interrupted=bool(document.get("interrupted")))
    tool = document.get("tool")
    version = str(tool.get("version", "")) if isinstance(tool, dict) else ""
    return Upgraded(run, version, namer.from_text, namer.from_files, namer.by_position)


def _check(document: Mapping[str, Any], source: str) -> None:
    def fail(where: str, message: str) -> ConfigError:
        return ConfigError(
            [
                ConfigProblem(
                    source,
                    1,
                    1,
                    _("not a govcheck results document (at {where}: {message})").format(
                        where=where, message=message
                    ),
                )
            ]
        )

    if document.get("format_version") != V1:
        raise fail("/format_version", _("{version} expected").format(version=repr(V1)))
    for key in ("profiles", "projects", "findings"):
        if not isinstance(document.get(key), list):
            raise fail(f"/{key}", _("a list expected"))
    for index, item in enumerate(document["profiles"]):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise fail(f"/profiles/{index}", _("a profile with an `id` expected"))
    for index, item in enumerate(document["projects"]):
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            raise fail(f"/projects/{index}", _("a project with a `path` expected"))
    for index, item in enumerate(document["findings"]):
        if not isinstance(item, dict):
            raise fail(f"/findings/{index}", _("a finding expected"))
        for key, kind in _FINDING_KEYS.items():
            if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
                raise fail(f"/findings/{index}/{key}", _("missing or of the wrong type"))
        if item["status"] not in _STATUSES or item["severity"] not in _SEVERITIES:
            said = _("unknown status or severity {status}").format(status=repr(item["status"]))
            raise fail(f"/findings/{index}", said)
        if item.get("profile") is not None and not isinstance(item["profile"], str):
            raise fail(f"/findings/{index}/profile", _("text or null expected"))


_STATUSES = frozenset(s.value for s in Status)
_SEVERITIES = frozenset(s.value for s in Severity)


# --- rules ----------------------------------------------------------------------------------


def _rule_infos(findings: Sequence[dict[str, Any]]) -> dict[str, dict[str, RuleInfo]]:
    """Each profile's rules, in the order the document first names them."""
    seen: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for finding in findings:
        if finding.get("profile") is not None:
            seen.setdefault(finding["profile"], {}).setdefault(finding["rule"], []).append(finding)
    return {
        profile: {rule: _rule_info(rule, found) for rule, found in rules.items()}
        for profile, rules in seen.items()
    }


def _rule_info(rule: str, found: list[dict[str, Any]]) -> RuleInfo:
    first = found[0]
    return RuleInfo(
        id=rule,
        title=first["title"],
        area=first["area"],
        severity=Severity(first["severity"]),
        requirement=_requirement(found),
        references=tuple(
            Reference(str(r.get("instrument", "")), str(r.get("article", "")), r.get("url"))
            for r in first.get("references") or ()
            if isinstance(r, dict)
        ),
        remediation=str(first.get("remediation", "")),
        applies_when=str(first.get("applies_because", "")),
    )


def _requirement(found: list[dict[str, Any]]) -> str:
    """Version 1 wrote the requirement only inside messages (with the profile's label in
    front, which stays: it cannot be told apart from the text)."""
    by_status = {f["status"]: f["message"] for f in reversed(found)}
    for status in ("fail", "error", "waived"):
        if status in by_status:
            return str(by_status[status])
    if "pass" in by_status:
        return str(by_status["pass"]).removesuffix(" (met)")
    if "not_shown" in by_status:
        return str(by_status["not_shown"]).removeprefix("Not shown: ")
    return ""


# --- projects -------------------------------------------------------------------------------


def _by_project(
    document: Mapping[str, Any], findings: list[dict[str, Any]]
) -> list[tuple[ProjectInfo, list[dict[str, Any]]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        grouped.setdefault(finding["path"], []).append(finding)
    out = []
    for project in document["projects"]:
        info = ProjectInfo(
            id=str(project.get("id", "")),
            path=project["path"],
            title=str(project.get("title", "")),
            country=str(project.get("country", "")),
            sector=str(project.get("sector", "")),
            valid=bool(project.get("valid", True)),
        )
        out.append((info, grouped.get(info.path, [])))
    return out


def _project(
    info: ProjectInfo,
    findings: list[dict[str, Any]],
    infos: dict[str, dict[str, RuleInfo]],
    namer: _Namer,
) -> ProjectResult:
    from checker.inputs import input_finding

    problems = tuple(
        input_finding(
            f["rule"],
            f["message"],
            info.id,
            info.path,
            Located(f["pointer"], f["line"], f["column"]),
        )
        for f in findings
        if f.get("profile") is None
    )
    by_profile: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        if finding.get("profile") is not None:
            by_profile.setdefault(finding["profile"], []).append(finding)
    evaluations = tuple(
        _evaluation(profile, found, infos[profile], info.path, namer)
        for profile, found in by_profile.items()
    )
    return ProjectResult(info, problems, evaluations)


def _evaluation(
    profile: str, found: list[dict[str, Any]], infos: dict[str, RuleInfo], path: str, namer: _Namer
) -> Evaluation:
    rules = tuple(infos[f["rule"]] for f in found)
    statuses = bytes(STATUS_CODE[Status(f["status"])] for f in found)
    located: dict[int, Located] = {}
    waivers: dict[int, WaiverNote] = {}
    severities: dict[int, Severity] = {}
    for index, finding in enumerate(found):
        note = _waiver(finding.get("waiver"))
        if note is not None:
            waivers[index] = note
        severity = Severity(finding["severity"])
        if severity is not rules[index].severity:
            severities[index] = severity
        detail = str(finding.get("detail") or "")
        if note is not None and note.expired:  # the writer adds it again
            detail = detail.removeprefix(f"waiver expired on {note.expires}; ")
            detail = detail.removeprefix(f"waiver expired on {note.expires}")
        where = (finding["pointer"], finding["line"], finding["column"], detail)
        if where != ("", 1, 1, ""):
            item = namer.name(finding["pointer"], detail, path)
            located[index] = Located(*where, item=item)
    return Evaluation(profile, rules, statuses, located, waivers, severities)


def _waiver(value: Any) -> WaiverNote | None:
    if not isinstance(value, dict):
        return None
    return WaiverNote(
        justification=str(value.get("justification", "")),
        approved_by=str(value.get("approved_by", "")),
        expires=str(value.get("expires", "")),
        ticket=value.get("ticket") if isinstance(value.get("ticket"), str) else None,
        expired=bool(value.get("expired", False)),
    )


# --- naming list items ----------------------------------------------------------------------

# Version 1 wrote the item of an `every`/`none` failure as "item 2 (Huawei) does"; names
# longer than 60 characters were cut to 57 and "...".
_ITEM_IN_TEXT = re.compile(r"; item (\d+) \((.+)\) does(?: not)?(?::|$)")


class _Namer:
    """Names the list item a version-1 finding lies in."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data: dict[str, Any] = {}
        self.from_text = 0
        self.from_files = 0
        self.by_position: list[str] = []

    def name(self, pointer: str, detail: str, path: str) -> str:
        parts = split_pointer(pointer)
        index = next((i for i, p in enumerate(parts) if p.isdigit()), None)
        if index is None:
            return ""
        listed = fact_path(join_pointer(tuple(parts[:index])))
        position = int(parts[index])
        found = _ITEM_IN_TEXT.search(detail)
        if found and int(found.group(1)) == position + 1 and not found.group(2).endswith("..."):
            self.from_text += 1
            return f"{listed}[{json.dumps(found.group(2), ensure_ascii=False)}]"
        key = item_key(self._data(path), pointer)
        if key and not key.endswith(f"[{position}]"):
            self.from_files += 1
            return key
        self.by_position.append(f"{path}: {listed}[{position}]")
        return f"{listed}[{position}]"

    def _data(self, path: str) -> Any:
        if path not in self.data:
            self.data[path] = _read_data(self.root / path)
        return self.data[path]


def _read_data(path: Path) -> Any:
    if not path.is_file():
        return None
    from checker.limits import DEFAULT_LIMITS
    from checker.sources import read_source

    return read_source(path, str(path), DEFAULT_LIMITS).data

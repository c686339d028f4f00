"""Findings about a project file itself (unreadable, bad YAML, bad schema), not about a rule.

Kept apart from the loader so that results can be assembled (missing paths,
duplicate ids, cached results) without importing PyYAML or a validator.
"""

from __future__ import annotations

from checker.findings import Located, Severity, Status

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding

INPUT_TITLES = {
    "file.unreadable": "File cannot be read",
    "file.too-large": "File is too large",
    "file.not-found": "Path not found",
    "file.too-many-problems": "Too many problems",
    "file.not-a-project": "Not a project description",
    "internal.error": "Internal error",
    "yaml.syntax": "YAML syntax error",
    "yaml.encoding": "Text encoding error",
    "yaml.empty": "Empty file",
    "yaml.root": "Top level is not a mapping",
    "yaml.duplicate-key": "Duplicate key",
    "yaml.key-type": "Key is not text",
    "yaml.tag": "Tag not allowed",
    "yaml.limit": "Input limit exceeded",
    "yaml.recursion": "Recursive alias",
    "yaml.number": "Number out of range",
    "schema.unknown-key": "Unknown key",
    "schema.missing-key": "Missing required key",
    "schema.invalid-value": "Invalid value",
    "project.duplicate-id": "Duplicate project id",
    "evidence.unknown-ref": "Unknown evidence reference",
    "evidence.missing-file": "Evidence file not found",
    "evidence.digest-mismatch": "Evidence file does not match its digest",
    "evidence.unlocated": "Evidence names no document",
    "review.unknown-fact": "Verification of a fact that is not stated",
    "review.stale": "Stale verification",
    "scope.uncovered": "No requested profile covers this project",
}
INPUT_AREA = "input"


def input_finding(code: str, message: str, project: str, path: str, where: Located) -> Finding:
    """A finding about the file itself (profile None, status error)."""
    from checker.expanded import Finding  # not needed by a run without such problems

    return Finding(
        profile=None,
        project=project,
        path=path,
        line=where.line,
        column=where.column,
        pointer=where.pointer,
        rule=code,
        title=INPUT_TITLES.get(code, code),
        area=INPUT_AREA,
        severity=Severity.HIGH,
        status=Status.ERROR,
        message=message,
        remediation=_REMEDIATION.get(code, _REMEDIATION.get(code.split(".", maxsplit=1)[0], "")),
    )


_REMEDIATION = {
    "file": "Check the path and permissions, or split the file.",
    "yaml": "Fix the YAML at this position; `govcheck init` writes a valid template.",
    "schema": "Compare with `govcheck schema project` or the template from `govcheck init`.",
    "project": "Give every project file its own `id`.",
    "evidence": "Add an `evidence` entry with this `id`, or correct the reference.",
    "file.not-a-project": "Point govcheck at folders of project descriptions, or name the "
    "project files; `govcheck init` writes a template of one.",
    "evidence.missing-file": "Put the document at this path (relative to the project file), "
    "or correct the `path`.",
    "evidence.digest-mismatch": "Check the document, then write its SHA-256 (`sha256sum "
    "FILE`) in `sha256`, or restore the document that was checked.",
    "evidence.unlocated": "Give the entry a `url` or a `path`.",
    "review": "Verify the fact again (`govcheck verify`), or remove the verification from "
    "the review record.",
    "scope": "Check it against a profile that covers its countries, or pass --allow-out-of-scope.",
    "internal": "Report this bug with the file that triggered it; other files were checked.",
}

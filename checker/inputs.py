"""Findings about a project file itself (unreadable, bad YAML, bad schema), not about a rule.

Kept apart from the loader so that results can be assembled (missing paths,
duplicate ids, cached results) without importing PyYAML or a validator.
"""

from __future__ import annotations

from checker.findings import Located, Severity, Status
from checker.i18n import N_, _

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.expanded import Finding

INPUT_TITLES = {
    "file.unreadable": N_("File cannot be read"),
    "file.too-large": N_("File is too large"),
    "file.not-found": N_("Path not found"),
    "file.too-many-problems": N_("Too many problems"),
    "file.not-a-project": N_("Not a project description"),
    "internal.error": N_("Internal error"),
    "yaml.syntax": N_("YAML syntax error"),
    "yaml.encoding": N_("Text encoding error"),
    "yaml.empty": N_("Empty file"),
    "yaml.root": N_("Top level is not a mapping"),
    "yaml.duplicate-key": N_("Duplicate key"),
    "yaml.key-type": N_("Key is not text"),
    "yaml.tag": N_("Tag not allowed"),
    "yaml.limit": N_("Input limit exceeded"),
    "yaml.recursion": N_("Recursive alias"),
    "yaml.number": N_("Number out of range"),
    "schema.unknown-key": N_("Unknown key"),
    "schema.missing-key": N_("Missing required key"),
    "schema.invalid-value": N_("Invalid value"),
    "project.duplicate-id": N_("Duplicate project id"),
    "evidence.unknown-ref": N_("Unknown evidence reference"),
    "evidence.missing-file": N_("Evidence file not found"),
    "evidence.digest-mismatch": N_("Evidence file does not match its digest"),
    "evidence.unlocated": N_("Evidence names no document"),
    "review.unknown-fact": N_("Verification of a fact that is not stated"),
    "review.stale": N_("Stale verification"),
    "scope.uncovered": N_("No requested profile covers this project"),
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
        title=_(INPUT_TITLES[code]) if code in INPUT_TITLES else code,
        area=INPUT_AREA,
        severity=Severity.HIGH,
        status=Status.ERROR,
        message=message,
        remediation=_remediation(code),
    )


_REMEDIATION = {
    "file": N_("Check the path and permissions, or split the file."),
    "yaml": N_("Fix the YAML at this position; `govcheck init` writes a valid template."),
    "schema": N_("Compare with `govcheck schema project` or the template from `govcheck init`."),
    "project": N_("Give every project file its own `id`."),
    "evidence": N_("Add an `evidence` entry with this `id`, or correct the reference."),
    "file.not-a-project": N_(
        "Point govcheck at folders of project descriptions, or name the "
        "project files; `govcheck init` writes a template of one."
    ),
    "evidence.missing-file": N_(
        "Put the document at this path (relative to the project file), or correct the `path`."
    ),
    "evidence.digest-mismatch": N_(
        "Check the document, then write its SHA-256 (`sha256sum "
        "FILE`) in `sha256`, or restore the document that was checked."
    ),
    "evidence.unlocated": N_("Give the entry a `url` or a `path`."),
    "review": N_(
        "Verify the fact again (`govcheck verify`), or remove the verification from "
        "the review record."
    ),
    "scope": N_(
        "Check it against a profile that covers its countries, or pass --allow-out-of-scope."
    ),
    "internal": N_("Report this bug with the file that triggered it; other files were checked."),
}


def _remediation(code: str) -> str:
    """How to fix a problem of this code (or of its family), in the language in use."""
    text = _REMEDIATION.get(code) or _REMEDIATION.get(code.split(".", maxsplit=1)[0], "")
    return _(text) if text else ""

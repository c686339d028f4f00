"""A project's evidence entries checked against the files they name.

Owns the only I/O of the basis (checker/basis.py): an entry with a `path` is
checked to name a regular file, relative to the project file, and, when it
gives a `sha256`, to match it; an entry with neither a `path` nor a `url`
names no document. Each such entry is a located input problem and backs
nothing. URLs are recorded, never fetched. Also owns each entry's digest (its
fields and, for a file, the file's SHA-256): what a verification records, so
that it goes stale when the entry or its file changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from checker.digests import file_sha256, files_unchanged
from checker.findings import Located
from checker.i18n import _
from checker.i18n.os_words import os_reason
from checker.inputs import input_finding

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.documents import ProjectDocument
    from checker.expanded import Finding

MAX_EVIDENCE_BYTES = 1 << 30
"""A larger file is not hashed (and so backs nothing): a project must not make govcheck
read without end."""


@dataclass(frozen=True, slots=True)
class EvidenceCheck:
    """What a project's evidence entries came to."""

    problems: tuple[Finding, ...] = ()
    broken: frozenset[str] = frozenset()
    """Ids of entries that back nothing: a missing file, a digest mismatch, no address."""
    files: tuple[tuple[str, str], ...] = ()
    """(absolute path, SHA-256 or "" when unreadable) of every local file read: what a
    cached result of the project depends on besides its own bytes."""
    digests: dict[str, str] | None = None
    """Each entry's digest by id (checker/verification.py compares them)."""


_NONE = EvidenceCheck()


def check_evidence(document: ProjectDocument, *, digests: bool = True) -> EvidenceCheck:
    """Check every entry of the project's `evidence` list (none: nothing is read); with
    `digests`, each entry's digest too (only verifications compare them, and hashing every
    entry of every file of a check that has none was a tenth of weighing its links)."""
    data = document.data or {}
    entries = data.get("evidence")
    if not isinstance(entries, list) or not entries:
        return _NONE
    folder = Path(document.source.path).parent
    problems: list[Finding] = []
    broken: set[str] = set()
    files: list[tuple[str, str]] = []
    digested: dict[str, str] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue  # the schema reports it
        file_digest = ""
        problem: tuple[str, str, str] | None = None
        path = entry.get("path")
        if isinstance(path, str):
            # Absolute: the result is cached for the project's folder, not for the
            # folder govcheck ran from, so nothing kept may name a path relative to it.
            target = (folder / path).absolute()
            file_digest, problem = _file(target, path, entry.get("sha256"), index)
            files.append((str(target), file_digest))
        elif not isinstance(entry.get("url"), str):
            problem = (
                f"/evidence/{index}",
                "evidence.unlocated",
                _(
                    "evidence `{id}` gives neither a `url` nor a `path`: it names no "
                    "document a reviewer can find, so it backs nothing"
                ).format(id=entry["id"]),
            )
        if problem is not None:
            broken.add(entry["id"])
            problems.append(_finding(document, *problem))
        if digests:
            digested[entry["id"]] = entry_digest(entry, file_digest)
    return EvidenceCheck(
        tuple(problems), frozenset(broken), tuple(files), digested if digests else None
    )


def _file(
    target: Path, path: str, expected: Any, index: int
) -> tuple[str, tuple[str, str, str] | None]:
    try:
        if not target.is_file():
            return "", (
                f"/evidence/{index}/path",
                "evidence.missing-file",
                _(
                    "evidence file `{path}` is not found (looked for {target}); it backs nothing"
                ).format(path=path, target=target),
            )
        if target.stat().st_size > MAX_EVIDENCE_BYTES:
            return "", (
                f"/evidence/{index}/path",
                "evidence.missing-file",
                _(
                    "evidence file `{path}` is larger than 1 GiB and is not read; it backs nothing"
                ).format(path=path),
            )
        found = file_sha256(target)
    except OSError as error:
        return "", (
            f"/evidence/{index}/path",
            "evidence.missing-file",
            _("evidence file `{path}` cannot be read ({reason}); it backs nothing").format(
                path=path, reason=os_reason(error)
            ),
        )
    if isinstance(expected, str) and expected != found:
        return found, (
            f"/evidence/{index}/sha256",
            "evidence.digest-mismatch",
            _(
                "evidence file `{path}` does not match its `sha256`: the file's is {digest}. "
                "The document changed since the digest was written; it backs nothing until "
                "the digest is checked and corrected"
            ).format(path=path, digest=found),
        )
    return found, None


def entry_digest(entry: dict[str, Any], file_digest: str = "") -> str:
    """`sha256:` over the entry's fields and its file's digest."""
    text = json.dumps([entry, file_digest], sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _finding(document: ProjectDocument, pointer: str, code: str, message: str) -> Finding:
    position = document.locate(pointer)
    return input_finding(
        code,
        message,
        document.info.id,
        document.info.path,
        Located(pointer, position.line, position.column),
    )


__all__ = ["EvidenceCheck", "check_evidence", "entry_digest", "file_sha256", "files_unchanged"]

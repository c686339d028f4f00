"""A reviewer's request to verify facts: checked against the project, then recorded.

Owns what `govcheck verify` and the TUI's verify form share: finding the project among
the paths reviewed, the facts a rule's outcome was decided on (the facts its basis is
weighed on, checker/basis.py), the evidence entries a fact can be verified against, and
turning a request into review-record entries, each carrying the digests of the fact's
value and of the evidence (checker/verification.py) so that it goes stale when either
changes. Every refusal is a `VerifyError` raised before anything is written; the entries
are appended with the waivers' guarantees (checker/waivers/writing.py). Refuses
printing, and deciding where the record lives (checker/waivers/location.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from checker.findings import STATUS_CODE, Status
from checker.i18n import _, ngettext
from checker.pointers import MISSING, join_pointer, split_pointer

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.documents import ProjectDocument
    from checker.expanded import Finding
    from checker.resolved import ResolvedProfile


class VerifyError(ValueError):
    """A verification that cannot be recorded, and why; nothing was written."""


@dataclass(frozen=True, slots=True)
class EvidenceChoice:
    """An evidence entry a fact can be verified against (one that backs something)."""

    id: str
    title: str
    digest: str


def find_project(paths: Sequence[str | Path], project_id: str) -> ProjectDocument:
    """The project `project_id` among the files under `paths`; VerifyError when none has
    it, or when two or more do (the record names a project by id alone, so an entry would
    count for each of them: `check` reports the later ones as `project.duplicate-id`)."""
    from checker.batch import read_regular
    from checker.checking import discover
    from checker.documents import parse_project
    from checker.limits import DEFAULT_LIMITS

    found = []
    for target in discover(paths).targets:
        raw = read_regular(target.path, DEFAULT_LIMITS)  # None: no project can be read there
        if raw is None or not _may_name(raw, target.display, project_id):
            continue
        document = parse_project(raw, target.display, DEFAULT_LIMITS)
        if document.info.id == project_id and document.data is not None:
            found.append(document)
    if len(found) == 1:
        return found[0]
    if not found:
        raise VerifyError(
            _("no project `{project}` under {paths}").format(
                project=project_id, paths=", ".join(map(str, paths))
            )
        )
    places = ", ".join(
        f"{d.info.path}:{d.locate('/id').line}:{d.locate('/id').column}" for d in found
    )
    used = ngettext(
        "project id `{project}` is used by {count} file: {places}",
        "project id `{project}` is used by {count} files: {places}",
        len(found),
    ).format(project=project_id, count=len(found), places=places)
    raise VerifyError(
        used
        + _(
            "; a verification names its project by id alone, so it would count for each of "
            "them: give the one file meant with --path (e.g. --path {first}), and each other "
            "project an id of its own"
        ).format(first=found[0].info.path)
    )


def _may_name(raw: bytes, display: str, project_id: str) -> bool:
    """Whether a file's bytes can hold project `project_id`: parsing each of 10,000 files
    took 19 s, and a file's id is its text as written (or, without one, its file name)
    unless it is written with escapes (`"p\\x31"`) or in UTF-16/32. An id typed with bytes
    that are not UTF-8 is looked for as those bytes (`surrogateescape`)."""
    from checker.documents import id_from_name
    from checker.sources import BOM_STARTS

    return (
        project_id.encode("utf-8", "surrogateescape") in raw
        or b"\\" in raw
        or raw[:1] in BOM_STARTS
        or id_from_name(display) == project_id
    )


def load_document(path: str | Path) -> ProjectDocument:
    """One project file, for a request about a finding already located in it."""
    from checker.documents import load_project
    from checker.limits import DEFAULT_LIMITS

    document = load_project(Path(path), str(path), DEFAULT_LIMITS)
    if document.data is None:
        raise VerifyError(
            _("{path}: the file cannot be read as a project; fix it first").format(path=path)
        )
    return document


def pointer_of(text: str) -> str:
    """A fact as typed (`a.b[0]` or `/a/b/0`) as a JSON pointer; "" when unreadable."""
    if text.startswith("/"):
        return text
    from checker.basis import fact_parts

    parts = fact_parts(text)
    return "".join(f"/{p}" for p in parts) if parts else ""


def decided_facts(data: Any, profile: ResolvedProfile, finding: Finding) -> tuple[str, ...]:
    """JSON pointers of the stated facts `finding`'s outcome was decided on: the facts its
    basis is the weakest of (docs/evidence.md). A pass refused on its basis (`not_shown`
    with each weak fact's basis as its state) was decided on its `require` alone."""
    from checker.basis import BASIS_CODE, profile_plan, rule_basis
    from checker.pointers import join_pointer

    index = next((i for i, r in enumerate(profile.rules) if r.info.id == finding.rule), None)
    if index is None:
        raise VerifyError(
            _("rule `{rule}` is not in profile `{profile}`").format(
                rule=finding.rule, profile=profile.id
            )
        )
    status = finding.status
    facts = finding.facts
    if status is Status.NOT_SHOWN and facts and all(s in BASIS_CODE for _, s in facts):
        status = Status.PASS
    reads = profile_plan(profile).reads(index, STATUS_CODE[status])
    return tuple(join_pointer(parts) for parts, _ in rule_basis(reads, data, None).facts)


def finding_of(
    document: ProjectDocument, profile: ResolvedProfile, rule_id: str, as_of: str
) -> Finding:
    """The outcome of rule `rule_id` for the project under `profile`, as `check` decides
    it (the review record's verifications aside: they never change which facts count)."""
    from checker.checking import check_document

    if profile.rule(rule_id) is None:
        raise VerifyError(
            _("rule `{rule}` is not in profile `{profile}`").format(
                rule=rule_id, profile=profile.id
            )
        )
    result = check_document(document, [profile], as_of)
    found = next((f for f in result.by_profile(profile.id) if f.rule == rule_id), None)
    if found is None or found.status is Status.OUT_OF_SCOPE:
        raise VerifyError(
            _(
                "rule `{rule}` does not apply to `{project}` under profile `{profile}` (the "
                "profile does not cover the project)"
            ).format(rule=rule_id, project=document.info.id, profile=profile.id)
        )
    return found


def finding_facts(
    document: ProjectDocument, profile: ResolvedProfile, finding: Finding
) -> tuple[str, ...]:
    """`decided_facts`, refusing an outcome decided on no stated fact."""
    pointers = decided_facts(document.data, profile, finding)
    if not pointers:
        raise VerifyError(
            _(
                "the outcome of `{rule}` ({status}) for `{project}` rests on no stated fact: "
                "nothing to verify"
            ).format(rule=finding.rule, status=finding.status.value, project=document.info.id)
        )
    return pointers


def evidence_choices(document: ProjectDocument) -> tuple[EvidenceChoice, ...]:
    """The project's evidence entries a fact can be verified against: those that back
    something (a local file present and matching its digest, or a URL)."""
    from checker.evidencefiles import check_evidence

    evidence = check_evidence(document)
    digests = evidence.digests or {}
    entries = (document.data or {}).get("evidence")
    titles = {
        e["id"]: str(e.get("title", ""))
        for e in (entries if isinstance(entries, list) else ())
        if isinstance(e, dict) and isinstance(e.get("id"), str)
    }
    return tuple(
        EvidenceChoice(id, titles.get(id, ""), digest)
        for id, digest in digests.items()
        if id not in evidence.broken
    )


def entries(
    document: ProjectDocument,
    pointers: Sequence[str],
    evidence: str,
    *,
    by: str,
    today: date,
    note: str = "",
) -> list[dict[str, Any]]:
    """The review-record entries verifying each fact at `pointers` against `evidence`;
    VerifyError (naming the first problem) for a fact not stated, an evidence id the project
    does not list or one that backs nothing, or no reviewer named."""
    from checker.evidencefiles import check_evidence
    from checker.verification import fact_value, value_digest

    if not by.strip():
        raise VerifyError(_("say who verified it (--by)"))
    if not pointers:
        raise VerifyError(_("no fact to verify"))
    data = document.data
    where = document.info.path
    try:  # the record is UTF-8 text: an id named after a file whose name is not cannot go in
        document.info.id.encode("utf-8")
    except UnicodeEncodeError:
        raise VerifyError(
            _(
                "{path}: the project's id holds bytes that are not UTF-8 text (a file name "
                "saved in another encoding?); give the project an `id:` in its file"
            ).format(path=where)
        ) from None
    checked = check_evidence(document)
    digests = checked.digests or {}
    if evidence not in digests:
        known = ", ".join(sorted(digests)) or _("none")
        raise VerifyError(
            _("{path}: no evidence entry `{evidence}` (the project has: {known})").format(
                path=where, evidence=evidence, known=known
            )
        )
    if evidence in checked.broken:
        listed = (data or {}).get("evidence") or []
        index = next(i for i, e in enumerate(listed) if _id(e) == evidence)
        at = f"/evidence/{index}"
        problem = next((p for p in checked.problems if _under(p.pointer, at)), None)
        why = f"{problem.location()}: {problem.message}" if problem else _("it backs nothing")
        raise VerifyError(
            _("{path}: evidence `{evidence}` cannot be verified against: {why}").format(
                path=where, evidence=evidence, why=why
            )
        )
    values: dict[str, Any] = {}
    for pointer in pointers:
        value = fact_value(data, pointer) if pointer else MISSING
        if value is MISSING:
            raise VerifyError(
                _("{path}: `{pointer}` is not a stated fact of the project").format(
                    path=where, pointer=pointer or "/"
                )
            )
        values[pointer] = value
    _refuse_unbacked(document, pointers, evidence)
    made: list[dict[str, Any]] = []
    for pointer, value in values.items():
        entry: dict[str, Any] = {
            "project": document.info.id,
            "pointer": pointer,
            "evidence": evidence,
            "by": by.strip(),
            "on": today.isoformat(),
            "value": value_digest(value),
            "document": digests[evidence],
        }
        if note.strip():
            entry["note"] = note.strip()
        made.append(entry)
    return made


def _refuse_unbacked(document: ProjectDocument, pointers: Sequence[str], evidence: str) -> None:
    """VerifyError naming the facts evidence entry `evidence` does not back (docs/evidence.md:
    its `supports`, or a section naming it in `evidence: [id]`, holding the fact): a
    verification says the fact was checked against that document, and a document the
    project does not link to the fact is not evidence of it."""
    from checker.basis import backed_by

    backed = backed_by(document.data or {}, evidence)
    unbacked = [p for p in pointers if not _within(tuple(split_pointer(p)), backed)]
    if not unbacked:
        return
    facts = ", ".join(f"`{p}`" for p in unbacked)
    if backed:
        what = _("it backs {backed}").format(
            backed=", ".join(f"`{join_pointer(parts)}`" for parts in sorted(backed))
        )
    else:
        what = _("it backs no fact: it has no `supports`, and no section names it in `evidence`")
    raise VerifyError(
        _(
            "{path}: evidence `{evidence}` does not back {facts} ({what}); if the document "
            "shows it, add the fact to the entry's `supports` (or `evidence: [{evidence}]` to "
            "the section holding it), else verify against an entry that backs it"
        ).format(path=document.info.path, evidence=evidence, facts=facts, what=what)
    )


def _within(parts: tuple[str, ...], sections: frozenset[tuple[str, ...]]) -> bool:
    return any(parts[:depth] in sections for depth in range(len(parts) + 1))


def _id(entry: Any) -> Any:
    return entry.get("id") if isinstance(entry, dict) else None


def _under(pointer: str, section: str) -> bool:
    return pointer == section or pointer.startswith(section + "/")


def record(target: Path, made: Sequence[dict[str, Any]]) -> int:
    """Append the entries to the review record at `target`, each atomically, everything
    already written kept (ConfigError for a broken record, OSError for a file problem).
    An entry the record already holds (the same reviewer, fact, value, evidence and
    document; only the day may differ) is not written twice. Returns how many were."""
    from checker.waivers.writing import add_entry

    held = _recorded(target)
    written = 0
    for entry in made:
        if _same(entry) in held:
            continue
        add_entry(target, "verifications", entry)
        held.add(_same(entry))
        written += 1
    return written


_SAME = ("project", "pointer", "evidence", "by", "value", "document")


def _same(entry: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(entry.get(key, "")) for key in _SAME)


def _recorded(target: Path) -> set[tuple[str, ...]]:
    """The verifications the record at `target` holds now (none when it does not exist or
    cannot be read: writing then says what is wrong with it)."""
    from checker.limits import DEFAULT_LIMITS
    from checker.sources import read_source

    if not target.is_file():
        return set()
    data = read_source(target, str(target), DEFAULT_LIMITS).data or {}
    listed = data.get("verifications")
    if not isinstance(listed, list):
        return set()
    return {_same(e) for e in listed if isinstance(e, dict)}


__all__ = [
    "EvidenceChoice",
    "VerifyError",
    "decided_facts",
    "entries",
    "evidence_choices",
    "find_project",
    "finding_facts",
    "finding_of",
    "load_document",
    "pointer_of",
    "record",
]

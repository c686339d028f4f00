"""Run-versus-run differences: baselines and `govcheck diff`.

Owns reading a saved JSON results document (the versioned contract of
`--format json`; a version-1 document is read through checker/upgrade.py and a
version-2 one through checker/resultformats.py, so old baselines keep working)
and comparing problems by fingerprint: the
identity (profile, rule, project, item key) that survives lines moving and
findings being located more exactly. One (profile, rule, project) is never
both fixed and new: when its fingerprint changed (the rule now fails on
another list item), it is a change. Refuses rendering and printing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.config import ConfigError, ConfigProblem
from checker.i18n import N_, _, language
from checker.i18n.os_words import json_reason, os_reason
from checker.jsonschemas import committed
from checker.resultformats import V2, V3, as_v3
from checker.validators import compile_schema

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.findings import RunResult

_PROBLEMS = frozenset({"fail", "not_shown", "error"})


@dataclass(frozen=True, slots=True)
class Recorded:
    """A finding as saved in a results document."""

    fingerprint: str
    profile: str | None
    project: str
    rule: str
    title: str
    severity: str
    status: str
    path: str
    line: int
    column: int
    pointer: str
    item: str | None
    message: str
    detail: str

    @property
    def is_problem(self) -> bool:
        return self.status in _PROBLEMS


@dataclass(frozen=True, slots=True)
class Change:
    """The same finding in both runs, with what differs."""

    old: Recorded
    new: Recorded
    fields: tuple[str, ...]

    @property
    def moved(self) -> bool:
        """The rule now fails on another item: a problem the old run does not have (a
        baseline that accepted vendor A does not accept vendor B), shown as a change so
        that one (profile, rule, project) is never both fixed and new."""
        return self.old.fingerprint != self.new.fingerprint


@dataclass(frozen=True, slots=True)
class Drift:
    """New, fixed and changed problems between two runs."""

    new: tuple[Recorded, ...]
    fixed: tuple[Recorded, ...]
    changed: tuple[Change, ...]
    unchanged: int

    @property
    def empty(self) -> bool:
        return not (self.new or self.fixed or self.changed)

    @property
    def not_in_old(self) -> tuple[Recorded, ...]:
        """The problems the old run does not have by fingerprint: `new`, and the changes
        whose rule now fails on another list item (the old run had it on the item it
        names). What `check --baseline OLD` calls new, gates on and `--only-new` lists
        (`RunResult.baseline_state`), and what `diff --fail-on-new` fails on."""
        moved = tuple(c.new for c in self.changed if c.moved)
        return tuple(sorted(self.new + moved, key=_order)) if moved else self.new


@dataclass(frozen=True, slots=True)
class Loaded:
    """The findings of a results document, and whether it was read as an old version."""

    records: tuple[Recorded, ...]
    upgraded_from: str | None = None
    by_position: tuple[str, ...] = ()
    """For an upgraded document: list items that could not be named (see checker/upgrade.py)."""


def load_document(path: Path) -> dict[str, Any]:
    """A JSON results document as data; ConfigError when it cannot be read."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([ConfigProblem(str(path), 1, 1, _("results file not found"))]) from None
    except json.JSONDecodeError as error:  # a truncated file (a CI job killed mid-write)
        said = _("not a JSON results document: {error}").format(error=json_reason(error))
        raise ConfigError([ConfigProblem(str(path), error.lineno, error.colno, said)]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            [
                ConfigProblem(
                    str(path),
                    1,
                    1,
                    _("not a JSON results document: {error}").format(
                        error=os_reason(error) if isinstance(error, OSError) else error
                    ),
                )
            ]
        ) from None
    if not isinstance(document, dict):
        raise _not_results(path, "/", _("a JSON object expected"))
    return document


def load_results(path: Path, root: Path | None = None) -> Loaded:
    """Findings of a results document written by `govcheck check --format json`, any
    version; a version-1 document's list items are named from the project files under
    `root` (default: the current folder)."""
    document = load_document(path)
    if document.get("format_version") == "1.0":
        from checker.upgrade import upgrade

        upgraded = upgrade(document, str(path), root or Path.cwd())
        return Loaded(tuple(records_of_run(upgraded.run)), "1.0", tuple(upgraded.by_position))
    if validate(document, path) == V2:  # validate also holds every reference to its table
        document = as_v3(document)
    return Loaded(tuple(_records(document)))


def read_results(path: Path) -> list[Recorded]:
    return list(load_results(path).records)


def validate(document: Any, path: Path) -> str:
    """The format version of `document`, a results document of version 2.0 or 3.0;
    ConfigError when it is not one."""
    version = document.get("format_version") if isinstance(document, dict) else None
    if version not in (V2, V3):
        raise _not_results(
            path,
            "format_version",
            _("{version}; this govcheck reads formats 1.0, 2.0 and 3.0").format(
                version=repr(version)
            ),
        )
    schema = committed("results" if version == V3 else "results-2.0")
    errors = list(compile_schema(schema).errors(document))
    if errors:
        where = "".join(f"/{p}" for p in errors[0].path) or "/"  # a JSON pointer
        raise _not_results(path, where, _schema_words(errors[0].keyword, errors[0].message))
    dangling = _dangling(document)
    if dangling is not None:
        raise _not_results(path, *dangling)
    return str(version)


def _dangling(document: Mapping[str, Any]) -> tuple[str, str] | None:
    """The first reference of a schema-valid 2.0 or 3.0 document to an entry it does not
    hold, as (pointer, what): a finding's rule, a `detail` or missing fact, a place (`at`).
    The schema cannot say it; a hand-edited or truncated baseline can. (0.7 s for the
    383,000 findings of a 10,000-proposal document.)"""
    texts, facts = len(document["texts"]), len(document["facts"])
    rules = {profile["id"]: profile["rules"] for profile in document["profiles"]}
    for p, project in enumerate(document["projects"]):
        for i, problem in enumerate(project["problems"]):
            if problem["detail"] >= texts:
                return f"/projects/{p}/problems/{i}/detail", _("not in `texts`")
        places = len(project.get("places", ()))
        for r, result in enumerate(project["results"]):
            known = rules.get(result["profile"])
            if known is None:
                return f"/projects/{p}/results/{r}/profile", _("not in `profiles`")
            findings = result["findings"]
            groups = findings.items() if isinstance(findings, dict) else [(None, findings)]
            for status, group in groups:
                base = f"/projects/{p}/results/{r}/findings" + (f"/{status}" if status else "")
                for f, finding in enumerate(group):
                    if finding["rule"] not in known:
                        return f"{base}/{f}/rule", _("not in the profile's `rules`")
                    for key in ("detail", "binding_because"):
                        index = finding.get(key)  # binding_because: absent, or null
                        if index is not None and index >= texts:
                            return f"{base}/{f}/{key}", _("not in `texts`")
                    if any(fact >= facts for fact in finding.get("missing_facts", ())):
                        return f"{base}/{f}/missing_facts", _("not in `facts`")
                    if finding.get("at", -1) >= places:
                        return f"{base}/{f}/at", _("not in the project's `places`")
    return None


_SCHEMA_WORDS = {
    "required": N_("a required key is missing"),
    "additionalProperties": N_("a key that is not allowed here"),
    "type": N_("a value of the wrong type"),
    "enum": N_("a value that is not one of those allowed"),
    "const": N_("a value that is not the one allowed"),
    "pattern": N_("a value not written as the format requires"),
}


def _schema_words(keyword: str, message: str) -> str:
    """The results schema's refusal: the validator's own (English) sentence in English,
    else govcheck's words for its keyword (the document is not worth more detail)."""
    if language() == "en":
        return message[:120]
    said = _SCHEMA_WORDS.get(keyword)
    return (
        _(said)
        if said
        else _("does not follow the results format (`{keyword}`)").format(keyword=keyword)
    )


def _not_results(path: Path, where: str, message: str) -> ConfigError:
    said = _("not a govcheck results document (at {where}: {message})")
    return ConfigError([ConfigProblem(str(path), 1, 1, said.format(where=where, message=message))])


def _records(document: Mapping[str, Any]) -> Iterable[Recorded]:
    from checker.expanded import identity_hash

    rules = {
        (p["id"], rule): meta for p in document["profiles"] for rule, meta in p["rules"].items()
    }
    inputs = document["input_codes"]
    texts = document["texts"]
    for project in document["projects"]:
        name, path = project["id"], project["path"]
        for item in project["problems"]:
            code = item["rule"]
            yield Recorded(
                fingerprint=item.get("fingerprint")
                or identity_hash(None, code, name, item["pointer"]),
                profile=None,
                project=name,
                rule=code,
                title=inputs[code]["title"] if code in inputs else code,
                severity=item["severity"],
                status=item["status"],
                path=path,
                line=item["line"],
                column=item["column"],
                pointer=item["pointer"],
                item=None,
                message=item["message"],
                detail=texts[item["detail"]],
            )
        places = project["places"]
        for result in project["results"]:
            profile = result["profile"]
            for status, group in result["findings"].items():
                for item in group:
                    meta = rules[(profile, item["rule"])]
                    line, column, pointer, *named = places[item["at"]]
                    key = named[0] if named else None
                    yield Recorded(
                        fingerprint=item.get("fingerprint")
                        or identity_hash(profile, item["rule"], name, key or ""),
                        profile=profile,
                        project=name,
                        rule=item["rule"],
                        title=meta["title"],
                        severity=item.get("severity") or meta["severity"],
                        status=status,
                        path=path,
                        line=line,
                        column=column,
                        pointer=pointer,
                        item=key,
                        message=item.get("message") or meta["messages"].get(status, ""),
                        detail=texts[item["detail"]],
                    )


def records_of_run(run: RunResult) -> Iterable[Recorded]:
    """The listed findings of a run (what a default results document holds), as records."""
    for finding in run.findings(problems_only=True):
        yield Recorded(
            fingerprint=finding.fingerprint,
            profile=finding.profile,
            project=finding.project,
            rule=finding.rule,
            title=finding.title,
            severity=finding.severity.value,
            status=finding.status.value,
            path=finding.path,
            line=finding.line,
            column=finding.column,
            pointer=finding.pointer,
            item=(finding.item or None) if finding.profile is not None else None,
            message=finding.message,
            detail=finding.detail,
        )


def baseline_fingerprints(path: Path) -> frozenset[str]:
    """The problems of a baseline run, by fingerprint."""
    return fingerprints(load_results(path))


def fingerprints(loaded: Loaded) -> frozenset[str]:
    return frozenset(r.fingerprint for r in loaded.records if r.is_problem)


def diff(old: Iterable[Recorded], new: Iterable[Recorded]) -> Drift:
    """Compare two runs' problems by fingerprint; what is left on both sides for one
    (profile, rule, project) is paired as a change (in line order), never as fixed and new."""
    before = {r.fingerprint: r for r in old if r.is_problem}
    after = {r.fingerprint: r for r in new if r.is_problem}
    changed: list[Change] = []
    unchanged = 0
    for key in before.keys() & after.keys():
        fields = _differences(before[key], after[key])
        if fields:
            changed.append(Change(before[key], after[key], fields))
        else:
            unchanged += 1
    gone = _by_subject(before[k] for k in before.keys() - after.keys())
    came = _by_subject(after[k] for k in after.keys() - before.keys())
    fixed: list[Recorded] = []
    new_ones: list[Recorded] = []
    for subject in gone.keys() | came.keys():
        olds, news = gone.get(subject, []), came.get(subject, [])
        for a, b in zip(olds, news, strict=False):
            changed.append(Change(a, b, _differences(a, b) or ("item",)))
        fixed.extend(olds[len(news) :])
        new_ones.extend(news[len(olds) :])
    return Drift(
        new=tuple(sorted(new_ones, key=_order)),
        fixed=tuple(sorted(fixed, key=_order)),
        changed=tuple(sorted(changed, key=lambda c: _order(c.new))),
        unchanged=unchanged,
    )


def _by_subject(records: Iterable[Recorded]) -> dict[tuple[str, str, str], list[Recorded]]:
    grouped: dict[tuple[str, str, str], list[Recorded]] = {}
    for record in sorted(records, key=_order):
        grouped.setdefault((record.profile or "", record.rule, record.project), []).append(record)
    return grouped


def _differences(old: Recorded, new: Recorded) -> tuple[str, ...]:
    """What changed. A rule outcome's message follows from its rule and status, so its
    detail and item are what can say more; an input problem's message is its detail."""
    names = (
        ("severity", "status", "item", "detail")
        if old.profile is not None
        else ("severity", "status", "pointer", "message")
    )
    return tuple(name for name in names if getattr(old, name) != getattr(new, name))


def _order(record: Recorded) -> tuple[str, str, int, str]:
    return (record.project, record.profile or "", record.line, record.rule)

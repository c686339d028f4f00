"""The compiled-profile cache: resolved profiles stored as plain data, keyed by content.

Owns where govcheck keeps caches (GOVCHECK_CACHE_DIR, else the platform's user
cache folder) and the profile cache. Loading rulesets needs PyYAML over a few
thousand lines and pydantic (about half a second); a cached profile is a
JSON file of rule metadata and condition sources, each condition compiled
only when first evaluated (a run served from the result cache compiles
none, and imports neither PyYAML nor a validator). The key
covers every ruleset, profile and translation file's bytes, the profile names,
the language and govcheck's version, so any change to any of them misses the cache.
Profiles given as file paths are never cached (their extras are unknown
until parsed). Rules read from the cache load their full model only if some
code asks for it (e.g. OSCAL export).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from checker._version import __version__
from checker.digests import digest
from checker.findings import Reference, RuleInfo, Severity
from checker.resolved import ResolvedProfile, ResolvedRule, profile_countries

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.conditions import Compiled
    from checker.rules import Rule

FORMAT = 7


def cache_dir() -> Path:
    """GOVCHECK_CACHE_DIR, else the platform's user cache folder (as platformdirs would)."""
    explicit = os.environ.get("GOVCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "govcheck" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "govcheck"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govcheck"


def cache_entries(folder: Path) -> list[Path]:
    """The files govcheck keeps in its cache folder (results, compiled profiles,
    screening indexes) and nothing else: GOVCHECK_CACHE_DIR may name a folder shared
    with other tools (a CI cache, ~/.cache, a project folder by mistake), whose files
    are not govcheck's to count or remove."""
    if not folder.is_dir():
        return []
    found = [*folder.glob("results-v*.sqlite*"), *folder.glob("screening-*.json")]
    profiles = folder / "profiles"
    if profiles.is_dir():
        found += [*profiles.glob("*.json"), *profiles.glob(".*.tmp")]
    return sorted(p for p in found if p.is_file())


def clear_cache(folder: Path) -> None:
    """Remove govcheck's entries from `folder`, then each of its folders left empty."""
    for entry in cache_entries(folder):
        entry.unlink(missing_ok=True)
    for emptied in (folder / "profiles", folder):
        with contextlib.suppress(OSError):  # not there, or holds what is not govcheck's
            emptied.rmdir()


def files_digest(files: Sequence[Path]) -> str:
    """One digest over the names and bytes of `files`."""
    parts: list[bytes] = []
    for path in sorted(files):
        parts += [str(path).encode("utf-8", "surrogatepass"), path.read_bytes()]
    return digest(*parts)


def profile_key(files: Sequence[Path], names: Sequence[str], language: str = "en") -> str:
    """The key of resolved profiles: the files' bytes, the names asked for, the language
    of their texts (translations and generated wordings) and govcheck's version."""
    head = f"{FORMAT}\0{__version__}\0{language}\0{chr(0).join(names)}".encode()
    return digest(head, files_digest(files).encode())[:40]


def load_profiles(key: str, loader: Callable[[], Any]) -> list[ResolvedProfile] | None:
    """Cached profiles for `key`, or None; `loader` loads the catalogue if a full rule is asked."""
    path = cache_dir() / "profiles" / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [_profile(item, _RuleSource(loader)) for item in data["profiles"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a missing, partial or older cache entry is simply rebuilt


def store_profiles(key: str, profiles: Sequence[ResolvedProfile]) -> None:
    """Write the profiles for `key` (best effort: a read-only cache folder is not an error)."""
    folder = cache_dir() / "profiles"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(
            json.dumps({"profiles": [profile_record(p) for p in profiles]}), encoding="utf-8"
        )
        temporary.replace(folder / f"{key}.json")
        _prune(folder)
    except OSError:
        pass


PROFILES_KEPT = 32
"""Compiled-profile entries kept: every ruleset edit, profile choice, language and
version makes a new one, and old ones are never read again."""


def _prune(folder: Path) -> None:
    """Remove all but the `PROFILES_KEPT` most recently written entries."""
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for stale in entries[PROFILES_KEPT:]:
        stale.unlink(missing_ok=True)


def profile_record(profile: ResolvedProfile) -> dict[str, Any]:
    record = _profile_record(profile)
    if profile.require_basis:  # only then: every other profile keeps its digest
        record["require_basis"] = [list(pair) for pair in profile.require_basis]
    return record


def _profile_record(profile: ResolvedProfile) -> dict[str, Any]:
    return {
        "id": profile.id,
        "title": profile.title,
        "description": profile.description,
        "path": profile.path,
        "parameters": profile.parameters,
        "extends": list(profile.extends),
        "not_shown_gates": profile.not_shown_gates,
        "rules": [
            {
                "info": _info_record(rule.info),
                "ruleset": rule.ruleset,
                "countries": sorted(rule.countries) if rule.countries is not None else None,
                "when": _condition_record(rule.when) if rule.when is not None else None,
                "require": _condition_record(rule.require),
                "law": [_condition_record(c) for c in rule.law],
            }
            for rule in profile.rules
        ],
    }


def _condition_record(condition: Compiled) -> dict[str, Any]:
    # The source is stored as JSON text, read only if the condition is evaluated; the
    # schema is not stored (it is made again from the source when compiled); `key`
    # lets a reader share one condition between rules.
    source = json.dumps(condition.source, sort_keys=True)
    key = digest(source.encode())[:24]
    return {"source": source, "text": condition.text, "key": key}


def _info_record(info: RuleInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "title": info.title,
        "area": info.area,
        "severity": info.severity.value,
        "requirement": info.requirement,
        "references": [[r.instrument, r.article, r.url, r.note] for r in info.references],
        "remediation": info.remediation,
        "applies_when": info.applies_when,
        "target": info.target,
        "label": info.label,
        "topic": info.topic,
        "applies_from": info.applies_from,
        "in_service_from": info.in_service_from,
        "law_label": info.law_label,
        "law_because": list(info.law_because),
        "benchmark_because": info.benchmark_because,
    }


class _RuleSource:
    """Loads the full rule models once, if any code asks a cached rule for them."""

    def __init__(self, loader: Callable[[], Any]) -> None:
        self._loader = loader
        self._rules: dict[str, Any] | None = None

    def get(self, rule_id: str) -> Rule:
        if self._rules is None:
            self._rules = {rid: rule for rid, (rule, _) in self._loader().rules.items()}
        rule: Rule = self._rules[rule_id]
        return rule


class _LazyRule:
    """Stands in for a rule model until an attribute of it is read."""

    __slots__ = ("_id", "_source")

    def __init__(self, rule_id: str, source: _RuleSource) -> None:
        self._id = rule_id
        self._source = source

    def __getattr__(self, name: str) -> Any:
        if name == "id":
            return self._id
        return getattr(self._source.get(self._id), name)


def _profile(item: dict[str, Any], source: _RuleSource) -> ResolvedProfile:
    from checker.conditions import compiled_from  # compiles nothing until first evaluated

    compiled: dict[str, Compiled] = {}

    def compile_once(record: dict[str, Any]) -> Compiled:
        key = record["key"]
        if key not in compiled:
            compiled[key] = compiled_from(record["source"], record["text"])
        return compiled[key]

    rules = []
    for record in item["rules"]:
        info = _info(record["info"])
        when = compile_once(record["when"]) if record["when"] is not None else None
        lazy: Any = _LazyRule(info.id, source)
        rules.append(
            ResolvedRule(
                lazy,
                info,
                when,
                compile_once(record["require"]),
                record["ruleset"],
                frozenset(record["countries"]) if record["countries"] is not None else None,
                tuple(compile_once(c) for c in record["law"]),
            )
        )
    return ResolvedProfile(
        id=item["id"],
        title=item["title"],
        description=item["description"],
        path=item["path"],
        rules=tuple(rules),
        parameters=item["parameters"],
        extends=tuple(item["extends"]),
        not_shown_gates=item["not_shown_gates"],
        require_basis=tuple((s, b) for s, b in item.get("require_basis", ())),
        infos=tuple(r.info for r in rules),
        countries=profile_countries(rules),
    )


def _info(record: dict[str, Any]) -> RuleInfo:
    return RuleInfo(
        id=record["id"],
        title=record["title"],
        area=record["area"],
        severity=Severity(record["severity"]),
        requirement=record["requirement"],
        references=tuple(Reference(*r) for r in record["references"]),
        remediation=record["remediation"],
        applies_when=record["applies_when"],
        target=record["target"],
        label=record["label"],
        topic=record["topic"],
        applies_from=record["applies_from"],
        in_service_from=record["in_service_from"],
        law_label=record["law_label"],
        law_because=tuple(record["law_because"]),
        benchmark_because=record["benchmark_because"],
    )

"""Loading rulesets and profiles into a catalogue, and resolving a profile to compiled rules.

Owns the catalogue (every rule and profile found under the ruleset folders),
profile composition (extends, include/exclude by id, glob, area or ruleset,
severity overrides, parameters) and its configuration errors, each located at
file:line:col. Refuses evaluation: the engine runs what this module compiles.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from checker.conditions import Compiled, ConditionError, compile_condition, parameter_names
from checker.config import (
    COMMAND_LINE,
    ConfigError,
    ConfigProblem,
    config_files,
    load_config_file,
)
from checker.findings import APPLIES_ALWAYS, Reference, RuleInfo, Severity
from checker.glossary import Glossary, LoadedGlossary
from checker.i18n import _
from checker.limits import DEFAULT_LIMITS, Limits
from checker.resolved import ResolvedProfile, ResolvedRule, profile_countries
from checker.rulelint import unknown_paths
from checker.rules import (
    AreaSelector,
    Binding,
    Coverage,
    CoverageGap,
    ParameterSpec,
    Profile,
    Rule,
    Ruleset,
    condition_json,
    rule_json,
)
from checker.screening.lists import ReferenceList
from checker.sources import SourceDocument
from checker.translation import LoadedTranslation, Translation


@dataclass(slots=True)
class LoadedRuleset:
    model: Ruleset
    source: SourceDocument


@dataclass(slots=True)
class LoadedProfile:
    model: Profile
    source: SourceDocument


def _translates(
    path: Path, language: str | None, english: Collection[Path] | None, known: set[Path]
) -> bool:
    """Whether the translation file `path` (`<root>/translations/<language>/<rel>`, the
    translation of `<root>/<rel>`) is needed for `language` and the `english` files."""
    parts = path.parts
    at = len(parts) - 1 - parts[::-1].index("translations")
    if language is not None and parts[at + 1 : at + 2] != (language,):
        return False
    if english is None:
        return True
    counterpart = Path(*parts[:at], *parts[at + 2 :])
    return counterpart in english or counterpart not in known


@dataclass(slots=True)
class Catalogue:
    """Every ruleset, rule, parameter and profile that was loaded."""

    rulesets: dict[str, LoadedRuleset] = field(default_factory=dict)
    rules: dict[str, tuple[Rule, LoadedRuleset]] = field(default_factory=dict)
    parameters: dict[str, ParameterSpec] = field(default_factory=dict)
    profiles: dict[str, LoadedProfile] = field(default_factory=dict)
    gaps: list[CoverageGap] = field(default_factory=list)
    loaded_files: set[Path] = field(default_factory=set)
    compiled: dict[tuple[str, str], Compiled] = field(default_factory=dict)
    translations: dict[tuple[str, str, str], LoadedTranslation] = field(default_factory=dict)
    """Translation files by (language, "ruleset" or "profile", id): stored, applied only
    when a profile is localised (checker/i18n/rule_texts.py)."""
    glossaries: dict[str, LoadedGlossary] = field(default_factory=dict)
    """The glossary of each language (checker/glossary.py), by language code."""
    deferred: list[tuple[Path, Limits]] = field(default_factory=list)
    """Files under a `translations` folder, read only when a translation is asked for
    (`load_translations`): an English run does not parse them."""

    def add_files(self, files: Iterable[Path], limits: Limits = DEFAULT_LIMITS) -> None:
        problems: list[ConfigProblem] = []
        for path in files:
            key = path.resolve()
            if key in self.loaded_files:
                continue  # the same file named twice (e.g. bundled and on the command line)
            self.loaded_files.add(key)
            if "translations" in key.parent.parts:
                self.deferred.append((path, limits))
                continue
            problems.extend(self._add_file(path, limits))
        if problems:
            raise ConfigError(problems)

    def load_translations(
        self, language: str | None = None, english: Collection[Path] | None = None
    ) -> None:
        """Read the deferred translation and glossary files; raises ConfigError. With
        `language`, only that language's; with `english` (resolved paths), only the files
        that translate one of those English files, or no file the catalogue holds (a
        glossary, a translation named otherwise). The others stay deferred: a run in
        Russian of two profiles does not parse the translations of the rest."""
        wanted: list[tuple[Path, Limits]] = []
        kept: list[tuple[Path, Limits]] = []
        for path, limits in self.deferred:
            needed = _translates(path.resolve(), language, english, self.loaded_files)
            (wanted if needed else kept).append((path, limits))
        self.deferred = kept
        problems = [p for path, limits in wanted for p in self._add_file(path, limits)]
        if problems:
            raise ConfigError(problems)

    def _add_file(self, path: Path, limits: Limits) -> list[ConfigProblem]:
        kinds: dict[str, type[BaseModel]] = {
            "ruleset": Ruleset,
            "profile": Profile,
            "coverage": Coverage,
            "screening-list": ReferenceList,
            "translation": Translation,
            "glossary": Glossary,
        }
        loaded, problems = load_config_file(path, limits, kinds)
        if loaded is None:
            return problems
        model, source = loaded
        if isinstance(model, ReferenceList):  # read by checker.screening, not a ruleset
            return []
        if isinstance(model, Profile):
            return self._add_profile(LoadedProfile(model, source))
        if isinstance(model, Coverage):
            self.gaps.extend(model.gaps)
            return []
        if isinstance(model, Translation):
            return self._add_translation(LoadedTranslation(model, source))
        if isinstance(model, Glossary):
            earlier = self.glossaries.setdefault(model.language, LoadedGlossary(model, source))
            if earlier.source.path != source.path:
                message = _("a glossary of `{language}` is also in {path}").format(
                    language=model.language, path=earlier.source.path
                )
                return [_problem(source, "/language", message)]
            return []
        assert isinstance(model, Ruleset)
        return self._add_ruleset(LoadedRuleset(model, source))

    def _add_profile(self, profile: LoadedProfile) -> list[ConfigProblem]:
        earlier = self.profiles.get(profile.model.id)
        if earlier is not None and earlier.source.path != profile.source.path:
            return [
                _problem(
                    profile.source,
                    "/id",
                    _("profile `{id}` is also defined in {path}").format(
                        id=profile.model.id, path=earlier.source.path
                    ),
                )
            ]
        self.profiles[profile.model.id] = profile
        return []

    def _add_translation(self, translation: LoadedTranslation) -> list[ConfigProblem]:
        model, source = translation.model, translation.source
        key = (model.language, *model.target)
        earlier = self.translations.get(key)
        if earlier is not None and earlier.source.path != source.path:
            pointer = "/profile" if model.profile is not None else "/translates"
            return [
                _problem(
                    source,
                    pointer,
                    _("`{target}` is also translated to `{language}` in {path}").format(
                        target=key[2], language=key[0], path=earlier.source.path
                    ),
                )
            ]
        self.translations[key] = translation
        return []

    def _add_ruleset(self, ruleset: LoadedRuleset) -> list[ConfigProblem]:
        model, source = ruleset.model, ruleset.source
        earlier = self.rulesets.get(model.id)
        if earlier is not None:
            if earlier.source.path == source.path:
                return []
            return [
                _problem(
                    source,
                    "/id",
                    _("ruleset `{id}` is also defined in {path}").format(
                        id=model.id, path=earlier.source.path
                    ),
                )
            ]
        problems: list[ConfigProblem] = []
        for name, spec in model.parameters.items():
            known = self.parameters.get(name)
            if known is not None and known != spec:
                problems.append(
                    _problem(
                        source,
                        f"/parameters/{name}",
                        _("parameter `{name}` is declared differently by another ruleset").format(
                            name=name
                        ),
                    )
                )
            self.parameters[name] = spec
        self.rulesets[model.id] = ruleset
        for index, rule in enumerate(model.rules):
            other = self.rules.get(rule.id)
            if other is not None:
                problems.append(
                    _problem(
                        source,
                        f"/rules/{index}/id",
                        _("duplicate rule id `{id}` (also in {path})").format(
                            id=rule.id, path=other[1].source.path
                        ),
                    )
                )
                continue
            self.rules[rule.id] = (rule, ruleset)
            problems.extend(self._check_rule(rule, index, ruleset))
        return problems

    def _check_rule(self, rule: Rule, index: int, ruleset: LoadedRuleset) -> list[ConfigProblem]:
        problems: list[ConfigProblem] = []
        parts: tuple[Literal["when", "require"], ...] = ("when", "require")
        binding = rule.binding or ruleset.model.binding
        for number, ground in enumerate(binding.law if binding else ()):
            for path in unknown_paths(condition_json(ground.when)):
                problems.append(
                    _problem(
                        ruleset.source,
                        f"/rules/{index}/binding/law/{number}/when",
                        _("rule {id}: `{path}` is not a field of the project format").format(
                            id=rule.id, path=path
                        ),
                    )
                )
        for part in parts:
            condition = rule_json(rule, part)
            if condition is None:
                continue
            for path in unknown_paths(condition):
                problems.append(
                    _problem(
                        ruleset.source,
                        f"/rules/{index}/{part}",
                        _("rule {id}: `{path}` is not a field of the project format").format(
                            id=rule.id, path=path
                        ),
                    )
                )
            for name in sorted(parameter_names(condition) - set(self.parameters)):
                problems.append(
                    _problem(
                        ruleset.source,
                        f"/rules/{index}/{part}",
                        _("rule {id} uses undeclared parameter `{name}`").format(
                            id=rule.id, name=name
                        ),
                    )
                )
            try:
                compile_condition(condition, self.defaults())
            except ConditionError as error:
                pointer = f"/rules/{index}/{part}" + "".join(f"/{w}" for w in error.where)
                problems.append(_problem(ruleset.source, pointer, f"rule {rule.id}: {error}"))
        return problems

    def defaults(self) -> dict[str, Any]:
        return {name: spec.default for name, spec in self.parameters.items()}

    def compile(
        self, rule: Rule, part: Literal["when", "require"], parameters: dict[str, Any]
    ) -> Compiled | None:
        """Compile a rule's condition for a set of parameter values, sharing equal results."""
        condition = rule_json(rule, part)
        if condition is None:
            return None
        return self._compiled(condition, parameters)

    def compile_condition(self, condition: Any, parameters: dict[str, Any]) -> Compiled:
        """Compile a condition model (e.g. a binding's `when`), sharing equal results."""
        return self._compiled(condition_json(condition), parameters)

    def compile_data(self, condition: Any, parameters: dict[str, Any]) -> Compiled:
        """Compile a condition given as plain data (what `condition_json` makes of a
        model), sharing equal results."""
        return self._compiled(condition, parameters)

    def _compiled(self, condition: Any, parameters: dict[str, Any]) -> Compiled:
        used = {name: parameters[name] for name in sorted(parameter_names(condition))}
        # Keyed by content, so rules with the same condition share one compiled validator
        # (and the engine decides a shared `when` once per document).
        key = (json.dumps(condition, sort_keys=True), json.dumps(used, sort_keys=True, default=str))
        cached = self.compiled.get(key)
        if cached is None:
            cached = compile_condition(condition, parameters)
            self.compiled[key] = cached
        return cached


def load_catalogue(dirs: Sequence[Path], limits: Limits = DEFAULT_LIMITS) -> Catalogue:
    """Load every ruleset and profile under `dirs`; raises ConfigError with every problem."""
    catalogue = Catalogue()
    catalogue.add_files(config_files(dirs), limits)
    return catalogue


# --- resolution -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Spec:
    rule_ids: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    not_shown_gates: bool | None = None
    require_basis: dict[str, str] = field(default_factory=dict)


def resolve_profile(
    catalogue: Catalogue, name_or_path: str, limits: Limits = DEFAULT_LIMITS
) -> ResolvedProfile:
    """Resolve a profile by name or by path to a profile file; raises ConfigError."""
    profile = _find_profile(catalogue, name_or_path, None, limits)
    spec = _resolve_spec(catalogue, profile, [], limits)
    if not spec.rule_ids:  # it would pass every project, having asked nothing
        said = _(
            "profile `{id}` has no rules, so nothing would be checked; name them with "
            "`extends` or `include`"
        ).format(id=profile.model.id)
        raise ConfigError([_problem(profile.source, "/id", said)])
    parameters = {**catalogue.defaults(), **spec.parameters}
    rules = tuple(
        resolve_rule(catalogue, rule_id, spec.severity.get(rule_id), parameters)
        for rule_id in spec.rule_ids
    )
    model = profile.model
    return ResolvedProfile(
        id=model.id,
        title=model.title,
        description=model.description or "",
        path=profile.source.path,
        rules=rules,
        parameters=parameters,
        extends=tuple(model.extends),
        infos=tuple(r.info for r in rules),
        countries=profile_countries(rules),
        not_shown_gates=spec.not_shown_gates is not False,
        require_basis=tuple(sorted(spec.require_basis.items())),
    )


def profile_rule_ids(
    catalogue: Catalogue, name: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, tuple[str, ...]]:
    """A profile's file and the ids of its rules, composed but not compiled (what a
    translation of it needs to read); raises ConfigError as resolve_profile does."""
    profile = _find_profile(catalogue, name, None, limits)
    return profile.source.path, tuple(_resolve_spec(catalogue, profile, [], limits).rule_ids)


def _find_profile(
    catalogue: Catalogue, name_or_path: str, base: Path | None, limits: Limits
) -> LoadedProfile:
    looks_like_path = name_or_path.lower().endswith((".yaml", ".yml")) or "/" in name_or_path
    if not looks_like_path and name_or_path in catalogue.profiles:
        return catalogue.profiles[name_or_path]
    if looks_like_path:
        path = (base / name_or_path) if base is not None else Path(name_or_path)
        if not path.is_file():
            if base is not None:  # named by a profile's `extends`: said at that entry
                said = _("no profile file {path}").format(path=path)
                raise ConfigError([ConfigProblem(COMMAND_LINE, 1, 1, said)])
            raise ConfigError([ConfigProblem(str(path), 1, 1, _("profile file not found"))])
        catalogue.add_files([path], limits)
        added = [p for p in catalogue.profiles.values() if p.source.path == str(path)]
        if not added:
            raise ConfigError([ConfigProblem(str(path), 1, 1, _("not a profile (kind: profile)"))])
        profile = added[0]
        extra = [(path.parent / r) for r in profile.model.rulesets]
        # Said at the profile's own line: the folder is named there, relative to it.
        missing = [
            _problem(
                profile.source,
                f"/rulesets/{index}",
                _("rulesets folder `{folder}` not found").format(folder=written),
            )
            for index, (written, folder) in enumerate(
                zip(profile.model.rulesets, extra, strict=True)
            )
            if not folder.exists()
        ]
        if missing:
            raise ConfigError(missing)
        catalogue.add_files(config_files(extra), limits)
        return profile
    known = ", ".join(sorted(catalogue.profiles)) or _("none")
    said = _("unknown profile `{name}` (available: {known})").format(name=name_or_path, known=known)
    raise ConfigError([ConfigProblem(COMMAND_LINE, 1, 1, said)])


def _resolve_spec(
    catalogue: Catalogue, profile: LoadedProfile, stack: list[str], limits: Limits
) -> _Spec:
    model, source = profile.model, profile.source
    if model.id in stack:
        cycle = " -> ".join([*stack[stack.index(model.id) :], model.id])
        raise ConfigError(
            [
                _problem(
                    source,
                    "/extends",
                    _("profiles extend each other in a cycle: {cycle}").format(cycle=cycle),
                )
            ]
        )
    spec = _Spec()
    problems: list[ConfigProblem] = []
    base = Path(source.path).parent
    for index, parent_name in enumerate(model.extends):
        try:
            parent = _find_profile(catalogue, parent_name, base, limits)
        except ConfigError as error:
            problems.extend(_relocated(error, source, f"/extends/{index}"))
            continue
        parent_spec = _resolve_spec(catalogue, parent, [*stack, model.id], limits)
        spec.rule_ids.extend(r for r in parent_spec.rule_ids if r not in spec.rule_ids)
        spec.severity.update(parent_spec.severity)
        spec.parameters.update(parent_spec.parameters)
        if parent_spec.not_shown_gates is not None:
            spec.not_shown_gates = parent_spec.not_shown_gates
        spec.require_basis.update(parent_spec.require_basis)
    if model.not_shown_gates is not None:
        spec.not_shown_gates = model.not_shown_gates
    spec.require_basis.update({str(k): str(v) for k, v in model.require_basis.items()})
    for index, selector in enumerate(model.include):
        matched = _select(catalogue, selector)
        if not matched:
            problems.append(
                _problem(
                    source,
                    f"/include/{index}",
                    _("`{selector}` matches no rule in the catalogue").format(
                        selector=_show(selector)
                    ),
                )
            )
        spec.rule_ids.extend(r for r in matched if r not in spec.rule_ids)
    for index, selector in enumerate(model.exclude):
        excluded = set(_select(catalogue, selector))
        if not excluded:
            problems.append(
                _problem(
                    source,
                    f"/exclude/{index}",
                    _("`{selector}` matches no rule in the catalogue").format(
                        selector=_show(selector)
                    ),
                )
            )
        spec.rule_ids = [r for r in spec.rule_ids if r not in excluded]
    for pattern, severity in model.severity.items():
        hits = [r for r in spec.rule_ids if fnmatch.fnmatchcase(r, pattern)]
        if not hits:
            problems.append(
                _problem(
                    source,
                    f"/severity/{pattern}",
                    _("severity override `{pattern}` matches no rule of this profile").format(
                        pattern=pattern
                    ),
                )
            )
        spec.severity.update(dict.fromkeys(hits, severity))
    for name, value in model.parameters.items():
        problem = _check_parameter(catalogue, name, value)
        if problem:
            problems.append(_problem(source, f"/parameters/{name}", problem))
        spec.parameters[name] = value
    if problems:
        raise ConfigError(problems)
    return spec


def _select(catalogue: Catalogue, selector: Any) -> list[str]:
    if isinstance(selector, AreaSelector):
        return [rid for rid, (rule, _) in catalogue.rules.items() if rule.area == selector.area]
    if isinstance(selector, str):
        return [rid for rid in catalogue.rules if fnmatch.fnmatchcase(rid, selector)]
    return [rid for rid, (_, rs) in catalogue.rules.items() if rs.model.id == selector.ruleset]


def _show(selector: Any) -> str:
    if isinstance(selector, str):
        return selector
    return json.dumps(selector.model_dump(mode="json"))


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "boolean": (bool,),
    "array": (list,),
}


def _check_parameter(catalogue: Catalogue, name: str, value: Any) -> str | None:
    spec = catalogue.parameters.get(name)
    if spec is None:
        known = ", ".join(sorted(catalogue.parameters)) or _("none")
        return _("unknown parameter `{name}` (declared parameters: {known})").format(
            name=name, known=known
        )
    wrong_bool = isinstance(value, bool) and spec.type != "boolean"
    if wrong_bool or not isinstance(value, _JSON_TYPES[spec.type]):
        return _("parameter `{name}` must be of type {type}").format(name=name, type=spec.type)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if spec.minimum is not None and value < spec.minimum:
            return _("parameter `{name}` must be at least {limit}").format(
                name=name, limit=f"{spec.minimum:g}"
            )
        if spec.maximum is not None and value > spec.maximum:
            return _("parameter `{name}` must be at most {limit}").format(
                name=name, limit=f"{spec.maximum:g}"
            )
    return None


def resolve_rule(
    catalogue: Catalogue, rule_id: str, severity: Severity | None, parameters: dict[str, Any]
) -> ResolvedRule:
    rule, ruleset = catalogue.rules[rule_id]
    binding = rule.binding or ruleset.model.binding or Binding(benchmark="-")
    when = catalogue.compile(rule, "when", parameters)
    require = catalogue.compile(rule, "require", parameters)
    assert require is not None
    target = rule.target or _first_path(rule_json(rule, "require"))
    info = rule_info(rule, ruleset, binding, when, severity=severity, target=target)
    countries = frozenset(ruleset.model.countries) if ruleset.model.countries else None
    law = tuple(catalogue.compile_condition(g.when, parameters) for g in binding.law)
    return ResolvedRule(rule, info, when, require, ruleset.model.id, countries, law)


def rule_info(
    rule: Rule,
    ruleset: LoadedRuleset,
    binding: Binding,
    when: Compiled | None,
    *,
    severity: Severity | None,
    target: str,
) -> RuleInfo:
    """A rule's words and facts as every finding carries them (its conditions compiled
    already: a translation that leaves them as they are reuses them)."""
    return RuleInfo(
        id=rule.id,
        title=rule.title,
        area=rule.area,
        severity=severity or rule.severity,
        requirement=rule.requirement,
        references=tuple(
            Reference(r.instrument, r.article, r.url, r.note) for r in rule.references
        ),
        remediation=rule.remediation,
        applies_when=rule.applies_when or (when.text if when else APPLIES_ALWAYS),
        target=target,
        label=ruleset.model.label or "",
        topic=rule.topic or rule.id,
        applies_from=rule.applies_from.isoformat() if rule.applies_from else "",
        in_service_from=rule.in_service_from.isoformat() if rule.in_service_from else "",
        law_label=ruleset.model.law_label or "",
        law_because=tuple(g.because for g in binding.law),
        benchmark_because="" if binding.benchmark == "-" else binding.benchmark,
    )


def _first_path(condition: Any) -> str:
    if isinstance(condition, list):
        return next((p for p in (_first_path(c) for c in condition) if p), "")
    if isinstance(condition, dict):
        if isinstance(condition.get("path"), str):
            return str(condition["path"])
        for key in ("all", "any"):
            if isinstance(condition.get(key), list):
                return _first_path(condition[key])
        if "not" in condition:
            return _first_path(condition["not"])
    return ""


def _problem(source: SourceDocument, pointer: str, message: str) -> ConfigProblem:
    position = source.locate(pointer)
    return ConfigProblem(source.path, position.line, position.column, message)


def _relocated(error: ConfigError, source: SourceDocument, pointer: str) -> list[ConfigProblem]:
    position = source.locate(pointer)
    return [
        ConfigProblem(source.path, position.line, position.column, p.message)
        if p.path == COMMAND_LINE
        else p
        for p in error.problems
    ]


__all__ = [
    "Catalogue",
    "LoadedProfile",
    "LoadedRuleset",
    "ResolvedProfile",
    "ResolvedRule",
    "config_files",
    "load_catalogue",
    "resolve_profile",
    "resolve_rule",
]

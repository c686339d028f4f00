"""Rule texts in other languages: applying translation files, their completeness, stamping.

Owns turning a catalogue's rules, rulesets and profiles into their words in a language
(`localise_profile`, `localised_catalogue`), field by field, falling back to the
English where a translation is missing or stale; what is missing or stale
(`completeness`); and stamping a translation with the digest of the English it was
made from (`python -m checker.i18n.rule_texts stamp FOLDER`). Refuses the code's own
strings (gettext catalogs, checker/i18n/__init__.py) and what a translation file may
contain (checker/translation.py).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker import values
from checker.config import ConfigError, ConfigProblem
from checker.glossary import glossary_problems
from checker.profiles import Catalogue, LoadedProfile, LoadedRuleset, rule_info
from checker.resolved import ResolvedProfile, ResolvedRule
from checker.rules import Binding, Condition, Rule, Ruleset, condition_json
from checker.translation import (
    RULE_FIELDS,
    LoadedTranslation,
    RuleTranslation,
    TranslatedBinding,
    Translation,
    check_translation,
    english_digest,
    file_digest,
)

__all__ = [
    "Completeness",
    "check",
    "completeness",
    "english_digest",
    "localise_profile",
    "localise_profiles",
    "localised_catalogue",
    "resolve_in_language",
    "stamp",
]

# --- localising ---------------------------------------------------------------------------


def resolve_in_language(
    catalogue: Catalogue, names: Sequence[str], language: str
) -> list[ResolvedProfile]:
    """The profiles `names` (bundled or catalogue names, not paths) resolved in
    `language`: straight through a catalogue localised for them, so that a condition whose
    description is translated is compiled once, in that language, rather than in English
    and again (localise_profiles), and only the translations they use are read."""
    from checker.profiles import profile_rule_ids, resolve_profile

    if language == "en":
        return [resolve_profile(catalogue, name) for name in names]
    used: set[Path] = set()
    owners: set[str] = set()
    for name in names:
        path, rule_ids = profile_rule_ids(catalogue, name)
        used.add(Path(path).resolve())
        for rule_id in rule_ids:
            ruleset = catalogue.rules[rule_id][1]
            if ruleset.model.id not in owners:
                owners.add(ruleset.model.id)
                used.add(Path(ruleset.source.path).resolve())
    catalogue.load_translations(language, used)
    if not any(key[0] == language for key in catalogue.translations):
        return [resolve_profile(catalogue, name) for name in names]
    words = _localised(catalogue, language, owners, {})
    return [resolve_profile(words, name) for name in names]


def localise_profile(
    profile: ResolvedProfile, catalogue: Catalogue, language: str
) -> ResolvedProfile:
    """The profile with its rules' (and its own) texts in `language` where translated."""
    return localise_profiles([profile], catalogue, language)[0]


def localise_profiles(
    profiles: Sequence[ResolvedProfile], catalogue: Catalogue, language: str
) -> list[ResolvedProfile]:
    if language == "en":
        return list(profiles)
    # Only what these profiles use is read and translated: their own files and their
    # rules' rulesets (a --no-cache run pays for nothing else; docs/performance.md).
    owners: dict[str, LoadedRuleset] = {}
    for profile in profiles:
        for rule in profile.rules:
            found = catalogue.rules.get(rule.info.id)
            if found is not None:
                owners[found[1].model.id] = found[1]
    used = {Path(o.source.path).resolve() for o in owners.values()}
    used.update(Path(p.path).resolve() for p in profiles if p.path)
    catalogue.load_translations(language, used)
    if not any(key[0] == language for key in catalogue.translations):
        return list(profiles)
    plain: dict[int, Any] = {}
    words = _localised(catalogue, language, owners.keys(), plain)
    return [_relocalised(profile, words, plain) for profile in profiles]


def _worded(
    resolved: ResolvedRule, words: Catalogue, parameters: dict[str, Any], plain: dict[int, Any]
) -> ResolvedRule:
    """`resolved` in the words of the localised catalogue. A translation leaves most of a
    rule's conditions as they are (the same objects: no `description:` of theirs is
    translated); those keep their compiled conditions, and only a condition whose words
    changed is compiled again, which spares dumping and hashing the others for the
    compiled-condition cache (docs/performance.md). A description never changes a path,
    so the rule's target stays the English one's. `plain`: the translated conditions as
    plain data, by the id of their model (compiled without dumping them again)."""
    rule, ruleset = words.rules[resolved.info.id]
    english = resolved.rule
    when, require = resolved.when, resolved.require
    if rule.when is not english.when:
        when = _compiled(words, rule.when, parameters, plain)
    if rule.require is not english.require:
        compiled = _compiled(words, rule.require, parameters, plain)
        assert compiled is not None  # a rule always requires something
        require = compiled
    binding = rule.binding or ruleset.model.binding or Binding(benchmark="-")
    law = resolved.law
    same_law = english.binding is not None and all(
        a.when is b.when for a, b in zip(binding.law, english.binding.law, strict=True)
    )
    if not same_law:  # a ruleset's own binding, or a translated description in it
        law = tuple(_compiled(words, g.when, parameters, plain) for g in binding.law)
    severity, target = resolved.info.severity, resolved.info.target
    info = rule_info(rule, ruleset, binding, when, severity=severity, target=target)
    return values.replace(resolved, rule=rule, info=info, when=when, require=require, law=law)


def _compiled(
    words: Catalogue, condition: Any, parameters: dict[str, Any], plain: dict[int, Any]
) -> Any:
    """A rule's condition compiled through the localised catalogue (None for none)."""
    if condition is None:
        return None
    data = plain.get(id(condition))
    return words.compile_data(condition_json(condition) if data is None else data, parameters)


def _relocalised(
    profile: ResolvedProfile, words: Catalogue, plain: dict[int, Any] | None = None
) -> ResolvedProfile:
    # The conditions are compiled again through the localised catalogue, which shares the
    # original's compiled conditions: only those with a translated description are new.
    rules = tuple(
        _worded(r, words, profile.parameters, plain or {}) if r.info.id in words.rules else r
        for r in profile.rules
    )
    own = words.profiles.get(profile.id)
    title, description = profile.title, profile.description
    if own is not None and own.source.path == profile.path:
        title, description = own.model.title, own.model.description or ""
    return values.replace(
        profile,
        title=title,
        description=description,
        rules=rules,
        infos=tuple(r.info for r in rules),
    )


def localised_catalogue(catalogue: Catalogue, language: str) -> Catalogue:
    """A copy of the catalogue whose rule, ruleset and profile models carry the texts of
    `language` (the original is left as it is; compiled conditions are shared)."""
    catalogue.load_translations()
    return _localised(catalogue, language, None, {})


def _localised(
    catalogue: Catalogue, language: str, only: Collection[str] | None, plain: dict[int, Any]
) -> Catalogue:
    """localised_catalogue, translating only the rulesets `only` (None: all) and reading
    no file: the translations are those the catalogue has loaded. Every condition whose
    descriptions are translated is recorded in `plain` as plain data, by its model's id."""
    translations = {
        (kind, target): loaded.model
        for (lang, kind, target), loaded in catalogue.translations.items()
        if lang == language
    }
    words = replace(
        catalogue,
        rulesets={},
        rules={},
        profiles={},
        loaded_files=set(catalogue.loaded_files),
    )
    for ruleset_id, loaded in catalogue.rulesets.items():
        wanted = only is None or ruleset_id in only
        translation = translations.get(("ruleset", ruleset_id)) if wanted else None
        ruleset = _ruleset(loaded.model, translation, plain) if translation else loaded.model
        words.rulesets[ruleset_id] = LoadedRuleset(ruleset, loaded.source)
    by_id = {k: {r.id: r for r in rs.model.rules} for k, rs in words.rulesets.items()}
    for rule_id, (_, loaded) in catalogue.rules.items():
        owner = loaded.model.id  # a duplicate id stays with the ruleset that came first
        words.rules[rule_id] = (by_id[owner][rule_id], words.rulesets[owner])
    for profile_id, profile in catalogue.profiles.items():
        translation = translations.get(("profile", profile_id))
        model = profile.model
        if translation is not None and _fresh(translation.source_digest, file_digest(model)):
            update = _present(translation, ("title", "description"))
            model = model.model_copy(update=update)
        words.profiles[profile_id] = LoadedProfile(model, profile.source)
    return words


def _ruleset(model: Ruleset, translation: Translation, plain: dict[int, Any]) -> Ruleset:
    update: dict[str, Any] = {}
    if _fresh(translation.source_digest, file_digest(model)):
        update = _present(translation, ("title", "description", "label", "law_label"))
        update = {k: v for k, v in update.items() if getattr(model, k) is not None}
        if model.binding is not None:
            update["binding"] = _binding(model.binding, translation.binding, {}, plain)
    descriptions = translation.descriptions
    if descriptions and model.binding is not None:
        binding = update.get("binding", model.binding)
        update["binding"] = _binding(binding, None, descriptions, plain)
    rules = [_rule(r, translation.rules.get(r.id), descriptions, plain) for r in model.rules]
    return model.model_copy(update={**update, "rules": rules})


def _rule(
    rule: Rule,
    texts: RuleTranslation | None,
    descriptions: Mapping[str, str],
    plain: dict[int, Any],
) -> Rule:
    update: dict[str, Any] = {}
    if texts is not None and _fresh(texts.source_digest, english_digest(rule)):
        update = _present(texts, RULE_FIELDS)
        update = {k: v for k, v in update.items() if getattr(rule, k) is not None}
        if len(texts.references) == len(rule.references):
            update["references"] = [
                ref.model_copy(update=_present(said, ("instrument", "article", "note")))
                for ref, said in zip(rule.references, texts.references, strict=True)
            ]
        if rule.binding is not None:
            update["binding"] = _binding(rule.binding, texts.binding, {}, plain)
    if descriptions:
        for part in ("when", "require"):
            update[part] = _condition(getattr(rule, part), descriptions, plain)
        binding = update.get("binding", rule.binding)
        if binding is not None:
            update["binding"] = _binding(binding, None, descriptions, plain)
    return rule.model_copy(update=update) if update else rule


def _binding(
    binding: Binding,
    said: TranslatedBinding | None,
    descriptions: Mapping[str, str],
    plain: dict[int, Any],
) -> Binding:
    update: dict[str, Any] = {}
    if said is not None and said.benchmark is not None:
        update["benchmark"] = said.benchmark
    reasons = said.law if said is not None and len(said.law) == len(binding.law) else None
    if reasons is not None or descriptions:
        update["law"] = [
            ground.model_copy(
                update={
                    "because": reasons[i].because if reasons else ground.because,
                    "when": _condition(ground.when, descriptions, plain),
                }
            )
            for i, ground in enumerate(binding.law)
        ]
    return binding.model_copy(update=update) if update else binding


def _condition(value: Any, descriptions: Mapping[str, str], plain: dict[int, Any]) -> Any:
    """A condition model with its descriptions translated (the same object if none is);
    a new one is recorded in `plain` with the data it was made from."""
    if value is None or not descriptions or not _translated_in(value, descriptions):
        return value
    data = condition_json(value)
    translated = _described(data, descriptions)
    if translated == data:
        return value
    made: Any = (
        [Condition.model_validate(c) for c in translated]
        if isinstance(translated, list)
        else Condition.model_validate(translated)
    )
    plain[id(made)] = translated
    return made


_NESTED = ("all_", "any_", "not_", "some", "every", "none")
"""The fields of a Condition that hold conditions (a raw `schema` fragment's annotations
are not condition texts)."""


def _translated_in(value: Any, descriptions: Mapping[str, str]) -> bool:
    """Whether a condition (a model or a list of them) has a description `descriptions`
    words differently. Walked on the models: dumping every condition to plain data only to
    look cost more than the rest of localising (pydantic serialises JSON values in Python)."""
    if isinstance(value, list):
        return any(_translated_in(v, descriptions) for v in value)
    if not isinstance(value, Condition):
        return False
    said = value.description
    if said is not None and descriptions.get(said, said) != said:
        return True
    return any(_translated_in(getattr(value, name), descriptions) for name in _NESTED)


def _described(value: Any, descriptions: Mapping[str, str]) -> Any:
    if isinstance(value, list):
        return [_described(v, descriptions) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key == "description" and isinstance(item, str):
            out[key] = descriptions.get(item, item)
        elif key == "schema":  # a raw JSON Schema fragment: its annotations are not ours
            out[key] = item
        else:
            out[key] = _described(item, descriptions)
    return out


def _present(model: Any, names: Sequence[str]) -> dict[str, Any]:
    return {n: getattr(model, n) for n in names if getattr(model, n) is not None}


def _fresh(stamped: str | None, current: str) -> bool:
    # Not yet stamped counts as fresh (a translation is stamped after it is written);
    # completeness and the tests report it until it is.
    return stamped is None or stamped == current


# --- completeness and checking ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileCompleteness:
    """How far one ruleset's (or profile's) texts are translated."""

    kind: str
    """"ruleset" or "profile"."""
    id: str
    path: str
    """The translation file, or "" when there is none."""
    rules: int
    translated: tuple[str, ...] = ()
    """Rules whose translation is current (stamped with the English digest)."""
    stale: tuple[str, ...] = ()
    """Rules (or the id itself for the file's own texts) whose English changed since."""
    unstamped: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    problems: tuple[ConfigProblem, ...] = ()

    @property
    def complete(self) -> bool:
        return bool(self.path) and not (
            self.stale or self.unstamped or self.missing or self.problems
        )


@dataclass(frozen=True, slots=True)
class Completeness:
    """The rule texts of a catalogue in one language: what is translated, stale, missing."""

    language: str
    files: tuple[FileCompleteness, ...]

    @property
    def complete(self) -> bool:
        return all(f.complete for f in self.files)

    def lines(self) -> list[str]:
        """A plain-text account, one line per ruleset or profile, then every problem."""
        out = []
        for f in self.files:
            state = "complete" if f.complete else ("no translation" if not f.path else "")
            if not state:
                counts = [("stale", f.stale), ("unstamped", f.unstamped), ("missing", f.missing)]
                state = ", ".join(f"{len(ids)} {word}" for word, ids in counts if ids)
                state = state or f"{len(f.problems)} problem(s)"
            rules = f" {len(f.translated)}/{f.rules} rules" if f.kind == "ruleset" else ""
            out.append(f"{self.language} {f.kind} {f.id}:{rules} {state}")
        out += [str(p) for f in self.files for p in f.problems]
        return out


def completeness(catalogue: Catalogue, language: str) -> Completeness:
    """Every ruleset and profile of the catalogue: is it translated to `language`, and
    is each rule's translation current? English is its own source, always complete."""
    catalogue.load_translations()
    files: list[FileCompleteness] = []
    for ruleset_id, ruleset in sorted(catalogue.rulesets.items()):
        files.append(_ruleset_completeness(catalogue, language, ruleset_id, ruleset.model))
    for profile_id, profile in sorted(catalogue.profiles.items()):
        loaded = catalogue.translations.get((language, "profile", profile_id))
        if language == "en":
            files.append(FileCompleteness("profile", profile_id, profile.source.path, 0))
            continue
        stale: tuple[str, ...] = ()
        unstamped: tuple[str, ...] = ()
        if loaded is not None and loaded.model.source_digest is None:
            unstamped = (profile_id,)
        elif loaded is not None and loaded.model.source_digest != file_digest(profile.model):
            stale = (profile_id,)
        files.append(
            FileCompleteness(
                "profile",
                profile_id,
                loaded.source.path if loaded else "",
                0,
                stale=stale,
                unstamped=unstamped,
                problems=tuple(check_translation(loaded, catalogue)) if loaded else (),
            )
        )
    return Completeness(language, tuple(files))


def _ruleset_completeness(
    catalogue: Catalogue, language: str, ruleset_id: str, model: Ruleset
) -> FileCompleteness:
    ids = tuple(r.id for r in model.rules)
    if language == "en":
        return FileCompleteness("ruleset", ruleset_id, "-", len(ids), translated=ids)
    loaded = catalogue.translations.get((language, "ruleset", ruleset_id))
    if loaded is None:
        return FileCompleteness("ruleset", ruleset_id, "", len(ids), missing=ids)
    said = loaded.model.rules
    state: dict[str, list[str]] = {"translated": [], "stale": [], "unstamped": [], "missing": []}
    for rule in model.rules:
        texts = said.get(rule.id)
        if texts is None:
            state["missing"].append(rule.id)
        elif texts.source_digest is None:
            state["unstamped"].append(rule.id)
        elif texts.source_digest != english_digest(rule):
            state["stale"].append(rule.id)
        else:
            state["translated"].append(rule.id)
    if loaded.model.source_digest is None:
        state["unstamped"].append(ruleset_id)
    elif loaded.model.source_digest != file_digest(model):
        state["stale"].append(ruleset_id)
    return FileCompleteness(
        "ruleset",
        ruleset_id,
        loaded.source.path,
        len(ids),
        **{k: tuple(v) for k, v in state.items()},
        problems=tuple(check_translation(loaded, catalogue)),
    )


def check(catalogue: Catalogue, language: str | None = None) -> list[ConfigProblem]:
    """Every problem of every translation file (of `language`, or of all languages): its
    departures from the English, then from its language's glossary."""
    catalogue.load_translations()
    problems: list[ConfigProblem] = []
    for (lang, _, _), loaded in sorted(catalogue.translations.items()):
        if language is not None and lang != language:
            continue
        problems += check_translation(loaded, catalogue)
        glossary = catalogue.glossaries.get(lang)
        if glossary is not None:
            problems += glossary_problems(glossary, loaded, catalogue)
    return problems


# --- stamping -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stamped:
    changed: tuple[str, ...]
    """Files written."""
    stamped: tuple[str, ...]
    """What was stamped: rule ids, or ruleset/profile ids for a file's own texts."""
    refused: tuple[ConfigProblem, ...]
    """Stale translations not re-stamped (not named in `accept`)."""


def stamp(catalogue: Catalogue, folder: Path, accept: frozenset[str] = frozenset()) -> Stamped:
    """Write the English digest into every translation under `folder` that has none, and
    into a stale one only when its id is in `accept` (a person checked it)."""
    catalogue.load_translations()
    root = folder.resolve()
    changed: list[str] = []
    stamped: list[str] = []
    refused: list[ConfigProblem] = []
    for loaded in catalogue.translations.values():
        if not Path(loaded.source.path).resolve().is_relative_to(root):
            continue
        edits = _stamps(catalogue, loaded, accept, refused)
        if edits:
            _write_stamps(Path(loaded.source.path), loaded, edits)
            changed.append(loaded.source.path)
            stamped += [name for name, _, _ in edits]
    return Stamped(tuple(sorted(changed)), tuple(stamped), tuple(refused))


def _stamps(
    catalogue: Catalogue,
    loaded: LoadedTranslation,
    accept: frozenset[str],
    refused: list[ConfigProblem],
) -> list[tuple[str, str, str]]:
    """(id, pointer of the texts, digest) for each stamp to write."""
    model = loaded.model
    kind, target = model.target
    english: Ruleset | Any
    if kind == "profile":
        found = catalogue.profiles.get(target)
        english = found.model if found else None
    else:
        ruleset = catalogue.rulesets.get(target)
        english = ruleset.model if ruleset else None
    if english is None:
        return []
    wanted = [(target, "", model.source_digest, file_digest(english))]
    if isinstance(english, Ruleset):
        rules = {r.id: r for r in english.rules}
        wanted += [
            (rid, f"/rules/{rid}", texts.source_digest, english_digest(rules[rid]))
            for rid, texts in model.rules.items()
            if rid in rules
        ]
    edits = []
    for name, pointer, stamped, current in wanted:
        if stamped == current:
            continue
        if stamped is not None and name not in accept:
            where = loaded.source.locate(f"{pointer}/source_digest")
            refused.append(
                ConfigProblem(
                    loaded.source.path,
                    where.line,
                    where.column,
                    f"{name}: stale, not re-stamped; check the translation against the "
                    f"English, then stamp again with --accept {name}",
                )
            )
            continue
        edits.append((name, pointer, current))
    return edits


def _write_stamps(path: Path, loaded: LoadedTranslation, edits: list[tuple[str, str, str]]) -> None:
    """Text surgery, so that comments and layout stay: an existing digest's line gets the
    new value; a new one goes before the first key of its mapping (for the file's own
    texts, after `translates:` or `profile:`)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    source, data = loaded.source, loaded.source.data or {}
    placed: list[tuple[int, str]] = []
    for _, pointer, digest in edits:
        texts = data if not pointer else data.get("rules", {}).get(pointer.rsplit("/", 1)[-1])
        if isinstance(texts, dict) and "source_digest" in texts:
            line = source.locate(f"{pointer}/source_digest").line - 1
            lines[line] = re.sub(r"(source_digest:\s*).*", rf"\g<1>{digest}", lines[line])
            continue
        if not pointer:
            anchor = "/profile" if "profile" in data else "/translates"
            where = source.locate(anchor)
            placed.append((where.line, " " * (where.column - 1) + f"source_digest: {digest}\n"))
            continue
        first = next(iter(texts)) if isinstance(texts, dict) and texts else None
        where = source.locate(f"{pointer}/{first}") if first else source.locate(pointer)
        placed.append((where.line - 1, " " * (where.column - 1) + f"source_digest: {digest}\n"))
    for index, text in sorted(placed, reverse=True):
        lines.insert(index, text)
    path.write_text("".join(lines), encoding="utf-8")


# --- command line -------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """`stamp FOLDER [--accept ID]...`, `check [--language L]`, `completeness --language L`."""
    parser = argparse.ArgumentParser(prog=f"python -m {__name__}")
    parser.add_argument(
        "--rulesets",
        action="append",
        default=[],
        metavar="DIR",
        help="the rulesets, profiles and translations to read (default: the bundled ones)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    stamping = commands.add_parser("stamp", help="write the English digests into translations")
    stamping.add_argument("folder")
    stamping.add_argument("--accept", action="append", default=[], metavar="ID")
    checking = commands.add_parser("check", help="check translations against their English")
    checking.add_argument("--language")
    counting = commands.add_parser("completeness", help="what is translated, stale, missing")
    counting.add_argument("--language", required=True)
    args = parser.parse_args(argv)
    from checker.bundled import rulesets_dir
    from checker.profiles import load_catalogue

    folders = [Path(r) for r in args.rulesets] or [rulesets_dir()]
    try:
        stamped = [Path(args.folder)] if args.command == "stamp" else []
        loaded = load_catalogue([*folders, *stamped])
    except ConfigError as error:
        print("\n".join(str(p) for p in error.problems), file=sys.stderr)
        return 2
    try:
        return _run(args, loaded)
    except ConfigError as error:
        print("\n".join(str(p) for p in error.problems), file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, loaded: Catalogue) -> int:
    if args.command == "stamp":
        done = stamp(loaded, Path(args.folder), frozenset(args.accept))
        for path in done.changed:
            print(f"stamped {path}")
        for problem in done.refused:
            print(str(problem), file=sys.stderr)
        return 1 if done.refused else 0
    if args.command == "check":
        problems = check(loaded, args.language)
        for problem in problems:
            print(str(problem))
        return 1 if problems else 0
    report = completeness(loaded, args.language)
    print("\n".join(report.lines()))
    return 0 if report.complete else 1


if __name__ == "__main__":
    sys.exit(main())

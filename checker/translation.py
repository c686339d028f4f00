"""Models of translation files: a ruleset's or profile's texts in another language.

Owns what a file under `rulesets/translations/<language>/` may contain (docs/i18n.md,
"Rule texts") and its JSON Schema. A translation carries words only: rule ids, paths,
values and URLs stay those of the English file it translates, and every rule's
`source_digest` records which English wording it was made from. Refuses checking a
translation against its source and applying it (checker/i18n/rule_texts.py does both).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from checker.config import ConfigProblem
from checker.rules import (
    Binding,
    LongText,
    Profile,
    ProfileId,
    Rule,
    RuleId,
    Ruleset,
    ShortText,
    _Strict,
    condition_json,
)
from checker.sources import SourceDocument

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.profiles import Catalogue

RULE_FIELDS = ("title", "applies_when", "requirement", "rationale", "remediation", "uncertain")
"""A rule's translatable texts besides its binding and references."""

Digest = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{64}$"),
    Field(
        description="SHA-256 of the English texts this translation was made from; written "
        "by `python -m checker.i18n.rule_texts stamp`, never by hand."
    ),
]
LanguageCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}$"),
    Field(description="ISO 639-1 (or 639-3) language code, e.g. ru."),
]


class TranslatedReference(_Strict):
    """One of the rule's references, in the same order as the English ones."""

    instrument: ShortText
    """The instrument's established (or official) name in this language."""
    article: ShortText
    """Article and paragraph, numbers exactly as in English."""
    note: LongText | None = None
    """The note, only where the English reference has one."""


class TranslatedLawGround(_Strict):
    """One case of the English `binding.law`, in the same order; its condition is not
    repeated (it is data, not words)."""

    because: ShortText
    """Why the law binds, in words."""


class TranslatedBinding(_Strict):
    """The words of a `binding`: the benchmark text and each law case's `because`."""

    benchmark: LongText | None = None
    """Why the rule is otherwise a benchmark."""
    law: list[TranslatedLawGround] = []
    """The law cases' reasons, same order and count as in English."""


class RuleTranslation(_Strict):
    """A rule's words; a field the English rule lacks is left out."""

    source_digest: Digest | None = None
    """Which English wording this translates; filled by the stamping tool."""
    title: ShortText | None = None
    applies_when: ShortText | None = None
    requirement: LongText | None = None
    rationale: LongText | None = None
    remediation: LongText | None = None
    uncertain: LongText | None = None
    binding: TranslatedBinding | None = None
    references: list[TranslatedReference] = []
    """Same order and count as the English references (the URL is not repeated)."""


class Translation(_Strict):
    """A translation file: one ruleset's (or one profile's) texts in one language."""

    kind: Literal["translation"]
    """Marks this file as a translation."""
    language: LanguageCode
    """The language of the texts."""
    translates: ProfileId | None = None
    """The id of the ruleset translated (for a ruleset's file)."""
    profile: ProfileId | None = None
    """The id of the profile translated (for a profile's file)."""
    source_digest: Digest | None = None
    """Which English wording of the file-level texts (title, description, label,
    law_label, binding) this translates; filled by the stamping tool."""
    title: ShortText | None = None
    description: LongText | None = None
    label: ShortText | None = None
    law_label: ShortText | None = None
    binding: TranslatedBinding | None = None
    """The ruleset's own `binding` texts."""
    descriptions: dict[str, LongText] = {}
    """Condition `description:` texts of the ruleset: English text -> translated text."""
    rules: dict[RuleId, RuleTranslation] = {}
    """The rules' texts by rule id: every rule of the ruleset."""

    @model_validator(mode="after")
    def _one_target(self) -> Translation:
        if (self.translates is None) == (self.profile is None):
            raise ValueError("give exactly one of `translates` (a ruleset id) or `profile`")
        if self.profile is not None and (self.rules or self.descriptions or self.binding):
            raise ValueError("a profile's translation has only title, description and label")
        return self

    @property
    def target(self) -> tuple[str, str]:
        """("ruleset", id) or ("profile", id): what this file translates."""
        if self.profile is not None:
            return "profile", self.profile
        return "ruleset", self.translates or ""


@dataclass(slots=True)
class LoadedTranslation:
    model: Translation
    source: SourceDocument


# --- the English a translation is made from ------------------------------------------------


def rule_texts(rule: Rule) -> dict[str, Any]:
    """A rule's translatable English texts, as a translation file holds them."""
    texts: dict[str, Any] = {name: getattr(rule, name) for name in RULE_FIELDS}
    if rule.binding is not None:
        texts["binding"] = binding_texts(rule.binding)
    texts["references"] = [
        _without_none({"instrument": r.instrument, "article": r.article, "note": r.note})
        for r in rule.references
    ]
    return _without_none(texts)


def binding_texts(binding: Binding) -> dict[str, Any]:
    return {"benchmark": binding.benchmark, "law": [{"because": g.because} for g in binding.law]}


def file_texts(model: Ruleset | Profile) -> dict[str, Any]:
    """A ruleset's or profile's own translatable English texts."""
    texts: dict[str, Any] = {"title": model.title, "description": model.description}
    if isinstance(model, Ruleset):
        texts.update(label=model.label, law_label=model.law_label)
        if model.binding is not None:
            texts["binding"] = binding_texts(model.binding)
    return _without_none(texts)


def english_digest(rule: Rule) -> str:
    """SHA-256 of the rule's English texts (canonical JSON): a translation stamped with
    another digest was made from other words, and is stale."""
    return _sha256(rule_texts(rule))


def file_digest(model: Ruleset | Profile) -> str:
    """SHA-256 of a ruleset's or profile's own English texts."""
    return _sha256(file_texts(model))


def _sha256(texts: dict[str, Any]) -> str:
    import hashlib  # OpenSSL loads in ~2.5 ms: only digests of translations need it

    canonical = json.dumps(texts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _without_none(texts: dict[str, Any]) -> dict[str, Any]:
    return {
        k: _without_none(v) if isinstance(v, dict) else v for k, v in texts.items() if v is not None
    }


def condition_descriptions(value: Any) -> list[str]:
    """The `description:` texts of a condition (as plain data), in order; a raw `schema`
    fragment's own annotations are not condition texts."""
    found: list[str] = []
    if isinstance(value, list):
        for item in value:
            found.extend(condition_descriptions(item))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "description" and isinstance(item, str):
                found.append(item)
            elif key != "schema":
                found.extend(condition_descriptions(item))
    return found


def ruleset_descriptions(ruleset: Ruleset) -> list[str]:
    """Every condition description of a ruleset (rules' when/require, binding cases)."""
    found: list[str] = []
    bindings = [ruleset.binding, *(r.binding for r in ruleset.rules)]
    for rule in ruleset.rules:
        found += condition_descriptions(condition_json(rule.when))
        found += condition_descriptions(condition_json(rule.require))
    for binding in bindings:
        for ground in binding.law if binding else ():
            found += condition_descriptions(condition_json(ground.when))
    return list(dict.fromkeys(found))


# --- checking a translation against its English source ------------------------------------

_BACKTICKED = re.compile(r"`[^`\n]*`")
_URL = re.compile(r"https?://[^\s<>»«\"')\]]+")
_RULE_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b")
_NUMBER = re.compile(r"\d+")


def kept_tokens(text: str) -> dict[str, set[str]]:
    """What a translation must keep exactly as the English says it: values in backticks,
    URLs, rule ids and numbers (each looked for outside the ones before it)."""
    found: dict[str, set[str]] = {}
    for kind, pattern in (
        ("values in backticks", _BACKTICKED),
        ("URLs", _URL),
        ("rule ids", _RULE_ID),
        ("numbers", _NUMBER),
    ):
        found[kind] = set(pattern.findall(text))
        text = pattern.sub(" ", text)
    return found


def token_differences(english: str, translated: str) -> list[str]:
    """How `translated` fails to keep what `english` says in backticks, URLs, ids, numbers."""
    said, kept = kept_tokens(english), kept_tokens(translated)
    differences: list[str] = []
    for kind, wanted in said.items():
        lost, added = sorted(wanted - kept[kind]), sorted(kept[kind] - wanted)
        parts = [f"missing {', '.join(lost)}"] if lost else []
        parts += [f"not in English {', '.join(added)}"] if added else []
        if parts:
            differences.append(f"{kind} differ from English ({'; '.join(parts)})")
    return differences


def check_translation(loaded: LoadedTranslation, catalogue: Catalogue) -> list[ConfigProblem]:
    """Every way the file departs from its English source, located in the file: a missing
    or extra rule or field, a reference or law case too many or too few, a kept token
    changed, a rule or file-level text not stamped or stale."""
    return sorted(_Checker(loaded).check(catalogue), key=lambda p: (p.line, p.column))


class _Checker:
    def __init__(self, loaded: LoadedTranslation) -> None:
        self.model, self.source = loaded.model, loaded.source
        self.problems: list[ConfigProblem] = []

    def problem(self, pointer: str, message: str) -> None:
        where = self.source.locate(pointer)
        self.problems.append(ConfigProblem(self.source.path, where.line, where.column, message))

    def check(self, catalogue: Catalogue) -> list[ConfigProblem]:
        kind, target = self.model.target
        if kind == "profile":
            profile = catalogue.profiles.get(target)
            if profile is None:
                self.problem("/profile", f"no profile `{target}` to translate")
            else:
                self.file_level(profile.model)
            return self.problems
        ruleset = catalogue.rulesets.get(target)
        if ruleset is None:
            self.problem("/translates", f"no ruleset `{target}` to translate")
            return self.problems
        self.file_level(ruleset.model)
        self.descriptions(ruleset.model)
        english_rules = {r.id: r for r in ruleset.model.rules}
        for rule_id in sorted(english_rules.keys() - self.model.rules.keys()):
            self.problem("/rules", f"rule {rule_id} of `{target}` is not translated")
        for rule_id, texts in self.model.rules.items():
            english = english_rules.get(rule_id)
            if english is None:
                self.problem(f"/rules/{rule_id}", f"`{target}` has no rule {rule_id}")
            else:
                self.rule(english, texts)
        return self.problems

    def file_level(self, model: Ruleset | Profile) -> None:
        english = file_texts(model)
        said = self.model.model_dump(include={"title", "description", "label", "law_label"})
        if self.model.binding is not None:
            said["binding"] = self.model.binding.model_dump()
        self.fields("", "", english, _without_none(said))
        self.stamp("", "the file's own texts", self.model.source_digest, file_digest(model))

    def descriptions(self, ruleset: Ruleset) -> None:
        english = ruleset_descriptions(ruleset)
        for text in english:
            if text not in self.model.descriptions:
                self.problem("/descriptions", f"condition description not translated: {text!r}")
        for text, translated in self.model.descriptions.items():
            pointer = "/descriptions/" + text.replace("~", "~0").replace("/", "~1")
            if text not in english:
                self.problem(
                    pointer, f"no condition of `{ruleset.id}` has the description {text!r}"
                )
            for difference in token_differences(text, translated):
                self.problem(pointer, difference)

    def rule(self, english: Rule, texts: RuleTranslation) -> None:
        base = f"/rules/{english.id}"
        said = _without_none(texts.model_dump(exclude={"source_digest"}))
        self.fields(base, f"rule {english.id}: ", rule_texts(english), said)
        self.stamp(base, f"rule {english.id}", texts.source_digest, english_digest(english))

    def stamp(self, base: str, what: str, stamped: str | None, current: str) -> None:
        if stamped is None:
            self.problem(
                base or "/", f"{what}: not stamped (run `python -m {_STAMPER} stamp FOLDER`)"
            )
        elif stamped != current:
            accept = base.rsplit("/", 1)[-1] or self.model.target[1]
            self.problem(
                f"{base}/source_digest",
                f"{what}: stale, the English changed since it was translated; check the "
                f"translation, then `python -m {_STAMPER} stamp FOLDER --accept {accept}`",
            )

    def fields(self, base: str, what: str, english: dict[str, Any], said: dict[str, Any]) -> None:
        """Compare one level of texts (a dict of strings, lists and dicts) recursively."""
        for name in sorted(english.keys() - said.keys()):
            self.problem(base or "/", f"{what}`{name}` is not translated")
        for name in sorted(said.keys() - english.keys()):
            self.problem(f"{base}/{name}", f"{what}the English has no `{name}`")
        for name in sorted(english.keys() & said.keys()):
            self.value(f"{base}/{name}", what, english[name], said[name])

    def value(self, pointer: str, what: str, english: Any, said: Any) -> None:
        if isinstance(english, dict) and isinstance(said, dict):
            self.fields(pointer, what, _without_none(english), _without_none(said))
        elif isinstance(english, list) and isinstance(said, list):
            if len(english) != len(said):
                self.problem(
                    pointer, f"{what}{len(said)} entries where the English has {len(english)}"
                )
            for index, (one, other) in enumerate(zip(english, said, strict=False)):
                self.value(f"{pointer}/{index}", what, one, other)
        elif isinstance(english, str) and isinstance(said, str):
            for difference in token_differences(english, said):
                self.problem(pointer, f"{what}{difference}")


_STAMPER = "checker.i18n.rule_texts"

"""The glossary of a language's legal terms, and checking rule translations against it.

Owns what a glossary file (`rulesets/translations/<language>/glossary.yaml`,
`kind: glossary`) may contain and the two checks made with it: no translated rule
text uses a variant the glossary forbids, and a rule whose English uses a term says
it in the glossary's words. Terms are matched as regular expressions, ignoring case,
at word boundaries, outside values in backticks, URLs and rule ids (data, not words); a
Russian form is a pattern so that every case ending matches. Refuses translating.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from checker.config import ConfigProblem
from checker.rules import ShortText, _Strict
from checker.sources import SourceDocument
from checker.translation import LanguageCode, LoadedTranslation, rule_texts

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from typing import Any

    from checker.profiles import Catalogue


class Term(_Strict):
    """One term: its English forms, the words to use, the variants not to."""

    english: ShortText
    """The English forms, a regular expression (e.g. `data subjects?`)."""
    term: ShortText
    """The term to use, as a reader sees it (e.g. «субъект персональных данных»)."""
    match: ShortText
    """Regular expression any correct inflected form matches (e.g. `субъект\\w* персональных
    данных`)."""
    forbid: list[ShortText] = []
    """Regular expressions of wrong variants that no translated text may use."""
    rulesets: list[ShortText] = ["*"]
    """The rulesets (ids, globs) whose translations must use this term."""
    rule_texts: bool = True
    """False for a term of the interface (statuses, `how to fix`...), listed for
    translators of the code's strings but not checked in rule texts."""
    note: ShortText | None = None
    """How to use it (e.g. the first use in a rule spells both forms)."""


class Glossary(_Strict):
    """A glossary file: the terms every translation to one language uses."""

    kind: Literal["glossary"]
    """Marks this file as a glossary."""
    language: LanguageCode
    terms: list[Term]


@dataclass
class LoadedGlossary:
    model: Glossary
    source: SourceDocument

    @cached_property
    def patterns(self) -> list[tuple[int, Term, re.Pattern[str], re.Pattern[str]]]:
        return [
            (index, t, _pattern(t.english), _pattern(t.match))
            for index, t in enumerate(self.model.terms)
        ]


_DATA = re.compile(r"`[^`\n]*`|https?://\S+|\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b")
"""Values in backticks, URLs and rule ids: data, whose words are not terms."""


def _pattern(expression: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{expression})(?!\w)", re.IGNORECASE)


def _words(value: Any) -> str:
    """Every text of a (nested) value, joined, with values in backticks and URLs removed."""
    if isinstance(value, str):
        return _DATA.sub(" ", value)
    if isinstance(value, dict):
        return "\n".join(_words(v) for k, v in value.items() if k != "source_digest")
    if isinstance(value, list):
        return "\n".join(_words(v) for v in value)
    return ""


def glossary_problems(
    glossary: LoadedGlossary, translation: LoadedTranslation, catalogue: Catalogue
) -> list[ConfigProblem]:
    """Where a translation departs from the glossary, located in the translation file."""
    problems: list[ConfigProblem] = []
    source = translation.source
    for pointer, text in _translated_texts(translation):
        for index, term in enumerate(glossary.model.terms):
            for variant in term.forbid:
                found = _pattern(variant).search(_words(text))
                if found:
                    where = source.locate(pointer)
                    problems.append(
                        ConfigProblem(
                            source.path,
                            where.line,
                            where.column,
                            f"«{found.group(0)}»: the glossary says «{term.term}» "
                            f"(glossary term {index + 1}, {term.english})",
                        )
                    )
    problems += _missing_terms(glossary, translation, catalogue)
    return sorted(problems, key=lambda p: (p.line, p.column))


def _translated_texts(translation: LoadedTranslation) -> Iterator[tuple[str, Any]]:
    model = translation.model
    for name in ("title", "description", "label", "law_label"):
        if getattr(model, name) is not None:
            yield f"/{name}", getattr(model, name)
    if model.binding is not None:
        yield "/binding", model.binding.model_dump()
    for english, said in model.descriptions.items():
        yield "/descriptions/" + english.replace("~", "~0").replace("/", "~1"), said
    for rule_id, texts in model.rules.items():
        yield f"/rules/{rule_id}", texts.model_dump(exclude_none=True)


def _missing_terms(
    glossary: LoadedGlossary, translation: LoadedTranslation, catalogue: Catalogue
) -> list[ConfigProblem]:
    kind, target = translation.model.target
    ruleset = catalogue.rulesets.get(target) if kind == "ruleset" else None
    if ruleset is None:
        return []
    problems: list[ConfigProblem] = []
    for rule in ruleset.model.rules:
        said = translation.model.rules.get(rule.id)
        if said is None:
            continue
        english, russian = _words(rule_texts(rule)), _words(said.model_dump(exclude_none=True))
        for index, term, english_form, russian_form in glossary.patterns:
            if not term.rule_texts or not any(
                fnmatch.fnmatchcase(target, glob) for glob in term.rulesets
            ):
                continue
            if english_form.search(english) and not russian_form.search(russian):
                where = translation.source.locate(f"/rules/{rule.id}")
                problems.append(
                    ConfigProblem(
                        translation.source.path,
                        where.line,
                        where.column,
                        f"rule {rule.id}: the English says {term.english!r}, the translation "
                        f"never «{term.term}» (glossary term {index + 1})",
                    )
                )
    return problems

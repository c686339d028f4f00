"""A run in Russian reads and translates only what its profiles use (issue 19: the text
check in Russian within 5 % of English, `--no-cache` included; docs/performance.md).

The same profiles come out, word for word, as from translating the whole catalogue, and
resolving them straight through the localised catalogue (`resolve_in_language`, what a
run by profile names does) gives the same as localising the English ones; the
translation files of rulesets no profile of the run uses stay unread.
"""

from __future__ import annotations

from pathlib import Path

from checker.i18n import rule_texts
from checker.profiles import _translates, resolve_profile
from checker.resolved import ResolvedProfile
from checker.resolving import load_catalogue
from checker.rules import condition_json


def _words(profile_ids: list[str], selective: bool | None) -> tuple[list[object], int]:
    """The words and compiled conditions of the profiles in Russian, and how many
    translation files stayed unread: resolved straight in Russian (None), English
    localised reading what they use (True), or through the whole catalogue (False)."""
    catalogue = load_catalogue()
    if selective is None:
        done = rule_texts.resolve_in_language(catalogue, profile_ids, "ru")
        return _said(done), len(catalogue.deferred)
    resolved = [resolve_profile(catalogue, p) for p in profile_ids]
    if selective:
        done = rule_texts.localise_profiles(resolved, catalogue, "ru")
    else:
        words = rule_texts.localised_catalogue(catalogue, "ru")
        done = [rule_texts._relocalised(p, words) for p in resolved]
    return _said(done), len(catalogue.deferred)


def _said(done: list[ResolvedProfile]) -> list[object]:
    said: list[object] = []
    for profile in done:
        said += [profile.title, profile.description, profile.infos]
        for rule in profile.rules:
            law = [c.text for c in rule.law]
            when = rule.when.text if rule.when is not None else None
            said.append((rule.rule, when, rule.require.text, rule.require.source, law))
    return said


def test_only_the_profiles_translations_are_read_and_the_words_are_the_same() -> None:
    selective, unread = _words(["eu", "minimal"], selective=True)
    everything, none_left = _words(["eu", "minimal"], selective=False)
    assert selective == everything
    assert none_left == 0
    assert unread >= 8  # the host rulesets' and the other profiles' translations
    straight, unread_straight = _words(["eu", "minimal"], selective=None)
    assert straight == everything
    assert unread_straight == unread
    host, unread = _words(["host-kg"], selective=True)
    assert host == _words(["host-kg"], selective=False)[0]
    assert unread > 20


def test_a_translation_file_is_matched_to_its_english_file_by_path() -> None:
    root = Path("/r")
    known = {root / "eu" / "ai.yaml", root / "host" / "kz.yaml"}
    english = {root / "eu" / "ai.yaml"}
    ru = root / "translations" / "ru"
    assert _translates(ru / "eu" / "ai.yaml", "ru", english, known)
    assert not _translates(ru / "host" / "kz.yaml", "ru", english, known)  # not used
    assert _translates(ru / "glossary.yaml", "ru", english, known)  # translates no file
    assert _translates(ru / "eu" / "renamed.yaml", "ru", english, known)
    assert not _translates(root / "translations" / "kk" / "eu" / "ai.yaml", "ru", None, known)
    assert _translates(ru / "host" / "kz.yaml", "ru", None, known)  # everything asked


def test_translated_conditions_compile_from_the_data_they_were_made_from() -> None:
    """The localised conditions are compiled from the translated data directly (not dumped
    again): that data is exactly what dumping the new condition gives."""
    catalogue = load_catalogue()
    catalogue.load_translations()
    plain: dict[int, object] = {}
    words = rule_texts._localised(catalogue, "ru", None, plain)
    models = {
        id(c): c
        for rule, _ruleset in words.rules.values()
        for c in (
            rule.when,
            rule.require,
            *(g.when for g in (rule.binding.law if rule.binding else [])),
        )
        if c is not None
    }
    for ruleset in words.rulesets.values():
        binding = ruleset.model.binding
        models.update((id(g.when), g.when) for g in (binding.law if binding else []))
    assert plain
    assert set(plain) <= set(models)
    assert all(condition_json(models[k]) == v for k, v in plain.items())

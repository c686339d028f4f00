"""Rule texts in other languages: the bundled translations are complete and current, a
changed English text makes its translation stale (and this names the rule), the glossary
holds, and a profile read in Russian shows the translated texts (docs/i18n.md)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.bundled import rulesets_dir
from checker.cache import profile_key
from checker.config import ConfigError
from checker.glossary import glossary_problems
from checker.i18n import LANGUAGES
from checker.i18n.rule_texts import completeness, localise_profile, localised_catalogue
from checker.limits import DEFAULT_LIMITS
from checker.profiles import Catalogue, load_catalogue, resolve_profile
from checker.resultcache import run_key
from checker.translation import check_translation, english_digest, ruleset_descriptions

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = rulesets_dir() / "translations"


@pytest.fixture(scope="module")
def bundled() -> Catalogue:
    catalogue = load_catalogue([rulesets_dir()])
    catalogue.load_translations()
    return catalogue


# --- the bundled translations --------------------------------------------------------------


def test_every_existing_translation_is_complete_and_current(bundled: Catalogue) -> None:
    """Each translation file translates every rule and field of its English, keeps its
    values, ids, URLs and numbers, and is stamped with the English it was made from
    (a stale one: check it, then `python -m checker.i18n.rule_texts stamp ... --accept`)."""
    problems = [
        str(problem)
        for loaded in bundled.translations.values()
        for problem in check_translation(loaded, bundled)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_bundled_ruleset_and_profile_is_translated(bundled: Catalogue, language: str) -> None:
    """Every rule of every bundled profile reads in each language govcheck speaks: a new
    ruleset or profile needs its translation file, a changed English text a re-stamped
    translation (the lines name what is missing, stale or unstamped)."""
    report = completeness(bundled, language)
    assert report.complete, "\n".join(report.lines())


def test_translation_files_are_named_after_what_they_translate(bundled: Catalogue) -> None:
    """rulesets/eu/ai.yaml -> rulesets/translations/ru/eu/ai.yaml (docs/i18n.md)."""
    misplaced = []
    for (language, kind, target), loaded in bundled.translations.items():
        english = bundled.profiles[target] if kind == "profile" else bundled.rulesets[target]
        relative = Path(english.source.path).resolve().relative_to(rulesets_dir().resolve())
        expected = (TRANSLATIONS / language / relative).resolve()
        if Path(loaded.source.path).resolve() != expected:
            misplaced.append(f"{loaded.source.path} should be {expected}")
    assert not misplaced, "\n".join(misplaced)


# --- staleness, stamping, checking: on a temporary copy -----------------------------------


def _russianish(value: Any) -> Any:
    """Stand-in words: the English with a marker, which keeps every protected token."""
    if isinstance(value, str):
        return f"[ru] {value}"
    if isinstance(value, list):
        return [_russianish(v) for v in value]
    if isinstance(value, dict):
        return {k: _russianish(v) for k, v in value.items()}
    return value


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the minimal sanctions ruleset, a profile of it, and a full stand-in
    translation, stamped by the real command. Returns (ruleset, translation) paths."""
    english = yaml.safe_load((rulesets_dir() / "eu" / "human-rights-finance.yaml").read_text())
    ruleset = tmp_path / "rules" / "sanctions.yaml"
    ruleset.parent.mkdir()
    ruleset.write_text((rulesets_dir() / "eu" / "human-rights-finance.yaml").read_text())
    (tmp_path / "rules" / "profile.yaml").write_text(
        f"kind: profile\nid: t\ntitle: T\ninclude:\n  - ruleset: {english['id']}\n"
    )
    rules = {}
    for rule in english["rules"]:
        texts = {k: rule[k] for k in ("title", "applies_when", "requirement") if k in rule}
        texts |= {k: rule[k] for k in ("rationale", "remediation", "uncertain") if k in rule}
        if "binding" in rule:
            texts["binding"] = {
                "benchmark": rule["binding"]["benchmark"],
                "law": [{"because": g["because"]} for g in rule["binding"].get("law", [])],
            }
        texts["references"] = [
            {k: r[k] for k in ("instrument", "article", "note") if k in r}
            for r in rule["references"]
        ]
        rules[rule["id"]] = texts
    own = {k: english[k] for k in ("title", "description", "label", "law_label") if k in english}
    if "binding" in english:
        own["binding"] = {
            "benchmark": english["binding"]["benchmark"],
            "law": [{"because": g["because"]} for g in english["binding"].get("law", [])],
        }
    descriptions = ruleset_descriptions(load_catalogue([ruleset]).rulesets[english["id"]].model)
    document = {
        "kind": "translation",
        "language": "ru",
        "translates": english["id"],
        **_russianish(own),
        "descriptions": {d: f"[ru] {d}" for d in descriptions},
        "rules": _russianish(rules),
    }
    translation = tmp_path / "translations" / "ru" / "human-rights-finance.yaml"
    translation.parent.mkdir(parents=True)
    translation.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    profile = "kind: translation\nlanguage: ru\nprofile: t\ntitle: Т\n"
    (translation.parent / "profile.yaml").write_text(profile)
    assert _stamp(tmp_path).returncode == 0
    return ruleset, translation


def _stamp(tmp_path: Path, *accept: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "checker.i18n.rule_texts", "--rulesets"]
    command += [str(tmp_path / "rules"), "stamp", str(tmp_path / "translations")]
    for rule_id in accept:
        command += ["--accept", rule_id]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def _catalogue(tmp_path: Path) -> Catalogue:
    catalogue = load_catalogue([tmp_path / "rules", tmp_path / "translations"])
    catalogue.load_translations()
    return catalogue


def test_a_stamped_full_translation_is_complete(tmp_path: Path) -> None:
    _copy(tmp_path)
    loaded = _catalogue(tmp_path)
    report = completeness(loaded, "ru")
    assert report.complete, "\n".join(report.lines())
    translation = loaded.translations["ru", "ruleset", "eu-human-rights-finance"]
    for rule_id, texts in translation.model.rules.items():
        assert texts.source_digest == english_digest(loaded.rules[rule_id][0])


def test_a_changed_english_text_makes_its_translation_stale(tmp_path: Path) -> None:
    ruleset, translation = _copy(tmp_path)
    loaded = _catalogue(tmp_path)
    rule = next(iter(loaded.rulesets.values())).model.rules[0]
    text = ruleset.read_text()
    assert rule.rationale[:40] in text.replace("\n      ", " ")
    first_line = text.split("rationale: >-\n", 1)[1].split("\n", 1)[0]
    ruleset.write_text(text.replace(first_line, first_line + " Changed.", 1))

    changed = _catalogue(tmp_path)
    report = completeness(changed, "ru")
    assert not report.complete
    (entry,) = [f for f in report.files if f.kind == "ruleset"]
    assert entry.stale == (rule.id,)
    loaded_translation = changed.translations["ru", "ruleset", "eu-human-rights-finance"]
    problems = check_translation(loaded_translation, changed)
    assert [p.message.split(":")[0] for p in problems] == [f"rule {rule.id}"]
    assert "stale" in problems[0].message
    digest_line = translation.read_text().splitlines()[problems[0].line - 1]
    assert digest_line.strip().startswith("source_digest:")

    # The stale rule reads in English, the others stay translated.
    profile = localise_profile(resolve_profile(changed, "t"), changed, "ru")
    infos = {i.id: i for i in profile.infos}
    assert infos[rule.id].title == rule.title
    assert all(i.title.startswith("[ru] ") for i in infos.values() if i.id != rule.id)

    # Stamping never re-stamps a stale rule silently, and does when a person accepts it.
    refused = _stamp(tmp_path)
    assert refused.returncode == 1
    assert rule.id in refused.stderr
    assert "--accept" in refused.stderr
    assert check_translation(loaded_translation, _catalogue(tmp_path))
    assert _stamp(tmp_path, rule.id).returncode == 0
    assert completeness(_catalogue(tmp_path), "ru").complete


def test_a_translation_that_changes_values_is_reported_where_it_does(tmp_path: Path) -> None:
    _, translation = _copy(tmp_path)
    data = yaml.safe_load(translation.read_text())
    rule_id, texts = next(iter(data["rules"].items()))
    texts["remediation"] += " Set `something_else`, see https://example.org/x and EU-X-Y."
    texts["references"].append({"instrument": "Extra", "article": "1"})
    texts["invented"] = "x"
    translation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    loaded = load_catalogue([tmp_path / "rules"])
    loaded.add_files([translation])  # read when a translation is first asked for
    with pytest.raises(ConfigError, match="unknown key `invented`"):
        loaded.load_translations()
    del texts["invented"]
    translation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    loaded = _catalogue(tmp_path)
    problems = check_translation(
        loaded.translations["ru", "ruleset", "eu-human-rights-finance"], loaded
    )
    messages = "\n".join(str(p) for p in problems)
    assert f"rule {rule_id}: values in backticks differ from English" in messages
    assert "not in English `something_else`" in messages
    assert "not in English https://example.org/x" in messages
    assert "not in English EU-X-Y" in messages
    assert "2 entries where the English has 1" in messages or "entries where" in messages
    lines = translation.read_text().splitlines()
    for problem in problems:
        assert problem.path == str(translation)
        assert 1 <= problem.line <= len(lines)


def test_a_missing_rule_or_field_is_reported_and_falls_back_to_english(tmp_path: Path) -> None:
    _, translation = _copy(tmp_path)
    data = yaml.safe_load(translation.read_text())
    first, second = list(data["rules"])[:2]
    del data["rules"][first]
    del data["rules"][second]["rationale"]
    translation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    loaded = _catalogue(tmp_path)
    messages = [
        p.message
        for p in check_translation(
            loaded.translations["ru", "ruleset", "eu-human-rights-finance"], loaded
        )
    ]
    assert any(first in m and "not translated" in m for m in messages)
    assert f"rule {second}: `rationale` is not translated" in messages
    report = completeness(loaded, "ru")
    assert first in next(f for f in report.files if f.kind == "ruleset").missing
    profile = localise_profile(resolve_profile(loaded, "t"), loaded, "ru")
    assert profile.rule(first).info.title == loaded.rules[first][0].title
    second_rule = profile.rule(second)
    assert second_rule.info.title.startswith("[ru] ")
    assert second_rule.rule.rationale == loaded.rules[second][0].rationale


def test_a_russian_profile_carries_translated_texts_and_descriptions(tmp_path: Path) -> None:
    _copy(tmp_path)
    loaded = _catalogue(tmp_path)
    english = resolve_profile(loaded, "t")
    russian = localise_profile(english, loaded, "ru")
    assert [r.info.id for r in russian.rules] == [r.info.id for r in english.rules]
    for before, after in zip(english.rules, russian.rules, strict=True):
        assert after.info.title == f"[ru] {before.info.title}"
        assert after.info.requirement == f"[ru] {before.info.requirement}"
        assert after.info.severity == before.info.severity
        assert after.rule.rationale == f"[ru] {before.rule.rationale}"
        assert [r.url for r in after.info.references] == [r.url for r in before.info.references]
        assert after.info.label.startswith("[ru] ") or not before.info.label
    described = [r for r in english.rules if "description" in str(r.require.source)]
    for rule in described:
        assert "[ru] " in str(russian.rule(rule.info.id).require.source)  # type: ignore[union-attr]
    # English stays English, and the catalogue it came from is left as it was.
    assert localise_profile(english, loaded, "en") is english
    assert not next(iter(loaded.rules.values()))[0].title.startswith("[ru]")
    assert localised_catalogue(loaded, "ru").rules.keys() == loaded.rules.keys()


def test_an_english_catalogue_does_not_read_translations(bundled: Catalogue) -> None:
    english = load_catalogue([rulesets_dir()])
    assert not english.translations
    assert len(english.deferred) == len(bundled.translations) + len(bundled.glossaries)
    english.load_translations()
    assert english.translations.keys() == bundled.translations.keys()


def test_cache_keys_include_the_language() -> None:
    files = [rulesets_dir() / "profiles" / "eu.yaml"]
    assert profile_key(files, ["eu"], "ru") != profile_key(files, ["eu"], "en")
    assert run_key([], DEFAULT_LIMITS, language="ru") != run_key([], DEFAULT_LIMITS, language="en")


# --- the glossary --------------------------------------------------------------------------


def test_the_glossary_names_the_specs_terms_and_its_patterns_compile(bundled: Catalogue) -> None:
    glossary = bundled.glossaries["ru"].model
    terms = {t.term: t for t in glossary.terms}
    assert "контроллер" in terms["контролёр (оператор)"].forbid[0]
    assert "процессор" in terms["обработчик"].forbid[0]
    assert any("высокорискованн" in f for f in terms["система ИИ высокого риска"].forbid)
    for term in glossary.terms:
        for expression in (term.english, term.match, *term.forbid):
            re.compile(expression)


def test_every_existing_translation_keeps_the_glossary(bundled: Catalogue) -> None:
    """No translated text uses a forbidden variant; a rule whose English uses a term says
    it in the glossary's words (rulesets/translations/ru/glossary.yaml)."""
    problems = [
        str(problem)
        for (language, _, _), loaded in bundled.translations.items()
        if language in bundled.glossaries
        for problem in glossary_problems(bundled.glossaries[language], loaded, bundled)
    ]
    assert not problems, "\n".join(problems)


def test_the_glossary_check_finds_a_wrong_variant_and_a_missing_term(tmp_path: Path) -> None:
    _, translation = _copy(tmp_path)
    data = yaml.safe_load(translation.read_text())
    rule_id = next(iter(data["rules"]))
    data["rules"][rule_id]["title"] = "Контроллер назначен"
    translation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    (translation.parent / "glossary.yaml").write_text(
        "kind: glossary\nlanguage: ru\nterms:\n"
        "  - {english: controllers?, term: контролёр, match: 'контролёр\\w*',"
        " forbid: ['контроллер\\w*']}\n"
        "  - {english: human rights, term: права человека, match: 'прав\\w* человека'}\n"
    )
    loaded = _catalogue(tmp_path)
    messages = [
        str(p)
        for p in glossary_problems(
            loaded.glossaries["ru"],
            loaded.translations["ru", "ruleset", "eu-human-rights-finance"],
            loaded,
        )
    ]
    assert any("«Контроллер»: the glossary says «контролёр»" in m for m in messages), messages
    assert any(
        f"rule {rule_id}: the English says 'human rights', the translation never" in m
        for m in messages
    ), messages
    assert all(m.startswith(f"{translation}:") for m in messages)

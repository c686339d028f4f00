"""The project schema's own words in Russian: the questions made from field descriptions
(fields without a hand-written question) and the input problems of a project file."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import checker.i18n as i18n
from tests.conftest import ROOT, Completed

Run = Callable[..., Completed]
SAMPLE = str(ROOT / "projects" / "kg-bishkek-safe-city.yaml")
SCHEMA = ROOT / "checker" / "schemas" / "project.schema.json"


def _catalog(path: str) -> dict[str, object]:
    from babel.messages.pofile import read_po

    with (ROOT / "checker" / "i18n" / "locale" / path).open("rb") as handle:
        return {str(m.id): m.string for m in read_po(handle) if isinstance(m.id, str) and m.id}


def _schema_texts(keys: tuple[str, ...]) -> set[str]:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in keys and isinstance(value, str):
                    found.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return found


def test_every_description_of_the_project_schema_is_extracted_and_translated() -> None:
    descriptions = _schema_texts(("description",))
    assert len(descriptions) > 300
    template = _catalog("govcheck.pot")
    russian = _catalog("ru/LC_MESSAGES/govcheck.po")
    assert not sorted(descriptions - set(template)), "python scripts/i18n.py extracts them"
    assert not sorted(d for d in descriptions if not russian.get(d))


def test_the_completeness_report_counts_the_schema_texts() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import i18n as tooling

    template = tooling.extract()
    for text in _schema_texts(("description",)):
        assert text in template
        comments = template[text].auto_comments
        assert any(c.startswith("project schema: #") for c in comments), text


def test_questions_from_field_descriptions_are_in_russian(govcheck: Run) -> None:
    done = govcheck("questions", SAMPLE, "-p", "eu", "--lang", "ru", "-f", "markdown")
    assert done.code == 0, done.err
    out = done.out
    for russian in (
        "перечислите, пожалуйста: узкие цели, которыми ограничено использование",
        "кто разрешает каждое использование до его начала?",
        "делает выводы о расе, политических взглядах, религии",
        "Укажите, пожалуйста: закон, разрешающий обработку полицией.",
    ):
        assert russian in out
    for english in (
        "narrow objectives the use is limited to",
        "who authorises each use before it happens",
        "infers race, political opinions",
        "the statute that authorises",
        "Please state the",  # "the" is English grammar, never put before a translation
    ):
        assert english not in out


def test_questions_from_field_descriptions_stay_english_in_english(govcheck: Run) -> None:
    done = govcheck("questions", SAMPLE, "-p", "eu", "-f", "markdown")
    assert done.code == 0, done.err
    assert "who authorises each use before it happens?" in done.out
    assert "Please state the statute that authorises the police processing." in done.out


# --- input problems of a project file ------------------------------------------------------


def _broken(tmp_path: Path) -> Path:
    """The sample with a country written out, a misspelt status, an impossible date and
    an unknown key."""
    text = Path(SAMPLE).read_text(encoding="utf-8")
    for old, new in (
        ("\ncountry: KG\n", "\ncountry: Kyrgyzstan\ncolour: red\n"),
        ("dpia: {status: unknown}", "dpia: {status: complete}"),
        ("announced: 2019-03-04", "announced: 2019-13-04"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_schema_message_is_extracted_and_translated() -> None:
    messages = _schema_texts(("errorMessage", "patternErrorMessage"))
    assert len(messages) >= 5
    russian = _catalog("ru/LC_MESSAGES/govcheck.po")
    for english in messages:
        assert str(russian.get(english, "")).startswith("ожидается: "), english


def test_input_problems_are_in_russian(govcheck: Run, tmp_path: Path) -> None:
    path = str(_broken(tmp_path))
    done = govcheck("check", path, "-p", "eu", "--lang", "ru", "--no-cache")
    assert done.code != 0
    out = done.out
    for russian in (
        "`country`: указано `Kyrgyzstan` — это не код страны ISO 3166-1 alpha-2; "
        "возможно, имелось в виду KG (Кыргызстан)?",
        "неизвестный ключ `colour` на верхнем уровне (возможно, имелось в виду `country`?)",
        "`announced`: указано `2019-13-04`; ожидается: реальная дата вида ГГГГ, ГГГГ-ММ",
        "`data_processing.dpia.status`: указано `complete` — это недопустимое значение; "
        "возможно, имелось в виду `completed`?",
    ):
        assert russian in out
    for english in ("not an ISO 3166", "unknown key", "must be", "did you mean", " is `"):
        assert english not in out


def test_input_problems_keep_their_machine_keys_in_json(govcheck: Run, tmp_path: Path) -> None:
    path = str(_broken(tmp_path))
    args = ("check", path, "-p", "eu", "-f", "json", "--no-cache")

    def problems(*more: str) -> tuple[list[dict[str, object]], list[str]]:
        results = json.loads(govcheck(*args, *more).out)
        found = [p for project in results["projects"] for p in project["problems"]]
        messages = [str(p.pop("message")) for p in found]
        return found, messages

    (english, said_en), (russian, said_ru) = problems(), problems("--lang", "ru")
    assert [p["rule"] for p in english].count("schema.invalid-value") == 3
    assert russian == english  # rule, status, severity, line, column, pointer, message_id
    assert said_ru != said_en
    assert "`country`: указано `Kyrgyzstan`" in said_ru[0]


def test_what_a_single_value_accepts_is_in_russian_in_questions(govcheck: Run) -> None:
    done = govcheck("questions", SAMPLE, "-p", "eu", "--lang", "ru", "-f", "markdown")
    assert "Допустимые ответы: текст, не пустой, не более 10\u00a0000 символов." in done.out
    assert "not empty" not in done.out
    assert "characters" not in done.out


def test_country_names_are_in_the_language() -> None:
    """Every code the schema accepts has a Russian name (from the CLDR, made by
    scripts/i18n.py); English keeps the English one."""
    from checker.countries import COUNTRIES
    from checker.i18n.countries import country_name

    try:
        i18n.use_language("ru")
        russian = {code: country_name(code) for code in COUNTRIES}
    finally:
        i18n.use_language("en")
    assert russian["KG"] == "Кыргызстан"
    assert russian["KZ"] == "Казахстан"
    assert not [c for c, name in russian.items() if not re.search("[а-яё]", name, re.I)]
    assert country_name("KG") == "Kyrgyzstan"

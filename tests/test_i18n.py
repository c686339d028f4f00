"""The language mechanism: choosing it, the catalog, fallbacks, the CLI's --lang."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import checker.i18n as i18n
from tests.conftest import ROOT, Completed, browser, needs_browser

Run = Callable[..., Completed]
LOCALE = ROOT / "checker" / "i18n" / "locale"


@pytest.fixture
def speaking() -> Iterator[Callable[[str], None]]:
    """Switch the process's language for one test, and back to English after it."""
    yield i18n.use_language
    i18n.use_language("en")


# --- choosing the language ---------------------------------------------------------------


def test_lang_option_comes_first_then_govcheck_lang_then_the_locale() -> None:
    env = {"GOVCHECK_LANG": "en", "LANG": "ru_RU.UTF-8"}
    assert i18n.requested_language(env, "ru") == "ru"
    assert i18n.requested_language(env) == "en"
    assert i18n.requested_language({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert i18n.requested_language({"LC_ALL": "ru_KZ", "LANG": "en_US.UTF-8"}) == "ru"
    assert i18n.requested_language({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}) == "en"
    assert i18n.requested_language({"LANG": "kk_KZ.UTF-8"}) == "en"  # not spoken: English
    assert i18n.requested_language({}) == "en"


@pytest.mark.parametrize(("given", "where"), [("xx", None), ("fr", "GOVCHECK_LANG")])
def test_an_unknown_code_asked_for_is_refused_with_the_list(given: str, where: str | None) -> None:
    env = {"GOVCHECK_LANG": given} if where else {}
    with pytest.raises(i18n.UnknownLanguageError, match="available: en, ru"):
        i18n.requested_language(env, None if where else given)


def test_unknown_lang_is_a_usage_error_listing_the_languages(govcheck: Run) -> None:
    for args in (("--lang", "xx", "check"), ("check", "--lang=xx"), ("questions", "--lang", "de")):
        done = govcheck(*args)
        assert done.code == 2, args
        assert "unknown language" in done.err
        assert "available: en, ru" in done.err
    done = govcheck("check", env={"GOVCHECK_LANG": "zz"})
    assert done.code == 2
    assert "GOVCHECK_LANG: unknown language `zz`; available: en, ru" in done.err


def test_help_is_in_the_language_asked_for(govcheck: Run) -> None:
    english = govcheck("check", "--help")
    assert "check project files" in govcheck("--help").out
    assert "show this help message and exit" in english.out
    for done in (
        govcheck("check", "--help", "--lang", "ru"),
        govcheck("check", "--help", env={"GOVCHECK_LANG": "ru"}),
        govcheck("check", "--help", env={"GOVCHECK_LANG": "", "LANG": "ru_RU.UTF-8"}),
    ):
        assert done.code == 0
        assert "показать эту справку и выйти" in done.out
        assert "использование: govcheck check" in done.out
        assert "show this help message" not in done.out
        assert "project files or folders" not in done.out


def test_the_locale_decides_only_without_govcheck_lang(govcheck: Run) -> None:
    done = govcheck("check", "--help", env={"GOVCHECK_LANG": "en", "LANG": "ru_RU.UTF-8"})
    assert "show this help message and exit" in done.out
    done = govcheck("check", "--help", env={"GOVCHECK_LANG": "", "LC_ALL": "ru_RU.UTF-8"})
    assert "показать эту справку" in done.out


def test_usage_errors_are_in_the_language(govcheck: Run) -> None:
    done = govcheck("check", "--fail-on", "hgh", "--lang", "ru")
    assert done.code == 2
    assert "--fail-on: `hgh` не входит в critical, high, medium, low, info, none" in done.err
    done = govcheck("check", "no-such.yaml", "--lang", "ru")
    assert "govcheck: ошибка: no-such.yaml: нет такого файла или папки" in done.err


# --- the catalog -------------------------------------------------------------------------


def test_a_missing_translation_falls_back_to_english(speaking: Callable[[str], None]) -> None:
    speaking("ru")
    assert i18n._("a message no catalog has") == "a message no catalog has"
    assert i18n._("options") == "параметры"
    assert i18n.ngettext("one {n}", "many {n}", 1) == "one {n}"
    assert i18n.ngettext("one {n}", "many {n}", 5) == "many {n}"


def test_a_broken_catalog_leaves_english(
    speaking: Callable[[str], None], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "ru" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / "govcheck.mo").write_bytes(b"not a catalog")
    monkeypatch.setattr(i18n, "LOCALE_DIR", str(tmp_path))
    speaking("ru")
    assert i18n._("options") == "options"


def test_listeners_hear_a_change_of_language(speaking: Callable[[str], None]) -> None:
    speaking("en")  # a language chosen already: alone, this test starts with none
    heard: list[str] = []
    i18n.on_change(lambda: heard.append(i18n.language()))
    speaking("ru")
    speaking("ru")
    speaking("en")
    assert heard == ["ru", "en"]


def test_a_findings_message_follows_a_change_of_language(speaking: Callable[[str], None]) -> None:
    """The words around a finding's requirement are remembered per rule and status (a
    portfolio's report asks for them 724,000 times); a change of language forgets them."""
    from checker.findings import RuleInfo, Severity, Status, message_for

    rule = RuleInfo(
        id="X-1", title="t", area="ai", severity=Severity.HIGH, requirement="R holds.",
        remediation="", applies_when="always", references=(), label="Benchmark",
    )  # fmt: skip
    speaking("en")
    english = message_for(rule, Status.NOT_SHOWN)
    assert english == "Not shown: R holds."
    speaking("ru")
    assert message_for(rule, Status.NOT_SHOWN) == "Не показано: R holds."
    speaking("en")
    assert message_for(rule, Status.NOT_SHOWN) == english
    assert message_for(rule, Status.FAIL) == "Benchmark: R holds."


def _catalog(code: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with (LOCALE / code / "LC_MESSAGES" / "govcheck.po").open("rb") as handle:
        return {
            str(m.id if isinstance(m.id, str) else m.id[0]): m.string
            for m in read_po(handle)
            if m.id
        }


_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z_0-9]*)[^{}]*\}|%\(\w+\)[sdr]|%[sdr]")


def test_every_message_of_the_code_is_translated_with_the_same_placeholders() -> None:
    """Every id the code marks (the template, made from the code) is in the ru catalog,
    translated, with the same {name} / %(name)s placeholders."""
    from babel.messages.pofile import read_po

    with (LOCALE / "govcheck.pot").open("rb") as handle:
        template = {
            str(m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id
        }
    russian = _catalog("ru")
    untranslated = sorted(t for t in template if not russian.get(t))
    assert not untranslated, f"untranslated (python scripts/i18n.py --missing): {untranslated}"
    wrong = []
    for msgid, msgstr in russian.items():
        strings = msgstr if isinstance(msgstr, tuple | list) else [msgstr]
        for string in strings:
            if sorted(_PLACEHOLDER.findall(msgid)) != sorted(_PLACEHOLDER.findall(string)):
                wrong.append((msgid, string))
    assert not wrong, wrong


def test_the_catalogs_are_up_to_date_with_the_code() -> None:
    """The template holds exactly the code's messages and each .mo is the .po compiled
    (python scripts/i18n.py regenerates them)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_compiled_catalog_holds_the_po_translations(speaking: Callable[[str], None]) -> None:
    speaking("ru")
    for msgid, msgstr in _catalog("ru").items():
        if isinstance(msgstr, str) and msgstr:
            assert i18n._(msgid) == msgstr


# --- the check in Russian ----------------------------------------------------------------

SAMPLE = str(ROOT / "projects" / "kg-bishkek-safe-city.yaml")

# English sentences and words the code writes (rule texts are the translation files' part,
# tests/test_rule_texts*.py): none may be left in the Russian output.
ENGLISH_UI = (
    "the proposal does not show",
    "is not stated",
    "is unknown",
    "Not shown:",
    "project(s) checked",
    " failed",
    " passed",
    "not applicable",
    "upcoming",
    "to act on",
    "required: ",
    "none of these holds",
    "found ",
    "item 1",
    " of 9 met",
    "claimed",
    "as of ",
    "(evidence:",
    "rests on",
)


def test_check_in_russian_leaves_no_english_ui_sentence(govcheck: Run) -> None:
    done = govcheck("check", SAMPLE, "-p", "eu", "--lang", "ru", "--no-cache")
    assert done.code == 1, done.err
    assert "проверено проектов: 1" in done.out
    assert "в предложении не показано, что это выполнено" in done.out
    left = [phrase for phrase in ENGLISH_UI if phrase in done.out]
    assert not left, left
    severities = re.findall(r":\d+:\d+  (\S+)", done.out)
    assert severities
    assert set(severities) <= {"критический", "высокий", "средний", "низкий", "информация"}


_WORDED = {
    # Texts in the language; everything else in the document is a machine key or value.
    *("message", "texts", "detail", "reason", "title", "description", "requirement"),
    *("rationale", "remediation", "applies_when", "uncertain", "label", "law_label"),
    *("instrument", "article", "note", "because", "benchmark", "binding_because"),
}


def _machine(value: object, key: str = "") -> object:
    """The document with its worded texts blanked: what must not change with the language."""
    if isinstance(value, dict) and key == "messages":
        return dict.fromkeys(value, "<text>")
    if isinstance(value, dict):
        # The profile digest covers the resolved profile as worded (docs/i18n.md).
        return {k: _machine(v, k) for k, v in value.items() if k not in ("lang", "digest")}
    if isinstance(value, list):
        return [_machine(v, key) for v in value]
    if isinstance(value, str) and key in _WORDED:
        return "<text>"
    return value


def test_json_machine_keys_are_the_same_in_every_language(govcheck: Run) -> None:
    import json

    args = ("check", SAMPLE, "-p", "eu", "-p", "minimal", "-f", "json", "--include", "all")
    english = json.loads(govcheck(*args).out)
    russian = json.loads(govcheck(*args, "--lang", "ru").out)
    assert english["lang"] == "en"
    assert russian["lang"] == "ru"
    assert _machine(russian) == _machine(english)
    assert russian["texts"] != english["texts"]


def test_questions_letter_in_russian(govcheck: Run) -> None:
    done = govcheck("questions", SAMPLE, "-p", "eu", "--lang", "ru", "-f", "markdown")
    assert done.code == 0, done.err
    assert "## Вопросы инициатору проекта:" in done.out
    assert "Мы рассмотрели предложение" in done.out
    assert "Спасибо. Получив ваши ответы, мы завершим проверку." in done.out
    assert "Могут ли поставщики или иностранные органы" in done.out  # a hand-written question
    for english in ("Questions for the sponsor", "We have reviewed", "Field:", "Why it matters"):
        assert english not in done.out


def test_compare_and_gap_in_russian(govcheck: Run) -> None:
    done = govcheck("compare", SAMPLE, "--lang", "ru")
    assert "не выполнено:" in done.out
    assert " failed" not in done.out
    done = govcheck("gap", SAMPLE, "--lang", "ru")
    assert "Что нужно проекту" in done.out
    assert "What it would take" not in done.out


def test_no_message_is_marked_inside_an_f_string() -> None:
    """Babel does not read inside f-strings: a `_()` there would never reach the catalog."""
    marked = re.compile(r"""f(["']).*\{[^}]*(?<![\w.])_\(["']""")  # a literal marked there
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "checker").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if marked.search(line)
    ]
    assert not found, found


def test_compare_html_in_russian(govcheck: Run, tmp_path: Path) -> None:
    target = tmp_path / "compare.html"
    done = govcheck("compare", SAMPLE, "--lang", "ru", "-f", "html", "-o", str(target))
    assert done.code == 0, done.err
    page = target.read_text(encoding="utf-8")
    assert '<html lang="ru">' in page
    for russian in ("Сравнение условий", "Проекты × профили", "Соответствие по областям"):
        assert russian in page
    for english in (
        "Conditionality compared",
        "Compliance by area",
        "Failed under",
        "facts to ask",
    ):
        assert english not in page


@needs_browser
def test_cyrillic_renders_in_the_lesson_page_without_tofu(govcheck: Run, tmp_path: Path) -> None:
    """The Russian lesson page, printed by a real browser with its own font stack: two
    different Cyrillic letters must draw differently (a missing glyph draws the same box
    for both), and the page says it is Russian."""
    lesson = ROOT / "lessons" / "bishkek-to-eu.yaml"
    done = govcheck("lesson", str(lesson), "--lang", "ru", "-f", "html", "-o", "l.html")
    assert done.code == 0, done.err
    page = (tmp_path / "l.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in page
    assert "Шаг 1:" in page
    style = re.search(r"<style>.*?</style>", page, re.S)
    assert style is not None
    shots = []
    for letter in ("Ж", "Ш"):
        probe = tmp_path / f"probe-{ord(letter)}.html"
        probe.write_text(
            f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">{style.group(0)}'
            f"</head><body><h1>{letter * 12}</h1></body></html>",
            encoding="utf-8",
        )
        shot = tmp_path / f"shot-{ord(letter)}.png"
        chromium = browser()
        assert chromium is not None
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={tmp_path / 'profile'}",
                "--window-size=800,200",
                f"--screenshot={shot}",
                probe.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        shots.append(shot.read_bytes())
    assert shots[0] != shots[1], "Cyrillic letters draw as the same box: no font has them"

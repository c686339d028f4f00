"""Issue 19's "Done when": the outputs a reviewer in Bishkek reads are fully in Russian.

`check -p eu`, the `questions` letter in Markdown and the compare HTML of the bundled
samples hold no English sentence: every run of Latin words in them is quoted data
(tests/english_prose.py says what counts). The TUI's screens are tested the same
way in tests/tui/test_ru_screens.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, Completed
from tests.english_prose import english_left, page_text

Run = Callable[..., Completed]
SAMPLE = str(ROOT / "projects" / "kg-bishkek-safe-city.yaml")


def test_check_in_russian_has_no_english_prose(govcheck: Run) -> None:
    done = govcheck("check", SAMPLE, "-p", "eu", "--lang", "ru", "--no-cache")
    assert done.code == 1, done.err
    assert "проверено проектов: 1" in done.out
    assert english_left(done.out) == []


def test_the_questions_letter_in_russian_has_no_english_prose(govcheck: Run) -> None:
    done = govcheck("questions", SAMPLE, "--lang", "ru", "-f", "markdown")
    assert done.code == 0, done.err
    assert "## Вопросы инициатору проекта:" in done.out
    assert english_left(done.out) == []


def test_the_questions_in_russian_text_give_each_reasons_severity_in_russian(
    govcheck: Run,
) -> None:
    done = govcheck("questions", SAMPLE, "-p", "eu", "--lang", "ru")
    assert done.code == 0, done.err
    reasons = [line for line in done.out.splitlines() if line.strip().startswith("почему:")]
    assert reasons
    severity = re.compile(r"\(eu, (критический|высокий|средний|низкий|информация)")
    assert all(severity.search(r) for r in reasons)


def test_the_compare_page_in_russian_has_no_english_prose(govcheck: Run, tmp_path: Path) -> None:
    target = tmp_path / "compare.html"
    done = govcheck(
        "compare", str(ROOT / "projects"), "--lang", "ru", "-f", "html", "-o", str(target)
    )
    assert done.code == 0, done.err
    text = page_text(target.read_text(encoding="utf-8"))
    assert "Сравнение условий" in text
    assert english_left(text) == []


def test_the_audit_finds_english_prose(govcheck: Run) -> None:
    """The tests above can fail: the same reading of the English output finds English,
    and a sentence of the code inside a Russian line is caught between two ids."""
    done = govcheck("check", SAMPLE, "-p", "eu", "--lang", "en", "--no-cache")
    left = english_left(done.out)
    assert any("proposal does not show" in run for run in left), left
    assert english_left("kg-bishkek-safe-city under eu: выполнено 18%") == [
        "kg-bishkek-safe-city under eu"
    ]
    assert (
        english_left("EU-DP-DPIA `dpia.status` — China National Electronics, safe_city, eu") == []
    )


def test_a_rule_authors_profile_errors_in_russian(govcheck: Run, tmp_path: Path) -> None:
    profile = tmp_path / "mine.yaml"
    text = (
        "kind: profile\nid: mine\ntitle: Mine\nextends: [eu]\ninclude: ['NOPE-*']\n"
        "severity:\n  'ALSO-NOPE-*': high\n"
    )
    profile.write_text(text + "colour: red\n", encoding="utf-8")
    said = govcheck("check", SAMPLE, "-p", str(profile), "--lang", "ru", "--no-cache").err
    assert "mine.yaml:8:1: /colour: неизвестный ключ `colour`" in said, said
    profile.write_text(text, encoding="utf-8")  # the schema holds; composition refuses
    done = govcheck("check", SAMPLE, "-p", str(profile), "--lang", "ru", "--no-cache")
    assert done.code == 2, done.err
    assert "mine.yaml:5:11: `NOPE-*` не соответствует ни одному правилу каталога" in done.err
    assert "`ALSO-NOPE-*` не соответствует ни одному правилу этого профиля" in done.err
    assert english_left(re.sub(r"\S+\.yaml:\d+:\d+", "", said + done.err)) == []


def test_rules_show_reads_the_rules_russian_texts(govcheck: Run) -> None:
    done = govcheck("rules", "show", "EU-DP-DPIA", "--lang", "ru")
    assert done.code == 0, done.err
    assert "EU-DP-DPIA  Оценка воздействия на защиту данных" in done.out
    assert "критичность: высокий" in done.out
    # how the rule is checked, in words of the language (was the key `attestation`)
    assert "проверка: подтверждение (заявление сверяет проверяющий)" in done.out
    english = govcheck("rules", "show", "EU-DP-DPIA").out
    assert "EU-DP-DPIA  Data protection impact assessment" in english


def test_gap_and_compare_in_russian_name_areas_as_the_html_and_tui_do(govcheck: Run) -> None:
    # The HTML report and the TUI said «защита данных»; `gap` (text, Markdown) and the
    # text `compare` said `data_protection`, under an English `area` header.
    gap = govcheck("gap", SAMPLE, "-p", "eu", "--lang", "ru", "-f", "markdown", "--no-cache")
    assert gap.code == 0, gap.err
    headings = [line for line in gap.out.splitlines() if line.startswith("#### ")]
    assert any(h.startswith("#### защита данных (") for h in headings), headings
    assert not [h for h in headings if "_" in h or h.split()[1].isascii()], headings
    compared = govcheck("compare", SAMPLE, "-p", "eu", "--lang", "ru", "--no-cache")
    assert compared.code == 0, compared.err
    table = compared.out.split("\n\n")[-1]
    assert "data_protection" not in table, table
    assert " area " not in table, table
    assert "защита данных" in table, table


def test_a_waived_finding_in_russian_in_gap_and_the_markdown_report(
    govcheck: Run, tmp_path: Path
) -> None:
    # gap said "by Board until 2027-03-31: …" and the Markdown report "Waived (1)" in a
    # Russian report.
    (tmp_path / "b.yaml").write_text(Path(SAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "w.yaml").write_text(
        "waivers:\n  - rule: EU-LE-DPIA\n    project: kg-bishkek-safe-city\n"
        "    justification: ДОИ заказана\n    approved_by: Комиссия\n    expires: 2027-03-31\n",
        encoding="utf-8",
    )
    common = ("b.yaml", "-p", "eu", "--waivers", "w.yaml", "--today", "2026-12-04")
    gap = govcheck("gap", *common, "--lang", "ru", "--no-cache", cwd=tmp_path)
    assert gap.code == 0, gap.err
    assert "Комиссия" in gap.out
    assert " until " not in gap.out, gap.out
    report = govcheck(
        "check", *common, "--lang", "ru", "-f", "markdown", "--fail-on", "none", cwd=tmp_path
    )
    assert report.code == 0, report.err
    assert "Комиссия" in report.out
    assert "Waived" not in report.out, report.out

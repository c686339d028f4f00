"""Issue 19's "Done when": the outputs a reviewer in Bishkek reads are fully in Russian.

`check -p eu`, the `questions` letter in Markdown and the compare HTML of the bundled
samples hold no English sentence: every run of Latin words in them is quoted data
(tests/english_prose.py says what counts). The TUI's screens are tested the same
way in tests/tui/test_ru_screens.py.
"""

from __future__ import annotations

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

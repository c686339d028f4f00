"""A lesson's own texts in Russian: translation files keyed by step, stamped with the
English they were made from (checker/i18n/lesson_texts.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.i18n.lesson_texts import main, problems
from checker.lessons import load_lesson
from tests.conftest import ROOT, Completed

Run = Callable[..., Completed]
LESSONS = sorted((ROOT / "lessons").glob("*.yaml"))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_bundled_lesson_has_a_current_russian_translation(path: Path) -> None:
    """Fails, naming the step, when an English title or explanation changed since its
    translation was stamped (python -m checker.i18n.lesson_texts stamp ... --accept)."""
    assert problems(load_lesson(path, language="en").lesson, path, "ru") == []


def test_the_lesson_walkthrough_is_in_russian(govcheck: Run) -> None:
    done = govcheck("lesson", "bishkek-to-eu", "--lang", "ru", "-f", "markdown")
    assert done.code == 0, done.err
    for russian in (
        "# От бишкекской системы 2019 года к проекту, который может финансировать ЕС",
        "Полицейский командный центр Бишкека был оснащён CEIEC",
        "## Шаг 1: Поиск после события, а не в режиме реального времени",
        "Поиск в записанных видеоматериалах названного подозреваемого",
    ):
        assert russian in done.out
    for english in (
        "From the 2019 Bishkek system",
        "The Bishkek police command centre was equipped",
        "Search after the fact, not live",
        "Searching recorded footage for a named suspect",
    ):
        assert english not in done.out


def test_an_english_lesson_stays_english(govcheck: Run) -> None:
    done = govcheck("lesson", "bishkek-to-eu", "-f", "markdown")
    assert done.code == 0, done.err
    assert "# From the 2019 Bishkek system to an EU-financeable design" in done.out
    assert "Поиск" not in done.out


def _copy(tmp_path: Path, changed: str = "") -> Path:
    """The Bishkek lesson and its translation in a folder of their own, step 1's English
    explanation changed when `changed` is given."""
    english = (ROOT / "lessons" / "bishkek-to-eu.yaml").read_text(encoding="utf-8")
    project = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
    english = english.replace(
        "project: ../projects/kg-bishkek-safe-city.yaml", f"project: {project}"
    )
    if changed:
        old = "Searching recorded footage for a named suspect of"
        assert old in english
        english = english.replace(old, changed, 1)
    (tmp_path / "translations" / "ru").mkdir(parents=True)
    lesson = tmp_path / "bishkek-to-eu.yaml"
    lesson.write_text(english, encoding="utf-8")
    translation = ROOT / "lessons" / "translations" / "ru" / "bishkek-to-eu.yaml"
    (tmp_path / "translations" / "ru" / lesson.name).write_text(
        translation.read_text(encoding="utf-8"), encoding="utf-8"
    )
    return lesson


def test_a_changed_english_step_makes_its_translation_stale(tmp_path: Path) -> None:
    lesson = _copy(tmp_path, changed="Searching stored footage for a named suspect of")
    english = load_lesson(lesson, language="en").lesson
    found = problems(english, lesson, "ru")
    assert found == [
        f"{tmp_path}/translations/ru/bishkek-to-eu.yaml: step 1 stale (the English changed since)"
    ]
    russian = load_lesson(lesson, language="ru").lesson
    # The stale step reads in English (never a translation of words no longer there);
    # the others, and the title, stay Russian.
    assert russian.steps[0].title == "Search after the fact, not live"
    assert "Searching stored footage" in russian.steps[0].explanation
    assert russian.steps[1].title == "Оценить воздействие на права и оставить решение за человеком"
    assert russian.title.startswith("От бишкекской системы")


def test_stamping_accepts_a_mended_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = _copy(tmp_path, changed="Searching stored footage for a named suspect of")
    folder = tmp_path / "translations" / "ru"
    assert main(["stamp", str(folder)]) == 0  # a stale part is not re-stamped by itself
    assert problems(load_lesson(lesson, language="en").lesson, lesson, "ru")
    assert main(["stamp", str(folder), "--accept"]) == 0
    assert problems(load_lesson(lesson, language="en").lesson, lesson, "ru") == []
    assert main(["check", str(tmp_path)]) == 0
    assert "every lesson translated" in capsys.readouterr().out


def test_a_lesson_without_a_translation_is_english_in_russian(tmp_path: Path) -> None:
    lesson = _copy(tmp_path)
    (tmp_path / "translations" / "ru" / lesson.name).unlink()
    assert load_lesson(lesson, language="ru").lesson.title.startswith("From the 2019")
    assert problems(load_lesson(lesson, language="en").lesson, lesson, "ru") == [
        f"{tmp_path}/translations/ru/bishkek-to-eu.yaml: missing"
    ]


def test_a_steps_legal_sources_are_in_russian_and_go_stale_apart(tmp_path: Path) -> None:
    lesson = _copy(tmp_path)
    russian = load_lesson(lesson, language="ru").lesson
    first = russian.steps[0].sources[0]
    assert first.instrument.startswith("Регламент (ЕС) 2024/1689 об искусственном интеллекте")
    assert first.article == "ст. 5(1)(h) и 5(2)–(5)"
    assert first.url == "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"  # the English's
    assert first.note is not None
    assert first.note.startswith("Запрет")
    # A corrected article makes the sources stale (read in English), not the explanation.
    text = lesson.read_text(encoding="utf-8").replace("article: Art. 26(10)", "article: Art. 26(9)")
    lesson.write_text(text, encoding="utf-8")
    english = load_lesson(lesson, language="en").lesson
    assert problems(english, lesson, "ru") == [
        f"{tmp_path}/translations/ru/bishkek-to-eu.yaml: step 1 sources stale"
        " (the English changed since)"
    ]
    russian = load_lesson(lesson, language="ru").lesson
    assert russian.steps[0].sources[1].article == "Art. 26(9)"
    assert russian.steps[0].title == "Поиск после события, а не в режиме реального времени"

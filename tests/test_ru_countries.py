"""The "did you mean" for a country written as a name matches the names of the language in
use as well as the English ones (issue 19): `Казах` finds KZ, as `Kazakh` does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from checker import i18n
from checker.countries import nearest_countries
from tests.conftest import ROOT, Completed

Run = Callable[..., Completed]


def test_names_of_the_language_in_use_and_english_both_match() -> None:
    assert nearest_countries("Казах") == []  # English knows no Russian name
    i18n.use_language("ru")
    try:
        assert nearest_countries("Казах") == ["KZ"]
        assert nearest_countries("кыргыз") == ["KG"]  # the region's name, any case
        assert nearest_countries("Таджикистан") == ["TJ"]
        assert nearest_countries("Kazakh") == ["KZ"]  # English names still match
        assert nearest_countries("Герм") == ["DE"]
    finally:
        i18n.use_language("en")
    assert nearest_countries("Kazakh") == ["KZ"]


def test_a_country_written_in_russian_is_suggested_in_russian(
    govcheck: Run, tmp_path: Path
) -> None:
    text = (ROOT / "projects" / "kg-bishkek-safe-city.yaml").read_text(encoding="utf-8")
    project = tmp_path / "p.yaml"
    project.write_text(text.replace("\ncountry: KG\n", "\ncountry: Казахстан\n"), "utf-8")
    done = govcheck("check", str(project), "-p", "eu", "--lang", "ru", "--no-cache")
    said = "`country`: указано `Казахстан` — это не код страны ISO 3166-1 alpha-2; "
    assert said + "возможно, имелось в виду KZ (Казахстан)?" in done.out, done.out

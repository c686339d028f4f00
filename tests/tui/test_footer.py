"""Every key of a screen is on its footer line at 80 columns, in English and in Russian.

Textual's footer let the `^p palette` hint cover the last keys and cut what did not fit:
at 80 columns in Russian the portfolio and project screens lost `q` and `?`. The footer
(checker/tui/widgets/keys_footer.py) leaves out the hint, then the words of the keys on
the right, until every key fits; at 160 columns everything is back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets._footer import FooterKey

import checker.i18n as i18n
from checker.tui.screens.detail import DetailScreen
from tests.tui.conftest import MakeApp, open_project, ready
from tests.tui.test_ru_screens import english_after

BISHKEK = "projects/kg-bishkek-safe-city.yaml"


pytestmark = pytest.mark.usefixtures(english_after.__name__)  # back to English after each


def _keys(app: App[object]) -> tuple[list[FooterKey], list[FooterKey]]:
    """The screen's footer keys on show, and its palette hint (empty when left out)."""
    keys = [k for k in app.screen.query(FooterKey) if k.display and k.region.width]
    hint = [k for k in keys if k.has_class("-command-palette")]
    return [k for k in keys if k not in hint], hint


def _all_on_the_line(app: App[object], width: int) -> list[FooterKey]:
    keys, hint = _keys(app)
    assert keys, app.screen
    for key in keys:
        assert key.region.right <= width, (key.key, key.region, width)
    shown = {key.key for key in keys}
    assert shown >= {"q", "question_mark"}, shown
    if hint:  # never over a key
        assert hint[0].region.x >= max(key.region.right for key in keys)
    return keys


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_every_key_is_on_the_footer_line_at_80_columns_and_words_return_at_160(
    projects: Path, make_app: MakeApp, language: str
) -> None:
    i18n.use_language(language)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        _all_on_the_line(app, 80)
        await open_project(pilot, BISHKEK)
        await ready(pilot)
        narrow = _all_on_the_line(app, 80)
        await pilot.press("n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        _all_on_the_line(app, 80)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        wide = _all_on_the_line(app, 160)
        assert all(key.description for key in wide), [k.key for k in wide if not k.description]
        assert _keys(app)[1], "the palette hint is back where there is room"
        if language == "ru":  # the project screen's keys do not all fit with their words
            assert any(not key.description for key in narrow)

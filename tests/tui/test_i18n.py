"""The TUI in Russian, and switching the language live (ctrl+l, the command palette)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

import checker.i18n as i18n
from checker.tui.screens.help import HelpScreen
from checker.tui.screens.portfolio import PortfolioScreen
from checker.tui.screens.project import ProjectScreen
from tests.tui.conftest import MakeApp, open_project, ready


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.use_language("en")
    from checker.tui.language import word_classes

    word_classes()  # the classes' keys back in English for the next test


def _descriptions(app: object) -> set[str]:
    return {b.description for _k, b, _e, _t in app.screen.active_bindings.values()}  # type: ignore[attr-defined]


async def test_ctrl_l_switches_the_language_live(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        assert "Quit" in _descriptions(app)
        await open_project(pilot, "projects/kg-bishkek-safe-city.yaml")
        await pilot.press("ctrl+l")
        await ready(pilot)
        assert i18n.language() == "ru"
        assert isinstance(app.screen, PortfolioScreen)  # the screens start afresh
        assert "Выход" in _descriptions(app)
        assert "Quit" not in _descriptions(app)
        assert app.sub_title.startswith("проверяющий")
        screen = await open_project(pilot, "projects/kg-bishkek-safe-city.yaml")
        await ready(pilot)
        assert isinstance(screen, ProjectScreen)
        shown = " ".join(str(w.render()) for w in screen.query(Static))
        assert "не показано" in shown or "не выполнено" in shown, shown[:400]
        # The results were checked again in Russian: the engine's words and the rule texts.
        workspace = app.workspace
        assert workspace is not None
        details = [f.detail for f in workspace.run().findings() if f.detail]
        assert any("в предложении не показано" in d for d in details)
        assert not any(d.startswith("the proposal does not show") for d in details)
        await pilot.press("ctrl+l")
        await ready(pilot)
        assert i18n.language() == "en"
        assert "Quit" in _descriptions(app)


async def test_help_in_russian(projects: Path, make_app: MakeApp) -> None:
    i18n.use_language("ru")
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = str(app.screen.query_one("#help-text", Static).content)
        for words in ("клавиши", "Перемещение", "Статусы", "Как читать числа", "Выйти из govcheck"):
            assert words in shown
        for english in ("Moving around", "Reading the numbers", "Quit govcheck"):
            assert english not in shown


async def test_palette_offers_the_language(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Language" in titles

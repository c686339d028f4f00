"""The TUI fully in Russian (issue 19): no English sentence on any screen a reviewer walks
through — the portfolio, a project, a finding, the two profiles compared, the questions
and the help — read from the screen as drawn (the footer's keys included)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App

import checker.i18n as i18n
from checker.tui.screens.compare import CompareScreen
from checker.tui.screens.detail import DetailScreen
from checker.tui.screens.help import HelpScreen
from checker.tui.screens.questions import QuestionsScreen
from tests.conftest import ROOT
from tests.english_prose import english_left
from tests.tui.conftest import MakeApp, open_project, ready

BISHKEK = "projects/kg-bishkek-safe-city.yaml"


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.use_language("en")
    from checker.tui.language import word_classes

    word_classes()


def drawn(app: App[object]) -> str:
    """The screen as drawn, a line per row (from the SVG screenshot's text)."""
    rows: dict[float, list[str]] = {}
    svg = app.export_screenshot()
    for match in re.finditer(r'<text[^>]*\sy="([\d.]+)"[^>]*>(.*?)</text>', svg, flags=re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).replace("\xa0", " ")
        rows.setdefault(float(match.group(1)), []).append(text)
    return "\n".join("".join(parts) for _y, parts in sorted(rows.items()))


async def test_every_screen_of_a_review_is_in_russian(projects: Path, make_app: MakeApp) -> None:
    i18n.use_language("ru")
    app = make_app()
    seen: dict[str, str] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        seen["portfolio"] = drawn(app)
        project = await open_project(pilot, BISHKEK)
        await ready(pilot)
        seen["project"] = drawn(app)
        await pilot.press("n")  # the first problem, then its whole story
        assert project.findings_tree.current is not None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        seen["detail"] = drawn(app)
        await pilot.press("escape")
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, QuestionsScreen)
        seen["questions"] = drawn(app)
        await pilot.press("escape")
        app.push_screen(CompareScreen(BISHKEK))
        await ready(pilot)
        assert isinstance(app.screen, CompareScreen)
        seen["compare"] = drawn(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        seen["help"] = drawn(app)
    assert "проектов: 3/3" in seen["portfolio"]
    assert "Назад" in seen["project"]  # the keys of a screen opened after the start
    left = {name: english_left(text) for name, text in seen.items()}
    assert not any(left.values()), left


async def test_the_audit_sees_english_on_an_english_screen(
    projects: Path, make_app: MakeApp
) -> None:
    """The other test can fail: the same reading of an English screen finds English."""
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        await open_project(pilot, BISHKEK)
        await ready(pilot)
        left = english_left(drawn(app))
    assert "Back" in left or any("Back" in run for run in left), left


async def test_the_rules_scenario_and_lesson_screens_are_in_russian(
    projects: Path, make_app: MakeApp
) -> None:
    i18n.use_language("ru")
    app = make_app()
    seen: dict[str, str] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        app.action_rules()
        await ready(pilot)
        await pilot.press("enter")  # the first rule in full
        await ready(pilot)
        seen["rules"] = drawn(app)
        await pilot.press("escape")
        await open_project(pilot, BISHKEK)
        await ready(pilot)
        app.action_scenario()
        await ready(pilot)
        seen["scenario"] = drawn(app)
        await pilot.press("escape")
        app.play_lesson(ROOT / "lessons" / "bishkek-to-eu.yaml")
        await ready(pilot)
        await pilot.press("n")  # step 1: what it changes, what moved, its sources
        await ready(pilot)
        seen["lesson"] = drawn(app)
    assert "Шаг 1" in seen["lesson"]
    left = {name: english_left(text) for name, text in seen.items()}
    assert not any(left.values()), left


async def test_the_project_header_says_upcoming_obligations_in_russian(
    projects: Path, make_app: MakeApp
) -> None:
    """The header's count of obligations not in force yet read "3 upcoming" in Russian
    (one English word, which the prose audit above lets pass)."""
    i18n.use_language("ru")
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await ready(pilot)
        project = await open_project(pilot, BISHKEK)
        head = str(project.query_one("#project-head").render())
    assert "ещё не действует: 3" in head
    assert "upcoming" not in head


async def test_an_invalid_file_counts_its_problems_in_russian(
    projects: Path, make_app: MakeApp
) -> None:
    """The portfolio row of a file that cannot be read said "1 problem(s)" in Russian."""
    from checker.tui.widgets.project_table import ProjectTable

    (projects / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    i18n.use_language("ru")
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await ready(pilot)
        table = app.screen.query_one(ProjectTable)
        cell = str(table.get_cell("projects/broken.yaml", "score:eu"))
    assert cell == "1 проблема"


async def test_ctrl_c_says_how_to_quit_in_russian(projects: Path, make_app: MakeApp) -> None:
    """ctrl+c outside a text field showed Textual's English "Do you want to quit? Press
    ctrl+q to quit the app" in a Russian session; it names the footer's key, in Russian."""
    i18n.use_language("ru")
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [(n.title, n.message) for n in app._notifications]
    assert ("Хотите выйти?", "Нажмите q, чтобы выйти из govcheck") in said


async def test_the_command_palette_is_in_russian(projects: Path, make_app: MakeApp) -> None:
    """Textual's own commands (Theme, Quit, Keys, Screenshot…) and the palette's prompt
    were English in a Russian session."""
    from textual.command import CommandInput, CommandPalette

    i18n.use_language("ru")
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        prompt = str(app.screen.query_one(CommandInput).placeholder)
    assert "Тема" in titles
    assert not {"Theme", "Quit", "Keys", "Screenshot"} & set(titles)
    assert prompt == "Поиск команд…"

"""Text from files is never markup and never reaches the terminal raw."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from checker.tui.screens.detail import DetailScreen
from checker.tui.screens.portfolio import PortfolioScreen
from checker.tui.screens.project import ProjectScreen
from checker.tui.widgets.source_view import SourceView
from tests.tui.conftest import HOSTILE_TITLE, MakeApp, open_project, ready

HOSTILE = "projects/kg-5g-multivendor-core.yaml"


def make_hostile(projects: Path) -> None:
    path = projects / "kg-5g-multivendor-core.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    title = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    # A YAML escape: the parsed title holds a real ESC character and a bell.
    lines[title] = f'title: "{HOSTILE_TITLE} \\e[2J\\a"\n'
    path.write_text("".join(lines), encoding="utf-8")
    # A raw ESC byte in a file: the file is refused, and its text is still shown safely.
    (projects / "raw.yaml").write_bytes(b"id: raw\ntitle: \x1b]0;owned\x07 [red]r[/]\n")


async def test_a_hostile_title_is_shown_literally(projects: Path, make_app: MakeApp) -> None:
    make_hostile(projects)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        await pilot.press("slash", *"multivendor", "enter")
        info = portfolio.query_one("#project-info", Static)
        shown = str(info.content)
        assert HOSTILE_TITLE in shown  # the brackets survive: not parsed as markup
        assert "\\x1b[2J\\x07" in shown  # control characters neutralised, visibly
        assert "\x1b" not in shown
        assert "\x07" not in shown
        screen_text = app.export_screenshot()
        assert "[@click=app.quit]y[/]" in screen_text
        assert "\x1b" not in screen_text
        await pilot.click("#project-info", offset=(40, 0))  # on the would-be link
        assert app.is_running

        await pilot.press("enter")
        project = app.screen
        assert isinstance(project, ProjectScreen)
        head = str(project.query_one("#project-head", Static).content)
        assert HOSTILE_TITLE in head
        assert "\x1b" not in head
        await pilot.click("#project-head", offset=(40, 0))
        assert app.is_running


async def test_control_characters_in_a_file_are_neutralised(
    projects: Path, make_app: MakeApp
) -> None:
    make_hostile(projects)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        project = await open_project(pilot, "projects/raw.yaml")
        problem = project.findings_tree.current
        assert problem is not None
        assert problem.rule.startswith("yaml.")
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        source = detail.query_one(SourceView)
        assert source.document.get_line(1) == "title: \\x1b]0;owned\\x07 [red]r[/]"
        assert "\x1b" not in source.text
        assert "\x1b" not in app.export_screenshot()


async def test_a_file_name_that_is_not_utf8_is_shown_as_its_escape(
    projects: Path, make_app: MakeApp
) -> None:
    # A Latin-1 name (`caf\xe9.yaml`) is text with a lone surrogate in Python: the table
    # counted it as one cell while the terminal showed six (`\udce9`), so every column
    # after it moved. It is shown as its escape and counted as shown.
    import os

    sample = (projects / "kg-5g-multivendor-core.yaml").read_text(encoding="utf-8")
    (projects / os.fsdecode(b"caf\xe9.yaml")).write_text(
        sample.replace("id: kg-5g-multivendor-core\n", ""), encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        screen_text = app.export_screenshot()
        assert "caf\\udce9" in screen_text
        assert "\udce9" not in screen_text

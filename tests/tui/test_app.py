"""App-wide keys: quit, help, rules, export, screenshot, theme, palette; configuration errors."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from checker.profiles import Catalogue
from checker.tui.app import GovcheckApp
from checker.tui.screens.help import HelpScreen, help_text, screens
from checker.tui.screens.portfolio import PortfolioScreen
from checker.tui.screens.project import ProjectScreen
from checker.tui.screens.rules import RulesScreen, rule_matches
from checker.tui.workspace import Options
from tests.tui.conftest import MakeApp, ready


async def test_q_quits(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_help_lists_every_binding(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = str(app.screen.query_one("#help-text", Static).content)
        for _, owner in screens():
            # Every key, a screen's own binding of an app-wide action too: it says what
            # the key does there (compare's `x` swaps its sides).
            for item in getattr(owner, "BINDINGS", []):
                assert isinstance(item, Binding)
                assert item.tooltip, f"{owner.__name__} {item.key} has no help text"
                assert f" {item.tooltip}\n" in shown, item.tooltip
        assert shown == help_text().plain
        await pilot.press("escape")
        assert isinstance(app.screen, PortfolioScreen)


def test_help_covers_every_screen_with_keys() -> None:
    import importlib
    import pkgutil

    import checker.tui.screens as package
    from checker.tui.screens.help import HelpScreen as Help

    listed = {owner for _, owner in screens()}
    for module in pkgutil.iter_modules(package.__path__):
        loaded = importlib.import_module(f"{package.__name__}.{module.name}")
        for owner in vars(loaded).values():
            if (
                isinstance(owner, type)
                and owner.__module__ == loaded.__name__
                and "BINDINGS" in vars(owner)
                and owner is not Help
            ):
                assert owner in listed, f"{owner.__name__}'s keys are not in the help"


async def test_rules_browser_searches_and_shows_examples(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, RulesScreen)
        assert screen.profile is not None
        assert screen.profile.id == "eu"
        assert len(screen.shown) == len(screen.profile.rules)
        await pilot.press("slash", *"dpia", "enter")
        assert screen.query_one("#rules-search", Input).value == "dpia"
        assert 0 < len(screen.shown) < len(screen.profile.rules)
        assert all(rule_matches(r, "dpia") for r in screen.shown)
        assert "EU-DP-DPIA" in [r.info.id for r in screen.shown]
        description = str(screen.query_one("#rule-desc", Static).content)
        assert screen.shown[0].info.id in description
        assert "Examples:" in description
        assert "  fail: " in description
        assert screen.query_one("#rules", DataTable).row_count == len(screen.shown)


async def test_rules_browser_titles_fit_beside_the_text_at_120_columns(
    projects: Path, make_app: MakeApp
) -> None:
    """At 120 columns the list was 77 cells wide in a 60-cell pane: the titles were cut to
    four letters. A search that keeps nothing says so in words of the language."""
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, RulesScreen)
        table = screen.query_one("#rules", DataTable)
        await pilot.pause()
        assert table.virtual_size.width <= table.size.width
        assert [str(c.label) for c in table.columns.values()][-1] == "Title"
        await pilot.press("slash", *"zzzz", "enter")
        assert str(screen.query_one("#rule-desc", Static).content) == "0 rules"


async def test_export_writes_markdown_html_and_svg(
    projects: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await ready(pilot)
        markdown = (tmp_path / "govcheck-report.md").read_text(encoding="utf-8")
        html = (tmp_path / "govcheck-report.html").read_text(encoding="utf-8")
        assert "kg-bishkek-safe-city" in markdown
        assert "kg-5g-multivendor-core" in markdown
        assert html.startswith("<!DOCTYPE html>")
        # From a project, "the current view" is that project.
        app.push_screen(ProjectScreen("projects/tj-dushanbe-safe-city.yaml"))
        await pilot.pause()
        await pilot.press("e")
        await ready(pilot)
        single = (tmp_path / "govcheck-tj-dushanbe-safe-city.md").read_text(encoding="utf-8")
        assert "tj-dushanbe-safe-city" in single
        assert "kg-bishkek-safe-city" not in single
        await pilot.press("ctrl+s")
        svgs = list(tmp_path.glob("govcheck-tj-dushanbe-safe-city-*.svg"))
        assert len(svgs) == 1
        assert svgs[0].read_text(encoding="utf-8").lstrip().startswith("<svg")


async def test_theme_toggles_between_light_and_dark(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.current_theme.dark
        await pilot.press("t")
        assert not app.current_theme.dark
        await pilot.press("t")
        assert app.current_theme.dark


async def test_palette_offers_the_main_actions_and_every_project(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Export report", "SVG screenshot", "Rules", "Swap profiles", "Help: keys"):
            assert title in titles
        assert "Compare with host-kg" in titles
        await pilot.press("ctrl+p", *"open tj-dushanbe-safe-city")  # a lesson is about Dushanbe too
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        assert screen.key == "projects/tj-dushanbe-safe-city.yaml"


async def test_an_unknown_profile_closes_the_app_with_the_problem(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app(profiles=("no-such-profile", "minimal"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 2
    assert app.problems
    assert "no-such-profile" in str(app.problems[0])


def test_options_default_to_eu_compared_with_minimal() -> None:
    options = Options(paths=("projects",))
    assert options.profiles == ("eu", "minimal")


async def test_a_screenshot_is_notified_with_its_absolute_path(
    projects: Path, catalogue: Catalogue
) -> None:
    """The exports give absolute paths; the screenshot said "./govcheck-report-….svg"
    when the TUI writes to the working directory (its default)."""
    options = Options(paths=("projects",), export_dir=Path())  # where `projects` chdir'd
    app = GovcheckApp(options, catalogue=catalogue, poll_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [n.message for n in app._notifications if n.title == "Screenshot saved"]
    assert len(said) == 1
    assert Path(said[0]).is_absolute()
    assert Path(said[0]).is_file()

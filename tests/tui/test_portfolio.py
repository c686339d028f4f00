"""The portfolio: every project listed, sorted, filtered, opened with Enter or a click."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from checker.tui.screens.portfolio import PortfolioScreen
from checker.tui.screens.project import ProjectScreen
from checker.tui.widgets.project_table import ProjectTable
from tests.tui.conftest import SAMPLES, MakeApp, ready


def row_ids(screen: PortfolioScreen) -> list[str]:
    return [row.id for row in screen.shown]


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_lists_every_project_with_its_parties(
    projects: Path, make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        assert sorted(row_ids(screen)) == sorted(SAMPLES)
        table = screen.query_one("#projects", ProjectTable)
        assert table.row_count == len(SAMPLES)
        columns = table.column_keys
        assert {"fails:eu", "score:eu", "fails:minimal", "score:minimal"} <= set(columns)
        assert ("financiers" in columns) == (size[0] >= 120)
        info = str(screen.query_one("#project-info", Static).content)
        assert "Financiers:" in info
        assert "Vendors:" in info


async def test_default_sort_is_worst_first_and_s_cycles(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        assert row_ids(screen)[0] == "kg-bishkek-safe-city"  # a critical failure under eu
        assert row_ids(screen)[-1] == "kg-5g-multivendor-core"  # no failure
        await pilot.press("s", "s")  # failures -> score -> project id
        assert screen.sort_key == "project"
        assert row_ids(screen) == sorted(SAMPLES)
        await pilot.press("S")
        assert row_ids(screen) == sorted(SAMPLES, reverse=True)


async def test_clicking_a_header_sorts_by_it(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await pilot.click("#projects", offset=(3, 0))  # the "Project" header
        assert screen.sort_key == "project"
        assert row_ids(screen) == sorted(SAMPLES)
        await pilot.click("#projects", offset=(3, 0))
        assert row_ids(screen) == sorted(SAMPLES, reverse=True)


async def test_filter_by_text_and_by_failing(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await pilot.press("slash", *"huawei")
        assert screen.query_one("#filter", Input).value == "huawei"
        assert row_ids(screen) == ["tj-dushanbe-safe-city"]  # a vendor, not in the id
        await pilot.press("enter", "escape")
        assert len(row_ids(screen)) == len(SAMPLES)
        await pilot.press("f")  # show: failing under the primary profile
        assert "kg-5g-multivendor-core" not in row_ids(screen)
        await pilot.press("f")  # show: with facts not shown (questions for the sponsor)
        assert screen.show.value == "not shown"
        assert "kg-bishkek-safe-city" in row_ids(screen)
        await pilot.press("f")  # show: invalid files
        assert row_ids(screen) == []


async def test_enter_opens_the_highlighted_project(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        assert screen.result is not None
        assert screen.result.project.id == "tj-dushanbe-safe-city"
        await pilot.press("escape")
        assert isinstance(app.screen, PortfolioScreen)


async def test_a_second_click_on_a_row_opens_it(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.click("#projects", offset=(3, 3))  # the second row: highlighted
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
        await pilot.click("#projects", offset=(3, 3))  # clicked again: opened
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)


async def test_swapping_the_profiles_moves_the_numbers_with_their_headers(
    projects: Path, make_app: MakeApp
) -> None:
    """`x` on the portfolio: each profile's counts stay under its own name (they stayed
    where they were drawn, under the other profile's header)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        table = screen.query_one("#projects", ProjectTable)
        keys = [row.key for row in screen.shown]
        columns = ("fails:eu", "unshown:eu", "score:eu", "fails:minimal", "unshown:minimal")
        before = {(k, c): str(table.get_cell(k, c)) for k in keys for c in columns}
        assert before[(keys[0], "unshown:eu")] != before[(keys[0], "unshown:minimal")]
        await pilot.press("x")
        await pilot.pause()
        assert table.column_keys[2] == "fails:minimal"
        assert {(k, c): str(table.get_cell(k, c)) for k in keys for c in columns} == before
        # the row as painted: minimal's not-shown count now comes first
        row = next(r for r in screen.shown if r.key == keys[0])
        line = "".join(s.text for s in table.render_line(2 + screen.shown.index(row)))
        eu, minimal = (before[(keys[0], f"unshown:{p}")].strip() for p in ("eu", "minimal"))
        assert line.index(f" {minimal} ") < line.rindex(f" {eu} ")


async def test_a_resize_redraws_the_rows_for_the_new_columns(
    projects: Path, make_app: MakeApp
) -> None:
    """From wide (with a sector column) to narrow: the rows are drawn for the narrow columns."""
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        table = screen.query_one("#projects", ProjectTable)
        key = screen.shown[0].key
        wide = str(table.get_cell(key, "fails:eu"))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "sector" not in table.column_keys
        assert str(table.get_cell(key, "fails:eu")) == wide


async def test_both_scores_are_on_screen_at_120_columns(projects: Path, make_app: MakeApp) -> None:
    """At 120 columns (where the TUI is "at its best") the compared profile's score was
    off the right edge, behind its bar; the bars give way until they fit."""
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        table = screen.query_one("#projects", ProjectTable)
        assert "sector" in table.column_keys  # still the wide layout
        for y in range(2, 2 + len(screen.shown)):
            line = "".join(s.text for s in table.render_line(y))
            assert line.count("%") == 2, line
    async with make_app().run_test(size=(160, 40)) as pilot:  # room enough: bars
        await ready(pilot)
        table = pilot.app.screen.query_one("#projects", ProjectTable)
        assert "█" in "".join(s.text for s in table.render_line(2))


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_a_russian_score_header_is_not_cut(
    projects: Path, make_app: MakeApp, size: tuple[int, int]
) -> None:
    """Where only the percentage is shown, «% выполнено» does not fit its column: the
    header says "%" rather than "% вы…"."""
    import checker.i18n as i18n

    i18n.use_language("ru")
    try:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await ready(pilot)
            table = pilot.app.screen.query_one("#projects", ProjectTable)
            header = "".join(s.text for s in table._header(1))
            assert "вы…" not in header
            assert header.count("%") == 2
    finally:
        i18n.use_language("en")


async def test_ids_too_long_for_their_column_keep_their_ends(
    projects: Path, make_app: MakeApp
) -> None:
    """At 80 columns `kg-bishkek-safe-city` and `kg-bishkek-safe-city-eu-redesign` were
    both drawn "kg-bishkek-sa…" (and, in a corpus, `…-000312` and `…-000318` alike); an id
    is cut in the middle, so the end that tells them apart stays."""
    import shutil

    from tests.conftest import ROOT

    shutil.copy(ROOT / "projects" / "kg-bishkek-safe-city-eu-redesign.yaml", projects)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = pilot.app.screen.query_one("#projects", ProjectTable)
        drawn = {
            row.id: "".join(s.text for s in table.render_line(2 + i)).split("  ")[0].strip()
            for i, row in enumerate(pilot.app.screen.shown)
        }
    first, second = drawn["kg-bishkek-safe-city"], drawn["kg-bishkek-safe-city-eu-redesign"]
    assert "…" in second
    assert first != second
    assert second.endswith("design")

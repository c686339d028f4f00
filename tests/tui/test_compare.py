"""The compare screen: one project under two profiles, differences marked, sides swapped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from checker.tui.screens.compare import CompareScreen
from checker.tui.screens.portfolio import PortfolioScreen
from checker.tui.topics import Mark
from checker.tui.widgets.project_table import ProjectTable
from tests.tui.conftest import MakeApp, ready

BISHKEK = "projects/kg-bishkek-safe-city.yaml"


def headers(screen: CompareScreen) -> list[str]:
    table = screen.query_one("#topics", DataTable)
    return [str(column.label) for column in table.columns.values()]


async def _compare(pilot: Pilot[Any]) -> CompareScreen:
    """The compare screen of the Bishkek case, once the app is ready."""
    await ready(pilot)
    pilot.app.push_screen(CompareScreen(BISHKEK))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    return screen


async def test_both_profiles_side_by_side_and_swap(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        await pilot.press("c")  # the highlighted (worst) project: Bishkek
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.key == BISHKEK
        assert headers(screen)[-2:] == ["eu", "minimal"]
        side_a = str(screen.query_one("#side-a", Static).content)
        side_b = str(screen.query_one("#side-b", Static).content)
        assert side_a.startswith("eu ")
        assert side_b.startswith("minimal ")
        comparison = screen.comparison
        assert comparison is not None
        # Only differences are listed, deciding ones first; each decides or differs.
        assert screen.rows
        assert screen.rows[0].mark is Mark.DECIDES
        assert all(row.interesting for row in screen.rows)
        decided = {f.rule for f in comparison.only_a}
        assert "EU-AI-RBI-REALTIME" in decided  # eu fails it; minimal does not impose it
        await pilot.press("d")
        assert len(screen.rows) == len(comparison.rows)  # every topic
        await pilot.press("x")
        assert (app.primary, app.other) == ("minimal", "eu")
        assert headers(screen)[-2:] == ["minimal", "eu"]
        assert str(screen.query_one("#side-a", Static).content).startswith("minimal ")
        await pilot.press("escape")
        assert isinstance(app.screen, PortfolioScreen)
        assert app.screen.query_one("#projects", ProjectTable).column_keys[3] == "fails:minimal"


async def test_enter_on_a_topic_opens_its_finding(projects: Path, make_app: MakeApp) -> None:
    from checker.tui.screens.detail import DetailScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _compare(pilot)
        row = screen.rows[0]
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert detail.finding == (row.a.findings or row.b.findings)[0]


async def test_other_profile_rechecks_with_it(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.push_screen(CompareScreen(BISHKEK))
        await pilot.pause()
        await pilot.press("o")  # the next profile after minimal, alphabetically
        await ready(pilot)
        assert app.workspace is not None
        assert app.other == "minimal-host"
        assert app.workspace.profile_ids() == ("eu", "minimal-host")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert headers(screen)[-2:] == ["eu", "minimal-host"]


async def test_parameter_values_that_differ_are_in_the_table_and_first_in_the_note(
    projects: Path, make_app: MakeApp
) -> None:
    """EU 30 days against Kyrgyz law's 7 for answering a data subject: the teaching point
    is in the row (a `Values` column) and heads the note, above each side's findings."""
    app = make_app(profiles=("eu", "host-kg"))
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await _compare(pilot)
        assert headers(screen)[2] == "Values"
        rights = next(r for r in screen.rows if r.topic == "data-subject-rights")
        assert rights.values == "30 ≠ 7"
        assert ("max_rights_response_days", "30", None) in rights.parameters
        table = screen.query_one("#topics", DataTable)
        index = screen.rows.index(rights)
        assert "30 ≠ 7" in str(table.get_row_at(index)[2])
        table.move_cursor(row=index)
        await pilot.pause()
        note = str(screen.query_one("#topic-note", Static).content)
        assert note.index("How the conditions differ") < note.index("Under eu")
        assert "parameter max_rights_response_days: 30 vs not set" in note


async def test_no_values_column_when_only_lists_differ(projects: Path, make_app: MakeApp) -> None:
    """eu and minimal differ in one parameter, the list of sectors an environmental
    assessment covers: a scope, written out in the note, not a value for the table."""
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await _compare(pilot)
        assert "Values" not in headers(screen)
        assert all(row.values == "" for row in screen.rows)


async def test_home_and_end_go_to_the_first_and_last_condition(
    projects: Path, make_app: MakeApp
) -> None:
    """As the help says of every list: Home and End move to the first and last row (they
    scrolled the table sideways and left the cursor where it was)."""
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _compare(pilot)
        table = screen.query_one("#topics", DataTable)
        assert table.row_count > 3
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        assert table.scroll_x == 0
        note = str(screen.query_one("#topic-note", Static).content)
        assert screen.rows[-1].title in note  # the note follows the cursor
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("r")  # the rules browser's list too
        await pilot.pause()
        rules = app.screen.query_one("#rules", DataTable)
        rules.focus()
        await pilot.press("end")
        assert rules.cursor_row == rules.row_count - 1


async def test_at_120_columns_both_sides_and_their_counts_are_on_screen(
    projects: Path, make_app: MakeApp
) -> None:
    """At 120 columns the table was 153 cells wide (the second profile's column past the
    right edge) and each side's not-shown counts were cut behind a 12-cell bar."""
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _compare(pilot)
        await pilot.pause()
        table = screen.query_one("#topics", DataTable)
        assert table.virtual_size.width <= table.size.width
        for side in ("#side-a", "#side-b"):
            widget = screen.query_one(side, Static)
            line = str(widget.content).split("\n")[1]
            assert "not shown" in line
            assert len(line) <= widget.content_region.width, line


async def test_a_resize_within_the_wide_layout_redraws_the_table(
    projects: Path, make_app: MakeApp
) -> None:
    """From 200 to 125 columns (both wide) the table kept its 200-column widths and ran
    past the right edge: only crossing 120 columns redrew it."""
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        screen = await _compare(pilot)
        table = screen.query_one("#topics", DataTable)
        await pilot.resize_terminal(125, 35)
        await pilot.pause()
        assert table.virtual_size.width <= table.size.width

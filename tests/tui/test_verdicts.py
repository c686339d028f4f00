"""Three-valued verdicts in the TUI: "not shown" apart from "fail", "out of scope" said once,
upcoming obligations apart, the core's score, and the reference date in the header."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Select, Static

from checker.findings import Status, fact_words
from checker.tui.model import Review, review
from checker.tui.screens.detail import DetailScreen
from checker.tui.screens.help import HelpScreen
from checker.tui.screens.portfolio import PortfolioScreen
from checker.tui.screens.project import ProjectScreen
from checker.tui.text import percent
from checker.tui.widgets.findings_tree import FindingsTree
from checker.tui.widgets.project_table import ProjectTable
from tests.conftest import ROOT
from tests.tui.conftest import MakeApp, open_project, ready

BISHKEK = "projects/kg-bishkek-safe-city.yaml"
KAZAKH = "kz-smart-city-traffic"


def labels(tree: FindingsTree) -> dict[tuple[str, Status], str]:
    """Each leaf's label text by (rule, status)."""
    return {
        (node.data.rule, node.data.status): str(node.label)
        for node in tree.nodes.values()
        if node.data is not None
    }


def cell(table: ProjectTable, row: str, column: str) -> str:
    return str(table.get_cell(row, column))


async def test_not_shown_is_labelled_filtered_and_explained_apart_from_fail(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, BISHKEK)
        shown = labels(screen.findings_tree)
        unshown = [f for f in screen.findings if f.status is Status.NOT_SHOWN]
        failing = [f for f in screen.findings if f.status is Status.FAIL]
        assert unshown
        assert failing
        for finding in unshown:
            assert shown[(finding.rule, finding.status)].startswith("? not shown ")
        for finding in failing:
            assert shown[(finding.rule, finding.status)].startswith("✗ fail ")
        head = str(screen.query_one("#project-head", Static).content)
        assert f"{len(failing)} failing" in head
        assert f"{len(unshown)} not shown" in head

        await pilot.press("f", "f", "f")  # any -> to act on -> fail -> not shown
        assert screen.query_one("#status", Select).value == "not shown"
        assert {review(f) for f in screen.findings} == {Review.NOT_SHOWN}
        assert len(screen.findings) == len(unshown)
        head = str(screen.query_one("#project-head", Static).content)
        assert f"{len(unshown)} shown (filtered)" in head

        finding = screen.findings_tree.current
        assert finding is not None
        assert finding.facts
        preview = str(screen.query_one("#preview", Static).content)
        assert "Not shown in the proposal" in preview
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        text = str(detail.query_one("#rule-text", Static).content)
        assert "What the proposal does not show" in text
        for pointer, state in finding.facts:
            assert fact_words(pointer, state) in text
        profile = app.workspace.setup.profile("eu") if app.workspace else None
        rule = profile.rule(finding.rule) if profile is not None else None
        assert rule is not None
        settle = text.split("What would settle it\n", 1)[1]
        assert settle.split("\n\n", 1)[0].endswith(rule.info.requirement)
        head = str(detail.query_one("#detail-head", Static).content)
        assert head.startswith("? not shown ")


async def test_a_profile_that_does_not_cover_a_project_is_out_of_scope_once(
    projects: Path, make_app: MakeApp
) -> None:
    shutil.copy(ROOT / "projects" / f"{KAZAKH}.yaml", projects)
    app = make_app(profiles=("host-kz", "eu"))
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        table = portfolio.query_one("#projects", ProjectTable)
        # Sorted by failures under host-kz: the Kazakh project is scored, the others follow.
        assert portfolio.shown[0].id == KAZAKH
        outside = [r.key for r in portfolio.shown[1:]]
        assert len(outside) == 3
        for key in outside:
            assert cell(table, key, "fails:host-kz") == "∅ out of scope"
            assert cell(table, key, "unshown:host-kz") == ""
            assert cell(table, key, "score:host-kz") == ""
            assert "out of scope" not in cell(table, key, "fails:eu")
        await pilot.press("S")  # reversed: the out-of-scope rows stay after the scored one
        assert portfolio.shown[0].id == KAZAKH
        await pilot.press("s")  # by score
        assert portfolio.shown[0].id == KAZAKH
        await pilot.press("f")  # failing only: out of scope is not failing
        assert all(not r.scores["host-kz"].out_of_scope for r in portfolio.shown)
        await pilot.press("f", "f", "f")  # back to all
        assert len(portfolio.shown) == 4

        screen = await open_project(pilot, BISHKEK)
        head = str(screen.query_one("#project-head", Static).content)
        assert head.count("out of scope") == 1
        assert "covers KZ" in head
        assert "failing" not in head
        assert "no failing" not in head
        assert screen.findings == []  # no verdict per rule
        await pilot.press("x")  # eu first: the project is scored again
        head = str(screen.query_one("#project-head", Static).content)
        assert "out of scope" not in head
        assert "failing" in head


async def test_the_score_shown_is_the_cores(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        assert app.workspace is not None
        result = app.workspace.results[BISHKEK]
        evaluation = result.evaluation("eu")
        assert evaluation is not None
        core = evaluation.score()
        assert core.share is not None
        expected = percent(core.share)
        table = app.screen.query_one("#projects", ProjectTable)
        assert cell(table, BISHKEK, "score:eu").endswith(f" {expected}")
        assert app.workspace.rows[BISHKEK].scores["eu"].score == core
        screen = await open_project(pilot, BISHKEK)
        head = str(screen.query_one("#project-head", Static).content)
        assert f"{expected} met" in head


async def test_upcoming_obligations_are_apart_and_not_failing(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        assert app.screen.sub_title == "reviewer · as of 2026-12-04"
        screen = await open_project(pilot, BISHKEK)
        assert screen.sub_title == "reviewer · as of 2026-12-04"
        tree = screen.findings_tree
        last = tree.root.children[-1]
        assert str(last.label).startswith("upcoming obligations")
        later = [f for f in screen.findings if f.status is Status.UPCOMING]
        assert later
        assert screen.findings[-len(later) :] == later  # after every area
        for finding in later:
            label = labels(tree)[(finding.rule, finding.status)]
            assert label.startswith("» upcoming ")
            assert "from 2027-12-11 · " in label
        head = str(screen.query_one("#project-head", Static).content)
        assert f"{len(later)} upcoming" in head
        failing = [f for f in screen.findings if f.status in (Status.FAIL, Status.ERROR)]
        assert f"{len(failing)} failing" in head


async def test_as_of_decides_what_is_upcoming(projects: Path, make_app: MakeApp) -> None:
    app = make_app(as_of=date(2028, 1, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.screen.sub_title == "reviewer · as of 2028-01-01"
        screen = await open_project(pilot, BISHKEK)
        assert not any(f.status is Status.UPCOMING for f in screen.findings)
        assert app.workspace is not None
        assert app.workspace.run().as_of == "2028-01-01"


async def test_help_explains_not_shown_out_of_scope_and_the_score(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).content)
        for words in ("? not shown", "∅ out of scope", "» upcoming", "% met", "as of DATE"):
            assert words in text


async def test_in_scope_with_nothing_stated_against_it_says_0_failing(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.push_screen(ProjectScreen("projects/kg-5g-multivendor-core.yaml"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        head = str(screen.query_one("#project-head", Static).content)
        assert "0 failing" in head  # in scope and nothing stated against it: 0 is the truth
        assert "not shown" in head


async def test_compare_says_out_of_scope_once_per_side_and_splits_not_shown(
    projects: Path, make_app: MakeApp
) -> None:
    from checker.tui.screens.compare import CompareScreen
    from checker.tui.topics import Mark

    app = make_app(profiles=("eu", "host-kz"))
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        app.push_screen(CompareScreen(BISHKEK))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        comparison = screen.comparison
        assert comparison is not None
        assert comparison.out_of_scope_b
        assert not comparison.out_of_scope_a
        side_b = str(screen.query_one("#side-b", Static).content)
        assert side_b.count("out of scope") == 1
        assert "covers KZ" in side_b
        assert "% met" not in side_b
        side_a = str(screen.query_one("#side-a", Static).content)
        assert "host-kz is out of scope" in side_a
        # Nothing decides a difference against a profile that does not cover the project.
        assert all(row.mark is not Mark.DECIDES for row in comparison.rows)
        table = screen.query_one("#topics", DataTable)
        assert table.row_count
        assert all(str(table.get_row_at(i)[-1]) == "∅ out of scope" for i in range(table.row_count))

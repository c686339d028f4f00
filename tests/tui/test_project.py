"""The project screen and the detail screen: filters, search, n/p, the highlighted line."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static

from checker.findings import Severity, Status
from checker.tui.model import Review, review
from checker.tui.screens.detail import DetailScreen
from checker.tui.screens.project import ProjectScreen
from checker.tui.widgets.source_view import SourceView
from tests.tui.conftest import MakeApp, open_project, ready

BISHKEK = "projects/kg-bishkek-safe-city.yaml"


async def test_findings_grouped_by_area_then_rule(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, BISHKEK)
        tree = screen.findings_tree
        areas = [str(node.label).split()[0] for node in tree.root.children]
        assert areas == sorted(areas)  # no file problems: areas by name
        assert {f.profile for f in screen.findings} == {"eu"}
        eu = app.workspace.setup.profile("eu") if app.workspace else None
        assert eu is not None
        assert len(screen.findings) == len(eu.rules)  # every eu rule, one outcome each
        # Problems first within an area, the cursor on the first one: in "ai" every
        # problem is a fact the proposal does not show.
        assert tree.current is not None
        assert tree.current == next(f for f in screen.findings if review(f).is_problem)
        assert review(tree.current) is Review.NOT_SHOWN
        assert tree.current.severity is Severity.CRITICAL


async def test_status_severity_and_area_filters(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, BISHKEK)
        await pilot.press("f")  # any status -> to act on
        assert screen.findings
        assert all(review(f).is_problem for f in screen.findings)
        await pilot.press("f")  # fail: stated failures only, never a fact not shown
        assert screen.query_one("#status", Select).value == "fail"
        assert screen.findings
        assert {f.status for f in screen.findings} == {Status.FAIL}
        await pilot.press("f")  # not shown, offered right after fail
        assert screen.query_one("#status", Select).value == "not shown"
        assert screen.findings
        assert {f.status for f in screen.findings} == {Status.NOT_SHOWN}
        await pilot.press("f", "f", "f", "f", "f")  # error, expired, waived, upcoming, pass
        assert screen.query_one("#status", Select).value == "pass"
        assert {review(f) for f in screen.findings} == {Review.PASS}
        await pilot.press("0")
        eu = app.workspace.setup.profile("eu") if app.workspace else None
        assert eu is not None
        assert len(screen.findings) == len(eu.rules)
        await pilot.press("v", "v")  # at least high
        assert all(f.severity.at_least(Severity.HIGH) for f in screen.findings)
        await pilot.press("0", "a")  # the first area
        assert {f.area for f in screen.findings} == {"ai"}
        await pilot.press("a")
        assert {f.area for f in screen.findings} == {"cybersecurity"}


async def test_text_search(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, BISHKEK)
        await pilot.press("slash", *"dpia")
        assert screen.query_one("#search", Input).value == "dpia"
        assert screen.findings
        assert all("dpia" in (f.rule + f.title + f.message).lower() for f in screen.findings)
        await pilot.press("enter")  # back to the tree, the search kept
        assert screen.focused is screen.findings_tree
        await pilot.press("escape")
        assert not isinstance(app.screen, ProjectScreen)


async def test_n_and_p_move_between_failures(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, BISHKEK)
        problems = [f for f in screen.findings if review(f).is_problem]
        assert len(problems) > 3
        assert screen.findings_tree.current == problems[0]
        await pilot.press("n")
        assert screen.findings_tree.current == problems[1]
        await pilot.press("n", "n")
        assert screen.findings_tree.current == problems[3]
        await pilot.press("p")
        assert screen.findings_tree.current == problems[2]
        await pilot.press("p", "p", "p")  # wraps to the last failure
        assert screen.findings_tree.current == problems[-1]


async def test_detail_shows_the_rule_and_highlights_its_line(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        project = await open_project(pilot, BISHKEK)
        await pilot.press("f", "f")  # stated failures only
        await pilot.press("n")
        finding = project.findings_tree.current
        assert finding is not None
        assert review(finding) is Review.FAIL
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert detail.finding == finding
        assert detail.highlighted_line == finding.line
        source = detail.query_one(SourceView)
        assert source.cursor_location[0] == finding.line - 1
        assert source.selection.start[0] == finding.line - 1
        lines = Path(BISHKEK).read_text(encoding="utf-8").splitlines()
        assert source.document.get_line(finding.line - 1) == lines[finding.line - 1]
        text = str(detail.query_one("#rule-text", Static).content)
        for heading in ("Why it applies", "What it requires", "Legal references", "Rationale"):
            assert heading in text
        assert finding.references[0].instrument in text
        label = str(detail.query_one("#source-label", Static).content)
        assert f"line {finding.line}, column {finding.column}" in label
        # n moves to the next failure without leaving the detail, and the line follows.
        await pilot.press("n")
        assert detail.finding != finding
        assert detail.highlighted_line == detail.finding.line
        await pilot.press("escape")
        assert project.findings_tree.current == detail.finding


async def test_the_source_keeps_the_start_of_each_line_when_the_column_is_in_view(
    projects: Path, make_app: MakeApp
) -> None:
    """At 80x24 a finding at column 37 was centred sideways: the source pane scrolled two
    cells and showed `vernance:` for `governance:`, cutting the indentation."""
    import shutil

    from tests.conftest import ROOT

    shutil.copy(ROOT / "projects" / "kg-huawei-5g-core.yaml", projects)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        project = await open_project(pilot, "projects/kg-huawei-5g-core.yaml")
        finding = next(f for f in project.findings if f.rule == "EU-5G-SM03-ASSESSMENT")
        assert finding.column > 30
        project.findings_tree.go_to(finding)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        source = app.screen.query_one(SourceView)
        assert source.highlighted_line == finding.line
        assert source.scroll_x == 0


async def test_the_filtered_count_is_on_screen_at_120_columns(
    projects: Path, make_app: MakeApp
) -> None:
    """With a waived share in the header, "N shown (filtered)" came after the key hint and
    was cut at the right edge at 120 columns; it now comes first."""
    (projects / "govcheck-waivers.yaml").write_text(
        "waivers:\n  - rule: EU-TR-OPEN-PROCEDURE\n    project: kg-bishkek-safe-city\n"
        "    justification: Board decision.\n    approved_by: Board\n"
        "    expires: 2025-12-31\n    created: 2025-05-01\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(120, 35)) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, "projects/kg-bishkek-safe-city.yaml")
        await pilot.press("f")
        await pilot.pause()
        head = screen.query_one("#project-head", Static)
        said = f"{len(screen.findings)} shown (filtered)"
        line = str(head.render()).split("\n")[1]
        assert "waived" in line
        assert line.index(said) + len(said) <= head.content_region.width

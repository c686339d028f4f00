"""The waive form: refuses what is incomplete or past, then writes the file and the view updates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Static

from checker.findings import Finding
from checker.tui.model import Review, review
from checker.tui.screens.project import ProjectScreen
from checker.tui.screens.waive import WaiveScreen
from checker.waivers import load_waivers
from tests.tui.conftest import TODAY, MakeApp, open_project, ready

BISHKEK = "projects/kg-bishkek-safe-city.yaml"
EXISTING = """\
# Board decisions, kept by hand.
max_horizon_days: 365
waivers:
  - rule: MIN-LOCAL-PERMITS
    project: tj-dushanbe-safe-city
    justification: Permits are issued by the city, reviewed in person.
    approved_by: Review board
    expires: 2025-12-31
    created: 2025-05-01
"""


def first_failure(screen: ProjectScreen) -> Finding:
    return next(f for f in screen.findings if review(f) is Review.FAIL)


async def test_refuses_then_writes_and_the_finding_is_waived(
    projects: Path, make_app: MakeApp
) -> None:
    waivers = projects / "govcheck-waivers.yaml"
    waivers.write_text(EXISTING, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        project = await open_project(pilot, BISHKEK)
        project.findings_tree.go_to(first_failure(project))
        finding = project.findings_tree.current
        assert finding is not None
        assert review(finding) is Review.FAIL
        await pilot.press("w")
        form = app.screen
        assert isinstance(form, WaiveScreen)

        def error() -> str:
            return str(form.query_one("#waive-error", Static).content)

        await pilot.press("enter")  # nothing filled in
        assert "justification is required" in error()
        await pilot.press(*"   ", "enter")  # blanks are not a justification
        assert "justification is required" in error()
        await pilot.press(*"Pilot", "tab", *"Board")
        assert form.query_one("#approved-by", Input).value == "Board"
        form.query_one("#expires", Input).value = "2025-05-31"  # the day before TODAY
        await pilot.press("enter")
        assert "in the past" in error()
        form.query_one("#expires", Input).value = "31/12/2025"
        await pilot.press("enter")
        assert "YYYY-MM-DD" in error()
        assert waivers.read_text(encoding="utf-8") == EXISTING  # nothing written yet
        form.query_one("#expires", Input).value = "2025-09-30"
        form.query_one("#ticket", Input).value = "BOARD-42"
        await pilot.press("enter")
        await ready(pilot)
        assert app.screen is project

        text = waivers.read_text(encoding="utf-8")
        assert text.startswith(EXISTING)  # comments and the other entry kept
        loaded = load_waivers(waivers, TODAY)
        assert [w.rule for w in loaded.model.waivers] == ["MIN-LOCAL-PERMITS", finding.rule]
        added = loaded.model.waivers[1]
        assert added.project == "kg-bishkek-safe-city"
        assert added.profile == "eu"
        assert added.justification == "Pilot"
        assert added.approved_by == "Board"
        assert added.expires == date(2025, 9, 30)
        assert added.ticket == "BOARD-42"
        assert added.created == TODAY

        waived = project.findings_tree.current
        assert waived is not None
        assert waived.rule == finding.rule
        assert review(waived) is Review.WAIVED
        assert waived.waiver is not None
        assert waived.waiver.approved_by == "Board"


async def test_escape_cancels_and_a_passing_rule_cannot_be_waived(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.push_screen(ProjectScreen("projects/kg-5g-multivendor-core.yaml"))
        await pilot.pause()
        await pilot.press("w")  # nothing fails in this project
        assert isinstance(app.screen, ProjectScreen)
        project = ProjectScreen(BISHKEK)
        app.push_screen(project)
        await pilot.pause()
        first = project.findings_tree.current
        assert first is not None
        assert review(first) is Review.NOT_SHOWN
        await pilot.press("w")  # a fact not shown is a question to ask, not a waivable failure
        assert app.screen is project
        project.findings_tree.go_to(first_failure(project))
        await pilot.press("w")
        assert isinstance(app.screen, WaiveScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ProjectScreen)
        assert not (projects / "govcheck-waivers.yaml").exists()

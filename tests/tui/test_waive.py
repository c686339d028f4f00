"""The waive form: refuses what is incomplete or past, then writes the file and the view updates."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from checker.bundled import projects_dir
from checker.cli import main
from checker.findings import Finding
from checker.profiles import Catalogue
from checker.tui.app import GovcheckApp
from checker.tui.model import Review, review
from checker.tui.screens.detail import DetailScreen
from checker.tui.screens.project import ProjectScreen
from checker.tui.screens.waive import WaiveScreen
from checker.tui.workspace import Options
from checker.waivers import load_waivers, samples_file
from tests.conftest import Completed, findings_of
from tests.tui.conftest import AS_OF, TODAY, MakeApp, open_project, ready, until

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
        five_g = ProjectScreen("projects/kg-5g-multivendor-core.yaml")
        app.push_screen(five_g)
        await pilot.pause()
        five_g.findings_tree.go_to(next(f for f in five_g.findings if review(f) is Review.PASS))
        await pilot.press("w")  # a rule that is met has nothing to waive
        assert app.screen is five_g
        project = ProjectScreen(BISHKEK)
        app.push_screen(project)
        await pilot.pause()
        first = project.findings_tree.current
        assert first is not None
        assert review(first) is Review.NOT_SHOWN
        # A fact not shown can be accepted as a gap, as `govcheck waive` accepts it: the
        # core's one definition of what a waiver can be over.
        await pilot.press("w")
        assert isinstance(app.screen, WaiveScreen)
        assert app.screen.finding.rule == first.rule
        await pilot.press("escape")
        assert app.screen is project
        project.findings_tree.go_to(first_failure(project))
        await pilot.press("w")
        assert isinstance(app.screen, WaiveScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ProjectScreen)
        assert not (projects / "govcheck-waivers.yaml").exists()


async def test_a_fact_not_shown_is_waived_from_the_form_as_the_command_waives_it(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        project = await open_project(pilot, BISHKEK)
        first = project.findings_tree.current
        assert first is not None
        assert review(first) is Review.NOT_SHOWN
        await pilot.press("w")
        form = app.screen
        assert isinstance(form, WaiveScreen)
        await pilot.press(*"DPIA due before go-live", "tab", *"Board")
        form.query_one("#expires", Input).value = "2025-09-30"
        await pilot.press("enter")
        await ready(pilot)
        assert app.screen is project
        loaded = load_waivers(projects / "govcheck-waivers.yaml", TODAY)
        assert [(w.rule, w.project, w.profile) for w in loaded.model.waivers] == [
            (first.rule, first.project, first.profile)
        ]
        waived = [f for f in project.findings if (f.rule, f.profile) == (first.rule, first.profile)]
        assert [review(f) for f in waived] == [Review.WAIVED]


# --- one review record (issue 16) ------------------------------------------------------------

BROKEN_WAIVERS = "waivers:\n  - rule: EU-TR-CONSULTATION\n    project: [unclosed\n"


async def waive_first_failure(pilot: Pilot[int], path: str) -> tuple[Finding, WaiveScreen]:
    project = await open_project(pilot, path)
    project.findings_tree.go_to(first_failure(project))
    finding = project.findings_tree.current
    assert finding is not None
    await pilot.press("w")
    form = pilot.app.screen
    assert isinstance(form, WaiveScreen)
    return finding, form


def form_error(form: WaiveScreen) -> str:
    return str(form.query_one("#waive-error", Static).content)


async def fill(pilot: Pilot[int], form: WaiveScreen, expires: str = "2025-09-30") -> None:
    form.query_one("#justification", Input).value = "Accepted by the board"
    form.query_one("#approved-by", Input).value = "Board"
    form.query_one("#expires", Input).value = expires
    await pilot.press("ctrl+s")
    await ready(pilot)


async def test_a_waiver_saved_on_the_bundled_samples_is_seen_by_check(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    catalogue: Catalogue,
    govcheck: Callable[..., Completed],
) -> None:
    start = tmp_path / "start"  # a folder without ./projects: the TUI opens the samples
    start.mkdir()
    monkeypatch.chdir(start)
    seen: list[Options] = []
    monkeypatch.setattr(GovcheckApp, "run", lambda self, *a, **k: seen.append(self.options))
    assert main(["tui", "--as-of", AS_OF.isoformat()]) == 0
    options = replace(seen[0], today=TODAY, export_dir=tmp_path)
    monkeypatch.undo()  # GovcheckApp.run back; stay in `start`
    monkeypatch.chdir(start)
    app = GovcheckApp(options, catalogue=catalogue, poll_seconds=0)
    bishkek = str(projects_dir() / "kg-bishkek-safe-city.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.workspace is not None
        key = next(k for k in app.workspace.rows if k.endswith("kg-bishkek-safe-city.yaml"))
        finding, form = await waive_first_failure(pilot, key)
        await fill(pilot, form)
        assert not isinstance(app.screen, WaiveScreen), form_error(form)
    assert not list(start.iterdir())  # nothing left in the folder the TUI was started from
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = govcheck(
        "check", bishkek, "-p", "eu", "-f", "json", "--today", TODAY.isoformat(),
        "--as-of", AS_OF.isoformat(), "--no-cache", cwd=elsewhere,
    )  # fmt: skip
    found = findings_of(json.loads(done.out))
    waived = {(f["rule"], f["status"]) for f in found if f["project"] == finding.project}
    assert (finding.rule, "waived") in waived
    samples_file().unlink()


async def test_a_broken_waivers_file_is_shown_in_the_form_as_its_located_error(
    projects: Path, make_app: MakeApp
) -> None:
    waivers = projects / "govcheck-waivers.yaml"
    waivers.write_text(EXISTING, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        waivers.write_text(BROKEN_WAIVERS, encoding="utf-8")  # broken while the TUI runs
        _, form = await waive_first_failure(pilot, BISHKEK)
        await ready(pilot)
        assert "projects/govcheck-waivers.yaml:4:1" in form_error(form)  # on opening
        for _ in range(2):  # saving again never turns it into "changed on disk"
            await fill(pilot, form)
            assert isinstance(app.screen, WaiveScreen)
            assert "projects/govcheck-waivers.yaml:4:1" in form_error(form)
            assert "changed on disk" not in form_error(form)
        assert waivers.read_text(encoding="utf-8") == BROKEN_WAIVERS
        waivers.write_text(EXISTING, encoding="utf-8")  # fixed: the next save writes
        await fill(pilot, form)
        assert not isinstance(app.screen, WaiveScreen), form_error(form)
        assert len(load_waivers(waivers, TODAY).model.waivers) == 2


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("2027-02-30", "Expires: 2027-02-30 is not a calendar date: February 2027 has 28 days"),
        ("2026-13-01", "Expires: 2026-13-01 has no month 13"),
        ("31/12/2025", "Expires: “31/12/2025” is not a date; write it as YYYY-MM-DD"),
        ("2025-05-31", "Expires: 2025-05-31 is in the past (today is 2025-06-01)"),
    ],
)
async def test_form_errors_name_the_field_and_why(
    projects: Path, make_app: MakeApp, typed: str, words: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        _, form = await waive_first_failure(pilot, BISHKEK)
        await fill(pilot, form, expires=typed)
        assert words in form_error(form)
        assert form.focused is form.query_one("#expires", Input)
        form.query_one("#approved-by", Input).value = ""
        await pilot.press("ctrl+s")
        assert form_error(form).startswith("Approved by:")
        assert form.focused is form.query_one("#approved-by", Input)


@pytest.mark.parametrize("change", ["broken", "deleted"])
async def test_an_open_detail_whose_file_broke_or_went_drops_its_verdict_and_w(
    projects: Path, make_app: MakeApp, change: str
) -> None:
    app = make_app(poll=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        project = await open_project(pilot, BISHKEK)
        project.findings_tree.go_to(first_failure(project))
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert "fail" in str(detail.query_one("#detail-head", Static).content).lower()
        if change == "broken":
            Path(BISHKEK).write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
        else:
            Path(BISHKEK).unlink()
        assert await until(pilot, lambda: detail.gone is not None)
        head = str(detail.query_one("#detail-head", Static).content)
        assert "no longer current" in head
        assert "fail" not in head.lower()
        text = str(detail.query_one("#rule-text", Static).content)
        assert ("can no longer be read" if change == "broken" else "was removed") in text
        await pilot.press("w")
        await pilot.pause()
        assert app.screen is detail  # no form for a verdict that is gone


async def test_the_tui_says_a_waiver_is_stale_the_moment_its_finding_is_fixed(
    projects: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    (projects / "govcheck-waivers.yaml").write_text(
        "waivers:\n"
        "  - rule: EU-AI-RBI-REALTIME\n"
        "    project: kg-bishkek-safe-city\n"
        "    justification: Objectives to be stated by the ministry.\n"
        "    approved_by: Board\n"
        "    expires: 2025-09-30\n"
        "  - rule: EU-DP-DPIA\n"  # never needed: law enforcement, EU-LE-DPIA is the one
        "    project: kg-bishkek-safe-city\n"
        "    justification: j\n"
        "    approved_by: Board\n"
        "    expires: 2025-09-30\n",
        encoding="utf-8",
    )
    app = make_app(poll=0.05)
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        app, "notify", lambda message, title="", **_: seen.append((title, str(message)))
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        stale = [m for t, m in seen if "stale waiver" in t]
        assert len(stale) == 1
        assert "EU-DP-DPIA for kg-bishkek-safe-city: the rule does not apply under eu" in stale[0]
        assert "EU-AI-RBI-REALTIME" not in stale[0]
        path = Path(BISHKEK)
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "    rbi_mode: real_time\n",
                "    rbi_mode: real_time\n"
                "    permitted_objectives: [targeted_victim_search]\n"
                "    prior_authorisation: judicial\n",
            ),
            encoding="utf-8",
        )
        assert await until(pilot, lambda: len([t for t, _ in seen if "stale" in t]) == 2)
        fixed = [m for t, m in seen if "stale waiver" in t][1]
        assert "EU-AI-RBI-REALTIME for kg-bishkek-safe-city: the rule is met under eu" in fixed
        assert "EU-DP-DPIA" not in fixed  # each stale waiver is said once


async def test_the_tui_says_a_waiver_naming_no_rule_is_stale(
    projects: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    (projects / "govcheck-waivers.yaml").write_text(
        "waivers:\n"
        "  - rule: EU-LE-DPIAA\n"  # misspelt: waives nothing
        "    project: kg-bishkek-safe-city\n"
        "    justification: j\n"
        "    approved_by: Board\n"
        "    expires: 2025-09-30\n",
        encoding="utf-8",
    )
    app = make_app()
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        app, "notify", lambda message, title="", **_: seen.append((title, str(message)))
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        stale = [m for t, m in seen if "stale waiver" in t]
        assert len(stale) == 1
        assert (
            "EU-LE-DPIAA for kg-bishkek-safe-city: no ruleset loaded has a rule EU-LE-DPIAA; "
            "did you mean EU-LE-DPIA?"
        ) in stale[0]

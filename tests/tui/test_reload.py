"""Live reload and broken files: edits on disk are re-checked, the view keeps its place."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from checker.tui.model import Review, review
from checker.tui.outline import INPUT_AREA
from checker.tui.screens.detail import DetailScreen
from checker.tui.screens.portfolio import PortfolioScreen
from checker.tui.screens.project import ProjectScreen
from tests.tui.conftest import MakeApp, open_project, ready, until

BISHKEK = "projects/kg-bishkek-safe-city.yaml"
BROKEN = "id: broken\ntitle: [unclosed\n  sector: : x\n"


def outcome(screen: ProjectScreen, rule: str) -> Review:
    return next(review(f) for f in screen.findings if f.rule == rule)


async def test_an_edited_project_is_rechecked_and_the_view_keeps_its_place(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app(poll=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, BISHKEK)
        # Objectives and prior authorisation are not stated: a question, not a failure.
        assert outcome(screen, "EU-AI-RBI-REALTIME") is Review.NOT_SHOWN
        await pilot.press("n", "n", "n")  # another problem than the one the edit settles
        kept = screen.findings_tree.current
        assert kept is not None
        assert kept.rule != "EU-AI-RBI-REALTIME"

        path = Path(BISHKEK)
        text = path.read_text(encoding="utf-8")
        text = text.replace("title: Bishkek Safe City", "title: Edited Bishkek Safe City")
        text = text.replace(
            "    rbi_mode: real_time\n",
            "    rbi_mode: real_time\n"
            "    permitted_objectives: [targeted_victim_search]\n"
            "    prior_authorisation: judicial\n",
        )
        path.write_text(text, encoding="utf-8")

        assert await until(pilot, lambda: outcome(screen, "EU-AI-RBI-REALTIME") is Review.PASS)
        assert "Edited Bishkek" in str(screen.query_one("#project-head", Static).content)
        current = screen.findings_tree.current
        assert current is not None
        assert current.rule == kept.rule
        assert app.workspace is not None
        assert app.workspace.rows[BISHKEK].title.startswith("Edited")


async def test_a_waivers_file_written_elsewhere_is_applied(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app(poll=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, BISHKEK)
        (projects / "govcheck-waivers.yaml").write_text(
            "waivers:\n"
            "  - rule: EU-TR-CONSULTATION\n"
            "    project: kg-bishkek-safe-city\n"
            "    justification: Consultation under way.\n"
            "    approved_by: Board\n"
            "    expires: 2025-07-01\n",
            encoding="utf-8",
        )
        assert outcome(screen, "EU-TR-CONSULTATION") is Review.FAIL
        assert await until(pilot, lambda: outcome(screen, "EU-TR-CONSULTATION") is Review.WAIVED)


async def test_a_broken_file_is_listed_with_its_located_syntax_finding(
    projects: Path, make_app: MakeApp
) -> None:
    (projects / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        portfolio = app.screen
        assert isinstance(portfolio, PortfolioScreen)
        row = next(r for r in portfolio.shown if r.key == "projects/broken.yaml")
        assert not row.valid
        assert row.input_problems == 1
        await pilot.press("f", "f", "f")  # show: failing, not shown, invalid files
        assert [r.key for r in portfolio.shown] == ["projects/broken.yaml"]
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        syntax = screen.findings_tree.current
        assert syntax is not None
        assert (syntax.rule, syntax.area, review(syntax)) == (
            "yaml.syntax",
            INPUT_AREA,
            Review.ERROR,
        )
        assert (syntax.line, syntax.column) == (3, 9)
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert detail.highlighted_line == 3


async def test_a_file_broken_while_the_app_runs(projects: Path, make_app: MakeApp) -> None:
    app = make_app(poll=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, BISHKEK)
        Path(BISHKEK).write_text(BROKEN, encoding="utf-8")
        assert await until(pilot, lambda: any(f.rule == "yaml.syntax" for f in screen.findings))
        assert app.workspace is not None
        assert not app.workspace.rows[BISHKEK].valid
        await pilot.press("escape")
        assert isinstance(app.screen, PortfolioScreen)


async def test_duplicate_ids_are_marked_again_when_one_file_changes(
    projects: Path, make_app: MakeApp
) -> None:
    """Whether a project id is a duplicate depends on the other files: an edit to
    one file can end another file's duplicate, or start one."""
    original = Path(BISHKEK).read_text(encoding="utf-8")
    copy = projects / "zz-copy.yaml"
    copy.write_text(original, encoding="utf-8")  # same id, later in file order
    app = make_app(poll=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        workspace = app.workspace
        assert workspace is not None
        key = next(k for k in workspace.results if k.endswith("zz-copy.yaml"))

        def duplicate() -> bool:
            result = workspace.results[key]
            marked = any(p.rule == "project.duplicate-id" for p in result.problems)
            return marked and not result.project.valid

        assert duplicate()
        first = workspace.results[BISHKEK].problems
        assert not any(p.rule == "project.duplicate-id" for p in first)  # the owner stays clean
        # The first file takes another id: the copy is no longer a duplicate.
        Path(BISHKEK).write_text(
            original.replace("\nid: kg-bishkek-safe-city", "\nid: kg-bishkek-renamed", 1),
            encoding="utf-8",
        )
        assert await until(pilot, lambda: not duplicate())
        assert workspace.rows[key].valid
        # And back: the copy is a duplicate again.
        Path(BISHKEK).write_text(original, encoding="utf-8")
        assert await until(pilot, duplicate)
        assert not workspace.rows[key].valid


async def test_a_project_removed_while_open_exports_nothing_and_compares_nothing(
    projects: Path, make_app: MakeApp
) -> None:
    """`e` on the screen of a file removed meanwhile says there is nothing to export (it
    raised KeyError and ended the app); `c` says the file is gone, not "start with
    --compare PROFILE" (the compared profile is there)."""
    app = make_app(poll=0.05)
    async with app.run_test(size=(120, 35)) as pilot:
        await ready(pilot)
        await open_project(pilot, BISHKEK)
        Path(BISHKEK).unlink()
        assert app.workspace is not None
        results = app.workspace.results
        assert await until(pilot, lambda: BISHKEK not in results)
        await pilot.press("e")
        await pilot.pause()
        assert app.return_code is None  # still running
        assert "Nothing to export here" in [n.message for n in app._notifications]
        assert not list(app.options.export_dir.glob("*.md"))
        await pilot.press("c")
        await pilot.pause()
        head = str(app.screen.query_one("#compare-head", Static).content)
        assert head == "This project file is no longer there."


def test_the_rulesets_watched_are_the_files_a_load_reads(tmp_path: Path) -> None:
    # The watcher globbed `*.yaml`/`*.yml` in lower case, while rulesets are read in any
    # case (`RULES.YAML`): an edit to such a file was never seen.
    from checker.resolving import LazyCatalogue
    from checker.tui.watch import ruleset_files
    from checker.tui.workspace import Options

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "RULES.YAML").write_text("id: mine\n", encoding="utf-8")
    (mine / "notes.txt").write_text("not a ruleset\n", encoding="utf-8")
    options = Options(paths=("projects",), rulesets=(str(mine),))
    watched = ruleset_files(LazyCatalogue(options.rulesets), options)
    assert (mine / "RULES.YAML").resolve() in watched
    assert (mine / "notes.txt").resolve() not in watched

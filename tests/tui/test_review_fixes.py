"""Issue 16's TUI findings, each driven through the real app: counts, columns, ellipses,
sorting, help, exports, a missing path, Home/End and ctrl+r during the first check."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Static

from checker.findings import Severity
from checker.tui import background
from checker.tui.app import GovcheckApp
from checker.tui.model import Review, review
from checker.tui.screens.compare import CompareScreen
from checker.tui.screens.help import HelpScreen
from checker.tui.screens.portfolio import PortfolioScreen
from checker.tui.screens.rules import RulesScreen
from checker.tui.widgets.findings_tree import column_widths
from checker.tui.widgets.project_table import ProjectTable
from tests.conftest import Completed
from tests.tui.conftest import MakeApp, open_project, ready, until

BISHKEK = "projects/kg-bishkek-safe-city.yaml"
EXPIRED = """\
waivers:
  - rule: EU-TR-OPEN-PROCEDURE
    project: kg-bishkek-safe-city
    justification: Decided before the new procurement law.
    approved_by: Review board
    expires: 2025-01-31
    created: 2024-05-01
"""


def notes(app: GovcheckApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification the app shows from now on."""
    seen: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: seen.append(str(message)))
    return seen


def state(screen: PortfolioScreen) -> str:
    return str(screen.query_one("#portfolio-state").render())


async def test_home_and_end_go_to_the_first_and_last_project(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        table = screen.query_one(ProjectTable)
        await pilot.press("end")
        assert table.current == screen.shown[-1].key
        info = str(screen.query_one("#project-info", Static).content)
        assert screen.shown[-1].id in info  # the panel follows the cursor
        await pilot.press("home")
        assert table.current == screen.shown[0].key


async def test_the_sort_arrow_means_the_same_on_every_column(
    projects: Path, make_app: MakeApp
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        # ↓: the largest first (most failing); ↑: the smallest or A first.
        assert "failing (eu) ↓ most failing first" in state(screen)
        await pilot.press("s")
        assert "score (eu) ↑ lowest score first" in state(screen)
        shares = [r.scores["eu"].share or 0 for r in screen.shown]
        assert shares == sorted(shares)
        await pilot.press("s")
        assert "project ↑ A→Z" in state(screen)
        await pilot.press("S")
        assert "project ↓ Z→A" in state(screen)
        assert [r.id for r in screen.shown] == sorted((r.id for r in screen.shown), reverse=True)
        header = screen.query_one(ProjectTable)._header(0).text  # the sorted column's mark
        assert "↓" in header


async def test_compare_of_an_invalid_file_says_it_was_not_checked(
    projects: Path, make_app: MakeApp
) -> None:
    (projects / "broken.yaml").write_text("id: broken\ntitle: [x\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        app.push_screen(CompareScreen("projects/broken.yaml"))
        await pilot.pause()
        side = str(app.screen.query_one("#side-a", Static).content)
        assert "not checked" in side
        assert "no conditions" not in side
        assert "failing" not in side
        note = str(app.screen.query_one("#topic-note", Static).content)
        assert "broken.yaml:" in note  # its problems, located


async def test_not_checked_is_said_whole_at_120_columns(projects: Path, make_app: MakeApp) -> None:
    """The sentence sat in the left half, cut to "fix its problem…"; it takes the width,
    and the other side comes back when the file is read again."""
    broken = projects / "broken.yaml"
    broken.write_text("id: broken\ntitle: [x\n", encoding="utf-8")
    app = make_app(poll=0.05)
    async with app.run_test(size=(120, 35)) as pilot:
        await ready(pilot)
        app.push_screen(CompareScreen("projects/broken.yaml"))
        await pilot.pause()
        side = app.screen.query_one("#side-a", Static)
        words = str(side.content)
        assert words.endswith("fix its problems first")
        assert len(words) <= side.content_region.width
        other = app.screen.query_one("#side-b", Static)
        assert not other.display
        text = (projects / "tj-dushanbe-safe-city.yaml").read_text(encoding="utf-8")
        broken.write_text(text.replace("id: tj-dushanbe-safe-city", "id: broken"), "utf-8")
        assert await until(pilot, lambda: bool(other.display))
        assert str(other.content).startswith("minimal ")


@pytest.mark.parametrize("width", [100, 160])
async def test_compare_cells_are_cut_with_an_ellipsis(
    projects: Path, make_app: MakeApp, width: int
) -> None:
    app = make_app()
    async with app.run_test(size=(width, 40)) as pilot:
        await ready(pilot)
        app.push_screen(CompareScreen(BISHKEK))
        await pilot.pause()
        await pilot.press("d")  # every condition: long titles and rule lists
        table = app.screen.query_one("#topics", DataTable)
        widths = [column.width for column in table.columns.values()]
        cut = 0
        for index in range(table.row_count):
            for cell, room in zip(table.get_row_at(index), widths, strict=True):
                assert cell_len(cell.plain.rstrip()) <= room
                cut += cell.plain.rstrip().endswith("…")
        assert cut  # some titles are longer than their column: they say so


async def test_an_expired_waiver_keeps_the_severity_column_in_place(
    projects: Path, make_app: MakeApp
) -> None:
    (projects / "govcheck-waivers.yaml").write_text(EXPIRED, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        screen = await open_project(pilot, BISHKEK)
        labels = {
            review(node.data): node.label.plain
            for node in screen.findings_tree.nodes.values()
            if node.data is not None
        }
        assert Review.EXPIRED in labels
        for state_, label in labels.items():
            before = label.split(" high ")[0] if " high " in label else None
            if before is None:
                continue
            # The severity starts at the same cell on every line: "⌛ expired" takes two
            # cells for its icon and must not run into the severity.
            prefix = label[: label.index(Severity.HIGH.value)]
            assert cell_len(prefix) == column_widths()[0], (state_, label)


async def test_compare_says_which_conditions_it_lists(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        app.push_screen(CompareScreen(BISHKEK))
        await pilot.pause()
        head = str(app.screen.query_one("#compare-head", Static).content)
        assert "only the differences" in head
        await pilot.press("d")
        head = str(app.screen.query_one("#compare-head", Static).content)
        assert "every condition" in head


async def test_help_lists_every_key_of_compare(projects: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(160, 60)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        text = str(screen.query_one("#help-text", Static).content)
        compare = text.split("\nCompare\n")[1].split("\n\n", maxsplit=1)[0]
        for key, words in (
            ("x", "Swap the two sides"),
            ("d", "only the differences"),
            ("o", "next profile"),
            ("Enter", "Detail"),
            ("Esc", "Back"),
        ):
            assert any(line.split()[0] == key and words in line for line in compare.splitlines())
        assert "≠" in text
        assert "~" in text
        portfolio = text.split("\nPortfolio\n")[1].split("\n\n", maxsplit=1)[0]
        assert any(line.split()[0] == "e" for line in portfolio.splitlines())


async def test_exports_never_overwrite_and_name_the_project(
    projects: Path, make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        seen = notes(app, monkeypatch)
        app.push_screen(CompareScreen(BISHKEK))
        await pilot.pause()
        await pilot.press("e")
        await ready(pilot)
        await pilot.press("e")
        await ready(pilot)
        first = tmp_path / "govcheck-compare-kg-bishkek-safe-city-eu-minimal.md"
        second = tmp_path / "govcheck-compare-kg-bishkek-safe-city-eu-minimal-2.md"
        assert first.is_file()
        assert second.is_file()
        assert (tmp_path / "govcheck-compare-kg-bishkek-safe-city-eu-minimal-2.html").is_file()
        assert not list(tmp_path.glob("*.yaml.*"))
        markdown = first.read_text(encoding="utf-8")
        # The comparison itself: both profiles' verdicts, as `govcheck compare` writes them.
        assert "eu" in markdown
        assert "minimal" in markdown
        assert "kg-bishkek-safe-city" in markdown
        html = first.with_suffix(".html").read_text(encoding="utf-8")
        assert "minimal" in html
        shown = [n for n in seen if ".md" in n]
        assert str(first.resolve()) in shown[0]
        assert str(second.resolve()) in shown[1]


async def test_e_on_the_rules_screen_writes_the_rules(
    projects: Path, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        assert isinstance(app.screen, RulesScreen)
        await pilot.press("slash", *"dpia", "enter")
        await pilot.press("e")
        await ready(pilot)
        written = (tmp_path / "govcheck-rules-eu.md").read_text(encoding="utf-8")
        assert "EU-DP-DPIA" in written
        assert "kg-bishkek-safe-city" not in written  # not the portfolio
        assert not (tmp_path / "govcheck-report.md").exists()


def test_a_missing_path_exits_2_like_check(govcheck: Callable[..., Completed]) -> None:
    done = govcheck("tui", "/nonexistent-govcheck-path")
    assert done.code == 2
    assert "/nonexistent-govcheck-path: no such file or folder" in done.err
    checked = govcheck("check", "/nonexistent-govcheck-path")
    assert checked.code == done.code


async def test_ctrl_r_during_the_first_check_does_not_restart_it(
    projects: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    go = threading.Event()
    calls: list[int] = []
    original = background.load_setup

    def slow_setup(*args: object, **kwargs: object) -> background.Setup:
        calls.append(1)
        go.wait(10)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(background, "load_setup", slow_setup)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        seen = notes(app, monkeypatch)
        await pilot.pause()
        assert app.checking
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert any("Already checking" in n for n in seen)
        go.set()
        await ready(pilot)
        assert len(calls) == 1  # the first check ran to its end, once
        assert app.workspace is not None
        assert len(app.workspace.rows) == 3
        await pilot.press("ctrl+r")  # once it is done, ctrl+r checks again, and says so
        await ready(pilot)
        assert any("Checking every project again" in n for n in seen)

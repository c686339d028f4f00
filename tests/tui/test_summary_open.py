"""A warm portfolio opens from the result cache's summaries; results are read on first use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker import checking
from checker.tui.workspace import Workspace
from tests.tui.conftest import MakeApp, open_project, ready, until

BISHKEK = "projects/kg-bishkek-safe-city.yaml"
DUSHANBE = "projects/tj-dushanbe-safe-city.yaml"
WAIVERS = """\
waivers:
  - rule: MIN-LOCAL-PERMITS
    project: tj-dushanbe-safe-city
    justification: Permits are issued by the city, reviewed in person.
    approved_by: Review board
    expires: 2025-12-31
    created: 2025-05-01
"""


def _never(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("a file was evaluated again: its stored result was not used")


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own: one test here empties it."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GOVCHECK_CACHE_DIR", str(folder))
    return folder


async def _cold(make_app: MakeApp) -> Workspace:
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        assert app.workspace is not None
        return app.workspace


async def test_a_warm_open_lists_every_row_without_reading_a_result(
    projects: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows of a warm open equal a cold open's; no result is read until a project is
    opened, and then only that one (from the cache: nothing is evaluated again)."""
    cold = await _cold(make_app)
    monkeypatch.setattr(checking, "check_document", _never)
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        workspace = app.workspace
        assert workspace is not None
        assert workspace.rows == cold.rows
        assert all(workspace.raw.unread(key) for key in workspace.rows)
        screen = await open_project(pilot, BISHKEK)
        assert screen.findings  # the project screen lists the stored result's findings
        assert not workspace.raw.unread(BISHKEK)
        assert [key for key in workspace.rows if not workspace.raw.unread(key)] == [BISHKEK]
        assert workspace.results[BISHKEK] == cold.results[BISHKEK]
        assert workspace.run() == cold.run()  # a whole-portfolio export reads them all


async def test_a_project_a_waiver_names_is_read_and_reviewed_at_once(
    projects: Path, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Waivers change a row (waived is not met): a project they name is read in full and
    reviewed while the portfolio opens, the others still come from their summaries."""
    (projects / "govcheck-waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    cold = await _cold(make_app)
    monkeypatch.setattr(checking, "check_document", _never)
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        workspace = app.workspace
        assert workspace is not None
        assert not workspace.raw.unread(DUSHANBE)
        assert workspace.raw.unread(BISHKEK)
        assert workspace.rows == cold.rows
        assert workspace.rows[DUSHANBE].scores["minimal"].score.waived == 1


async def test_a_result_the_cache_lost_is_checked_again_when_opened(
    projects: Path, make_app: MakeApp, own_cache: Path
) -> None:
    """The cache emptied while the portfolio is open: the project is checked again, and
    shows the same result."""
    cold = await _cold(make_app)
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        workspace = app.workspace
        assert workspace is not None
        assert workspace.raw.unread(BISHKEK)
        database = sqlite3.connect(own_cache / "results-v2.sqlite")
        with database:
            database.execute("DELETE FROM results")
        database.close()
        await open_project(pilot, BISHKEK)
        assert workspace.results[BISHKEK] == cold.results[BISHKEK]


async def test_a_waiver_written_later_reads_its_project_and_changes_its_row(
    projects: Path, make_app: MakeApp
) -> None:
    """Live reload over a warm open: the project a new waiver names is read back and
    reviewed; the others stay unread."""
    await _cold(make_app)
    app = make_app(poll=0.05)
    async with app.run_test() as pilot:
        await ready(pilot)
        workspace = app.workspace
        assert workspace is not None
        assert workspace.raw.unread(DUSHANBE)
        before = workspace.rows[DUSHANBE].scores["minimal"].score
        (projects / "govcheck-waivers.yaml").write_text(WAIVERS, encoding="utf-8")
        assert await until(pilot, lambda: not workspace.raw.unread(DUSHANBE))
        assert await until(
            pilot, lambda: workspace.rows[DUSHANBE].scores["minimal"].score.waived == 1
        )
        after = workspace.rows[DUSHANBE].scores["minimal"].score
        assert after.failed + after.not_shown == before.failed + before.not_shown - 1
        assert workspace.raw.unread(BISHKEK)


async def test_a_copy_with_the_same_id_is_marked_without_reading_the_others(
    projects: Path, make_app: MakeApp
) -> None:
    """A file copied beside a warm portfolio duplicates an id: the copy is checked, the
    first file keeps its id unmarked and unread, the copy is marked."""
    await _cold(make_app)
    app = make_app(poll=0.05)
    async with app.run_test() as pilot:
        await ready(pilot)
        workspace = app.workspace
        assert workspace is not None
        copy = projects / "zz-copy.yaml"
        copy.write_bytes((projects / "kg-bishkek-safe-city.yaml").read_bytes())
        key = "projects/zz-copy.yaml"
        assert await until(pilot, lambda: key in workspace.duplicates)
        assert workspace.duplicates[key] == BISHKEK
        assert workspace.raw.unread(BISHKEK)
        assert BISHKEK not in workspace.duplicates
        rules = {p.rule for p in workspace.results[key].problems}
        assert "project.duplicate-id" in rules
        assert workspace.rows[key].input_problems == workspace.rows[BISHKEK].input_problems + 1

"""A warm portfolio opens from the result cache's summaries; results are read on first use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker import checking
from checker.tui.workspace import Workspace
from tests.tui.conftest import MakeApp, open_project, ready

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

"""The TUI resolves profiles as `govcheck check` does, so both share the result cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker import checking
from checker.tui.app import GovcheckApp
from checker.tui.workspace import Options, load_setup
from tests.tui.conftest import AS_OF, TODAY, ready


def _check(folder: Path, cache: Path) -> dict[str, object]:
    options = ["-p", "eu", "-p", "minimal", "--as-of", AS_OF.isoformat(), "--fail-on", "none"]
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(folder), "-f", "json", *options],
        capture_output=True,
        text=True,
        env={**os.environ, "GOVCHECK_CACHE_DIR": str(cache)},
        check=True,
    )
    document: dict[str, object] = json.loads(done.stdout)
    return document


async def test_the_tui_opens_with_the_results_a_check_cached(
    projects: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    checked = _check(projects, cache)
    monkeypatch.setenv("GOVCHECK_CACHE_DIR", str(cache))

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a file was evaluated again: the TUI missed the check's cache")

    monkeypatch.setattr(checking, "check_document", never)
    options = Options(paths=("projects",), today=TODAY, as_of=AS_OF, export_dir=tmp_path)
    app = GovcheckApp(options, poll_seconds=0)  # no catalogue given: resolved as the CLI does
    async with app.run_test() as pilot:
        await ready(pilot)
        assert app.workspace is not None
        rows = {row.id: row for row in app.workspace.rows.values()}
    projects_checked = checked["projects"]
    assert isinstance(projects_checked, list)
    assert set(rows) == {p["id"] for p in projects_checked}
    for project in projects_checked:
        eu = next(r for r in project["results"] if r["profile"] == "eu")
        score = rows[project["id"]].scores["eu"]
        assert sum(score.not_shown) == eu["counts"]["not_shown"], project["id"]
        assert score.score.passed == eu["score"]["passed"], project["id"]


def test_opening_reads_no_rule_models_until_a_screen_needs_them(tmp_path: Path) -> None:
    """From the compiled-profile cache, a session starts without loading the rulesets'
    full models (about half a second); asking for the catalogue loads it once."""
    options = Options(paths=("projects",), today=TODAY, as_of=AS_OF, export_dir=tmp_path)
    load_setup(options)  # fills the profile cache if this run's is empty
    setup = load_setup(options)
    assert [p.id for p in setup.profiles] == ["eu", "minimal"]
    assert all(p.content_key for p in setup.profiles)  # the key `check` uses too
    assert not setup.rulesets.loaded
    assert "eu" in setup.catalogue.profiles
    assert setup.rulesets.loaded

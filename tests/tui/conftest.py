"""Fixtures for the TUI tests: a fixed copy of sample projects and an app factory.

Every app gets the session's catalogue (loading rulesets takes a second),
a fixed "today" for waivers, a fixed reference date for obligations, its own
export folder, and no live-reload polling unless a test asks for it, so that
tests are fast and snapshots deterministic.
"""

from __future__ import annotations

import asyncio
import inspect
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from checker.profiles import Catalogue, ResolvedProfile, resolve_profile
from checker.tui.app import GovcheckApp
from checker.tui.screens.project import ProjectScreen
from checker.tui.workspace import Options
from tests.conftest import ROOT

TODAY = date(2025, 6, 1)
AS_OF = date(2026, 12, 4)
"""The reference date: the Cyber Resilience Act duties (from 2027-12-11) are upcoming."""
SAMPLES = ("kg-bishkek-safe-city", "kg-5g-multivendor-core", "tj-dushanbe-safe-city")
HOSTILE_TITLE = "[bold red]x[/] [@click=app.quit]y[/]"

MakeApp = Callable[..., GovcheckApp]


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (Textual's pilot is async; no plugin needed)."""
    function = pyfuncitem.obj
    if not inspect.iscoroutinefunction(function):
        return None
    names = inspect.signature(function).parameters
    asyncio.run(function(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture
def projects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A few sample projects in ./projects of a fresh working directory."""
    folder = tmp_path / "projects"
    folder.mkdir()
    for name in SAMPLES:
        shutil.copy(ROOT / "projects" / f"{name}.yaml", folder)
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture(scope="session")
def host_kz(catalogue: Catalogue) -> ResolvedProfile:
    """Kazakhstan's host-law profile: out of scope for a Kyrgyz project."""
    return resolve_profile(catalogue, "host-kz")


@pytest.fixture
def make_app(catalogue: Catalogue, tmp_path: Path) -> MakeApp:
    def make(*paths: str | Path, poll: float = 0, **options: object) -> GovcheckApp:
        settings = Options(
            paths=tuple(str(p) for p in paths) or ("projects",),
            today=TODAY,
            export_dir=tmp_path,
            as_of=options.pop("as_of", AS_OF),
            **options,  # type: ignore[arg-type]
        )
        return GovcheckApp(settings, catalogue=catalogue, poll_seconds=poll)

    return make


async def ready(pilot: Pilot[int]) -> None:
    """Wait until the check (and any other work but watching files) is done and painted."""
    for _ in range(2):
        working = [w for w in pilot.app.workers if w.group != "watch"]
        if working:  # an empty list would mean "every worker", the watcher too
            await pilot.app.workers.wait_for_complete(working)
        await pilot.pause()


async def open_project(pilot: Pilot[int], path: str) -> ProjectScreen:
    """Open the project screen of `path` and return it, once painted."""
    pilot.app.push_screen(ProjectScreen(path))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    return screen


async def until(pilot: Pilot[int], condition: Callable[[], bool], tries: int = 100) -> bool:
    """Let the app run until `condition` holds (live reload polls in the background)."""
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()

"""Snapshots of the main screens at 100×30 (Textual is pinned, so they move only with us).

The projects are a fixed copy of three samples in ./projects, the date is
fixed and nothing is polled, so every run draws the same screens. After an
intended change: `python -m pytest tests/tui/test_snapshots.py --snapshot-update`,
then look at the SVGs under tests/tui/__snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.tui.conftest import MakeApp, ready

SIZE = (100, 30)
Compare = Callable[..., bool]


def after(*keys: str) -> Callable[[Pilot[int]], object]:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        for key in keys:
            await pilot.press(key)
            await ready(pilot)

    return run_before


def test_portfolio(snap_compare: Compare, projects: Path, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after())


def test_project(snap_compare: Compare, projects: Path, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after("enter"))


def test_detail(snap_compare: Compare, projects: Path, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after("enter", "n", "enter"))


def test_compare(snap_compare: Compare, projects: Path, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after("c"))


def test_waive_form_light(snap_compare: Compare, projects: Path, make_app: MakeApp) -> None:
    # Light theme; the status filter on "fail" (the snapshot waives a stated failure); an empty
    # justification is refused.
    keys = ("t", "enter", "f", "f", "w", "enter")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after(*keys))

"""Once the portfolio is stored, its long-lived objects are out of the collector's way."""

from __future__ import annotations

import gc
from pathlib import Path

from tests.tui.conftest import MakeApp, ready


async def test_the_stored_portfolio_is_frozen_and_let_go_on_exit(
    projects: Path, make_app: MakeApp
) -> None:
    """A full collection over 10,000 rows took 160-180 ms, inside whatever key it met;
    frozen (`gc.freeze`), the rows are not scanned. The app unfreezes when it closes."""
    before = gc.get_freeze_count()
    app = make_app()
    async with app.run_test() as pilot:
        await ready(pilot)
        assert app.workspace is not None
        frozen = gc.get_freeze_count()
        assert frozen > before
        row = next(iter(app.workspace.rows.values()))
        assert gc.is_tracked(row)
        assert not any(obj is row for obj in gc.get_objects())  # the collector's lists
    assert gc.get_freeze_count() == 0

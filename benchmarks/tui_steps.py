"""How instant the reviewer TUI feels on a large portfolio, once the check is done.

    python benchmarks/tui_steps.py CORPUS_DIR [--size 160x50] [--presses 40]

Runs govcheck's reviewer app headless (Textual's `run_test`) on the corpus and
prints one JSON line with the median and 95th percentile, in milliseconds, of
the time from a key press to the next screen refresh after it handled the key:
`n` (next failure) on the project with the most failures, `s` (sort) and a
typed filter character on the portfolio, and Enter (open the project). Owns
nothing else; `tui_paint.py` measures the first paint after the check.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

from textual.pilot import Pilot

from checker.tui import app as app_module
from checker.tui.app import GovcheckApp
from checker.tui.workspace import Options


class StepApp(GovcheckApp):
    """The reviewer app, timing each key from arrival to the refresh that shows it."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
    pressed: float = 0.0
    shown: float | None = None

    async def _on_key(self, event: object) -> None:  # the very first handler of a key
        self.pressed, self.shown = time.perf_counter(), None
        self.call_after_refresh(self._shown)
        await super()._on_key(event)  # type: ignore[arg-type]

    def _shown(self) -> None:
        if self.shown is None:
            self.shown = time.perf_counter()


async def press(pilot: Pilot[int], app: StepApp, key: str) -> float:
    await pilot.press(key)
    while app.shown is None:
        await pilot.pause(0.001)
    return (app.shown - app.pressed) * 1000


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
    }


async def measure(corpus: Path, size: tuple[int, int], presses: int) -> dict[str, object]:
    app = StepApp(Options(paths=(str(corpus),)), poll_seconds=0)
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        sorts = [await press(pilot, app, "s") for _ in range(10)]
        while app.screen.sort_key != "fails":  # type: ignore[attr-defined]
            await press(pilot, app, "s")
        typed = [await press(pilot, app, k) for k in ("slash", *"kg", "escape")]
        opened = [await press(pilot, app, "enter")]
        steps = [await press(pilot, app, "n") for _ in range(presses)]
        projects = len(app.workspace.rows) if app.workspace else 0
    return {
        "projects": projects,
        "next_failure": summary(steps),
        "sort": summary(sorts),
        "filter_key": summary(typed),
        "open_project": summary(opened),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--size", default="160x50", help="terminal size, COLSxROWS")
    parser.add_argument("--presses", type=int, default=40, help="how many `n` presses")
    args = parser.parse_args(argv)
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    print(json.dumps(asyncio.run(measure(args.corpus, (cols, rows), args.presses))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time from "check finished" to the TUI's first paint of the results.

    python benchmarks/tui_paint.py CORPUS_DIR [--size 160x50]

Runs govcheck's reviewer app headless (Textual's `run_test`) on the corpus
with the default profiles (eu compared with minimal) and prints one JSON
line: seconds from start to the `Results` message (the check, in the app's
worker thread), and seconds from that message to the first screen refresh
after it (the paint of the portfolio). Owns nothing else; the app is used
through its public class only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

from checker.tui import app as app_module
from checker.tui.app import GovcheckApp
from checker.tui.messages import Results
from checker.tui.workspace import Options

TIMEOUT = 600.0


class TimedApp(GovcheckApp):
    """The reviewer app, noting when results arrive and when they are first painted."""

    # Textual finds CSS beside the class's module; the subclass lives here.
    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
    started: float = 0.0
    results_at: float | None = None
    painted_at: float | None = None

    def on_results(self, message: Results) -> None:
        """Note the time, let the app store and show the results, then wait for the paint."""
        self.results_at = time.perf_counter()
        super().on_results(message)
        self.call_after_refresh(self._note_paint)

    def _note_paint(self) -> None:
        if self.painted_at is None:
            self.painted_at = time.perf_counter()


async def measure(corpus: Path, size: tuple[int, int]) -> dict[str, float]:
    """Open the app on `corpus`, wait for the first paint after the check."""
    app = TimedApp(Options(paths=(str(corpus),)), poll_seconds=0)
    app.started = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        while app.painted_at is None and time.perf_counter() - app.started < TIMEOUT:
            await pilot.pause(0.02)
    if app.results_at is None or app.painted_at is None:
        raise SystemExit("tui_paint: no results painted before the timeout")
    return {
        "check_seconds": app.results_at - app.started,
        "paint_seconds": app.painted_at - app.results_at,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: one measurement, printed as a JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--size", default="160x50", help="terminal size, COLSxROWS")
    args = parser.parse_args(argv)
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    result = asyncio.run(measure(args.corpus, (cols, rows)))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

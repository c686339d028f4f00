"""The reviewer TUI at portfolio scale, against `govcheck check --jobs N` in the same run.

    python benchmarks/tui_scale.py CORPUS_DIR [--jobs 2] [--size 160x45]

Each measurement is a whole process, started from this script, with its own
fresh cache folder for the cold runs and the same folder again for the warm
ones: `govcheck check CORPUS -p eu -p minimal -q --jobs N` cold and warm, then
the real app (Textual's `run_test`, headless, this file's `--child` mode) cold
and warm. The app reports, from its process start, when its first rows and its
full portfolio were painted (wall and CPU seconds); after the warm open, once the
rulesets catalogue has loaded behind the rows, it times keys (from the key event
to the next refresh): arrow down, a filter keystroke, sort, the command palette
opening (first and second time), and the CPU the idle app takes over 3 s with
live reload on. GC_SAMPLES=1 adds every key's time.
Prints one JSON line; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

GOVCHECK = str(Path(sys.executable).with_name("govcheck"))


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    quiet = subprocess.DEVNULL
    subprocess.run(command, env=env, stdout=quiet, stderr=quiet, check=False)
    return time.perf_counter() - started


def child(corpus: Path, jobs: int, size: tuple[int, int], keys: bool) -> dict[str, object]:
    """Run the app once in this process; times are from the process start."""
    from textual import events
    from textual.command import CommandPalette
    from textual.pilot import Pilot

    from checker.tui import app as app_module
    from checker.tui.app import GovcheckApp
    from checker.tui.messages import Results
    from checker.tui.workspace import Options

    class ScaleApp(GovcheckApp):
        CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
        first: float | None = None
        full: float | None = None
        pressed = 0.0
        shown: float | None = None
        cpu: ClassVar[dict[str, float]] = {}

        def on_results(self, message: Results) -> None:
            super().on_results(message)
            if message.items and self.first is None:
                self.call_after_refresh(self._mark, "first")
            if not message.partial and message.complete:
                self.call_after_refresh(self._mark, "full")

        def _mark(self, name: str) -> None:
            if getattr(self, name) is None:
                setattr(self, name, time.perf_counter())
                self.cpu[name] = time.process_time()

        async def on_event(self, event: events.Event) -> None:
            # Every key enters here, before any binding or widget takes it (`_on_key`
            # never hears of a key a binding or the filter's input consumed).
            if isinstance(event, events.Key):
                self.pressed, self.shown = time.perf_counter(), None
                self.call_after_refresh(self._shown)
            await super().on_event(event)

        def _shown(self) -> None:
            if self.shown is None:
                self.shown = time.perf_counter()

    async def press(pilot: Pilot[int], app: ScaleApp, key: str) -> float:
        await pilot.press(key)
        while app.shown is None:
            await asyncio.sleep(0.001)  # not pilot.pause: it forces a repaint every time
        return (app.shown - app.pressed) * 1000

    async def palette(pilot: Pilot[int], app: ScaleApp) -> float:
        """From the key to the first paint of the palette with its list (Textual shows the
        palette's box once its providers have answered: the `-ready` class). Watched
        beside the key press: `pilot.press` returns only once the app is idle."""
        painted: list[float] = []

        async def watch() -> None:
            while not (isinstance(app.screen, CommandPalette) and app.screen.has_class("-ready")):
                await asyncio.sleep(0.001)
            app.call_after_refresh(lambda: painted.append(time.perf_counter()))

        watcher = asyncio.ensure_future(watch())
        await pilot.press("ctrl+p")
        await watcher
        while not painted:
            await asyncio.sleep(0.001)
        return (painted[0] - app.pressed) * 1000

    async def run() -> dict[str, object]:
        app = ScaleApp(Options(paths=(str(corpus),), jobs=jobs), poll_seconds=1.0)
        out: dict[str, object] = {}
        async with app.run_test(size=size) as pilot:
            while app.full is None:
                await pilot.pause(0.01)
            start = float(os.environ["GC_START"])
            out["first_rows_s"] = round((app.first or app.full) - start, 3)
            out["full_s"] = round(app.full - start, 3)
            # CPU seconds of this process (every thread) by then: on a shared box, the
            # part of the wall time that is the app's own work.
            out["first_rows_cpu_s"] = round(app.cpu.get("first", app.cpu["full"]), 3)
            out["full_cpu_s"] = round(app.cpu["full"], 3)
            out["projects"] = len(app.workspace.rows) if app.workspace else 0
            if keys:
                # The keys are pressed once the rulesets catalogue has loaded behind the
                # painted portfolio (a second or two, while the reviewer reads the rows):
                # pressed before, they share the interpreter with it.
                workspace = app.workspace
                while workspace is not None and not workspace.setup.rulesets.loaded:
                    await pilot.pause(0.01)
                out["catalogue_s"] = round(time.perf_counter() - start, 3)
                await pilot.pause(0.5)
                down = [await press(pilot, app, "down") for _ in range(20)]
                sort = [await press(pilot, app, "s") for _ in range(5)]
                typed = [await press(pilot, app, k) for k in ("slash", *"kg-cl", "escape")]
                palette_open = await palette(pilot, app)
                await pilot.press("escape")
                await pilot.pause(0.3)
                palette_again = await palette(pilot, app)
                await pilot.press("escape")
                await pilot.pause(0.3)
                cpu = time.process_time()
                await asyncio.sleep(3)
                idle = (time.process_time() - cpu) / 3
                out["keys_ms"] = {
                    "down_median": round(statistics.median(down), 1),
                    "down_max": round(max(down), 1),
                    "sort_median": round(statistics.median(sort), 1),
                    "sort_max": round(max(sort), 1),
                    "filter_median": round(statistics.median(typed), 1),
                    "filter_max": round(max(typed), 1),
                    "palette_open": round(palette_open, 1),
                    "palette_open_again": round(palette_again, 1),
                }
                out["idle_cpu_percent"] = round(idle * 100, 1)
                if os.environ.get("GC_SAMPLES"):  # every press, to see which one is slow
                    out["samples_ms"] = {
                        name: [round(t) for t in times]
                        for name, times in (("down", down), ("sort", sort), ("typed", typed))
                    }
        return out

    return asyncio.run(run())


def app_run(corpus: Path, jobs: int, size: str, env: dict[str, str], keys: bool) -> object:
    command = [sys.executable, __file__, str(corpus), "--child", "--jobs", str(jobs)]
    command += ["--size", size] + (["--keys"] if keys else [])
    run_env = dict(env, GC_START=repr(time.perf_counter()))
    done = subprocess.run(command, env=run_env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--size", default="160x45", help="terminal size, COLSxROWS")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--keys", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    if args.child:
        print(json.dumps(child(args.corpus, args.jobs, (cols, rows), args.keys)))
        return 0
    check = [GOVCHECK, "check", str(args.corpus), "-p", "eu", "-p", "minimal", "-q"]
    check += ["--jobs", str(args.jobs)]
    result: dict[str, object] = {"corpus": str(args.corpus), "jobs": args.jobs}
    with tempfile.TemporaryDirectory() as cli_cache, tempfile.TemporaryDirectory() as tui_cache:
        cli_env = dict(os.environ, GOVCHECK_CACHE_DIR=cli_cache)
        tui_env = dict(os.environ, GOVCHECK_CACHE_DIR=tui_cache)
        result["check_cold_s"] = round(timed(check, cli_env), 3)
        result["tui_cold"] = app_run(args.corpus, args.jobs, args.size, tui_env, keys=False)
        result["check_warm_s"] = round(timed(check, cli_env), 3)
        result["tui_warm"] = app_run(args.corpus, args.jobs, args.size, tui_env, keys=True)
    for kind in ("cold", "warm"):
        app = result[f"tui_{kind}"]
        check_s = result[f"check_{kind}_s"]
        assert isinstance(app, dict)
        assert isinstance(check_s, float)
        result[f"{kind}_ratio"] = round(float(app["full_s"]) / check_s, 2)
    result["load_average"] = os.getloadavg()[0]
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

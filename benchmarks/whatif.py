"""What-if and the scenario pane: how they compare with a plain check, and how fast the
pane answers a change.

    python benchmarks/whatif.py [PROJECT] [--rounds 9] [--changes 30]

Prints one JSON line:
- `whatif_vs_check`: the median wall time of `govcheck whatif PROJECT --set
  ai_systems/0/rbi_mode=post -p eu -p minimal` over that of `govcheck check PROJECT
  -p eu -p minimal`, both as users run them (result cache on, warm), runs
  interleaved in the same session (target < 2); `whatif_vs_check_no_cache`, the same
  against `check --no-cache` (no cached result: both evaluate);
- `pane_core_ms`: median and 95th percentile of one re-evaluation after a change in
  the scenario pane's model (what its worker thread runs: the change written into the
  text, parsed, validated, checked under both profiles, compared);
- `pane_key_ms`: median and 95th percentile from a key press in the pane (space: the
  fact's next accepted value) to both sides repainted, in the real app (target 100).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "projects" / "kg-bishkek-safe-city.yaml"
POINTER = "/ai_systems/0/rbi_mode"


def _run(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, check=False)
    return time.perf_counter() - started


def commands(project: Path, rounds: int) -> dict[str, float]:
    profiles = ["-p", "eu", "-p", "minimal"]
    whatif = ["whatif", str(project), "--set", f"{POINTER}=post", *profiles]
    check = ["check", str(project), *profiles]
    _run(check)  # warm the caches and the disk
    times: dict[str, list[float]] = {"whatif": [], "check": [], "nocache": []}
    for _ in range(rounds):
        times["whatif"].append(_run(whatif))
        times["check"].append(_run(check))
        times["nocache"].append(_run([*check, "--no-cache"]))
    median = {k: statistics.median(v) for k, v in times.items()}
    return {
        "whatif_s": round(median["whatif"], 3),
        "check_s": round(median["check"], 3),
        "check_no_cache_s": round(median["nocache"], 3),
        "whatif_vs_check": round(median["whatif"] / median["check"], 2),
        "whatif_vs_check_no_cache": round(median["whatif"] / median["nocache"], 2),
    }


def pane_core(project: Path, changes: int) -> dict[str, float]:
    from checker import load_catalogue, resolve_profile
    from checker.tui.scenario import Scenario

    catalogue = load_catalogue()
    profiles = [resolve_profile(catalogue, "eu"), resolve_profile(catalogue, "minimal")]
    scenario = Scenario.load(project, profiles, "2026-12-04")
    scenario.evaluate()
    times = []
    for index in range(changes):
        scenario.set(POINTER, ("post", "real_time")[index % 2])
        started = time.perf_counter()
        scenario.evaluate()
        times.append((time.perf_counter() - started) * 1000)
    return _spread(times)


def _spread(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median": round(statistics.median(ordered), 1),
        "p95": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
    }


async def pane_keys(project: Path, changes: int) -> dict[str, float]:
    import shutil
    import tempfile

    from checker.tui import app as app_module
    from checker.tui.app import GovcheckApp
    from checker.tui.screens.scenario import ScenarioScreen
    from checker.tui.workspace import Options

    folder = Path(tempfile.mkdtemp())
    copy = folder / project.name
    shutil.copy(project, copy)
    marks: dict[str, float] = {}

    class KeyApp(GovcheckApp):
        """Times each key from its arrival to the refresh after the pane showed the answer."""

        CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))

        async def _on_key(self, event: object) -> None:
            marks["pressed"] = time.perf_counter()
            marks.pop("shown", None)
            await super()._on_key(event)  # type: ignore[arg-type]

    class TimedScreen(ScenarioScreen):
        def _show(self, whatif: object, error: str, seconds: float) -> None:
            super()._show(whatif, error, seconds)  # type: ignore[arg-type]
            self.app.call_after_refresh(lambda: marks.setdefault("shown", time.perf_counter()))

    app = KeyApp(Options(paths=(str(copy),), export_dir=folder), poll_seconds=0)
    times = []
    async with app.run_test(size=(160, 48)) as pilot:
        while app.workspace is None:
            await pilot.pause(0.05)
        app.push_screen(TimedScreen(copy))
        screen = app.screen
        assert isinstance(screen, ScenarioScreen)
        while screen.whatif is None:
            await pilot.pause(0.01)
        screen.query_one("DataTable").move_cursor(  # type: ignore[attr-defined]
            row=[f.pointer for f in screen.rows].index(POINTER)
        )
        for _ in range(changes):
            shown = screen.whatif
            await pilot.press("space")
            while screen.whatif is shown or "shown" not in marks:
                await pilot.pause(0.005)
            times.append((marks["shown"] - marks["pressed"]) * 1000)
    shutil.rmtree(folder, ignore_errors=True)
    return _spread(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    result: dict[str, object] = {"project": args.project.name}
    result.update(commands(args.project, args.rounds))
    result["pane_core_ms"] = pane_core(args.project, args.changes)
    result["pane_key_ms"] = asyncio.run(pane_keys(args.project, args.changes))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

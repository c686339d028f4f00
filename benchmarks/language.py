"""The text check in Russian against English (issue 19: within 5 %), in one process.

    python benchmarks/corpus.py /tmp/c1k 1000
    python benchmarks/language.py /tmp/c1k [--rounds 7]
    python benchmarks/language.py /tmp/gcbench/c200 --instructions [--cold]

Resolves `eu` and `minimal` once per language (as the compiled-profile cache serves
them), then times, in CPU seconds, checking the corpus and rendering the text report,
English and Russian interleaved (the order alternates each round, so a slow spell of a
shared machine hits both). Prints one JSON line: the best and median of each and their
ratios (Russian ÷ English; target ≤ 1.05). The wording memos of the engine forget on
every switch, so each run pays for wording its texts once, as a real run does.

Wall-clock and CPU time on a shared machine vary by ±10 % between rounds, more than
the 5 % asked about. `--instructions` counts instead: it runs the real command
(`govcheck check CORPUS -p eu -p minimal -q --fail-on none --lang L`) under valgrind's
callgrind, once per language, and compares the instructions executed (deterministic
to well under 1 %). By default the compiled profiles come from a warm cache (a
private cache folder, primed by one run per language, the result cache emptied
before each measured run), as every run after the first; `--cold` adds `--no-cache`,
so that resolving the profiles (reading the translation files) is counted too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("GOVCHECK_LANG", "en")

from checker.checking import check
from checker.cli.common import profiles
from checker.i18n import use_language
from checker.report import render_to_string
from checker.report.options import RenderOptions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under callgrind"
    )
    parser.add_argument("--cold", action="store_true", help="with --instructions: --no-cache")
    args = parser.parse_args()
    if args.instructions:
        print(json.dumps(instructions(args.corpus, cold=args.cold)))
        return
    resolved = {}
    for language in ("en", "ru"):
        use_language(language)
        resolved[language] = profiles(["eu", "minimal"], use_cache=False)

    def run(language: str) -> float:
        use_language(language)
        start = time.process_time()
        result = check([args.corpus], resolved[language])
        render_to_string("text", result, RenderOptions())
        return time.process_time() - start

    run("en")
    run("ru")  # warm-up: imports, the catalog
    times: dict[str, list[float]] = {"en": [], "ru": []}
    for index in range(args.rounds):
        for language in ("en", "ru") if index % 2 == 0 else ("ru", "en"):
            times[language].append(run(language))
    best = {k: min(v) for k, v in times.items()}
    median = {k: statistics.median(v) for k, v in times.items()}
    print(
        json.dumps(
            {
                "best_s": best,
                "median_s": median,
                "ru_vs_en_best": round(best["ru"] / best["en"], 3),
                "ru_vs_en_median": round(median["ru"] / median["en"], 3),
                "rounds": args.rounds,
            }
        )
    )


def instructions(corpus: str, *, cold: bool) -> dict[str, object]:
    """Instructions executed by `govcheck check` in each language (callgrind's Ir)."""
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "GOVCHECK_CACHE_DIR": cache}
        command = [sys.executable, "-m", "checker", "check", corpus, "-p", "eu", "-p", "minimal"]
        command += ["-q", "--fail-on", "none"] + (["--no-cache"] if cold else [])
        for language in ("en", "ru"):
            if not cold:  # prime the compiled-profile cache of this language
                subprocess.run(
                    [*command, "--lang", language], check=False, env=env, capture_output=True
                )
            for stale in Path(cache).glob("results*"):
                stale.unlink()
            out = Path(cache) / f"callgrind-{language}.out"
            tool = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
            done = subprocess.run(
                [*tool, *command, "--lang", language],
                check=False,
                env=env,
                capture_output=True,
                text=True,
            )
            found = re.search(r"Collected : (\d+)", done.stderr)
            if found is None:
                sys.exit(f"callgrind reported no count:\n{done.stderr[-2000:]}")
            counts[language] = int(found.group(1))
    return {
        "instructions": counts,
        "ru_vs_en": round(counts["ru"] / counts["en"], 4),
        "corpus": corpus,
        "cache": "cold (--no-cache)" if cold else "warm compiled profiles, no results",
    }


if __name__ == "__main__":
    main()

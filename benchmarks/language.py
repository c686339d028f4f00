"""The text check in Russian against English (issue 19: within 5 %), in one process.

    python benchmarks/corpus.py /tmp/c1k 1000
    python benchmarks/language.py /tmp/c1k [--rounds 7]

Resolves `eu` and `minimal` once per language (as the compiled-profile cache serves
them), then times, in CPU seconds, checking the corpus and rendering the text report,
English and Russian interleaved (the order alternates each round, so a slow spell of a
shared machine hits both). Prints one JSON line: the best and median of each and their
ratios (Russian ÷ English; target ≤ 1.05). The wording memos of the engine forget on
every switch, so each run pays for wording its texts once, as a real run does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()

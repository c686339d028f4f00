"""Time one report format's writing alone, in one process, over a checked portfolio.

    python benchmarks/render.py CORPUS FORMAT [--rounds N] [--quiet] [--results-format 2.0]

Checks CORPUS with `-p eu -p minimal` once (through the result cache, so run
`govcheck check CORPUS -p eu -p minimal` first to fill it), then renders FORMAT
N times into a counter, nothing written, and prints each round's seconds. What a
report costs without start-up, cache reading and disk: the number to compare
when changing a writer, old code against new through PYTHONPATH (run it from
outside the tree, or `python -m` finds the tree's own `checker/` first).
"""

from __future__ import annotations

import argparse
import gc
import time

from checker.batch import BatchOptions, run_batch
from checker.cli.common import profiles
from checker.report import encoder, renderer
from checker.report.options import RenderOptions
from checker.signature import with_profile_digests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("format")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quiet", action="store_true", help="the text format's -q")
    parser.add_argument(
        "--results-format", default="3.0", help="json: the results format to write (3.0 or 2.0)"
    )
    args = parser.parse_args()
    resolved = profiles(["eu", "minimal"])
    run = run_batch([args.corpus], resolved, BatchOptions())
    if args.format == "json":  # its signature names each profile's digest, as `check` does
        run = with_profile_digests(run, resolved)
    options = RenderOptions(tool_version="0", quiet=args.quiet, results_format=args.results_format)
    encode = encoder(args.format)
    seconds = []
    size = 0
    for _ in range(args.rounds):
        gc.collect()
        start = time.perf_counter()
        size = 0
        chunks = encode(run, options) if encode is not None else renderer(args.format)(run, options)
        for chunk in chunks:
            size += len(chunk)
        seconds.append(time.perf_counter() - start)
    rounds = " ".join(f"{s:.3f}" for s in seconds)
    print(f"{args.format}: {rounds} s ({size:,} characters or bytes)")


if __name__ == "__main__":
    main()

"""Where `check --no-cache` spends its time a file, in one process: reading, parsing
(`parse_project`) and evaluating (`check_document`, eu + minimal), each timed per file
with the collector frozen and paused as the command runs it.

    python benchmarks/stages.py /tmp/gcbench/c10k
    PYTHONPATH=<tree> python benchmarks/stages.py /tmp/gcbench/c10k --files 3000 --rounds 5

With `--rounds`, every round reads, parses and evaluates the files afresh (as a run
does; what a run remembers across files stays remembered) and each stage's best round
is shown: the figure to compare two trees by, one after the other, when changing the
parser or the engine.
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--files", type=int, default=0, help="the first N files (default: all)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds; each stage's best shown")
    args = parser.parse_args()
    started = time.perf_counter()
    from checker import load_catalogue
    from checker.checking import check_document
    from checker.documents import parse_project
    from checker.limits import DEFAULT_LIMITS
    from checker.profiles import resolve_profile

    catalogue = load_catalogue()
    profiles = [resolve_profile(catalogue, "eu"), resolve_profile(catalogue, "minimal")]
    set_up = time.perf_counter() - started
    files = sorted(args.corpus.glob("*.yaml"))
    if args.files:
        files = files[: args.files]
    count = len(files) or 1
    best = [float("inf")] * 3
    for _round in range(max(args.rounds, 1)):
        gc.freeze()
        gc.disable()
        reading = parsing = evaluating = 0.0
        kept = []  # the command keeps every result for its summary
        for path in files:
            begun = time.perf_counter()
            raw = path.read_bytes()
            read = time.perf_counter()
            document = parse_project(raw, str(path), DEFAULT_LIMITS)
            parsed = time.perf_counter()
            kept.append(check_document(document, profiles, "2026-12-05"))
            done = time.perf_counter()
            reading += read - begun
            parsing += parsed - read
            evaluating += done - parsed
        best = [min(b, t) for b, t in zip(best, (reading, parsing, evaluating), strict=True)]
        del kept
        gc.unfreeze()
        gc.enable()
        gc.collect()
    reading, parsing, evaluating = best
    print(
        f"set-up {set_up:.2f} s; a file: read {reading / count * 1e3:.3f} ms, "
        f"parse {parsing / count * 1e3:.3f} ms, evaluate {evaluating / count * 1e3:.3f} ms; "
        f"{reading + parsing + evaluating:.2f} s in all"
        + (f" (best of {args.rounds} rounds, {count:,} files)" if args.rounds > 1 else "")
    )


if __name__ == "__main__":
    main()

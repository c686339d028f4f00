"""What screening costs a check: the evaluated view with and without screening facts.

    python benchmarks/screening.py CORPUS_DIR [--entries 20000] [--rounds 3]

Parses every project of a corpus once, then times, in interleaved rounds, the
evaluated view without screening (the baseline: checker.checking's marked view),
with screening against the bundled excerpts, and with screening against an
imported list of `--entries` synthetic entries (the size of OFAC's SDN list).
Prints each as a ratio to the baseline, and the time to build the index of the
large list once (no cache) and to load it from the cache. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def _entries(count: int) -> list[dict[str, object]]:
    words = ["north", "star", "radio", "vision", "systems", "global", "trade", "link", "data"]
    return [
        {
            "name": f"{words[i % 9].upper()} {words[(i // 9) % 9].upper()} {i} LLC",
            "aliases": [f"NS{i}"],
            "regime": "synthetic",
        }
        for i in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import checker.screening as screening
    from checker.checking import _marked_view, evaluated_view
    from checker.documents import load_project
    from checker.limits import DEFAULT_LIMITS
    from checker.screening.index import build_index, effective_files, load_index
    from checker.screening.lists import ReferenceList
    from checker.screening.store import reference_files, save_list

    documents = [
        load_project(p, p.name, DEFAULT_LIMITS) for p in sorted(args.corpus.glob("*.yaml"))
    ]
    documents = [d for d in documents if d.data is not None]
    empty = tempfile.mkdtemp(prefix="screening-bench-empty-")
    large = tempfile.mkdtemp(prefix="screening-bench-large-")
    cache = Path(tempfile.mkdtemp(prefix="screening-bench-cache-"))
    os.environ["GOVCHECK_CACHE_DIR"] = str(cache)
    save_list(
        ReferenceList.model_validate(
            {
                "kind": "screening-list",
                "source": "ofac-sdn",
                "title": "synthetic",
                "publisher": "benchmark",
                "as_of": "2026-12-04",
                "coverage": "full",
                "source_url": "https://example.org/",
                "entries": _entries(args.entries),
            }
        ),
        Path(large),
    )

    def views(folder: str | None) -> float:
        start = time.perf_counter()
        for document in documents:
            assert document.data is not None
            if folder is None:
                _marked_view(document.data, document.problems)
            else:
                evaluated_view(document.data, document.problems)
        return time.perf_counter() - start

    def with_lists(folder: str) -> float:
        os.environ["GOVCHECK_REFERENCE_DIR"] = folder
        screening.current_index()  # loaded once per process, as in a check
        return views(folder)

    rows: dict[str, list[float]] = {"baseline": [], "bundled": [], "large": []}
    for _ in range(args.rounds):
        rows["baseline"].append(views(None))
        rows["bundled"].append(with_lists(empty))
        rows["large"].append(with_lists(large))
    base = min(rows["baseline"])
    print(f"{len(documents)} projects; baseline (no screening) {base * 1000:.1f} ms")
    for name in ("bundled", "large"):
        best = min(rows[name])
        print(f"{name:<8} {best * 1000:8.1f} ms  {best / base:5.2f}x the baseline")
    os.environ["GOVCHECK_REFERENCE_DIR"] = large
    files = effective_files(reference_files())
    start = time.perf_counter()
    build_index(files, "x")
    built = time.perf_counter() - start
    load_index(cache)  # stores it
    start = time.perf_counter()
    load_index(cache)
    loaded = time.perf_counter() - start
    print(
        f"index of {args.entries:,} entries: built in {built:.2f} s, "
        f"loaded from the cache in {loaded:.2f} s"
    )


if __name__ == "__main__":
    main()

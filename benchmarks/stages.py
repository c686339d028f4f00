"""Where `check --no-cache` spends its time a file, in one process: reading, parsing
(`parse_project`) and evaluating (`check_document`, eu + minimal), each timed per file
with the collector frozen and paused as the command runs it.

    python benchmarks/stages.py /tmp/gcbench/c10k
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path


def main(corpus: Path) -> None:
    started = time.perf_counter()
    from checker import load_catalogue
    from checker.checking import check_document
    from checker.documents import parse_project
    from checker.limits import DEFAULT_LIMITS
    from checker.profiles import resolve_profile

    catalogue = load_catalogue()
    profiles = [resolve_profile(catalogue, "eu"), resolve_profile(catalogue, "minimal")]
    set_up = time.perf_counter() - started
    files = sorted(corpus.glob("*.yaml"))
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
    count = len(files) or 1
    print(
        f"set-up {set_up:.2f} s; a file: read {reading / count * 1e3:.3f} ms, "
        f"parse {parsing / count * 1e3:.3f} ms, evaluate {evaluating / count * 1e3:.3f} ms; "
        f"{reading + parsing + evaluating:.2f} s in all"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))

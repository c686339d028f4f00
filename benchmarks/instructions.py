"""Instructions a file, counted by valgrind's callgrind: figures a loaded box does not move.

Wall-clock ratios need a quiet machine; instruction counts do not. Each stage runs in a
child under callgrind twice, with one and with two passes over the corpus, and the
difference divided by the number of files is the stage's cost a file, start-up and
warm-up excluded:

    python benchmarks/instructions.py /tmp/gcbench/c200            # floor, parse, evaluate
    python benchmarks/instructions.py /tmp/gcbench/c200 --stage evaluate

`floor` is reading each file and loading it with yaml.CSafeLoader (the benchmark's
floor), `parse` govcheck's parse and validation of a project file, `evaluate` the
check of parsed documents against eu + minimal (`check_document`). Needs `valgrind`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import re
import subprocess
import sys
import tempfile
from pathlib import Path

STAGES = ("floor", "parse", "evaluate")


def _child(stage: str, corpus: Path, passes: int) -> None:
    """One measured process: `passes` passes of `stage` over the corpus."""
    files = sorted(corpus.glob("*.yaml"))
    raws = [(f, f.read_bytes()) for f in files]
    gc.disable()
    if stage == "floor":
        import yaml

        for _ in range(passes):
            for _path, raw in raws:
                with contextlib.suppress(yaml.YAMLError):
                    yaml.load(raw, Loader=yaml.CSafeLoader)
        return
    from checker.documents import parse_project
    from checker.limits import DEFAULT_LIMITS

    if stage == "parse":
        for _ in range(passes):
            for path, raw in raws:
                parse_project(raw, str(path), DEFAULT_LIMITS)
        return
    from checker import load_catalogue
    from checker.checking import check_document
    from checker.profiles import resolve_profile

    catalogue = load_catalogue()
    profiles = [resolve_profile(catalogue, "eu"), resolve_profile(catalogue, "minimal")]
    documents = [parse_project(raw, str(path), DEFAULT_LIMITS) for path, raw in raws]
    for document in documents[:20]:  # closures built, memos warm: the steady state
        check_document(document, profiles, "2026-12-05")
    for _ in range(passes):
        for document in documents:
            check_document(document, profiles, "2026-12-05")


def _instructions(stage: str, corpus: Path, passes: int) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            str(corpus),
            "--child",
            stage,
            "--passes",
            str(passes),
        ]
        subprocess.run(command, check=True, capture_output=True)
        found = re.search(r"^summary:\s*(\d+)", out.read_text(), re.MULTILINE)
        if found is None:
            raise SystemExit(f"no summary line in callgrind's output for {stage}")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--stage", choices=STAGES, action="append")
    parser.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.corpus, args.passes)
        return
    files = len(list(args.corpus.glob("*.yaml")))
    if not files:
        raise SystemExit(f"no *.yaml files in {args.corpus}")
    floor = None
    for stage in args.stage or STAGES:
        one, two = (_instructions(stage, args.corpus, n) for n in (1, 2))
        each = (two - one) / files
        floor = each if stage == "floor" else floor
        ratio = f"  ({each / floor:.2f}x the floor)" if floor and stage != "floor" else ""
        print(f"{stage:9} {each / 1e6:7.2f} M instructions a file{ratio}", flush=True)


if __name__ == "__main__":
    main()

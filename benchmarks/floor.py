"""The floor: a Python process that only parses every project file with libyaml.

    python benchmarks/floor.py DIR [--jobs N]

Reads each `*.yaml` under DIR (sorted) as bytes and loads it with
`yaml.CSafeLoader`, the fastest complete YAML load PyYAML offers; syntax
errors are counted, not raised. Nothing is validated or printed per file.
Any checker that reads YAML in Python pays at least this, so govcheck's
times are reported as multiples of it. Owns nothing else.
"""

from __future__ import annotations

import argparse
import sys
from multiprocessing import Pool
from pathlib import Path

import yaml


def load(path: Path) -> bool:
    """Parse one file; False when it is not valid YAML."""
    try:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Parse every file, in one process or in a pool of `--jobs` workers."""
    parser = argparse.ArgumentParser(description="parse every *.yaml with yaml.CSafeLoader")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    args = parser.parse_args(argv)
    if not yaml.__with_libyaml__:
        print("floor: PyYAML was built without libyaml", file=sys.stderr)
        return 2
    files = sorted(args.folder.rglob("*.yaml"))
    if args.jobs > 1:
        with Pool(args.jobs) as pool:
            parsed = sum(pool.map(load, files, chunksize=64))
    else:
        parsed = sum(map(load, files))
    print(f"{parsed} of {len(files)} files parsed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`govcheck cache info|clear`: where the caches are, how big, and emptying them."""

from __future__ import annotations

import argparse
import shutil

from checker.cache import cache_dir
from checker.cli.exit_codes import ExitCode


def run_info(_args: argparse.Namespace) -> int:
    folder = cache_dir()
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    size = sum(p.stat().st_size for p in files)
    print(f"cache folder: {folder}")
    print(
        f"{len(files)} file(s), {size / 1_000_000:.1f} MB "
        "(set GOVCHECK_CACHE_DIR to move it; `govcheck check --no-cache` bypasses it)"
    )
    return ExitCode.OK


def run_clear(_args: argparse.Namespace) -> int:
    folder = cache_dir()
    if folder.is_dir():
        shutil.rmtree(folder)
    print(f"cleared {folder}")
    return ExitCode.OK

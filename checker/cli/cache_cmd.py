"""`govcheck cache info|clear`: where the caches are, how big, and emptying them."""

from __future__ import annotations

import argparse

from checker.cache import cache_dir, cache_entries, clear_cache
from checker.cli.exit_codes import ExitCode
from checker.i18n import _


def run_info(_args: argparse.Namespace) -> int:
    folder = cache_dir()
    files = cache_entries(folder)
    size = sum(p.stat().st_size for p in files)
    print(_("cache folder: {folder}").format(folder=folder))
    print(
        _(
            "{count} file(s), {value:.1f} MB (set GOVCHECK_CACHE_DIR to move it; `govcheck check "
            "--no-cache` bypasses it)"
        ).format(count=len(files), value=size / 1_000_000)
    )
    return ExitCode.OK


def run_clear(_args: argparse.Namespace) -> int:
    folder = cache_dir()
    clear_cache(folder)
    print(_("cleared {folder}").format(folder=folder))
    return ExitCode.OK

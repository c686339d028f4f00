"""`govcheck tui`: open the reviewer's terminal UI (Textual is imported only here).

Owns turning the command line into the TUI's options: the default paths and
profiles (the bundled samples, `eu` compared with `minimal`), the reference
date (`--as-of`, as for `check`), the waivers files (the form writes where `check`
reads: checker/waivers/location.py), and reporting configuration errors (bad
rulesets, unknown profiles) after the UI has closed. A path that does not exist is
refused before the UI opens (exit 2, as `govcheck check` exits for it).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from checker.cli.check_cmd import default_paths
from checker.cli.common import given_waivers, reference_date, report_config_error
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.i18n import _
from checker.report.safe import terminal_safe


def run_tui(args: argparse.Namespace) -> int:
    from checker.tui.app import GovcheckApp
    from checker.tui.workspace import Options

    # Without --as-of the app takes today's date afresh at every full check.
    reference = reference_date(args.as_of) if args.as_of else None
    paths = args.paths or default_paths()
    missing = [p for p in paths if not Path(p).exists()]
    for path in missing:  # as `govcheck check` says it, and with its exit code
        print(
            _("govcheck: error: {path}: no such file or folder").format(path=terminal_safe(path)),
            file=sys.stderr,
        )
    if missing:
        return ExitCode.USAGE
    shown = _two_profiles(args.profile, args.compare)
    if shown is None:
        return ExitCode.USAGE
    try:
        given_waivers(args.waivers)
    except ConfigError as error:
        return report_config_error(error)
    options = Options(
        paths=tuple(paths),
        profiles=shown,
        waivers=tuple(Path(w) for w in args.waivers),
        rulesets=tuple(args.rulesets),
        as_of=reference,
        jobs=args.jobs or os.cpu_count() or 1,
        use_cache=not args.no_cache,
    )
    app = GovcheckApp(options)
    app.run()
    if app.problems:
        return report_config_error(ConfigError(app.problems))
    return ExitCode.OK


def _two_profiles(named: list[str], compare: str | None) -> tuple[str, ...] | None:
    """The profile shown and the one compared with: `-p A --compare B`, or `-p A -p B` as
    `govcheck check` takes several; None (after saying why) when more than two are named,
    since the TUI shows two side by side and dropping one silently would hide it."""
    wanted = [*named, *([compare] if compare is not None else [])]
    if len(wanted) > 2:
        print(
            _(
                "govcheck tui: error: the TUI shows two profiles side by side, and {count} "
                "were named ({names}); use `-p PROFILE --compare OTHER`, and `govcheck compare` "
                "for more than two"
            ).format(count=len(wanted), names=terminal_safe(", ".join(wanted))),
            file=sys.stderr,
        )
        return None
    primary = named[0] if named else "eu"
    other = [*named[1:], *([compare] if compare is not None else [])]
    return tuple(dict.fromkeys((primary, other[0] if other else "minimal")))

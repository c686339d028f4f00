"""`govcheck tui`: open the reviewer's terminal UI (Textual is imported only here).

Owns turning the command line into the TUI's options: the default paths and
profiles (the bundled samples, `eu` compared with `minimal`), the reference
date (`--as-of`, as for `check`), the waivers files and where the waive form
writes, and reporting configuration errors (bad rulesets, unknown profiles)
after the UI has closed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.bundled import projects_dir
from checker.cli.check_cmd import default_paths
from checker.cli.common import reference_date, report_config_error
from checker.cli.exit_codes import ExitCode
from checker.cli.waive_cmd import default_file
from checker.config import ConfigError


def waiver_target(paths: list[str], given: list[str]) -> Path | None:
    """Where the waive form writes: the first --waivers file, else beside the projects.

    The bundled samples are package data, never written to: their waivers go
    where `govcheck waive` puts them.
    """
    if given:
        return Path(given[0])
    bundled = projects_dir().resolve()
    first = Path(paths[0]).resolve() if paths else bundled
    if first == bundled or bundled in first.parents:
        return default_file()
    return None


def run_tui(args: argparse.Namespace) -> int:
    from checker.tui.app import GovcheckApp
    from checker.tui.workspace import Options

    # Without --as-of the app takes today's date afresh at every full check.
    reference = reference_date(args.as_of) if args.as_of else None
    paths = args.paths or default_paths()
    options = Options(
        paths=tuple(paths),
        profiles=tuple(dict.fromkeys((args.profile, args.compare))),
        waivers=tuple(Path(w) for w in args.waivers),
        rulesets=tuple(args.rulesets),
        waiver_target=waiver_target(paths, args.waivers),
        as_of=reference,
    )
    app = GovcheckApp(options)
    app.run()
    if app.problems:
        return report_config_error(ConfigError(app.problems))
    return ExitCode.OK

"""`govcheck diff OLD.json NEW.json` and `govcheck baseline upgrade OLD.json -o NEW.json`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checker.cli.common import included, report_config_error, write_output
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.drift import Loaded, diff, load_results
from checker.i18n import _
from checker.report.drift_report import render_drift
from checker.report.safe import terminal_safe


def run_diff(args: argparse.Namespace) -> int:
    try:
        old = load_results(Path(args.old))
        new = load_results(Path(args.new))
    except ConfigError as error:
        return report_config_error(error)
    upgrade_notes(args.old, old)
    upgrade_notes(args.new, new)
    drift = diff(old.records, new.records)
    write_output([render_drift(drift, args.format)], args.output)
    if args.fail_on_new and drift.not_in_old:  # as `check --baseline` gates
        return ExitCode.FINDINGS
    return ExitCode.OK


def upgrade_notes(name: str, loaded: Loaded) -> None:
    """Say on stderr that a version-1 document was read in the current format, and what it
    lacked (a 2.0 document is read as it is, nothing lost: no note)."""
    from checker.resultformats import V3

    if loaded.upgraded_from is None:
        return
    shown = terminal_safe(name)
    print(
        _(
            "govcheck: note: {shown} is a results file of format {upgraded_from}, read as the "
            "current format ({current}); `govcheck baseline upgrade {shown} -o {shown}` "
            "rewrites it once"
        ).format(shown=shown, upgraded_from=loaded.upgraded_from, current=V3),
        file=sys.stderr,
    )
    _unnamed(loaded.by_position)


def _unnamed(by_position: tuple[str, ...] | list[str]) -> None:
    if not by_position:
        return
    print(
        _(
            "govcheck: note: {count} list item(s) could not be named (the project file is not "
            "where the old results say, or the item has no name), so their findings may show as "
            "new once: "
        ).format(count=len(by_position))
        + terminal_safe(", ".join(by_position[:5]))
        + (", ..." if len(by_position) > 5 else ""),
        file=sys.stderr,
    )


def run_upgrade(args: argparse.Namespace) -> int:
    """An older results file written again in the current format (3.0), or in the one
    `--results-format` names; a file already in it as it is."""
    from checker._version import __version__
    from checker.drift import load_document, validate
    from checker.report.json_report import document
    from checker.report.options import RenderOptions
    from checker.report.safe import json_safe
    from checker.resultformats import V3, as_v2, as_v3
    from checker.upgrade import V1, upgrade

    path = Path(args.old)
    wanted = args.results_format
    try:
        data = load_document(path)
        if data.get("format_version") != V1:
            version = validate(data, path)
            if version == wanted:
                write_output([path.read_text(encoding="utf-8")], args.output)
                print(
                    _("govcheck: {old} is already results format {version}").format(
                        old=terminal_safe(args.old), version=version
                    ),
                    file=sys.stderr,
                )
                return ExitCode.OK
            moved = as_v3(data) if wanted == V3 else as_v2(data)
            text = json_safe(json.dumps(moved, ensure_ascii=False, indent=2))
            write_output([text + "\n"], args.output)
            print(
                _("govcheck: rewrote {old} from results format {old_version} to {version}").format(
                    old=terminal_safe(args.old), old_version=version, version=wanted
                ),
                file=sys.stderr,
            )
            return ExitCode.OK
        upgraded = upgrade(data, str(path), Path(args.root) if args.root else Path.cwd())
    except ConfigError as error:
        return report_config_error(error)
    include, fingerprints = included(args)
    options = RenderOptions(
        tool_version=__version__,
        include=include,
        fingerprints=fingerprints,
        results_format=wanted,
    )
    write_output(
        document(upgraded.run, options, upgraded_from=V1, signed_version=upgraded.tool_version),
        args.output,
    )
    print(
        _(
            "govcheck: upgraded {old} from results format {V1} to {version} ({value} list "
            "item(s) named, {count} by position)"
        ).format(
            old=terminal_safe(args.old),
            V1=V1,
            version=wanted,
            value=upgraded.named_from_text + upgraded.named_from_files,
            count=len(upgraded.by_position),
        ),
        file=sys.stderr,
    )
    _unnamed(upgraded.by_position)
    return ExitCode.OK

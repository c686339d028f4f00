"""`govcheck waive`: record a reviewer decision in the waivers file, atomically."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from checker.cli.common import catalogue, report_config_error
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.report.safe import terminal_safe
from checker.waivers import DEFAULT_FILE_NAME, Waiver, WaiverConflictError, add_waiver


def default_file() -> Path:
    projects = Path("projects")
    return projects / DEFAULT_FILE_NAME if projects.is_dir() else Path(DEFAULT_FILE_NAME)


def run_waive(args: argparse.Namespace) -> int:
    today = date.today()
    try:
        known = catalogue(args.rulesets).rules
    except ConfigError as error:
        return report_config_error(error)
    if args.rule not in known:
        print(f"govcheck: error: unknown rule `{terminal_safe(args.rule)}`", file=sys.stderr)
        return ExitCode.USAGE
    try:
        waiver = Waiver(
            rule=args.rule,
            project=args.project,
            profile=args.profile,
            pointer=args.pointer,
            justification=args.justification,
            approved_by=args.approved_by,
            expires=date.fromisoformat(args.expires),
            ticket=args.ticket,
            created=today,
        )
    except (ValueError, ValidationError) as error:
        message = error.errors()[0]["msg"] if isinstance(error, ValidationError) else str(error)
        print(f"govcheck: error: {terminal_safe(message)}", file=sys.stderr)
        return ExitCode.USAGE
    path = Path(args.file) if args.file else default_file()
    try:
        add_waiver(path, waiver, today=today)
    except ConfigError as error:
        return report_config_error(error)
    except (ValueError, WaiverConflictError, OSError) as error:
        print(f"govcheck: error: {terminal_safe(str(error))}", file=sys.stderr)
        return ExitCode.USAGE
    print(
        f"waived {waiver.rule} for {terminal_safe(waiver.project)} until "
        f"{waiver.expires.isoformat()} in {path}",
        file=sys.stderr,
    )
    return ExitCode.OK

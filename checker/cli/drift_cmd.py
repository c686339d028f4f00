"""`govcheck diff OLD.json NEW.json`: new, fixed and changed findings."""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.cli.common import report_config_error, write_output
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.drift import diff, read_results
from checker.report.drift_report import render_drift


def run_diff(args: argparse.Namespace) -> int:
    try:
        drift = diff(read_results(Path(args.old)), read_results(Path(args.new)))
    except ConfigError as error:
        return report_config_error(error)
    write_output([render_drift(drift, args.format)], args.output)
    if args.fail_on_new and drift.new:
        return ExitCode.FINDINGS
    return ExitCode.OK

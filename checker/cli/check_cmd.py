"""`govcheck check`: check project files and write a report."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from checker._version import __version__
from checker.cli.common import profiles, report_config_error, use_color, write_output
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.findings import RunResult, Severity
from checker.limits import DEFAULT_LIMITS
from checker.report import renderer
from checker.report.options import RenderOptions
from checker.report.safe import terminal_safe


def default_paths() -> list[str]:
    """./projects when it exists, else the bundled samples."""
    from checker.bundled import projects_dir

    local = Path("projects")
    return [str(local)] if local.is_dir() else [str(projects_dir())]


def run_check(args: argparse.Namespace) -> int:
    from checker.check import check

    try:
        resolved = profiles(args.profile or ["eu"], args.rulesets)
    except ConfigError as error:
        return report_config_error(error)
    limits = DEFAULT_LIMITS
    if args.max_file_size:
        limits = replace(limits, max_file_bytes=args.max_file_size)
    paths = args.paths or default_paths()
    run = check(paths, resolved, limits)
    options = RenderOptions(
        color=args.output is None and use_color(sys.stdout, args.color),
        quiet=args.quiet,
        show_passed=args.show_passed,
        fail_on=Severity(args.fail_on),
        tool_version=__version__,
    )
    write_output(renderer(args.format)(run, options), args.output)
    return exit_code(run, Severity(args.fail_on))


def exit_code(run: RunResult, fail_on: Severity) -> int:
    """1 for invalid files or problems at or above `fail_on`, 2 for missing paths."""
    missing = [p for p in run.projects if any(f.rule == "file.not-found" for f in p.problems)]
    for project in missing:
        print(
            f"govcheck: error: {terminal_safe(project.project.path)}: no such file or folder",
            file=sys.stderr,
        )
    if missing:
        return ExitCode.USAGE
    if run.invalid_projects:
        return ExitCode.FINDINGS
    for project in run.projects:
        for evaluation in project.evaluations:
            for index in range(len(evaluation.rules)):
                if not evaluation.status(index).is_problem:
                    continue
                severity = evaluation.severities.get(index, evaluation.rules[index].severity)
                if severity.at_least(fail_on):
                    return ExitCode.FINDINGS
    return ExitCode.OK

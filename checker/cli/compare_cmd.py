"""`govcheck profiles diff`, `govcheck compare` and `govcheck gap`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker._version import __version__
from checker.cli.check_cmd import default_paths
from checker.cli.common import (
    catalogue,
    load_waiver_files,
    profiles,
    reference_date,
    refuse_overwriting,
    report_config_error,
    report_stale_waivers,
    reviewed_run,
    waiver_day,
    warn_empty_folders,
    write_output,
)
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.i18n import _, number
from checker.report.safe import terminal_safe

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.findings import RunResult


def run_profile_diff(args: argparse.Namespace) -> int:
    from checker.compare import diff_profiles
    from checker.profiles import resolve_profile
    from checker.report.comparison import render_profile_diff

    try:
        loaded = catalogue(args.rulesets)
        a, b = resolve_profile(loaded, args.a), resolve_profile(loaded, args.b)
    except ConfigError as error:
        return report_config_error(error)
    write_output([render_profile_diff(diff_profiles(a, b), args.format)], args.output)
    return ExitCode.OK


def run_compare(args: argparse.Namespace) -> int:
    from checker.compare import compare
    from checker.report.comparison import iter_comparison
    from checker.report.html_report import iter_comparison_html

    try:
        # Resolved as `check` resolves them (the profile cache): one definition, and a
        # comparison does not load every ruleset anew.
        resolved = profiles(
            args.profile or ["eu", "minimal"], args.rulesets, use_cache=not args.no_cache
        )
        paths = args.paths or default_paths()
        as_of = reference_date(args.as_of)
        waivers = load_waiver_files(args, paths, waiver_day(args, as_of))
    except ConfigError as error:
        return report_config_error(error)
    refuse_overwriting(args.output, paths)
    warn_empty_folders(paths)
    from checker.checking import allow_out_of_scope

    # Which projects each profile covers is part of what a comparison shows ("out of
    # scope", "host-kg (7 of 12 projects)"): a project no compared profile covers is
    # not an input problem here.
    run = allow_out_of_scope(reviewed_run(args, paths, resolved, as_of, waivers))
    report_stale_waivers(run)
    _say_problems(run, at_most=_PROBLEMS_SAID)
    comparison = compare(run)
    if args.format == "html":
        write_output(iter_comparison_html(comparison, __version__), args.output)
    else:
        write_output(iter_comparison(comparison, args.format), args.output)
    from checker.cli.check_cmd import exit_code

    # A report, as `gap` and `questions` are: how the profiles differ is its content, so it
    # fails only for what it could not read — an invalid file (1), a missing path (2), a bug (3).
    return exit_code(run, None)


_PROBLEMS_SAID = 20
"""Input problems `compare` says on stderr before it counts the rest (`check` lists all)."""


def _say_problems(run: RunResult, at_most: int | None = None) -> None:
    """Each invalid file's problems on stderr, whether or not a report follows (missing
    paths and bugs are said by `exit_code`)."""
    from checker.checking import INTERNAL_ERROR

    problems = [
        f
        for p in run.projects
        for f in p.problems
        if f.rule not in (INTERNAL_ERROR, "file.not-found")
    ]
    for problem in problems[:at_most]:
        print(
            _("govcheck: error: {value}: {message}").format(
                value=terminal_safe(problem.location()), message=terminal_safe(problem.message)
            ),
            file=sys.stderr,
        )
    if at_most is not None and len(problems) > at_most:
        print(
            _("govcheck: … and {count} more problem(s); `govcheck check` lists them all").format(
                count=number(len(problems) - at_most)
            ),
            file=sys.stderr,
        )


def run_gap(args: argparse.Namespace) -> int:
    from checker.compare import CellState, gap
    from checker.report.comparison import render_gap

    target = _project_file(args.project)
    if target is None:
        print(
            _(
                "govcheck: error: no project file or project id `{project}` (give a file, or an "
                "id of a project under ./projects)"
            ).format(project=terminal_safe(args.project)),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    refuse_overwriting(args.output, [target])
    try:
        named = list(dict.fromkeys(args.profile or ["eu"]))
        # A further -p (as `check` users write them) is compared with, never dropped.
        others = [
            name
            for name in dict.fromkeys(args.compare_with or ([] if named[1:] else ["minimal"]))
            if name not in named
        ]
        use_cache = not args.no_cache
        resolved = profiles(named, args.rulesets, use_cache=use_cache)
        if others:  # resolved apart, so that an unknown name is said to be --compare-with's
            resolved += profiles(
                others, args.rulesets, use_cache=use_cache, option="--compare-with"
            )
        as_of = reference_date(args.as_of)
        waivers = load_waiver_files(args, [str(target)], waiver_day(args, as_of))
    except ConfigError as error:
        return report_config_error(error)
    # The same review record as `check`: a waived gap is accepted, not gone.
    run = reviewed_run(args, [str(target)], resolved, as_of, waivers)
    report_stale_waivers(run)
    from checker.cli.check_cmd import exit_code

    result = run.projects[0]
    _say_problems(run)
    if result.data_less():
        return exit_code(run, None)
    report = gap(run, result.project.id, resolved[0].id)
    write_output([render_gap(report, args.format)], args.output)
    # A report, not a gate: what remains to change or document is its content, so it exits
    # as `questions` does (`check --fail-on none`): 1 only for an invalid file, and when the
    # target profile does not cover the project (nothing was checked: never a green run).
    code = exit_code(run, None)
    if code == ExitCode.OK and report.state is not CellState.CHECKED:
        return ExitCode.FINDINGS
    return code


def _project_file(given: str) -> Path | None:
    path = Path(given)
    if path.is_file():
        return path
    from checker.checking import discover
    from checker.documents import load_project
    from checker.limits import DEFAULT_LIMITS

    for target in discover(default_paths()).targets:
        if load_project(target.path, target.display, DEFAULT_LIMITS).info.id == given:
            return target.path
    return None

"""`govcheck questions`: per project, the clarification request a reviewer sends the sponsor.

Runs the real check (the same profiles, result cache, reference date and
waivers as `govcheck check`; a waived finding is a decision already taken, so
it is not asked), hands the results to checker.questions and writes them with
checker/report/questions_report.py. Exit codes: 0 when the questions were
written (or none were needed), 1 when a file has input problems (they come
first in the output), 2 for usage errors and missing paths, 3 for bugs.
"""

from __future__ import annotations

import argparse
import sys

from checker._version import __version__
from checker.cli.common import (
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
from checker.findings import RunResult
from checker.i18n import _
from checker.report.safe import terminal_safe

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    pass


def run_questions(args: argparse.Namespace) -> int:
    from checker.cli.check_cmd import default_paths

    as_of = reference_date(args.as_of)
    paths = args.paths or default_paths()
    refuse_overwriting(args.output, paths)
    try:
        resolved = profiles(args.profile or ["eu"], args.rulesets, use_cache=not args.no_cache)
        waivers = load_waiver_files(args, paths, waiver_day(args, as_of))
    except ConfigError as error:
        return report_config_error(error)
    warn_empty_folders(paths)
    run = reviewed_run(args, paths, resolved, as_of, waivers)
    if args.allow_out_of_scope:
        from checker.checking import allow_out_of_scope

        run = allow_out_of_scope(run)
    report_stale_waivers(run)
    from checker.questions import questions, review_problems
    from checker.report.questions_report import RENDERERS

    for problem in (f for p in run.projects for f in review_problems(p.problems)):
        # The board's own record: on stderr, like stale waivers, never in the letter.
        print(
            _("govcheck: error: {value}: {message}").format(
                value=terminal_safe(problem.location()), message=terminal_safe(problem.message)
            ),
            file=sys.stderr,
        )
    asked = questions(run)  # made as they are written
    write_output(RENDERERS[args.format](asked, __version__), args.output)
    if run.interrupted:
        print(
            _("govcheck: interrupted; the questions cover the files checked so far"),
            file=sys.stderr,
        )
        return ExitCode.INTERRUPTED
    return _exit_code(run)


def _exit_code(run: RunResult) -> int:
    """3 for bugs, 2 for missing paths, 1 for files with input problems, else 0: the
    questions themselves never fail a run."""
    from checker.cli.check_cmd import exit_code

    return exit_code(run, None)

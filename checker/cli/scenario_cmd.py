"""`govcheck whatif` and `govcheck lesson`: the trainer's commands.

Thin: reads the project (or lesson), resolves the profiles, hands the changes to the
core (checker/whatif.py, checker/lessons.py) and writes what the report modules
render. The project file is never written; `--save-as` writes the variant to another
file, atomically. Exit codes: 0 when the answer was written; 1 when the project file
cannot be read as data; 2 for usage errors (a bad pointer or value, an unknown
profile, a lesson that does not fit its project, a missing file); 3 for bugs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker._version import __version__
from checker.cli.common import (
    profiles,
    reference_date,
    refuse_overwriting,
    report_config_error,
    write_output,
)
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.i18n import _
from checker.report.safe import terminal_safe

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from datetime import date

    from checker.whatif import ReviewRecord


def run_whatif(args: argparse.Namespace) -> int:
    from checker.cli.compare_cmd import _project_file

    target = _project_file(args.project)
    if target is None:
        return _usage(_("no project file or project id `{project}`").format(project=args.project))
    if not args.changes:
        return _usage(_("give at least one --set POINTER=VALUE (e.g. ai_systems/0/rbi_mode=post)"))
    refuse_overwriting(args.output, [target])
    from checker.documents import load_project
    from checker.limits import DEFAULT_LIMITS
    from checker.scenarios import apply_changes, iter_changes, save_variant
    from checker.whatif import compare_variant

    reference = reference_date(args.as_of)
    as_of = reference.isoformat()
    try:
        resolved = profiles(args.profile or ["eu", "minimal"], args.rulesets)
        record = _review_record(args, target, reference)
        changes = list(iter_changes(args.changes))
        base = load_project(target, str(target), DEFAULT_LIMITS)
        if base.data is None:
            return _unreadable(base.problems)
        variant = apply_changes(base, changes)
        if args.save_as:
            saved = save_variant(variant, Path(args.save_as))
            print(
                _("wrote the variant to {saved}").format(saved=terminal_safe(str(saved))),
                file=sys.stderr,
            )
    except ConfigError as error:
        return report_config_error(error)
    from checker.report.whatif_report import render_whatif

    whatif = compare_variant(variant, resolved, as_of, record=record)
    write_output([render_whatif(whatif, args.format, __version__)], args.output)
    return ExitCode.OK


def _review_record(args: argparse.Namespace, target: Path, reference: date) -> ReviewRecord:
    """The review record `govcheck check` of the project reads (waivers and verifications),
    so that "before" is what `check` says of the file."""
    from checker.cli.check_cmd import verifications_of
    from checker.cli.common import load_waiver_files, waiver_day
    from checker.whatif import ReviewRecord

    day = waiver_day(args, reference)
    waivers = load_waiver_files(args, [str(target)], day)
    review, _digest = verifications_of(waivers)
    return ReviewRecord(review, tuple(waivers), day)


def run_lesson(args: argparse.Namespace) -> int:
    from checker.lessons import bundled_lesson, load_lesson, play

    path = Path(args.lesson)
    if not path.is_file():
        found = bundled_lesson(args.lesson)
        if found is None:
            return _usage(
                _("no lesson file or bundled lesson `{lesson}`").format(lesson=args.lesson)
            )
        path = found
    refuse_overwriting(args.output, [path])
    if args.play:
        return _play(args, path)
    as_of = reference_date(args.as_of).isoformat()
    try:
        loaded = load_lesson(path)
        names = args.profile or loaded.lesson.profiles
        played = play(loaded, profiles(names, args.rulesets), as_of)
    except ConfigError as error:
        return report_config_error(error)
    from checker.report.lesson_report import render_lesson

    write_output([render_lesson(played, args.format, __version__)], args.output)
    return ExitCode.OK


def _play(args: argparse.Namespace, path: Path) -> int:
    """The lesson in the TUI, on its project alone, under its (or the given) profiles."""
    from checker.lessons import load_lesson
    from checker.tui.app import GovcheckApp
    from checker.tui.workspace import Options

    try:
        loaded = load_lesson(path)
    except ConfigError as error:
        return report_config_error(error)
    names = tuple(args.profile or loaded.lesson.profiles)
    options = Options(
        paths=(loaded.project.info.path,),
        profiles=names,
        rulesets=tuple(args.rulesets),
        as_of=reference_date(args.as_of) if args.as_of else None,
    )
    app = GovcheckApp(options, lesson=path)
    app.run()
    if app.problems:
        return report_config_error(ConfigError(app.problems))
    return ExitCode.OK


def _usage(message: str) -> int:
    print(_("govcheck: error: {message}").format(message=terminal_safe(message)), file=sys.stderr)
    return ExitCode.USAGE


def _unreadable(problems: tuple[object, ...]) -> int:
    for problem in problems:
        location = getattr(problem, "location", lambda: "")()
        message = getattr(problem, "message", str(problem))
        print(
            _("govcheck: error: {location}: {message}").format(
                location=terminal_safe(location), message=terminal_safe(message)
            ),
            file=sys.stderr,
        )
    return ExitCode.FINDINGS

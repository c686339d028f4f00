"""`govcheck waive`: record a reviewer decision in the review record, atomically.

Owns checking the decision against what it is about before anything is written: the
rule must exist and the project must be one of the projects checked at `--path`
(suggestions when not); a rule that does not fail there is written with a warning,
since the waiver would be reported stale from the first check. The file is the one
`govcheck check` of the same paths reads (checker/waivers/location.py) unless `--file`.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from checker.cli.check_cmd import default_paths
from checker.cli.common import catalogue, reference_date, report_config_error, resolve_named
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.findings import RunResult, Status
from checker.i18n import _
from checker.i18n.pydantic_words import pydantic_message
from checker.report.safe import terminal_safe
from checker.waivers.location import waivers_target
from checker.waivers.records import Waiver
from checker.waivers.writing import (
    ExpiryError,
    WaiverConflictError,
    add_waiver,
    already_recorded,
)

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.checking import Review


def run_waive(args: argparse.Namespace) -> int:
    today = reference_date(args.today)
    paths = args.path or default_paths()
    try:
        loaded = catalogue(args.rulesets)
        if args.rule not in loaded.rules:
            return _refuse(_("unknown rule"), args.rule, loaded.rules)
        names = [args.profile] if args.profile else sorted(loaded.profiles)
        profiles = [resolve_named(loaded, name, "--profile") for name in names]
    except ConfigError as error:
        return report_config_error(error)
    profiles = [p for p in profiles if p.rule(args.rule) is not None]
    if not profiles:
        where = (
            "--profile: " + _("profile {profile}").format(profile=terminal_safe(args.profile))
            if args.profile
            else _("any profile")
        )
        print(
            _("govcheck: error: {where} has no rule `{rule}`").format(
                where=where, rule=terminal_safe(args.rule)
            ),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    pointer = args.pointer
    if pointer:  # a fact as `verify` takes it: /ai_systems/0 or ai_systems[0]
        from checker.verifying import pointer_of

        pointer = pointer_of(pointer)
        if not pointer:
            print(
                _(
                    "govcheck: error: --pointer: `{value}` names no node of a project; write "
                    "it as /ai_systems/0 or ai_systems[0]"
                ).format(value=terminal_safe(args.pointer)),
                file=sys.stderr,
            )
            return ExitCode.USAGE
    try:
        waiver = Waiver(
            rule=args.rule,
            project=args.project,
            profile=args.profile,
            pointer=pointer,
            justification=args.justification,
            approved_by=args.approved_by,
            expires=date.fromisoformat(args.expires),
            ticket=args.ticket,
            created=today,
        )
    except (ValueError, ValidationError) as error:
        return _invalid(error)
    from checker.checking import check

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(
            _("govcheck: error: --path: no such file or folder {value}").format(
                value=terminal_safe(missing[0])
            ),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    path = Path(args.file) if args.file else waivers_target(paths)
    # Judged as `govcheck check` will judge it: with the record's verifications, which
    # decide whether a pass stands under a profile that demands evidence.
    run = check(paths, profiles, review=_review(paths, path if args.file else None, today))
    known = {p.project.id for p in run.projects if p.evaluations}
    if args.project not in known:
        return _refuse(_("unknown project"), args.project, known, where=paths)
    _warn_if_unneeded(run, waiver)
    if already_recorded(path, waiver, today):
        print(
            _("already recorded in {path}: {rule} for {project} until {expires}").format(
                path=terminal_safe(str(path)),
                rule=waiver.rule,
                project=terminal_safe(waiver.project),
                expires=waiver.expires.isoformat(),
            ),
            file=sys.stderr,
        )
        return ExitCode.OK
    try:
        add_waiver(path, waiver, today=today)
    except ConfigError as error:
        return report_config_error(error)
    except ExpiryError as error:
        print(
            _("govcheck: error: {message}").format(message=f"--expires: {error}"),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    except (ValueError, WaiverConflictError, OSError) as error:
        said = str(error)
        if isinstance(error, OSError) and args.file:  # the option's file cannot be written
            said = f"--file: {said}"
        print(
            _("govcheck: error: {message}").format(message=terminal_safe(said)),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    print(
        _("waived {rule} for {project} until {expires} in {path}").format(
            rule=waiver.rule,
            project=terminal_safe(waiver.project),
            expires=waiver.expires.isoformat(),
            path=terminal_safe(str(path)),
        ),
        file=sys.stderr,
    )
    return ExitCode.OK


def _review(paths: list[str], file: Path | None, today: date) -> Review | None:
    """The verifications a check of `paths` reads (those of `file`, the `--file` given,
    instead); none when the record cannot be read (writing then says why)."""
    from checker.cli.check_cmd import verifications_of
    from checker.waivers.location import waiver_files
    from checker.waivers.records import load_waivers

    given = [file] if file is not None and file.is_file() else []
    files = given if file is not None else waiver_files(paths, ())
    try:
        loaded = [load_waivers(f, today) for f in files]
    except ConfigError:
        return None
    review: Review | None = verifications_of(list(loaded))[0]
    return review


def _refuse(what: str, given: str, known: Iterable[str], where: list[str] | None = None) -> int:
    close = difflib.get_close_matches(given, sorted(known), n=3, cutoff=0.6)
    hint = (
        _("; did you mean {items}?").format(items=", ".join(f"`{c}`" for c in close))
        if close
        else ""
    )
    if where is not None and not close:
        hint = _(" (--path names the project files or folders)")
    place = _(" in {items}").format(items=", ".join(where)) if where else ""
    print(
        _("govcheck: error: {what} `{given}`{place}{hint}").format(
            what=what,
            given=terminal_safe(given),
            place=terminal_safe(place),
            hint=terminal_safe(hint),
        ),
        file=sys.stderr,
    )
    return ExitCode.USAGE


def _invalid(error: ValueError | ValidationError) -> int:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "waiver"
        message = f"--{field.replace('_', '-')}: {pydantic_message(first)}"
    else:
        message = str(error)
    print(_("govcheck: error: {message}").format(message=terminal_safe(message)), file=sys.stderr)
    return ExitCode.USAGE


def _warn_if_unneeded(run: RunResult, waiver: Waiver) -> None:
    from checker.waivers.applying import unneeded

    reason = unneeded(run, waiver)
    if reason is None:
        return
    failing = sorted(
        {
            evaluation.rules[index].id
            for project in run.projects
            if project.project.id == waiver.project
            for evaluation in project.evaluations
            for index in range(len(evaluation.rules))
            if evaluation.status(index) in (Status.FAIL, Status.NOT_SHOWN)
            and evaluation.rules[index].id != waiver.rule
        }
    )
    close = difflib.get_close_matches(waiver.rule, failing, n=3, cutoff=0.5)
    hint = _(" Failing there and alike: {items}.").format(items=", ".join(close)) if close else ""
    print(
        _(
            "govcheck: warning: {rule} does not fail for {project} ({reason}); the waiver is "
            "recorded but will be reported stale.{hint}"
        ).format(
            rule=terminal_safe(waiver.rule),
            project=terminal_safe(waiver.project),
            reason=terminal_safe(reason),
            hint=terminal_safe(hint),
        ),
        file=sys.stderr,
    )

"""`govcheck verify`: record, as the reviewer, that facts were checked against evidence.

Owns reading the command line: one fact (`POINTER`), or every fact a rule's outcome was
decided on (`--finding RULE_ID`, under `--profile`, default eu). Checking the request
against the project and writing the entries are the core's (checker/verifying.py), shared
with the TUI's verify form: the project must be one of those at `--path` (default as for
check), each pointer a stated fact, the evidence id one of the project's entries that
backs something. The entries go to the review record `govcheck check` of the same paths
reads (checker/waivers/location.py), with the waivers' guarantees.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker.cli.check_cmd import default_paths
from checker.cli.common import reference_date, report_config_error
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.i18n import _
from checker.report.safe import terminal_safe
from checker.verifying import VerifyError, entries, find_project, pointer_of, record
from checker.waivers.location import waivers_target

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from checker.documents import ProjectDocument


def run_verify(args: argparse.Namespace) -> int:
    if (args.pointer is None) == (args.finding is None):
        return _refuse(_("give either POINTER (one fact) or --finding RULE_ID (its facts)"))
    paths = args.path or default_paths()
    today = reference_date(args.today)
    try:
        document = find_project(paths, args.project)
        if args.finding is not None:
            pointers = _finding_facts(args, document, today.isoformat())
        else:
            pointer = pointer_of(args.pointer)
            if not pointer:
                raise VerifyError(
                    _("{path}: `{pointer}` is not a stated fact of the project").format(
                        path=document.info.path, pointer=args.pointer
                    )
                )
            pointers = (pointer,)
        made = entries(
            document, pointers, args.evidence, by=args.by, today=today, note=args.note or ""
        )
        target = Path(args.file) if args.file else waivers_target(paths)
        written = record(target, made)
    except ConfigError as error:
        return report_config_error(error)
    except VerifyError as error:
        return _refuse(str(error))
    except OSError as error:  # the record cannot be written: --file's, when given
        return _refuse(f"--file: {error}" if args.file else str(error))
    what = terminal_safe(", ".join(pointers))
    if args.finding is not None:
        what = _("{count} fact(s) {finding} was decided on ({what})").format(
            count=len(pointers), finding=terminal_safe(args.finding), what=what
        )
    said = (
        _("recorded in {target}: {what} of {project} verified against {evidence} by {by}")
        if written
        else _(
            "already recorded in {target}: {what} of {project} verified against {evidence} by "
            "{by}; nothing written"
        )
    )
    print(
        said.format(
            target=terminal_safe(str(target)),
            what=what,
            project=terminal_safe(args.project),
            evidence=terminal_safe(args.evidence),
            by=terminal_safe(args.by),
        )
    )
    return ExitCode.OK


def _finding_facts(
    args: argparse.Namespace, document: ProjectDocument, as_of: str
) -> tuple[str, ...]:
    """The facts the rule's outcome was decided on, under the one profile given."""
    from checker.cli.common import profiles
    from checker.verifying import finding_facts, finding_of

    names = args.profile or ["eu"]
    if len(names) > 1:
        raise VerifyError(_("--finding takes one profile (-p NAME)"))
    resolved = profiles(names, args.rulesets)[0]
    finding = finding_of(document, resolved, args.finding, as_of)
    return finding_facts(document, resolved, finding)


def _refuse(message: str) -> int:
    print(_("govcheck: error: {message}").format(message=terminal_safe(message)), file=sys.stderr)
    return ExitCode.USAGE

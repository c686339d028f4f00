"""`govcheck verify`: record, as the reviewer, that a fact was checked against its evidence.

Owns checking the request against the project before anything is written: the project
must be one of those at `--path` (default as for check), the pointer must name a stated
fact, the evidence id must be one of the project's entries and back something (a local
file present and matching its digest). The entry records the digests of the fact's value
and of the evidence (checker/verification.py), so that it goes stale when either changes,
and is appended to the review record `govcheck check` of the same paths reads
(checker/waivers/location.py) with the waivers' guarantees (checker/waivers/writing.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker.checking import discover
from checker.cli.check_cmd import default_paths
from checker.cli.common import reference_date
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.documents import load_project
from checker.evidencefiles import check_evidence
from checker.limits import DEFAULT_LIMITS
from checker.report.safe import terminal_safe
from checker.verification import fact_value, value_digest
from checker.waivers.location import waivers_target
from checker.waivers.writing import add_entry


def run_verify(args: argparse.Namespace) -> int:
    paths = args.path or default_paths()
    document = next(
        (
            d
            for d in (
                load_project(t.path, t.display, DEFAULT_LIMITS) for t in discover(paths).targets
            )
            if d.info.id == args.project
        ),
        None,
    )
    if document is None or document.data is None:
        return _refuse(f"no project `{args.project}` under {', '.join(map(str, paths))}")
    pointer = args.pointer if args.pointer.startswith("/") else _pointer(args.pointer)
    value = fact_value(document.data, pointer)
    from checker.pointers import MISSING

    if value is MISSING or not pointer:
        return _refuse(
            f"{document.info.path}: `{args.pointer}` is not a stated fact of the project"
        )
    evidence = check_evidence(document)
    digests = evidence.digests or {}
    if args.evidence not in digests:
        known = ", ".join(sorted(digests)) or "none"
        return _refuse(
            f"{document.info.path}: no evidence entry `{args.evidence}` (the project has: {known})"
        )
    if args.evidence in evidence.broken:
        problem = next(p for p in evidence.problems)
        return _refuse(f"{problem.location()}: {problem.message}")
    today = reference_date(args.today)
    entry = {
        "project": args.project,
        "pointer": pointer,
        "evidence": args.evidence,
        "by": args.by,
        "on": today.isoformat(),
        "value": value_digest(value),
        "document": digests[args.evidence],
    }
    if args.note:
        entry["note"] = args.note
    target = Path(args.file) if args.file else waivers_target(paths)
    try:
        add_entry(target, "verifications", entry)
    except (ConfigError, OSError) as error:
        return _refuse(str(error))
    print(
        f"recorded in {terminal_safe(str(target))}: {terminal_safe(pointer)} of "
        f"{terminal_safe(args.project)} verified against {terminal_safe(args.evidence)} "
        f"by {terminal_safe(args.by)}"
    )
    return ExitCode.OK


def _pointer(path: str) -> str:
    from checker.basis import fact_parts

    parts = fact_parts(path)
    return "".join(f"/{p}" for p in parts) if parts else ""


def _refuse(message: str) -> int:
    print(f"govcheck: error: {terminal_safe(message)}", file=sys.stderr)
    return ExitCode.USAGE

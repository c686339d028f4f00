"""`govcheck screening import | lists | match`: the reference lists from the command line.

A thin layer over checker.screening: reading a publisher's file into the
user's reference folder, showing which lists a check consults (date,
coverage, entries), and showing what one name matches.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checker.cli.exit_codes import ExitCode
from checker.i18n import _, number


def run_import(args: argparse.Namespace) -> int:
    from checker.report.safe import terminal_safe
    from checker.screening.formats import FormatError
    from checker.screening.imports import import_list

    files = [args.file] if isinstance(args.file, str) else list(args.file)
    for file in files:
        if not Path(file).is_file():
            print(_("govcheck: error: {file}: no such file").format(file=file), file=sys.stderr)
            return ExitCode.USAGE
    try:
        written, reference = import_list(
            args.source, [Path(f) for f in files], args.as_of, Path(args.to) if args.to else None
        )
    except FormatError as error:
        print(
            _("govcheck: error: {message}").format(message=terminal_safe(str(error))),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    print(
        _("imported {count} entries of {title} dated {date} into {path}").format(
            count=number(len(reference.entries)),
            title=reference.title,
            date=reference.as_of,
            path=written,
        ),
        file=sys.stderr,
    )
    if reference.notes:  # e.g. the debarments that had ended by the list's date
        print(reference.notes, file=sys.stderr)
    return ExitCode.OK


def run_lists(args: argparse.Namespace) -> int:
    from checker.config import ConfigError
    from checker.screening import current_index

    try:
        index = current_index()
    except ConfigError as error:
        from checker.cli.common import report_config_error

        return report_config_error(error)
    rows = [
        {
            "source": i.source,
            "measure": i.measure,
            "as_of": i.as_of,
            "coverage": i.coverage,
            "title": i.title,
            "entries": sum(1 for e in index.entries if e["source"] == i.source),
        }
        for i in index.lists
    ]
    if args.format == "json":
        print(json.dumps({"lists_dated": index.dated, "lists": rows}, indent=2))
        return ExitCode.OK
    for row in rows:
        print(
            f"{row['source']:<16} {row['measure']:<16} {row['as_of']:<10} "
            f"{row['coverage']:<7} {row['entries']:>7}  {row['title']}"
        )
    print(
        _("lists dated {dated} at the oldest; an excerpt covers only its entries").format(
            dated=index.dated
        )
    )
    return ExitCode.OK


def run_match(args: argparse.Namespace) -> int:
    from checker.config import ConfigError
    from checker.screening import current_index
    from checker.screening.derive import screen

    if not args.name.strip():  # matches nothing, and "no hit" would read as a clearance
        print(_("govcheck: error: NAME is empty; give the name to screen"), file=sys.stderr)
        return ExitCode.USAGE
    try:
        index = current_index()
    except ConfigError as error:
        from checker.cli.common import report_config_error

        return report_config_error(error)
    from checker.cli.common import reference_date

    facts = screen({"name": args.name}, index, reference_date(args.as_of).isoformat())
    if args.format == "json":
        print(json.dumps(facts, indent=2, ensure_ascii=False))
        return ExitCode.OK
    for hit in facts["hits"]:
        listed = hit.get("listed_on", _("date not stated"))
        until = hit.get("until")
        print(
            f"{hit['strength']:<8} {hit['source']:<16} {hit['measure']:<16} {listed:<10} "
            f"{hit['entry_name']} — {hit['regime']}"
            + (_(" — applies until {date}").format(date=until) if until else "")
        )
    if not facts["hits"]:
        print(
            _("no hit on the lists dated {lists_dated} (this is not a clearance)").format(
                lists_dated=facts["lists_dated"]
            )
        )
    return ExitCode.OK

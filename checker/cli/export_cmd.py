"""`govcheck profiles export NAME --format oscal-catalog|oscal-profile`.

Owns resolving the profile and writing the OSCAL document to stdout or a
file. Refuses the mapping, which is `checker.oscal` (catalog.py, profile.py).
The documents' time is now, or SOURCE_DATE_EPOCH when it is set.
"""

from __future__ import annotations

import argparse
import json

from checker.cli.common import catalogue, report_config_error, write_output
from checker.cli.exit_codes import ExitCode
from checker.config import ConfigError
from checker.oscal import catalog_document, profile_document, timestamp
from checker.profiles import resolve_profile


def run_export(args: argparse.Namespace) -> int:
    try:
        loaded = catalogue(args.rulesets)
        profile = resolve_profile(loaded, args.name)
    except ConfigError as error:
        return report_config_error(error)
    now = timestamp()
    if args.format == "oscal-catalog":
        document = catalog_document(profile, loaded.parameters, timestamp=now)
    else:
        document = profile_document(
            profile, loaded.parameters, timestamp=now, href=args.catalog_href
        )
    write_output([json.dumps(document, indent=2, ensure_ascii=False) + "\n"], args.output)
    return ExitCode.OK

"""`govcheck schema` and `govcheck init`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from checker.cli.common import write_output
from checker.cli.exit_codes import ExitCode
from checker.i18n import _

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "project.yaml"


def run_schema(args: argparse.Namespace) -> int:
    from checker import jsonschemas as schemas

    if args.update:
        changed = schemas.update_all()
        for path in changed:
            print(_("updated {path}").format(path=path), file=sys.stderr)
        if not changed:
            print(_("schemas are up to date"), file=sys.stderr)
        return ExitCode.OK
    write_output([schemas.render(schemas.committed(args.name))], args.output)
    return ExitCode.OK


def run_init(args: argparse.Namespace) -> int:
    from checker.i18n import language

    # The committed template of the language in use (its notes and example text); the
    # template module itself (PyYAML, the schema words) is not imported for it.
    localised = TEMPLATE.with_name(f"project.{language()}.yaml")
    text = (localised if localised.is_file() else TEMPLATE).read_text(encoding="utf-8")
    if args.file is None:
        sys.stdout.write(text)
        return ExitCode.OK
    target = Path(args.file)
    if target.exists() and not args.force:
        print(
            _("govcheck: error: {target} exists; use --force to overwrite").format(target=target),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    write_output([text], str(target))
    print(
        _("wrote {target}; fill it in, then run: govcheck check {target}").format(target=target),
        file=sys.stderr,
    )
    return ExitCode.OK

"""The `govcheck` command: a thin layer over the core library.

Owns argument parsing, dispatch, exit codes and turning every failure into a
one-line message. Refuses rule logic and formatting: commands call the core
and the report renderers. Heavy modules are imported inside the commands so
that `govcheck --version` starts as fast as Python itself.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from checker.cli.exit_codes import ExitCode


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting."""
    from checker.cli.parser import build_parser, command_in

    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(command_in(arguments))
    args = parser.parse_args(arguments)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return ExitCode.USAGE
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        print("govcheck: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a message.
        sys.stderr.close()
        return ExitCode.OK
    except Exception as error:
        from checker.cli.common import internal_error

        return internal_error(error)
    return code


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["ExitCode", "main", "run"]

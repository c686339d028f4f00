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
    arguments = list(sys.argv[1:] if argv is None else argv)
    refused = _choose_language(arguments)
    if refused is not None:
        print(f"govcheck: error: {refused}", file=sys.stderr)
        return ExitCode.USAGE
    from checker.cli.parser import build_parser, command_in

    command = command_in(arguments)
    # `govcheck --version` needs no command's parser: building them all (for a usage
    # line that is never printed) imported the screening readers, 15 ms of a 40 ms run.
    version_only = command is None and "--version" in arguments
    version_only = version_only and not {"-h", "--help"} & set(arguments)
    parser = build_parser(command, with_commands=not version_only)
    args = parser.parse_args(arguments)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return ExitCode.USAGE
    _escape_unencodable_output()  # not for `--version`: its import is a tenth of that run
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


def _escape_unencodable_output() -> None:
    """A file name that is not UTF-8 (`caf\\xe9.yaml` from an old archive) is text with a
    lone surrogate in Python, which a UTF-8 locale's strict stdout refuses, failing the
    whole report: it is printed as its escape (`caf\\udce9.yaml`), as report files write
    it (`checker.cli.common.write_output`), and as stderr always does."""
    from checker.report.safe import UNENCODABLE

    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None and getattr(sys.stdout, "errors", "") == "strict":
        reconfigure(errors=UNENCODABLE)


def _choose_language(arguments: Sequence[str]) -> str | None:
    """Speak the language --lang, GOVCHECK_LANG or the locale asks for, before any help
    text is made; the refusal when the code is unknown, else None."""
    import os

    from checker.i18n import UnknownLanguageError, requested_language, use_language

    given = None
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(arguments):
            given = arguments[index + 1]
        elif argument.startswith("--lang="):
            given = argument.partition("=")[2]
    try:
        use_language(requested_language(os.environ, given))
    except UnknownLanguageError as error:
        return str(error)
    return None


def run() -> None:
    """Console-script entry point."""
    import gc

    try:
        code = main()
    finally:
        # What is still alive now goes with the process. Frozen, it is left out of the
        # collections the interpreter makes as it exits, which walked all of it: a
        # twentieth of a cached one-file check. (Files and the cache are closed by then;
        # Python never promised `__del__` at exit.)
        gc.freeze()
    sys.exit(code)


__all__ = ["ExitCode", "main", "run"]

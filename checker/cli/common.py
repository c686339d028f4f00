"""What several commands share: loading rulesets and profiles, output, colour, errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from checker._version import __version__
from checker.cli.exit_codes import ExitCode
from checker.i18n import _
from checker.report.safe import UNENCODABLE
from checker.values import replace

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from datetime import date
    from typing import IO, Any

    from checker.config import ConfigError
    from checker.findings import RunResult, Status
    from checker.profiles import Catalogue, ResolvedProfile
    from checker.waivers import LoadedWaivers


def catalogue(extra: Sequence[str] = ()) -> Catalogue:
    """The bundled rulesets plus any --rulesets folders; raises ConfigError."""
    from checker.resolving import load_catalogue

    return load_catalogue(extra)


def profiles(
    names: Sequence[str],
    extra: Sequence[str] = (),
    *,
    use_cache: bool = True,
    language: str | None = None,
    option: str = "--profile",
) -> list[ResolvedProfile]:
    """Resolve profile names as every entry point does (checker/resolving.py); an
    unknown name says it came from `option`."""
    from checker.config import ConfigError
    from checker.resolving import resolved_profiles

    try:
        return resolved_profiles(names, extra, use_cache=use_cache, language=language)
    except ConfigError as error:
        raise _from_option(error, option) from None


def reference_date(given: str | None) -> date:
    """A date option's value (argparse has already refused anything but a calendar date,
    naming the option), or today."""
    from datetime import date  # ~3 ms of start-up, so only once a command needs it

    return date.fromisoformat(given) if given else date.today()


def waiver_day(args: argparse.Namespace, as_of: date) -> date:
    """The day waiver expiry is judged as of: --today, else the reference date."""
    return reference_date(args.today) if args.today else as_of


def given_waivers(given: Sequence[str] | None) -> None:
    """ConfigError naming `--waivers` for a file given there that is not there (the
    option's value itself: no position in a file that does not exist)."""
    missing = [w for w in given or () if not Path(w).is_file()]
    if missing:
        from checker.config import COMMAND_LINE, ConfigError, ConfigProblem

        said = _("--waivers: no waivers file {path}").format(path=missing[0])
        raise ConfigError([ConfigProblem(COMMAND_LINE, 1, 1, said)])


def load_waiver_files(
    args: argparse.Namespace, paths: Sequence[str], today: date
) -> list[LoadedWaivers]:
    """The review record a command reads: --waivers, else the one location rule of
    checker/waivers/location.py for `paths`; judged as of `today`; none with --no-waivers.
    Raises ConfigError."""
    if args.no_waivers:
        return []
    given_waivers(args.waivers)
    from checker.waivers.location import waiver_files

    if not waiver_files(paths, args.waivers):
        return []
    from checker.waivers.records import load_record  # pydantic only when there are waivers

    return load_record(paths, args.waivers, today)


def resolve_named(
    loaded: Catalogue, name: str, option: str, language: str | None = None
) -> ResolvedProfile:
    """A profile named on the command line, its rule texts in `language` (default: the
    language in use); an unknown name says which option gave it."""
    from checker.config import ConfigError
    from checker.i18n import language as language_in_use
    from checker.profiles import resolve_profile

    try:
        resolved = resolve_profile(loaded, name)
    except ConfigError as error:
        raise _from_option(error, option) from None
    language = language or language_in_use()
    if language == "en":
        return resolved
    from checker.i18n.rule_texts import localise_profile

    return localise_profile(resolved, loaded, language)


def _from_option(error: ConfigError, option: str) -> ConfigError:
    """The error with the option named where a problem is the option's value itself
    (an unknown name, a missing file), not something inside the file it names."""
    from checker.config import COMMAND_LINE, ConfigError, ConfigProblem

    def named(problem: ConfigProblem) -> ConfigProblem:
        if problem.path == COMMAND_LINE:
            return replace(problem, message=f"{option}: {problem.message}")
        if problem.message == _("profile file not found"):
            return ConfigProblem(
                COMMAND_LINE,
                1,
                1,
                _("{option}: no profile file {path}").format(option=option, path=problem.path),
            )
        return problem

    return ConfigError([named(p) for p in error.problems])


def reviewed_run(
    args: argparse.Namespace,
    paths: Sequence[str],
    resolved: Sequence[ResolvedProfile],
    as_of: date,
    waivers: Sequence[LoadedWaivers],
) -> RunResult:
    """The run `govcheck check` makes of `paths` for a report command (`questions`,
    `compare`, `gap`): the review record's verifications decide what each fact rests on,
    results come from and go to the same cache, and its waivers are applied as of
    `--today` (else `as_of`). One sequence, so that every report shows `check`'s answer."""
    from checker.batch import BatchOptions, run_batch
    from checker.cli.check_cmd import verifications_of

    review, review_digest = verifications_of(list(waivers))
    options = BatchOptions(
        use_cache=not args.no_cache,
        as_of=as_of.isoformat(),
        review=review,
        review_digest=review_digest,
    )
    run = run_batch(list(paths), resolved, options)
    if not waivers:
        return run
    from checker.waivers.applying import apply_waivers

    return apply_waivers(
        run, waivers, waiver_day(args, as_of), checked=list(paths), known_rules=known_rules(args)
    )


def known_rules(args: argparse.Namespace) -> Callable[[], frozenset[str] | None]:
    """Every rule id of the rulesets the command reads, read only when asked for."""

    def read() -> frozenset[str] | None:
        from checker.resolving import known_rule_ids

        return known_rule_ids(args.rulesets or ())

    return read


def warn_empty_folders(paths: Sequence[str]) -> None:
    """A warning on stderr for each folder given that holds no project file; the check
    goes on (an empty portfolio is not an error), but a green run must not hide that
    nothing was read."""
    from checker.checking import empty_folders
    from checker.report.safe import terminal_safe

    for folder in empty_folders([p for p in paths if p != "-"]):
        print(
            _(
                "govcheck: warning: {folder} holds no project file (*.yaml or *.yml); "
                "nothing in it was checked"
            ).format(folder=terminal_safe(folder)),
            file=sys.stderr,
        )


def report_config_error(error: ConfigError) -> int:
    from checker.report.safe import terminal_safe

    for problem in error.problems:
        print(
            _("govcheck: error: {message}").format(message=terminal_safe(str(problem))),
            file=sys.stderr,
        )
    return ExitCode.USAGE


def use_color(stream: IO[str], choice: str) -> bool:
    """Colour when asked, or on a terminal unless NO_COLOR is set (https://no-color.org)."""
    if choice == "never":
        return False
    if choice == "always" or os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"


def included(args: argparse.Namespace) -> tuple[frozenset[Status], bool]:
    """`--include`: the statuses to list in full besides those that need attention, and
    whether each finding carries its fingerprint."""
    from checker.findings import Status

    words = {word for group in args.include for word in group}
    fingerprints = "fingerprints" in words
    return frozenset(Status(w) for w in words - {"fingerprints"}), fingerprints


def check_output(output: str) -> Path:
    """The path of an output file, or OutputError (a usage error, exit 2) naming it when
    it cannot be written: its folder is missing, or it is a folder. Commands that work
    long before writing call it first, so that a typo costs no check."""
    target = Path(output)
    if not target.parent.is_dir():
        raise OutputError(
            _("cannot write {output}: there is no folder {parent}").format(
                output=output, parent=target.parent
            )
        )
    if target.is_dir():
        raise OutputError(_("cannot write {output}: it is a folder").format(output=output))
    return target


def refuse_overwriting(output: str | None, inputs: Sequence[str | Path]) -> None:
    """OutputError (exit 2) when `output` is a project file the command reads: one given,
    or a YAML file under a folder given. A report written there replaced the proposal it
    was about (`govcheck check x.yaml -f json -o x.yaml`). Said before anything is read."""
    if output is None or output == "-" or not os.path.isfile(output):
        return
    written = os.path.realpath(output)
    for given in inputs:
        if str(given) == "-":
            continue
        read = os.path.realpath(given)
        inside = os.path.isdir(read) and written.startswith(os.path.join(read, ""))
        if written == read or (inside and written.lower().endswith((".yaml", ".yml"))):
            raise OutputError(
                _(
                    "cannot write {output}: it is a project file this command reads; "
                    "write the report to another file"
                ).format(output=output)
            )


def write_output(chunks: Iterable[str], output: str | None) -> None:
    """Write to a file (replaced atomically) or to stdout.

    A file name that is not UTF-8 (`caf\\xe9.yaml` from an old archive) is text with a
    lone surrogate in Python; it is written as its escape (`caf\\udce9.yaml`), which is
    the same escape inside a JSON string, rather than failing the whole report."""
    if output is None or output == "-":
        _to_stdout(sys.stdout.write, chunks)
        return
    _to_file(output, "w", chunks)


def write_encoded(chunks: Iterable[bytes], output: str | None) -> None:
    """`write_output` for a report that encodes itself in UTF-8 (junit): its bytes are
    written as they are, never decoded and encoded again (a gigabyte at 10,000 projects).
    Standard output takes them directly when text written to it would reach it as the
    same bytes, else as the text they are."""
    if output is None or output == "-":
        raw = _raw_stdout()
        if raw is None:
            _to_stdout(sys.stdout.write, (chunk.decode() for chunk in chunks))
        else:
            sys.stdout.flush()  # what was written as text comes first
            _to_stdout(raw.write, chunks)
        return
    _to_file(output, "wb", chunks)


def _raw_stdout() -> IO[bytes] | None:
    """Standard output's bytes when it encodes text in UTF-8 and translates no newline
    (Windows would write each as two characters)."""
    import codecs

    raw: IO[bytes] | None = getattr(sys.stdout, "buffer", None)
    encoding = getattr(sys.stdout, "encoding", None)
    if raw is None or not encoding or os.linesep != "\n":
        return None
    try:
        return raw if codecs.lookup(encoding).name == "utf-8" else None
    except LookupError:
        return None


def _to_stdout(write: Callable[[Any], object], chunks: Iterable[Any]) -> None:
    try:
        for chunk in chunks:
            write(chunk)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left (`| head`): stop writing, but let the command finish and
        # exit with its real code. Further writes go nowhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _to_file(output: str, mode: str, chunks: Iterable[Any]) -> None:
    """Write to a file, replaced atomically, as text (`w`) or bytes (`wb`)."""
    text = mode == "w"
    encoding, errors, newline = ("utf-8", UNENCODABLE, "\n") if text else (None, None, None)
    target = check_output(output)
    if target.exists() and not target.is_file():
        # /dev/null, a FIFO, a terminal: write through; never replace it with a file.
        with target.open(mode, encoding=encoding, errors=errors, newline=newline) as handle:
            for chunk in chunks:
                handle.write(chunk)
        return
    temporary = target.with_name(f".{target.name}.govcheck-tmp")
    try:
        with temporary.open(mode, encoding=encoding, errors=errors, newline=newline) as handle:
            for chunk in chunks:
                handle.write(chunk)
        temporary.replace(target)
    except PermissionError:
        raise OutputError(
            _("cannot write {output}: permission denied").format(output=output)
        ) from None
    finally:
        temporary.unlink(missing_ok=True)


class OutputError(OSError):
    """An output file that cannot be written where the user asked: a usage error."""


def internal_error(error: BaseException) -> int:
    """A short report for a bug: what happened and where, never a full traceback.

    An output the user pointed at a missing folder is no bug: it is reported as the
    usage error it is.
    """
    import traceback

    from checker.report.safe import terminal_safe

    if isinstance(error, OutputError):
        print(
            _("govcheck: error: {message}").format(message=terminal_safe(str(error))),
            file=sys.stderr,
        )
        return ExitCode.USAGE

    frames = traceback.extract_tb(error.__traceback__)
    where = (
        _(" at {file}:{line}").format(file=Path(frames[-1].filename).name, line=frames[-1].lineno)
        if frames
        else ""
    )
    what = terminal_safe(str(error))[:300]  # the message may quote a hostile file
    print(
        _(
            "govcheck {version}: internal error: {kind}: {what}{where}\nThis is a bug in "
            "govcheck; please report it with the command you ran."
        ).format(version=__version__, kind=type(error).__name__, what=what, where=where),
        file=sys.stderr,
    )
    if os.environ.get("GOVCHECK_DEBUG"):
        traceback.print_exception(error)
    return ExitCode.INTERNAL


def report_stale_waivers(run: RunResult) -> None:
    """On stderr, the review record's decisions that are no longer needed (the finding is
    met, or its rule or project is gone): the commands whose output goes to someone else
    (a letter, a comparison, a gap list) still tell the reviewer, as `check` does."""
    if not run.stale_waivers:
        return
    from checker.report.safe import terminal_safe

    verifications = [s for s in run.stale_waivers if s.kind == "verification"]
    waivers = [s for s in run.stale_waivers if s.kind == "waiver"]
    for heading, listed in (
        (_("govcheck: {count} stale waiver(s):"), waivers),
        (_("govcheck: {count} stale verification(s):"), verifications),
    ):
        if listed:
            print(heading.format(count=len(listed)), file=sys.stderr)
        for stale in listed:
            where = f"{stale.path}:{stale.line}:{stale.column}"
            print(f"  {terminal_safe(where)}: {terminal_safe(stale.message)}", file=sys.stderr)

"""`govcheck check`: check project files, apply waivers and a baseline, write reports."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from checker._version import __version__
from checker.cli.common import (
    OutputError,
    check_output,
    included,
    known_rules,
    load_waiver_files,
    profiles,
    reference_date,
    refuse_overwriting,
    report_config_error,
    use_color,
    waiver_day,
    warn_empty_folders,
    write_encoded,
    write_output,
)
from checker.cli.exit_codes import ExitCode
from checker.cli.stdin_input import reads_stdin, shown_paths, stdin_closed, with_stdin
from checker.config import ConfigError
from checker.findings import RunResult, Severity
from checker.i18n import _
from checker.limits import DEFAULT_LIMITS
from checker.report import RENDERERS, encoder, renderer
from checker.report.options import RenderOptions
from checker.report.safe import UNENCODABLE, terminal_safe
from checker.values import Frozen, replace, set_field

TYPE_CHECKING = False  # not typing's: see checker/__init__.py

if TYPE_CHECKING:
    from typing import Any

    from checker.checking import Target
    from checker.limits import Limits


class ReportTarget(Frozen):
    """One report to write: a format and a file (None: standard output)."""

    __slots__ = ("format", "output")

    format: str
    output: str | None

    def __init__(self, format: str, output: str | None) -> None:
        set_field(self, "format", format)
        set_field(self, "output", output)


def default_paths() -> list[str]:
    """./projects when it exists, else the bundled samples."""
    from checker.bundled import projects_dir

    local = Path("projects")
    return [str(local)] if local.is_dir() else [str(projects_dir())]


def report_targets(args: argparse.Namespace) -> list[ReportTarget]:
    """--format/-o plus every --report FORMAT:FILE; `auto` becomes github under Actions."""
    targets: list[ReportTarget] = []
    for spec in args.report:
        name, _colon, output = spec.partition(":")
        if name not in RENDERERS or not output:
            raise ValueError(
                _("--report takes FORMAT:FILE with FORMAT one of {items}; got {spec!r}").format(
                    items=", ".join(sorted(RENDERERS)), spec=spec
                )
            )
        targets.append(ReportTarget(name, output))
    if not args.report or args.output or args.format != "auto":
        targets.insert(0, ReportTarget(_resolve_auto(args.format), args.output))
    return targets


def _one_report_a_file(targets: list[ReportTarget]) -> None:
    """ValueError when two reports of different formats name one file: the second
    silently replaced the first (`-f json -o r.json --report sarif:r.json`)."""
    written: dict[str, ReportTarget] = {}
    for target in targets:
        if target.output is None or target.output == "-":
            continue
        first = written.setdefault(os.path.realpath(target.output), target)
        if first.format != target.format:
            raise ValueError(
                _(
                    "{output} is named for two reports ({first} and {second}); "
                    "give each its own file"
                ).format(output=target.output, first=first.format, second=target.format)
            )


def _resolve_auto(name: str) -> str:
    if name != "auto":
        return name
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _screening_lists() -> None:
    """The reference lists, read (or their index found) before any file is checked: a
    broken list is a configuration error (exit 2), not a failure of every file."""
    from checker.screening import current_index

    current_index()


def run_check(args: argparse.Namespace) -> int:
    paths = args.paths or default_paths()
    try:
        targets = report_targets(args)
        if args.only_new and not args.schema_only:
            _only_new_applies(args, targets[0])
        if args.sarif_split:
            _sarif_split_applies(targets)
        for target in targets:  # before the check, which may take minutes
            if target.output is not None and target.output != "-":
                check_output(target.output)
                refuse_overwriting(target.output, paths)
        _one_report_a_file(targets)
    except (ValueError, OutputError) as error:
        print(
            _("govcheck: error: {message}").format(message=terminal_safe(str(error))),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    if args.stdin_filename and not reads_stdin(paths):
        print(
            _("govcheck: error: --stdin-filename names the project read from -; give - as a path"),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    if stdin_closed(paths):
        print(
            _("govcheck: error: -: standard input is closed; give the project as a file"),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    warn_empty_folders(paths)
    if args.schema_only:
        return _structure_only(args, paths, targets)
    as_of = reference_date(args.as_of)
    waivers_as_of = waiver_day(args, as_of)
    shown = shown_paths(paths, args.stdin_filename)
    try:
        resolved = profiles(args.profile or ["eu"], args.rulesets, use_cache=not args.no_cache)
        waivers = load_waiver_files(args, shown, waivers_as_of)
        baseline = _baseline(args)
        _screening_lists()
    except ConfigError as error:
        return report_config_error(error)
    with with_stdin(paths, args.stdin_filename, _limits(args).max_file_bytes) as checked:
        run = _run(checked, resolved, args, as_of.isoformat(), waivers)
    if args.allow_out_of_scope:
        from checker.checking import allow_out_of_scope

        run = allow_out_of_scope(run)
    if waivers:
        from checker.waivers import apply_waivers

        run = apply_waivers(
            run, waivers, waivers_as_of, checked=shown, known_rules=known_rules(args)
        )
    if baseline is not None:
        run = replace(run, baseline=baseline)
    if any(t.format == "json" for t in targets):  # its signature names each profile's digest
        from checker.signature import with_profile_digests

        run = with_profile_digests(run, resolved)
    _write_reports(
        run,
        args,
        targets,
        show_passed=args.show_passed,
        fail_on=Severity.LOW if args.fail_on == "none" else Severity(args.fail_on),
        only_new=args.only_new,
    )
    if any(t.format == "github" for t in targets):
        _step_summary(run, targets)
    if run.interrupted:
        return _interrupted()
    return _nothing_checked(run, args) or exit_code(
        run, None if args.fail_on == "none" else Severity(args.fail_on)
    )


def _nothing_checked(run: RunResult, args: argparse.Namespace) -> int:
    """Exit 1 for a run that found no project file at all: a CI job pointed at the wrong
    folder must not go green having checked nothing (`--allow-empty` accepts it)."""
    if run.projects or args.allow_empty:
        return ExitCode.OK
    print(
        _(
            "govcheck: error: no project file (*.yaml or *.yml) was found, so nothing was "
            "checked; give the folder or files that hold the proposals (--allow-empty "
            "accepts an empty run)"
        ),
        file=sys.stderr,
    )
    return ExitCode.FINDINGS


def _write_reports(
    run: RunResult,
    args: argparse.Namespace,
    targets: list[ReportTarget],
    *,
    show_passed: bool = False,
    fail_on: Severity = Severity.LOW,
    only_new: bool = False,
) -> None:
    """Every report target written from `run` (a full check's or `--schema-only`'s)."""
    include, fingerprints = included(args)
    for target in targets:
        options = RenderOptions(
            color=target.output is None and use_color(sys.stdout, args.color),
            quiet=args.quiet,
            show_passed=show_passed,
            fail_on=fail_on,
            tool_version=__version__,
            include=include,
            fingerprints=fingerprints,
            only_new=only_new and target.format in ONLY_NEW_FORMATS,
            results_format=args.results_format,
        )
        if target.format in SPLIT_FORMATS:
            _write_sarif(run, options, target, split_files=args.sarif_split)
        else:
            _write_report(_as_read(run, target), options, target)


def _write_report(run: RunResult, options: RenderOptions, target: ReportTarget) -> None:
    encode = encoder(target.format)
    if encode is not None:  # the format encodes itself: its bytes are written as they are
        write_encoded(encode(run, options), target.output)
    else:
        write_output(renderer(target.format)(run, options), target.output)


def _interrupted() -> int:
    print(_("govcheck: interrupted; the report covers the files checked so far"), file=sys.stderr)
    return ExitCode.INTERRUPTED


STRUCTURE_FORMATS = frozenset({"text", "json", "github", "gitlab", "sarif", "sarif-full", "junit"})
"""Formats `--schema-only` writes: those that list input problems on their own. Markdown,
HTML and OSCAL report on profiles and would be empty shells."""

_NOT_WITH_SCHEMA_ONLY = (
    ("profile", "--profile"),
    ("rulesets", "--rulesets"),
    ("baseline", "--baseline"),
    ("only_new", "--only-new"),
    ("waivers", "--waivers"),
    ("no_waivers", "--no-waivers"),
    ("today", "--today"),
    ("as_of", "--as-of"),
    ("allow_out_of_scope", "--allow-out-of-scope"),
    ("show_passed", "--show-passed"),
)
"""Options about rules, profiles or the review record: meaningless without rules, so
refused rather than ignored."""


def _structure_only(args: argparse.Namespace, paths: list[str], targets: list[ReportTarget]) -> int:
    """`--schema-only`: each file's input problems as the full check finds them, no profile
    loaded; exit 0 when every file is valid, 1 when one is not, 2 for usage errors."""
    given = [option for name, option in _NOT_WITH_SCHEMA_ONLY if getattr(args, name, None)]
    if args.fail_on != "low":
        given.append("--fail-on")
    wrong = sorted({t.format for t in targets} - STRUCTURE_FORMATS)
    if given or wrong:
        message = (
            _("--schema-only evaluates no rule, so {options} cannot apply").format(
                options=", ".join(given)
            )
            if given
            else _("--schema-only writes {formats}; not {wrong}").format(
                formats=", ".join(sorted(STRUCTURE_FORMATS)), wrong=", ".join(wrong)
            )
        )
        print(_("govcheck: error: {message}").format(message=message), file=sys.stderr)
        return ExitCode.USAGE
    from checker.structure import check_structure

    limits = _limits(args)
    with with_stdin(paths, args.stdin_filename, limits.max_file_bytes) as checked:
        run = check_structure(checked, limits)
    _write_reports(run, args, targets)
    if run.interrupted:
        return _interrupted()
    return _nothing_checked(run, args) or exit_code(run, None)


def _as_read(run: RunResult, target: ReportTarget) -> RunResult:
    """The run as the report's reader names files: GitLab reads paths from the repository
    root, wherever govcheck ran (a path in no repository is kept, and said on stderr)."""
    if target.format != "gitlab":
        return run
    from checker.repository import RepositoryPaths, with_repository_paths

    paths = RepositoryPaths()
    moved = with_repository_paths(run, paths)
    if paths.outside:
        print(
            _(
                "govcheck: note: {path} is in no git repository, so the GitLab report names it "
                "as given, not from a repository root"
            ).format(path=terminal_safe(paths.outside[0]))
            + (
                _(" (and {count} more)").format(count=len(paths.outside) - 1)
                if len(paths.outside) > 1
                else ""
            ),
            file=sys.stderr,
        )
    return moved


ONLY_NEW_FORMATS = frozenset({"text", "github"})
"""Formats `--only-new` shortens. The machine formats are records (a JSON results file is
the next baseline, SARIF and GitLab reports are compared by their servers): they stay
whole and mark each problem new or unchanged (`baseline_state`, `baselineState`)."""


def _only_new_applies(args: argparse.Namespace, first: ReportTarget) -> None:
    """ValueError (a usage error) unless `--only-new` has a baseline and shapes the
    report written to standard output or -o (further --report files stay whole)."""
    if not args.baseline:
        raise ValueError(
            _("--only-new needs --baseline RESULTS.json: new is new against a baseline")
        )
    if args.show_passed:
        raise ValueError(_("--only-new and --show-passed cannot be used together"))
    if first.format not in ONLY_NEW_FORMATS:
        raise ValueError(
            _(
                "--only-new shortens the text and github formats; {format} stays whole and "
                "marks each problem new or unchanged (use --format text or github)"
            ).format(format=first.format)
        )


def _sarif_split_applies(targets: list[ReportTarget]) -> None:
    """ValueError (a usage error) unless a SARIF log is written to a file: standard output
    holds one document, so `--sarif-split` would be silently ignored there."""
    if not any(t.format in SPLIT_FORMATS and t.output not in (None, "-") for t in targets):
        raise ValueError(
            _(
                "--sarif-split writes a SARIF log to several files: give one with "
                "-f sarif -o FILE or --report sarif:FILE (standard output holds one log)"
            )
        )


SPLIT_FORMATS = {"sarif": False, "sarif-full": True}
"""SARIF formats written as several files when one run cannot hold every result (the
value: whether waived findings are results)."""


def _step_summary(run: RunResult, targets: list[ReportTarget]) -> None:
    """With `--format github` under Actions, the job summary appended to
    $GITHUB_STEP_SUMMARY (the per-step file GitHub shows on the run's page), unless a
    report was written to that file already. A summary that cannot be written is said on
    stderr; it never changes the exit code."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target or any(
        t.output and os.path.abspath(t.output) == os.path.abspath(target) for t in targets
    ):
        return
    from checker.report.github import summary

    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    repository, sha = os.environ.get("GITHUB_REPOSITORY"), os.environ.get("GITHUB_SHA")
    link_base = f"{server}/{repository}/blob/{sha}" if repository and sha else ""
    try:
        with open(target, "a", encoding="utf-8", errors=UNENCODABLE, newline="\n") as handle:
            root = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
            handle.writelines(summary(run, link_base=link_base, root=root))
    except OSError as error:
        from checker.i18n.os_words import os_reason

        print(
            _("govcheck: cannot write the job summary to {target}: {error}").format(
                target=target, error=os_reason(error)
            ),
            file=sys.stderr,
        )


def _is_file(output: str | None) -> bool:
    """A file govcheck writes (and may write beside): not stdout, not a device or FIFO."""
    if output is None or output == "-":
        return False
    return not Path(output).exists() or Path(output).is_file()


def _write_sarif(
    run: RunResult, options: RenderOptions, target: ReportTarget, *, split_files: bool
) -> None:
    """One SARIF log within GitHub's limits (the most severe results when not all fit),
    the same document on standard output and in a file; with `split_files` and a file,
    every result, in as many files as those limits need. stderr says so when it is more
    than one file, or when results had to be left out. Parts an earlier, larger run wrote
    beside the file are removed, so that uploading the folder uploads this run only."""
    from checker.report.sarif_parts import Written, single, split

    full = SPLIT_FORMATS[target.format]
    into = target.output if target.output is not None and _is_file(target.output) else None
    if not split_files or into is None:
        written = Written()
        write_output(single(run, options, full=full, written=written), target.output)
        if written.left_out:
            print(_("govcheck: SARIF: {value}").format(value=written.notes[-1]), file=sys.stderr)
        if into is not None:
            _remove_stale_parts(into, 1)
        return
    files = split(run, options, full=full, output=into, write=write_output)
    _remove_stale_parts(into, len(files))
    if len(files) > 1:
        listed = ", ".join(f"{path} ({written.results:,})" for path, written in files)
        print(
            _(
                "govcheck: SARIF split into {count} files, one category each, because GitHub code "
                "scanning takes at most 25,000 results per run: {listed}; upload every file "
                "(docs/ci.md#large-portfolios)"
            ).format(count=len(files), listed=listed),
            file=sys.stderr,
        )
    for path, written in files:
        if written.left_out:
            print(
                _("govcheck: {path}: {value}").format(path=path, value=written.notes[-1]),
                file=sys.stderr,
            )


def _remove_stale_parts(output: str, first: int) -> None:
    """Removes the parts `first`, `first + 1`... that an earlier split run wrote beside
    `output` (`FILE-2.sarif`...), stopping at the first that is not govcheck's."""
    from checker.report.sarif_parts import part_path

    stale = first
    while _is_govcheck_sarif(old := Path(part_path(output, stale))):
        old.unlink()
        stale += 1


def _is_govcheck_sarif(path: Path) -> bool:
    """A part file an earlier govcheck run wrote (its first lines name the tool)."""
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(2048)
    return b'"name": "govcheck"' in head and b'"version": "2.1.0"' in head


def _limits(args: argparse.Namespace) -> Limits:
    limits = DEFAULT_LIMITS
    if args.max_file_size:
        limits = replace(limits, max_file_bytes=args.max_file_size)
    return limits


def _run(
    paths: list[str | Target],
    resolved: list,  # type: ignore[type-arg]
    args: argparse.Namespace,
    as_of: str,
    waivers: list[Any],
) -> RunResult:
    from checker.batch import BatchOptions, run_batch
    from checker.cli.progress import ProgressLine

    limits = _limits(args)
    show = not args.quiet and sys.stderr.isatty()
    progress = ProgressLine() if show else None
    review, review_digest = verifications_of(waivers)
    options = BatchOptions(
        review=review,
        review_digest=review_digest,
        limits=limits,
        jobs=max(1, args.jobs),
        # Standard input is saved in a new temporary folder each run: a result cached
        # under it would never be read again.
        use_cache=not args.no_cache and not reads_stdin(args.paths or ()),
        progress=progress,
        as_of=as_of,
    )
    try:
        return run_batch(paths, resolved, options)
    finally:
        if progress is not None:
            progress.clear()


def verifications_of(waivers: list[Any]) -> tuple[Any, str]:
    """The record's verifications by project, and their digest (none: nothing imported)."""
    if not waivers:
        return None, ""
    from checker.verification import review_of

    return review_of(waivers)


def _baseline(args: argparse.Namespace) -> frozenset[str] | None:
    if not args.baseline:
        return None
    from checker.cli.drift_cmd import upgrade_notes
    from checker.drift import fingerprints, load_results

    loaded = load_results(Path(args.baseline))
    upgrade_notes(args.baseline, loaded)  # a version-1 baseline is read in the current format
    return fingerprints(loaded)


def exit_code(run: RunResult, fail_on: Severity | None) -> int:
    """1 for invalid files or problems at or above `fail_on` (None: input problems only),
    2 for missing paths, 3 for bugs."""
    broken = [f for p in run.projects for f in p.problems if f.rule == "internal.error"]
    for finding in broken:
        where = terminal_safe(finding.path)
        print(
            _("govcheck {version}: {where}: {message}").format(
                version=__version__, where=where, message=terminal_safe(finding.message)
            ),
            file=sys.stderr,
        )
    if broken:
        return ExitCode.INTERNAL
    missing = [p for p in run.projects if any(f.rule == "file.not-found" for f in p.problems)]
    for project in missing:
        print(
            _("govcheck: error: {path}: no such file or folder").format(
                path=terminal_safe(project.project.path)
            ),
            file=sys.stderr,
        )
    if missing:
        return ExitCode.USAGE
    if any(p.problems for p in run.projects):  # an invalid file always has a problem
        return ExitCode.FINDINGS
    if fail_on is not None and run.blocking(fail_on):
        return ExitCode.FINDINGS
    return ExitCode.OK

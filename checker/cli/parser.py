"""The argument parser: every command, option and help text in one place."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Sequence

from checker._version import __version__
from checker.i18n import LANGUAGES, N_, _, ngettext

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeAlias

SEVERITIES = ("critical", "high", "medium", "low", "info")
SCHEMAS = (
    "project",
    "ruleset",
    "profile",
    "results",
    "results-2.0",
    "waivers",
    "questions",
    "screening-list",
    "whatif",
    "lesson",
    "translation",
)


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized without importing shutil.

    argparse makes a formatter for every option it adds (to check its
    metavar); the stock one imports shutil (and with it zlib, bz2 and lzma)
    and asks the terminal its size each time, a few milliseconds of every start.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, _columns() - 2 if width is None else width
        )


@functools.cache
def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size gives it: $COLUMNS, the terminal, or 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose sub-parsers and help use `_Formatter`, and whose errors
    about a value start with the option it was given to: "--fail-on: `hgh` is not one
    of critical, high, medium, low, info"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        # Every command takes --lang (read before parsing, checker.cli._choose_language,
        # so that help is in the language asked for); listed here for help and checking.
        self.add_argument(
            "--lang",
            type=_language_code,
            metavar="{" + ",".join(LANGUAGES) + "}",
            default=argparse.SUPPRESS,
            help=_(
                "language of messages and reports: {languages} (default: GOVCHECK_LANG, "
                "else the locale, else en)"
            ).format(languages=", ".join(LANGUAGES)),
        )

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(str(c) for c in action.choices)
            raise argparse.ArgumentError(
                None,
                _("{option}: `{value}` is not one of {choices}").format(
                    option=_option(action), value=value, choices=choices
                ),
            )

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as error:
            # argparse's own words ("invalid int value: 'x'") name a Python type.
            said = _TYPE_WORDS.get(action.type) if error.message.startswith("invalid ") else None
            words = (
                _("`{value}` is not {what}").format(value=arg_string, what=_(said))
                if said
                else error.message
            )
            raise argparse.ArgumentError(None, f"{_option(action)}: {words}") from None


def _language_code(text: str) -> str:
    """A --lang value govcheck speaks (checker.cli._choose_language has already refused
    any other before parsing; this keeps the parser's own answer the same)."""
    from checker.i18n import UnknownLanguageError, requested_language

    try:
        return requested_language({}, text)
    except UnknownLanguageError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--lang: ")) from None


def _option(action: argparse.Action) -> str:
    """The name a user knows an option by: its long form, or a positional's metavar."""
    if action.option_strings:
        return max(action.option_strings, key=len)
    return str(action.metavar or action.dest).upper()


_TYPE_WORDS: dict[Any, str] = {int: N_("a whole number"), float: N_("a number")}


def _at_least(minimum: int) -> Callable[[str], int]:
    """A whole-number option value of at least `minimum`."""

    def whole(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("`{value}` is not a whole number").format(value=text)
            ) from None
        if number < minimum:
            raise argparse.ArgumentTypeError(
                _("`{value}` is too small; at least {minimum}").format(
                    value=number, minimum=minimum
                )
            )
        return number

    return whole


def _rulesets_path(text: str) -> str:
    """A --rulesets value: a folder (or a ruleset file) that exists, refused here naming the
    option, rather than later as a problem at line 1 of a folder."""
    import os  # already imported by the interpreter's start-up: no cost

    if not os.path.exists(text):
        raise argparse.ArgumentTypeError(_("no folder or file {path}").format(path=text))
    return text


def _rulesets_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rulesets",
        action="append",
        default=[],
        metavar="DIR",
        type=_rulesets_path,
        help=_("extra folder of rulesets and profiles (repeatable)"),
    )


def _calendar_date(text: str) -> str:
    """A YYYY-MM-DD option value that is a real day, kept as the text given."""
    from datetime import date  # ~3 ms of start-up, so only once a date is given

    try:
        date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("`{value}` is not a date; write a real calendar date such as 2027-12-11").format(
                value=text
            )
        ) from None
    return text


def build_parser(
    command: str | None = None, *, with_commands: bool = True
) -> argparse.ArgumentParser:
    """The parser of every command, or only of `command` when it names one, or of none
    (only the options before a command) when `with_commands` is false.

    Building all eleven commands costs several milliseconds (argparse looks up
    a translation for every help string); a run names one command, so only
    that one is built unless the command is unknown or absent (usage, help).
    """
    # argparse's own words ("usage:", "options", "show this help message and exit") come
    # from its module-level gettext functions: ours give them in govcheck's language, in
    # English too. The stock ones look for an `argparse` catalog of the locale's language
    # at every call, which no Python ships (and import `locale` to name it: 1 ms a start).
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    parser = _Parser(
        prog="govcheck",
        description=_(
            "Check digital-infrastructure project descriptions against governance "
            "profiles (EU benchmark, minimal conditions, host-country law)."
        ),
        epilog=_(
            "Exit codes: 0 ok, 1 findings or invalid project files, 2 usage or "
            "configuration error, 3 internal error."
        ),
    )
    parser.add_argument("--version", action="version", version=f"govcheck {__version__}")
    if not with_commands:
        return parser
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")
    adders = _COMMANDS.values() if command not in _COMMANDS else [_COMMANDS[command]]
    for add in adders:
        add(commands)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The command a command line names: its first argument that is not an option."""
    return next((a for a in argv if not a.startswith("-")), None)


if TYPE_CHECKING:
    Commands: TypeAlias = argparse._SubParsersAction[Any]


def _add_check(commands: Commands) -> None:
    from checker.report import RENDERERS

    check = commands.add_parser("check", help=_("check project files against profiles"))
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_(
            "project files or folders (default: ./projects if it exists, else the bundled "
            "samples); - reads one project from standard input"
        ),
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help=_(
            "with -: the path to report the project from standard input as, whose folder "
            "its evidence files are read from (default: <stdin>, in the current folder)"
        ),
    )
    _profile_options(check, default_help=_("(repeatable; default: eu)"))
    check.add_argument(
        "--format",
        "-f",
        default="text",
        choices=["auto", *sorted(RENDERERS)],
        help=_("output format (default: text; auto: github under GitHub Actions, else text)"),
    )
    check.add_argument("-o", "--output", metavar="FILE", help=_("write the report to FILE"))
    check.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FORMAT:FILE",
        help=_("also write a report in FORMAT to FILE (repeatable; files are checked once)"),
    )
    check.add_argument(
        "--sarif-split",
        action="store_true",
        help=_(
            "write every SARIF result to a file: past GitHub's 25,000 results per run, as "
            "several files, one category each (default: one log with the most severe "
            "25,000, as on standard output)"
        ),
    )
    _waiver_options(check, _("waivers file"))
    check.add_argument(
        "--baseline",
        metavar="RESULTS.json",
        help=_("fail only on problems that are new against this earlier JSON result"),
    )
    check.add_argument(
        "--only-new",
        action="store_true",
        help=_(
            "with --baseline: list only the problems the baseline does not have (and input "
            "problems), and say how many known ones were left out (text and github formats)"
        ),
    )
    check.add_argument(
        "--schema-only",
        action="store_true",
        help=_(
            "only check that each file is a well-formed project description (YAML, keys, "
            "types, values), located file:line:col; no profile is loaded and no rule "
            "evaluated (for editors and pre-commit); exit 1 when a file is invalid"
        ),
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=_at_least(1),
        default=1,
        metavar="N",
        help=_("check files in N worker processes (default: 1)"),
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help=_("do not read or write the result and profile caches"),
    )
    _as_of_option(check)
    _out_of_scope_option(check)
    check.add_argument(
        "--allow-empty",
        action="store_true",
        help=_(
            "exit 0 when the paths hold no project file at all (a portfolio not started "
            "yet); by default a run that checked nothing exits 1"
        ),
    )
    check.add_argument(
        "--fail-on",
        default="low",
        choices=[*SEVERITIES, "none"],
        help=_(
            "exit 1 on failing or not-shown findings at or above this severity "
            "(default: low; a profile may let not-shown findings pass; none: only invalid "
            "project files exit 1, for a first look or a report-only job)"
        ),
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help=_("only the finding lines: no headers, details or summary"),
    )
    check.add_argument(
        "--show-passed",
        action="store_true",
        help=_("also list passed and not-applicable conditions (text format)"),
    )
    _include_option(check)
    _results_format_option(check)
    _color_option(check)
    check.add_argument(
        "--max-file-size",
        type=_at_least(1),
        metavar="BYTES",
        help=_("refuse project files larger than this (default: 5000000)"),
    )
    check.set_defaults(handler=_lazy("checker.cli.check_cmd", "run_check"))


def _waiver_options(parser: argparse.ArgumentParser, what: str) -> None:
    """--waivers, --today and --no-waivers, read by checker.cli.common.load_waiver_files."""
    parser.add_argument(
        "--waivers",
        action="append",
        default=[],
        metavar="FILE",
        help=_(
            "{what} (default: govcheck-waivers.yaml of the checked folder or a parent up to "
            "the repository root; see docs/review-record.md)"
        ).format(what=what),
    )
    parser.add_argument(
        "--today",
        type=_calendar_date,
        metavar="YYYY-MM-DD",
        help=_("judge waiver expiry as of this date (default: --as-of, else today)"),
    )
    parser.add_argument("--no-waivers", action="store_true", help=_("ignore every waivers file"))


def _out_of_scope_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-out-of-scope",
        action="store_true",
        help=_(
            "do not report a file that no requested profile covers (mixed portfolios); "
            "such files are still listed as out of scope"
        ),
    )


def _as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=_calendar_date,
        metavar="YYYY-MM-DD",
        help=_(
            "reference date deciding which obligations apply yet (default: today); "
            "a proposal is checked as of its planned `in_service_on` when that is later"
        ),
    )


def _add_schema(commands: Commands) -> None:
    schema = commands.add_parser("schema", help=_("print a JSON Schema (project, ruleset, ...)"))
    schema.add_argument("name", nargs="?", default="project", choices=SCHEMAS)
    schema.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE"))
    schema.add_argument(
        "--update",
        action="store_true",
        help=_("regenerate the committed schemas under checker/schemas (developers)"),
    )
    schema.set_defaults(handler=_lazy("checker.cli.misc_cmd", "run_schema"))


def _add_rules(commands: Commands) -> None:
    rules = commands.add_parser("rules", help=_("list, show and test rules"))
    rule_commands = rules.add_subparsers(title=_("rules commands"), metavar="COMMAND")
    listing = rule_commands.add_parser("list", help=_("list rules"))
    _profile_options(listing, default_help=_("(default: every rule in the catalogue)"))
    listing.add_argument("--format", "-f", default="text", choices=("text", "json"))
    listing.set_defaults(handler=_lazy("checker.cli.rules_cmd", "run_list"))
    show = rule_commands.add_parser("show", help=_("show one rule in full"))
    show.add_argument("rule_id", metavar="ID")
    _profile_options(show, default_help=_("(for effective severity and parameters)"))
    show.set_defaults(handler=_lazy("checker.cli.rules_cmd", "run_show"))
    test = rule_commands.add_parser("test", help=_("run every rule's pass/fail examples"))
    test.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_("extra ruleset or profile files or folders to load and test"),
    )
    _profile_options(test, default_help=_("(default: every rule with default parameters)"))
    test.add_argument("-v", "--verbose", action="store_true", help=_("list every example"))
    test.set_defaults(handler=_lazy("checker.cli.rules_cmd", "run_test"))
    covered = rule_commands.add_parser(
        "coverage", help=_("instruments and articles covered, attestation vs automatic, gaps")
    )
    _profile_options(covered, default_help=_("(default: the whole catalogue)"))
    covered.add_argument("--format", "-f", default="text", choices=("text", "json", "markdown"))
    covered.set_defaults(handler=_lazy("checker.cli.rules_cmd", "run_coverage"))
    docs = rule_commands.add_parser("docs", help=_("write the rule catalogue (docs/rules.md)"))
    docs.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: stdout)"))
    _rulesets_option(docs)
    docs.set_defaults(handler=_lazy("checker.cli.rules_cmd", "run_docs"))
    rules.set_defaults(handler=_help(rules))


def _add_profiles(commands: Commands) -> None:
    profiles = commands.add_parser("profiles", help=_("list, show and export profiles"))
    profile_commands = profiles.add_subparsers(title=_("profiles commands"), metavar="COMMAND")
    plist = profile_commands.add_parser("list", help=_("list profiles"))
    _rulesets_option(plist)
    plist.set_defaults(handler=_lazy("checker.cli.profiles_cmd", "run_list"))
    pshow = profile_commands.add_parser("show", help=_("show a profile"))
    pshow.add_argument("name", metavar="NAME")
    _rulesets_option(pshow)
    pshow.set_defaults(handler=_lazy("checker.cli.profiles_cmd", "run_show"))
    pexport = profile_commands.add_parser("export", help=_("export a profile as NIST OSCAL"))
    pexport.add_argument("name", metavar="NAME")
    pexport.add_argument(
        "--format",
        "-f",
        required=True,
        choices=("oscal-catalog", "oscal-profile"),
        help=_(
            "oscal-catalog: the profile's rules as controls; oscal-profile: the profile "
            "importing that catalog"
        ),
    )
    pexport.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE"))
    pexport.add_argument(
        "--catalog-href",
        metavar="HREF",
        help=_("where the oscal-profile finds its catalog (default: NAME-catalog.json)"),
    )
    _rulesets_option(pexport)
    pexport.set_defaults(handler=_lazy("checker.cli.export_cmd", "run_export"))
    pdiff = profile_commands.add_parser(
        "diff", help=_("conditions only in A, only in B, and in both but different")
    )
    pdiff.add_argument("a", metavar="A", help=_("profile name or file"))
    pdiff.add_argument("b", metavar="B", help=_("profile name or file"))
    pdiff.add_argument("--format", "-f", default="text", choices=("text", "json", "markdown"))
    pdiff.add_argument("-o", "--output", metavar="FILE")
    _rulesets_option(pdiff)
    pdiff.set_defaults(handler=_lazy("checker.cli.compare_cmd", "run_profile_diff"))
    profiles.set_defaults(handler=_help(profiles))


def _add_waive(commands: Commands) -> None:
    waive = commands.add_parser("waive", help=_("record a reviewer's waiver of a finding"))
    waive.add_argument("rule", metavar="RULE", help=_("rule id, e.g. EU-DP-DPIA"))
    waive.add_argument("project", metavar="PROJECT", help=_("project id"))
    waive.add_argument("--justification", required=True, help=_("why the finding is accepted"))
    waive.add_argument("--approved-by", required=True, help=_("who approved it"))
    waive.add_argument(
        "--expires",
        required=True,
        type=_calendar_date,
        metavar="YYYY-MM-DD",
        help=_("last day the waiver is valid"),
    )
    waive.add_argument("--ticket", help=_("link to the decision record"))
    waive.add_argument("--profile", help=_("limit the waiver to one profile"))
    waive.add_argument(
        "--pointer",
        help=_(
            "limit the waiver to findings at or inside this node: /ai_systems/0 or ai_systems[0]"
        ),
    )
    waive.add_argument(
        "--path",
        action="append",
        default=[],
        metavar="PATH",
        help=_(
            "project files or folders the waiver is for, as given to check (repeatable; "
            "default as for check); the project must be one of them"
        ),
    )
    waive.add_argument(
        "--file",
        metavar="FILE",
        help=_(
            "waivers file (default: the one `govcheck check PATH` reads; see docs/review-record.md)"
        ),
    )
    waive.add_argument(
        "--today",
        type=_calendar_date,
        metavar="YYYY-MM-DD",
        help=_(
            "record the waiver as of this date: its `created` day, the start of its horizon "
            "(default: today)"
        ),
    )
    _rulesets_option(waive)
    waive.set_defaults(handler=_lazy("checker.cli.waive_cmd", "run_waive"))


def _add_diff(commands: Commands) -> None:
    diff = commands.add_parser("diff", help=_("new, fixed and changed findings between two runs"))
    diff.add_argument("old", metavar="OLD.json")
    diff.add_argument("new", metavar="NEW.json")
    diff.add_argument("--format", "-f", default="text", choices=("text", "json", "markdown"))
    diff.add_argument("-o", "--output", metavar="FILE")
    diff.add_argument(
        "--fail-on-new", action="store_true", help=_("exit 1 when there are new problems")
    )
    diff.set_defaults(handler=_lazy("checker.cli.drift_cmd", "run_diff"))


def _add_baseline(commands: Commands) -> None:
    baseline = commands.add_parser("baseline", help=_("keep results files usable as baselines"))
    baseline_commands = baseline.add_subparsers(title=_("baseline commands"), metavar="COMMAND")
    upgrade = baseline_commands.add_parser(
        "upgrade",
        help=_("rewrite an older results file (format 1.0 or 2.0) in the current format (3.0)"),
    )
    upgrade.add_argument("old", metavar="OLD.json")
    upgrade.add_argument(
        "-o", "--output", metavar="NEW.json", help=_("where to write (default: standard output)")
    )
    upgrade.add_argument(
        "--root",
        metavar="DIR",
        help=_(
            "the folder the old check ran in, where its project files are read to name "
            "list items (default: the current folder)"
        ),
    )
    _include_option(upgrade)
    _results_format_option(upgrade)
    upgrade.set_defaults(handler=_lazy("checker.cli.drift_cmd", "run_upgrade"))
    baseline.set_defaults(handler=_help(baseline))


_INCLUDE = {
    "passed": ("pass",),
    "not_applicable": ("not_applicable",),
    "upcoming": ("upcoming",),
    "fingerprints": ("fingerprints",),
    "all": ("pass", "not_applicable", "upcoming", "fingerprints"),
}


def _include_list(text: str) -> tuple[str, ...]:
    """`passed,upcoming` -> the status values to list (an argparse type)."""
    words = [w.strip() for w in text.split(",")]
    wrong = next((w for w in words if w not in _INCLUDE), None)
    if wrong is not None:
        raise argparse.ArgumentTypeError(
            _("`{value}` is not one of: {choices} (comma-separated)").format(
                value=wrong, choices=", ".join(_INCLUDE)
            )
        )
    return tuple(s for w in words for s in _INCLUDE[w])


def _include_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        type=_include_list,
        metavar="WHAT",
        help=_(
            "JSON and OSCAL results: also list these outcomes in full (passed, not_applicable, "
            "upcoming), each finding's fingerprint (fingerprints), or all of them "
            "(comma-separated, repeatable); by default only what needs attention is listed "
            "and the rest is counted per project and profile"
        ),
    )


def _results_format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--results-format",
        choices=("3.0", "2.0"),
        default="3.0",
        metavar="VERSION",
        help=_(
            "JSON results: the format version to write, 3.0 (default) or 2.0, the layout "
            "before 3.0, for scripts not yet moved (kept for one release; "
            "docs/results-format.md)"
        ),
    )


def _add_compare(commands: Commands) -> None:
    compare = commands.add_parser(
        "compare", help=_("projects × profiles matrix: counts, area scores, deciding conditions")
    )
    compare.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_("project files or folders (default as for check)"),
    )
    _profile_options(compare, default_help=_("(repeatable; default: eu and minimal)"))
    compare.add_argument(
        "--format", "-f", default="text", choices=("text", "json", "markdown", "html")
    )
    compare.add_argument("-o", "--output", metavar="FILE")
    _waiver_options(compare, _("waivers file; waived findings count as in `check`"))
    _no_cache_option(compare)
    _as_of_option(compare)
    compare.set_defaults(handler=_lazy("checker.cli.compare_cmd", "run_compare"))


def _no_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=_("do not read or write the result cache (the one `govcheck check` keeps)"),
    )


def _add_gap(commands: Commands) -> None:
    gap = commands.add_parser("gap", help=_("what it would take for a project to meet a profile"))
    gap.add_argument("project", metavar="PROJECT", help=_("project file, or a project id"))
    _profile_options(
        gap,
        default_help=_("(the first is the target, any other is compared with; default: eu)"),
    )
    gap.add_argument(
        "--compare-with",
        action="append",
        default=[],
        metavar="PROFILE",
        help=_("also say which requirements these profiles do not ask for (default: minimal)"),
    )
    gap.add_argument("--format", "-f", default="text", choices=("text", "json", "markdown"))
    gap.add_argument("-o", "--output", metavar="FILE")
    _waiver_options(gap, _("waivers file; a waived requirement is listed as an accepted gap"))
    _no_cache_option(gap)
    _as_of_option(gap)
    gap.set_defaults(handler=_lazy("checker.cli.compare_cmd", "run_gap"))


def _add_init(commands: Commands) -> None:
    init = commands.add_parser("init", help=_("write a commented template of a new proposal"))
    init.add_argument("file", nargs="?", metavar="FILE", help=_("where to write (default: stdout)"))
    init.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    init.set_defaults(handler=_lazy("checker.cli.misc_cmd", "run_init"))


def _add_tui(commands: Commands) -> None:
    tui = commands.add_parser(
        "tui", help=_("the reviewer's terminal UI (portfolio, findings, compare)")
    )
    tui.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_("project files or folders (default as for check)"),
    )
    tui.add_argument(
        "-p",
        "--profile",
        action="append",
        default=[],
        metavar="NAME|FILE",
        help=_("profile (default: eu); a second -p is the one to compare with"),
    )
    tui.add_argument(
        "--compare",
        default=None,
        metavar="NAME|FILE",
        help=_("profile to compare with (default: minimal)"),
    )
    tui.add_argument(
        "--waivers",
        action="append",
        default=[],
        metavar="FILE",
        help=_(
            "waivers file, also where the waive form writes (default: the one "
            "`govcheck check` of the same paths reads)"
        ),
    )
    _rulesets_option(tui)
    tui.add_argument(
        "-j",
        "--jobs",
        type=_at_least(1),
        default=0,
        metavar="N",
        help=_("check files in N worker processes (default: one per CPU)"),
    )
    tui.add_argument(
        "--no-cache", action="store_true", help=_("do not read or write the result cache")
    )
    _as_of_option(tui)
    tui.set_defaults(handler=_lazy("checker.cli.tui_cmd", "run_tui"))


def _add_questions(commands: Commands) -> None:
    questions = commands.add_parser(
        "questions", help=_("per project, the questions to ask the sponsor (facts not shown)")
    )
    questions.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_("project files or folders (default as for check)"),
    )
    _profile_options(questions, default_help=_("(repeatable; default: eu)"))
    questions.add_argument(
        "--format",
        "-f",
        default="text",
        choices=("text", "markdown", "json"),
        help=_("output format (default: text; markdown: ready to paste into a letter)"),
    )
    questions.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE"))
    _as_of_option(questions)
    _waiver_options(questions, _("waivers file; waived findings are not asked"))
    _out_of_scope_option(questions)
    questions.add_argument(
        "--no-cache",
        action="store_true",
        help=_("do not read or write the result and profile caches"),
    )
    questions.set_defaults(handler=_lazy("checker.cli.questions_cmd", "run_questions"))


def _add_whatif(commands: Commands) -> None:
    whatif = commands.add_parser(
        "whatif", help=_("what moves per profile when facts of a project change (file untouched)")
    )
    whatif.add_argument("project", metavar="PROJECT", help=_("project file, or a project id"))
    whatif.add_argument(
        "--set",
        dest="changes",
        action="append",
        default=[],
        metavar="POINTER=VALUE",
        help=_("a fact to change, e.g. ai_systems/0/rbi_mode=post (repeatable; VALUE is YAML)"),
    )
    _profile_options(whatif, default_help=_("(repeatable; default: eu and minimal)"))
    whatif.add_argument("--format", "-f", default="text", choices=("text", "markdown", "json"))
    whatif.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE"))
    whatif.add_argument(
        "--save-as",
        metavar="FILE",
        help=_("also write the changed project to FILE (never over PROJECT), with provenance"),
    )
    _waiver_options(whatif, _("review record: its waivers and verifications count as in `check`"))
    _as_of_option(whatif)
    whatif.set_defaults(handler=_lazy("checker.cli.scenario_cmd", "run_whatif"))


def _add_lesson(commands: Commands) -> None:
    lesson = commands.add_parser(
        "lesson", help=_("a trainer's walkthrough: a lesson's steps and how each profile moves")
    )
    lesson.add_argument("lesson", metavar="FILE", help=_("lesson file, or a bundled lesson's id"))
    _profile_options(lesson, default_help=_("(repeatable; default: the lesson's own)"))
    lesson.add_argument("--format", "-f", default="text", choices=("text", "markdown", "html"))
    lesson.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE"))
    lesson.add_argument(
        "--play",
        action="store_true",
        help=_("play it in the terminal UI (n/p next/previous, b large text, h high contrast)"),
    )
    _as_of_option(lesson)
    lesson.set_defaults(handler=_lazy("checker.cli.scenario_cmd", "run_lesson"))


def _add_cache(commands: Commands) -> None:
    cache = commands.add_parser("cache", help=_("show or clear the result and profile caches"))
    cache_commands = cache.add_subparsers(title=_("cache commands"), metavar="COMMAND")
    info = cache_commands.add_parser("info", help=_("where the caches are and how big"))
    info.set_defaults(handler=_lazy("checker.cli.cache_cmd", "run_info"))
    clear = cache_commands.add_parser("clear", help=_("delete the caches"))
    clear.set_defaults(handler=_lazy("checker.cli.cache_cmd", "run_clear"))
    cache.set_defaults(handler=_help(cache))


def _add_screening(commands: Commands) -> None:
    from checker.screening.formats import IMPORTABLE

    screening = commands.add_parser(
        "screening", help=_("reference lists: import a publisher's file, list, match a name")
    )
    subcommands = screening.add_subparsers(title=_("screening commands"), metavar="COMMAND")
    imported = subcommands.add_parser(
        "import", help=_("read a publisher's list file (offline) into your reference folder")
    )
    imported.add_argument("--source", required=True, choices=IMPORTABLE)
    imported.add_argument(
        "file",
        metavar="FILE",
        nargs="+",
        help=_(
            "the file as downloaded (adb-sanctions, ebrd-ineligible: every saved page of the list)"
        ),
    )
    imported.add_argument(
        "--as-of",
        type=_calendar_date,
        metavar="YYYY-MM-DD",
        help=_(
            "the list's date, for formats that carry none (default: the file's own "
            "date, else its modification day)"
        ),
    )
    imported.add_argument(
        "--to",
        metavar="DIR",
        help=_(
            "reference folder (default: GOVCHECK_REFERENCE_DIR or "
            "the user data folder; docs/screening.md)"
        ),
    )
    imported.set_defaults(handler=_lazy("checker.cli.screening_cmd", "run_import"))
    listed = subcommands.add_parser("lists", help=_("the lists a check consults, with dates"))
    listed.add_argument("--format", "-f", default="text", choices=("text", "json"))
    listed.set_defaults(handler=_lazy("checker.cli.screening_cmd", "run_lists"))
    match = subcommands.add_parser("match", help=_("what one name matches on the lists"))
    match.add_argument("name", metavar="NAME")
    match.add_argument(
        "--as-of",
        type=_calendar_date,
        metavar="YYYY-MM-DD",
        help=_("the reference date: an entry whose end date is before it does not match (today)"),
    )
    match.add_argument("--format", "-f", default="text", choices=("text", "json"))
    match.set_defaults(handler=_lazy("checker.cli.screening_cmd", "run_match"))
    screening.set_defaults(handler=_help(screening))


def _add_verify(commands: Commands) -> None:
    verify = commands.add_parser(
        "verify", help=_("record that a reviewer checked a fact against its evidence")
    )
    verify.add_argument("project", metavar="PROJECT", help=_("project id"))
    verify.add_argument(
        "pointer",
        metavar="POINTER",
        nargs="?",
        help=_("the fact: /a/b/0 or a.b[0] (a section covers its facts)"),
    )
    verify.add_argument(
        "--finding",
        metavar="RULE_ID",
        help=_("instead of POINTER: every fact that rule's outcome was decided on"),
    )
    verify.add_argument("--evidence", required=True, metavar="ID", help=_("evidence entry id"))
    verify.add_argument("--by", required=True, metavar="NAME", help=_("who verified it"))
    verify.add_argument("--note", help=_("what was checked"))
    verify.add_argument(
        "--path",
        action="append",
        default=[],
        metavar="PATH",
        help=_("project files or folders, as given to check (default as for check)"),
    )
    verify.add_argument(
        "--file", metavar="FILE", help=_("review record (default: the one `govcheck check` reads)")
    )
    verify.add_argument("--today", type=_calendar_date, metavar="YYYY-MM-DD")
    _profile_options(verify, default_help=_("(with --finding; default: eu)"))
    verify.set_defaults(handler=_lazy("checker.cli.verify_cmd", "run_verify"))


_COMMANDS = {
    "check": _add_check,
    "schema": _add_schema,
    "rules": _add_rules,
    "profiles": _add_profiles,
    "waive": _add_waive,
    "verify": _add_verify,
    "diff": _add_diff,
    "screening": _add_screening,
    "baseline": _add_baseline,
    "compare": _add_compare,
    "gap": _add_gap,
    "init": _add_init,
    "tui": _add_tui,
    "cache": _add_cache,
    "questions": _add_questions,
    "whatif": _add_whatif,
    "lesson": _add_lesson,
}


def _profile_options(parser: argparse.ArgumentParser, *, default_help: str) -> None:
    parser.add_argument(
        "-p",
        "--profile",
        action="append",
        default=[],
        metavar="NAME|FILE",
        help=_("profile name or profile file {default}").format(default=default_help),
    )
    _rulesets_option(parser)


def _color_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--color",
        default="auto",
        choices=("auto", "always", "never"),
        help=_("colour output (default: auto; NO_COLOR is respected)"),
    )


def _lazy(module: str, function: str):  # type: ignore[no-untyped-def]
    def handler(args: argparse.Namespace) -> int:
        import importlib

        result: int = getattr(importlib.import_module(module), function)(args)
        return result

    return handler


def _help(parser: argparse.ArgumentParser):  # type: ignore[no-untyped-def]
    def handler(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return handler

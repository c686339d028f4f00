"""`govcheck tui`: options, defaults, and where the waive form writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from checker.bundled import projects_dir
from checker.cli import main
from checker.cli.parser import build_parser
from checker.tui.app import GovcheckApp
from checker.tui.workspace import Options
from checker.waivers.location import samples_file
from tests.conftest import Completed


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Options]:
    """The options the TUI would open with (the app itself is not run)."""
    seen: list[Options] = []

    def run(self: GovcheckApp, *args: object, **kwargs: object) -> None:
        seen.append(self.options)

    monkeypatch.setattr(GovcheckApp, "run", run)
    return seen


def test_defaults_open_the_samples_with_eu_compared_with_minimal(
    opened: list[Options], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./projects here: the bundled samples
    assert main(["tui"]) == 0
    (options,) = opened
    assert options.paths == (str(projects_dir()),)
    assert options.profiles == ("eu", "minimal")
    # The bundled samples are never written to: their record is govcheck's own, the file
    # `govcheck check` reads for them from any folder.
    assert options.target_file() == samples_file()


def test_paths_profiles_and_waivers_are_passed_on(
    opened: list[Options], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    (tmp_path / "w.yaml").write_text("waivers: []\n")  # a missing one is refused
    code = main(["tui", "mine", "-p", "host-kg", "--compare", "eu", "--waivers", "w.yaml"])
    assert code == 0
    (options,) = opened
    assert options.paths == ("mine",)
    assert options.profiles == ("host-kg", "eu")
    assert options.waivers == (Path("w.yaml"),)
    assert options.target_file() == Path("w.yaml")
    other = Options(paths=("mine",))  # no --waivers: in the folder checked
    assert other.target_file() == Path("mine") / "govcheck-waivers.yaml"


def test_the_parser_knows_the_command() -> None:
    args = build_parser().parse_args(["tui", "a", "b"])
    assert (args.paths, args.profile, args.compare, args.waivers) == (["a", "b"], [], None, [])


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        (["-p", "host-kg"], ("host-kg", "minimal")),
        (["--compare", "host-kg"], ("eu", "host-kg")),
        # `govcheck check` takes -p more than once; the TUI reads a second as the compared one
        (["-p", "host-kz", "-p", "eu"], ("host-kz", "eu")),
        (["-p", "minimal"], ("minimal",)),
    ],
)
def test_profiles_are_read_as_check_users_write_them(
    opened: list[Options],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    given: list[str],
    shown: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["tui", *given]) == 0
    (options,) = opened
    assert options.profiles == shown


@pytest.mark.parametrize(
    "given",
    [
        ["-p", "eu", "-p", "minimal", "-p", "host-kg"],
        ["-p", "eu", "-p", "minimal", "--compare", "host-kg"],
    ],
)
def test_a_third_profile_is_refused_not_dropped(
    govcheck: Callable[..., Completed], given: list[str]
) -> None:
    # It was: the last -p won, and the TUI opened without eu or minimal, saying nothing.
    done = govcheck("tui", *given)
    assert done.code == 2
    assert "eu, minimal, host-kg" in done.err
    assert "govcheck compare" in done.err
    assert "Traceback" not in done.err


def test_help_names_every_option(govcheck: Callable[..., Completed]) -> None:
    done = govcheck("tui", "--help")
    assert done.code == 0
    for option in ("--profile", "--compare", "--waivers", "--rulesets", "--as-of"):
        assert option in done.out


def test_as_of_is_the_reference_date_and_judges_waivers(
    opened: list[Options], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["tui", "--as-of", "2028-01-01"]) == 0
    (options,) = opened
    assert options.as_of == date(2028, 1, 1)
    assert options.reference() == "2028-01-01"
    assert options.day() == date(2028, 1, 1)  # waivers expire as of the same day, as in check


def test_a_bad_as_of_is_a_usage_error_naming_the_option(
    govcheck: Callable[..., Completed],
) -> None:
    done = govcheck("tui", "--as-of", "2024-13-45")
    assert done.code == 2
    assert "--as-of" in done.err
    assert "2024-13-45" in done.err
    assert "Traceback" not in done.err


def test_a_missing_waivers_file_is_refused_before_the_app_opens(
    govcheck: Callable[..., Completed], tmp_path: Path
) -> None:
    # The TUI opened, drew its portfolio and closed, then said "nope.yaml:1:1: waivers
    # file not found" with exit 0; `check` says it before anything, naming the option.
    (tmp_path / "projects").mkdir()
    done = govcheck("tui", "projects", "--waivers", "nope.yaml", cwd=tmp_path)
    assert done.code == 2
    assert done.err == "govcheck: error: --waivers: no waivers file nope.yaml\n"
